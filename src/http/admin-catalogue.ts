/**
 * The staff API for the catalogue under `/admin/api` (mounted by admin.ts behind its bearer
 * auth, which puts the acting staff member in `res.locals.identity`): fiscal years, programs and
 * their edits, import (preview → confirm) and export of ward sheets, the unanswered-questions
 * loop, the audit log, and staff tokens (city-wide tokens only). Errors are CatalogueError,
 * mapped to status by admin.ts.
 */
import { createHash, randomBytes, randomUUID } from "node:crypto";
import express, { type Request, type Response, type Router } from "express";
import * as z from "zod";
import type { CatalogueService } from "../catalogue/service.js";
import { CatalogueError, parseInput, staffWard, type Staff } from "../catalogue/staff.js";
import type { Rebuilder } from "../catalogue/rebuild.js";
import { WardSchema, type Program } from "../knowledge/schema.js";
import { KNOWLEDGE_WARDS } from "../knowledge/known-wards.js";
import type { AuditLog, StaffTokenStore } from "../store/catalogue-port.js";

/** What the catalogue routes need. */
export interface CatalogueAdminDeps {
  service: CatalogueService;
  tokens: StaffTokenStore & AuditLog;
  rebuilder: Rebuilder | null;
  /** `POST /catalogue/rebuild` waits for the build (Cloud Functions) instead of answering 202. */
  rebuildInline?: boolean;
  clock: () => number;
}

/** hex SHA-256 of a staff token: the only form in which tokens are stored. */
export const tokenDigest = (token: string): string =>
  createHash("sha256").update(token, "utf8").digest("hex");

const MAX_SHEET_BYTES = 5 * 1024 * 1024;
const YearQuery = z.coerce.number().int().min(2000).max(2100);
const ProgramsQuery = z.object({ year: YearQuery.optional(), ward: WardSchema.optional() }).strict();
const ImportQuery = z
  .object({
    year: YearQuery,
    name: z.string().max(200).default("upload"),
    digest: z.string().max(64).optional(),
  })
  .strict();
const ExportQuery = z.object({ year: YearQuery, ward: WardSchema.optional() }).strict();
const LimitQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }).strict();
/** expectedUpdatedAt: the 最終更新 the editor saw, null for a program never edited. */
const EditBody = z.object({ edit: z.unknown(), expectedUpdatedAt: z.number().int().nullable() }).strict();
const AttachBody = z.object({ text: z.string(), programId: z.string().max(100) }).strict();
const TokenBody = z
  .object({ name: z.string().trim().min(1, "名前を入力してください。").max(60), ward: WardSchema.nullable() })
  .strict();

/** A query or body (absent: empty) parsed by `schema`, or a 400 listing each field's problem. */
const parse = <T>(schema: z.ZodType<T>, value: unknown): T => parseInput(schema, value ?? {});

const staffOf = (res: Response): Staff => res.locals.identity as Staff;

function requireCity(staff: Staff): void {
  if (staff.scope.kind !== "city")
    throw new CatalogueError(403, "city-only", "この操作は市全体のトークンでだけできます。");
}

/** A program as the console lists it. */
const summary = (p: Program) => ({
  id: p.id,
  ward: p.ward,
  no: p.no,
  name: p.name,
  status: p.status,
  fiscalYear: p.fiscalYear,
  department: p.department ?? null,
  updatedAt: p.updatedAt ?? null,
  updatedBy: p.updatedBy ?? null,
});

