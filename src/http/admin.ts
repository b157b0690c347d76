/**
 * The staff side under `/admin`: a JSON API for the notice flow (draft → edit → preview → dry
 * run → confirm → delivery report, cancel until sending starts; the server refuses a confirm
 * without a dry run of the current version or over this month's quota) and the unanswered questions, plus
 * the static staff console at `/admin/console/`.
 *
 * - Every `/admin/api` request needs `Authorization: Bearer <token>` with a token from
 *   ADMIN_TOKENS (`bearerAuth`, bearer-auth.ts), compared in constant time. Failures are 401, logged without the token, and
 *   repeated failures from one client are answered ever more slowly (then 429).
 * - Input is validated with zod; problems come back as 400 with per-field Japanese messages.
 * - Responses carry counts, never LINE user IDs. A preview goes only to the staff account
 *   configured in STAFF_PREVIEW_USER_ID, never to an id taken from a request.
 * - The console page itself holds no data, so it is served without a token; it asks for one.
 *   Its Flex preview uses the simulator's renderer, served from `shared-assets/` at `console/shared/`.
 */
import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import express, { type NextFunction, type Request, type Response, type Router } from "express";
import * as z from "zod";
import type { Messenger } from "../line/messenger.js";
import type { Logger } from "../logging.js";
import type { Store, NoticeState } from "../store/port.js";
import type { Ward } from "../knowledge/schema.js";
import { KNOWLEDGE_WARDS } from "../knowledge/known-wards.js";
import { programYearLabel } from "../knowledge/fiscal-year.js";
import { TOPICS } from "../knowledge/topics.js";
import { DomainError } from "../domain-error.js";
import { createNoticeService } from "../notices/notice-service.js";
import { NOTICE_LIMITS, toIssues } from "../notices/notice.js";
import { STATE_LABELS } from "../notices/transitions.js";
import { bearerAuth, type SlowDownOptions } from "./bearer-auth.js";
import { httpFailureOf } from "./errors.js";
import { sharedAssets } from "./shared-assets.js";
import { createCatalogueAdminRouter, tokenDigest, type CatalogueAdminDeps } from "./admin-catalogue.js";
import { CatalogueError, cityStaff, mayActFor, staffWard, type Staff } from "../catalogue/staff.js";
import { createBulletinService } from "../bulletin/bulletin-service.js";
import { BULLETIN_LIMITS, parseScope, scopeSlugs, type BulletinScope } from "../bulletin/bulletin.js";
import { bulletinMessages } from "../replies/flex/emergency.js";
import { textStyle } from "../replies/flex/parts.js";
import type { Offices } from "../knowledge/offices.js";

/** The part of the app's logger the admin router logs through. */
export type AdminLogger = Pick<Logger, "info" | "warn" | "error">;

/** What the router needs from the app's dependencies (a subset of `Deps`). */
export interface AdminDeps {
  config: { adminTokens: string[]; previewUserId: string | null; monthlyMessageQuota?: number | null };
  store: Store;
  messenger: Messenger;
  clock: () => number;
  logger: AdminLogger;
  catalogue: {
    byId: Map<string, { name: string; ward: string; fiscalYear?: number; fiscalYearLabel?: string }>;
  };
  /**
   * The catalogue's staff API, staff tokens and audit log. Without it only ADMIN_TOKENS are
   * accepted (city-wide) and nothing is audited.
   */
  catalogueAdmin?: CatalogueAdminDeps;
  /** Ward offices and disaster contacts (for the bulletin preview). */
  offices: Offices;
}

/** Options: how failed logins are slowed down (see bearer-auth.ts) and where the console is. */
export interface AdminOptions extends SlowDownOptions {
  /** Where the console's static files are (default: beside this module; a bundle copies them). */
  consoleDir?: string;
}

/** The static console files (HTML, CSS, JS), next to this module. */
export const CONSOLE_DIR = fileURLToPath(new URL("./admin-console/", import.meta.url));

/** What staff read for a refused request, by the code errors.ts gives it. */
const STAFF_MESSAGES: Record<string, string> = {
  "bad-json": "JSONの形がちがいます。",
  "too-large": "送られたデータが大きすぎます。",
  "bad-request": "リクエストがちがいます。",
};

const NOTICE_ID = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "お知らせの番号がちがいます。");
const STATES = Object.keys(STATE_LABELS) as [NoticeState, ...NoticeState[]];

const ListQuery = z.object({ state: z.enum(STATES).optional() }).strict();
const LimitQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }).strict();
const PreviewBody = z.object({ largeText: z.boolean().optional(), push: z.boolean().optional() }).strict();
const DraftPreviewBody = z.object({ notice: z.unknown(), largeText: z.boolean().optional() }).strict();
const BulletinPreviewBody = z
  .object({ scope: z.string().max(20), largeText: z.boolean().optional() })
  .strict();
const ConfirmBody = z.object({ sendAt: z.string().max(40).nullish() }).strict();
const EmptyBody = z.object({}).strict();

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value ?? {});
  if (!r.success) throw new DomainError("invalid", "invalid", "入力を確かめてください。", toIssues(r.error));
  return r.data;
}

/** Creates the `/admin` router (mount it with `app.use("/admin", createAdminRouter(deps))`). */
export function createAdminRouter(deps: AdminDeps, options: AdminOptions = {}): Router {
  const { consoleDir = CONSOLE_DIR, ...slowDown } = options;
  const { logger, store, messenger, clock, catalogue, offices } = deps;
  if (deps.config.adminTokens.length === 0)
    logger.warn({}, "ADMIN_TOKENS is empty: every /admin/api request will be refused");

  const service = createNoticeService({
    store,
    messenger,
    clock,
    findProgram: (id) => catalogue.byId.get(id),
    monthlyQuota: deps.config.monthlyMessageQuota ?? null,
  });

  const bulletins = createBulletinService({ store, clock });

  async function audit(
    staff: Staff,
    action: "notice-confirm" | "notice-cancel" | "disaster-mode",
    target: string,
    wards: string[],
    after: unknown,
  ) {
    if (!deps.catalogueAdmin) return;
    await deps.catalogueAdmin.tokens.appendAudit({
      id: randomUUID(),
      at: clock(),
      who: staff.name,
      action,
      target,
      ward: wards.length === 1 ? (wards[0] as Ward) : null,
      before: null,
      after,
    });
  }

  /** A ward-scoped token may only draft and send notices for its own ward. */
  function requireNoticeWards(staff: Staff, wards: unknown): void {
    const list = Array.isArray(wards) ? (wards as Ward[]) : [];
    if (staff.scope.kind === "ward" && (list.length === 0 || !list.every((w) => mayActFor(staff, w))))
      throw new CatalogueError(
        403,
        "out-of-scope",
        `このトークンでは${staffWard(staff)}あてのお知らせだけを扱えます。`,
      );
  }

  async function noticeWards(id: string): Promise<unknown> {
    const n = await store.getNotice(id);
    return n?.data.wards;
  }

  const api = express.Router();
  api.use(
    bearerAuth({
      tokens: deps.config.adminTokens,
      slowDown,
      logger,
      realm: "admin",
      envIdentity: cityStaff("管理者（ADMIN_TOKENS）"),
      // Staff tokens: looked up by digest on every request, so a revoked token stops at once.
      lookup: async (token) => {
        if (!deps.catalogueAdmin) return null;
        const t = await deps.catalogueAdmin.tokens.findStaffToken(tokenDigest(token));
        return t && t.revokedAt === null ? ({ name: t.name, scope: t.scope } satisfies Staff) : null;
      },
      messages: {
        unauthorized: "トークンがちがいます。",
        tooManyFailures: "失敗が多すぎます。しばらくしてからためしてください。",
      },
    }),
  );
  api.use(express.json({ limit: "32kb" }));

  api.get("/meta", (_req, res) => {
    res.json({
      wards: KNOWLEDGE_WARDS.names,
      topics: TOPICS,
      states: STATE_LABELS,
      limits: NOTICE_LIMITS,
      programs: [...catalogue.byId.entries()].map(([id, p]) => ({
        id,
        name: p.name,
        ward: p.ward,
        fiscalYearLabel: programYearLabel(p),
      })),
      previewPush: deps.config.previewUserId !== null,
    });
  });

  api.get("/notices", async (req, res) => {
    const q = parse(ListQuery, req.query);
    res.json({
      notices: await service.list(q.state ? [q.state] : undefined),
      counts: await service.countByState(),
    });
  });

  api.post("/notices", async (req, res) => {
    requireNoticeWards(res.locals.identity as Staff, (req.body as { wards?: unknown } | undefined)?.wards);
    res.status(201).json({ notice: await service.createDraft(req.body) });
  });

  // Unsaved input → the exact Flex JSON (the console's live preview).
  api.post("/preview", (req, res) => {
    const b = parse(DraftPreviewBody, req.body);
    res.json(service.previewInput(b.notice, { largeText: b.largeText ?? false }));
  });

  api.get("/notices/:id", async (req, res) => {
    res.json(await service.get(parse(NOTICE_ID, req.params.id)));
  });

  // A draft's content is replaced as a whole (the console sends the full form); the edit makes
  // any earlier dry run stale, so confirm asks for a new one.
  api.put("/notices/:id", async (req, res) => {
    const notice = await service.updateDraft(parse(NOTICE_ID, req.params.id), req.body);
    logger.info({ event: "notice-edited", noticeId: notice.id, version: notice.version }, "notice edited");
    res.json({ notice });
  });

  api.post("/notices/:id/preview", async (req, res) => {
    const id = parse(NOTICE_ID, req.params.id);
    const b = parse(PreviewBody, req.body);
    const messages = await service.preview(id, { largeText: b.largeText ?? false });
    let pushed: { ok: boolean; message?: string } | null = null;
    if (b.push) {
      if (deps.config.previewUserId === null) {
        throw new DomainError(
          "conflict",
          "no-preview-user",
          "下見を送る職員のLINEアカウントが設定されていません（STAFF_PREVIEW_USER_ID）。",
        );
      }
      const r = await service.pushPreview(id, deps.config.previewUserId);
      pushed = r.ok ? { ok: true } : { ok: false, message: `送れませんでした（${r.status}）。` };
    }
    // What LINE would refuse in these exact messages: the console shows it beside the preview.
    res.json({ messages, pushed, problems: await service.problems(id) });
  });

  api.post("/notices/:id/dry-run", async (req, res) => {
    parse(EmptyBody, req.body);
    res.json(await service.dryRun(parse(NOTICE_ID, req.params.id)));
  });

  api.post("/notices/:id/confirm", async (req, res) => {
    const b = parse(ConfirmBody, req.body);
    const id = parse(NOTICE_ID, req.params.id);
    const staff = res.locals.identity as Staff;
    const wards = await noticeWards(id);
    requireNoticeWards(staff, wards);
    const notice = await service.confirm(id, b.sendAt ?? null);
    await audit(staff, "notice-confirm", id, (wards as string[]) ?? [], {
      state: notice.state,
      sendAt: notice.sendAt,
    });
    logger.info(
      { event: "notice-confirmed", noticeId: notice.id, sendAt: notice.sendAt },
      "notice confirmed",
    );
    res.json({ notice });
  });

  api.post("/notices/:id/cancel", async (req, res) => {
    parse(EmptyBody, req.body);
    const id = parse(NOTICE_ID, req.params.id);
    const staff = res.locals.identity as Staff;
    const wards = await noticeWards(id);
    requireNoticeWards(staff, wards);
    const notice = await service.cancel(id);
    await audit(staff, "notice-cancel", id, (wards as string[]) ?? [], { state: notice.state });
    logger.info({ event: "notice-cancelled", noticeId: notice.id }, "notice cancelled");
    res.json({ notice });
  });

  // Emergency bulletins: one per ward plus the city-wide one, published and updated by staff.
  const scopeOf = (raw: string): BulletinScope => {
    const scope = parseScope(raw);
    if (!scope)
      throw new DomainError(
        "not-found",
        "not-found",
        `その地域はありません（${Object.values(scopeSlugs()).join(", ")}）。`,
      );
    return scope;
  };

  api.get("/bulletins", async (_req, res) => {
    res.json({ areas: await bulletins.list(), limits: BULLETIN_LIMITS, slugs: scopeSlugs() });
  });

  /** A ward-scoped token publishes and withdraws its own ward's bulletin only. */
  function requireBulletinScope(staff: Staff, scope: BulletinScope): void {
    if (!mayActFor(staff, scope === "all" ? null : scope))
      throw new CatalogueError(
        403,
        "out-of-scope",
        `このトークンでは${staffWard(staff)}のお知らせだけを扱えます。`,
      );
  }

  api.put("/bulletins/:scope", async (req, res) => {
    const staff = res.locals.identity as Staff;
    const scope = scopeOf(req.params.scope);
    requireBulletinScope(staff, scope);
    const bulletin = await bulletins.publish(scope, req.body);
    await audit(staff, "disaster-mode", `bulletin:${scope}`, scope === "all" ? [] : [scope], {
      published: true,
      version: bulletin.version,
    });
    logger.info(
      { event: "bulletin-published", scope: bulletin.scope, version: bulletin.version },
      "emergency bulletin published",
    );
    res.json({ bulletin });
  });

  api.post("/bulletins/:scope/withdraw", async (req, res) => {
    parse(EmptyBody, req.body);
    const staff = res.locals.identity as Staff;
    const scope = scopeOf(req.params.scope);
    requireBulletinScope(staff, scope);
    const bulletin = await bulletins.withdraw(scope);
    await audit(staff, "disaster-mode", `bulletin:${scope}`, scope === "all" ? [] : [scope], {
      published: false,
    });
    logger.info({ event: "bulletin-withdrawn", scope: bulletin.scope }, "emergency bulletin withdrawn");
    res.json({ bulletin });
  });

  // What a resident of the area sees now (their ward's bulletin, the city-wide one, the contacts).
  api.post("/bulletins/preview", async (req, res) => {
    const b = parse(BulletinPreviewBody, req.body);
    const scope = scopeOf(b.scope);
    const ward = scope === "all" ? null : scope;
    const messages = bulletinMessages(
      await bulletins.forResident(ward),
      offices,
      ward,
      textStyle(b.largeText ?? false),
    );
    res.json({ messages });
  });

  api.get("/unanswered", async (req, res) => {
    const q = parse(LimitQuery, req.query);
    // Questions staff dealt with (attached, synonym, out of scope) leave the list.
    const questions = deps.catalogueAdmin
      ? await deps.catalogueAdmin.service.unanswered(q.limit)
      : await service.unanswered(q.limit);
    // Field by field, so nothing but counts can ever reach staff from a store adapter.
    res.json({
      questions: questions.map(({ text, count, askers, lastAt }) => ({ text, count, askers, lastAt })),
    });
  });

  if (deps.catalogueAdmin) api.use(createCatalogueAdminRouter(deps.catalogueAdmin));

  api.use((_req, res) => {
    res.status(404).json({ error: "not-found", message: "そのAPIはありません。" });
  });

  // Status and code come from the one map in errors.ts; this router words the body for staff.
  api.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    if (err instanceof CatalogueError) {
      res.status(err.status).json({ error: err.code, message: err.message, issues: err.issues });
      return;
    }
    const f = httpFailureOf(err);
    if (err instanceof DomainError) {
      res.status(f.status).json({ error: f.code, message: err.message, issues: err.issues });
      return;
    }
    if (f.status < 500) {
      res
        .status(f.status)
        .json({ error: f.code, message: STAFF_MESSAGES[f.code] ?? STAFF_MESSAGES["bad-request"] });
      return;
    }
    logger.error(
      { event: "admin-error", path: req.path, err: err instanceof Error ? err.message : String(err) },
      "admin API error",
    );
    res.status(500).json({ error: "internal", message: "サーバーでエラーが起きました。" });
  });

  const router = express.Router();
  router.use("/api", api);
  router.get("/", (_req, res) => res.redirect(302, "/admin/console/"));
  router.get("/console", (req, res, next) =>
    req.originalUrl.endsWith("/") ? next() : res.redirect(301, "/admin/console/"),
  );
  router.use("/console", (_req, res, next) => {
    // The console loads only its own files; no inline script, no framing.
    res.set(
      "Content-Security-Policy",
      "default-src 'self'; img-src 'self' https: data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'",
    );
    res.set("X-Content-Type-Options", "nosniff");
    res.set("Referrer-Policy", "no-referrer");
    next();
  });
  // The Flex renderer the simulator uses too: the preview is drawn as LINE draws it.
  router.use("/console/shared", sharedAssets());
  router.use("/console", express.static(consoleDir, { index: "index.html", fallthrough: false, maxAge: 0 }));
  return router;
}