/** The catalogue routes (mount inside the authenticated `/admin/api` router). */
export function createCatalogueAdminRouter(deps: CatalogueAdminDeps): Router {
  const { service, tokens, clock } = deps;
  const r = express.Router();
  const raw = express.raw({ type: () => true, limit: MAX_SHEET_BYTES });
  const json = express.json({ limit: "64kb" });

  r.get("/whoami", (_req, res) => {
    const s = staffOf(res);
    res.json({ name: s.name, ward: staffWard(s) });
  });

  r.get("/catalogue/years", async (_req, res) => {
    res.json({ ...(await service.years()), rebuild: service.rebuildStatus() });
  });

  r.get("/catalogue/programs", async (req, res) => {
    const q = parse(ProgramsQuery, req.query);
    const { currentYear } = await service.years();
    const year = q.year ?? currentYear;
    if (year === null) return void res.json({ year: null, programs: [] });
    res.json({ year, programs: (await service.programs(year, q.ward ?? null)).map(summary) });
  });

  r.get("/catalogue/programs/:id", async (req, res) => {
    res.json({ program: await service.program(String(req.params.id)) });
  });

  r.patch("/catalogue/programs/:id", json, async (req, res) => {
    const b = parse(EditBody, req.body);
    const out = await service.editProgram(String(req.params.id), b.edit, b.expectedUpdatedAt, staffOf(res));
    res.json(out);
  });

  const importInput = (req: Request, res: Response) => {
    const q = parse(ImportQuery, req.query);
    const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    return { q, input: { fileName: q.name, bytes, year: q.year, staff: staffOf(res) } };
  };

  r.post("/catalogue/import/preview", raw, async (req, res) => {
    const { input } = importInput(req, res);
    res.json(await service.previewImport(input));
  });

  r.post("/catalogue/import/confirm", raw, async (req, res) => {
    const { q, input } = importInput(req, res);
    if (!q.digest) throw new CatalogueError(400, "no-digest", "先に「確認」をしてください。");
    res.json(await service.confirmImport({ ...input, digest: q.digest }));
  });

  r.get("/catalogue/export", async (req, res) => {
    const q = parse(ExportQuery, req.query);
    const bytes = await service.exportYear(q.year, q.ward ?? null);
    res.set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    res.set(
      "Content-Disposition",
      `attachment; filename="catalogue-${q.year}${q.ward ? `-${encodeURIComponent(q.ward)}` : ""}.xlsx"`,
    );
    res.send(bytes);
  });

  r.post("/catalogue/rebuild", json, async (_req, res) => {
    if (!deps.rebuilder)
      throw new CatalogueError(409, "no-rebuilder", "この環境では検索をつくりなおせません。");
    if (deps.rebuildInline) {
      // Cloud Functions: the build must finish inside the request (see service.ts).
      await deps.rebuilder.run(staffOf(res).name).catch(() => undefined);
      res.status(200).json({ rebuild: deps.rebuilder.status() });
      return;
    }
    deps.rebuilder.request(staffOf(res).name);
    res.status(202).json({ rebuild: deps.rebuilder.status() });
  });

  r.get("/catalogue/unanswered", async (req, res) => {
    const q = parse(LimitQuery, req.query);
    const groups = await service.unanswered(q.limit);
    res.json({
      questions: groups.map(({ text, count, askers, lastAt }) => ({ text, count, askers, lastAt })),
    });
  });

  r.post("/catalogue/questions/attach", json, async (req, res) => {
    const b = parse(AttachBody, req.body);
    res.json(await service.attachQuestion(b.text, b.programId, staffOf(res)));
  });
  r.post("/catalogue/questions/synonym", json, async (req, res) => {
    res.json({ added: await service.addSynonym(req.body, staffOf(res)) });
  });
  r.post("/catalogue/questions/out-of-scope", json, async (req, res) => {
    res.json({ added: await service.markOutOfScope(req.body, staffOf(res)) });
  });
  r.get("/catalogue/vocabulary", async (_req, res) => {
    res.json({ vocabulary: await service.vocabulary() });
  });

  r.get("/audit", async (req, res) => {
    const q = parse(LimitQuery, req.query);
    const staff = staffOf(res);
    const ward = staffWard(staff);
    // A ward's staff see their ward's entries and city-wide ones.
    const entries = (await service.audit(q.limit)).filter(
      (e) => ward === null || e.ward === null || e.ward === ward,
    );
    res.json({ entries });
  });

  r.get("/staff-tokens", async (_req, res) => {
    requireCity(staffOf(res));
    const list = await tokens.listStaffTokens();
    // Never the digest: staff see who holds which scope.
    res.json({
      tokens: list.map((t) => ({
        id: t.id,
        name: t.name,
        ward: t.scope.kind === "ward" ? t.scope.ward : null,
        createdAt: t.createdAt,
        createdBy: t.createdBy,
        revokedAt: t.revokedAt,
      })),
    });
  });

  r.post("/staff-tokens", json, async (req, res) => {
    const staff = staffOf(res);
    requireCity(staff);
    const b = parse(TokenBody, req.body);
    const token = randomBytes(24).toString("base64url");
    const id = randomUUID();
    const at = clock();
    await tokens.putStaffToken({
      id,
      digest: tokenDigest(token),
      name: b.name,
      scope: b.ward === null ? { kind: "city" } : { kind: "ward", ward: b.ward },
      createdAt: at,
      createdBy: staff.name,
      revokedAt: null,
    });
    await tokens.appendAudit({
      id: randomUUID(),
      at,
      who: staff.name,
      action: "token-create",
      target: b.name,
      ward: b.ward,
      before: null,
      after: { id, name: b.name, ward: b.ward ?? "市全体" },
    });
    // The token is shown once; only its digest is kept.
    res.status(201).json({ id, token, name: b.name, ward: b.ward });
  });

  r.post("/staff-tokens/:id/revoke", json, async (req, res) => {
    const staff = staffOf(res);
    requireCity(staff);
    const id = String(req.params.id).slice(0, 64);
    const at = clock();
    if (!(await tokens.revokeStaffToken(id, at)))
      throw new CatalogueError(404, "no-token", "そのトークンは見つかりません。");
    await tokens.appendAudit({
      id: randomUUID(),
      at,
      who: staff.name,
      action: "token-revoke",
      target: id,
      ward: null,
      before: { revokedAt: null },
      after: { revokedAt: at },
    });
    res.json({ revoked: id });
  });

  r.get("/catalogue/meta", (_req, res) => {
    res.json({ wards: KNOWLEDGE_WARDS.names });
  });

  return r;
}
