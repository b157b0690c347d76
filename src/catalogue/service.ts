/**
 * What staff do with the catalogue, whatever the door (admin API, CLI): list years and programs,
 * import a year (preview with diff → confirm, all or nothing), export, edit a program, and deal
 * with unanswered questions. Every change is checked against the staff member's scope, written
 * to the audit log with before and after, bumps the state revision (instances reload) and asks
 * for a search rebuild. Receives the store and the rebuilder; no HTTP, no files.
 */
import { createHash, randomUUID } from "node:crypto";
import * as z from "zod";
import { lazySchema } from "../lazy-schema.js";
import type { Catalogue } from "../knowledge/load.js";
import { STATUSES, type Program, type Ward } from "../knowledge/schema.js";
import type {
  AuditEntry,
  CatalogueStores,
  CatalogueYear,
  QuestionResolution,
  VocabularyAddition,
} from "../store/catalogue-port.js";
import type { UnansweredGroup, UnansweredStore } from "../store/port.js";
import { questionKey } from "../store/question-key.js";
import { diffCatalogue, programChanges, type CatalogueDiff } from "./diff.js";
import type { WardRegistry } from "../knowledge/wards.js";
import { warekiLabel } from "../knowledge/fiscal-year.js";
import type { Rebuilder } from "./rebuild.js";
import { seedCatalogue } from "./seed.js";
import { parseSheet, type SheetIssue } from "./sheet.js";
import { SHEET_COPY } from "./sheet-copy.js";
import { CatalogueError, mayActFor, parseInput, staffWard, type Staff } from "./staff.js";

/**
 * The CSV/XLSX readers (exceljs, csv-parse: ~3 MB of code) are loaded on the first import or
 * export only, so an instance that only answers residents never parses them at start-up.
 */
const sheetFiles = () => import("./sheet-files.js");

export interface CatalogueServiceDeps {
  store: CatalogueStores;
  /** For the unanswered list the quality loop works from. */
  questions: UnansweredStore;
  rebuilder: Rebuilder | null;
  clock: () => number;
  /** The knowledge/ catalogue, the seed. */
  seed: Catalogue;
  /** The wards a sheet's rows may name (the shipped registry unless given). */
  wards?: WardRegistry;
  /**
   * Wait for the search rebuild before a change returns (Cloud Functions: CPU stops with the
   * response, so a background build would starve); else the build runs in the background.
   */
  rebuildInline?: boolean;
}

export interface ImportInput {
  fileName: string;
  bytes: Uint8Array;
  year: number;
  staff: Staff;
}

export interface ImportPreview {
  year: number;
  label: string;
  wards: Ward[];
  programs: number;
  diff: CatalogueDiff;
  /** Pass back to confirm: it changes when the file or the stored catalogue changes. */
  digest: string;
}

/** The fields staff edit in the console. */
export const ProgramEditSchema = lazySchema(() =>
  z
    .object({
      description: z.string().trim().min(1, "説明を入力してください。").max(2000).optional(),
      status: z.enum(STATUSES).optional(),
      statusReason: z.string().trim().min(1, "状況の理由を入力してください。").max(500).optional(),
      department: z.string().trim().max(100).optional(),
      contact: z.string().trim().max(200).optional(),
      url: z
        .string()
        .trim()
        .max(500)
        .refine(
          (u) => u === "" || /^https:\/\/[^\s]+$/.test(u),
          "https:// ではじまるアドレスにしてください。",
        )
        .optional(),
      alsoAskedAs: z.array(z.string().trim().min(1).max(200)).max(50).optional(),
    })
    .strict(),
);
export type ProgramEdit = z.infer<typeof ProgramEditSchema>;

const EDIT_LABELS: Record<keyof ProgramEdit, string> = {
  description: "説明",
  status: "状況",
  statusReason: "状況の理由",
  department: "担当課",
  contact: "連絡先",
  url: "リンク",
  alsoAskedAs: "別の聞き方",
};

/** Creates the catalogue service. */
export function createCatalogueService(deps: CatalogueServiceDeps) {
  const { store, clock } = deps;

  async function audit(e: Omit<AuditEntry, "id" | "at">): Promise<void> {
    await store.appendAudit({ id: randomUUID(), at: clock(), ...e });
  }

  /**
   * Asks for the search rebuild. Inline, a failed build does not undo the change: the rebuilder
   * records and reports the error, the old index keeps answering, and the scheduled job (or the
   * next change) builds again.
   */
  async function rebuild(staff: Staff): Promise<void> {
    if (!deps.rebuilder) return;
    if (!deps.rebuildInline) return deps.rebuilder.request(staff.name);
    await deps.rebuilder.run(staff.name).catch(() => undefined);
  }

  /** The year's programs, or the latest earlier year's, to compare an import with. */
  async function baseFor(
    year: number,
  ): Promise<{ baseYear: number | null; programs: Program[]; sameYear: boolean }> {
    const years = (await store.listYears()).map((y) => y.year);
    if (years.includes(year))
      return { baseYear: year, programs: await store.listPrograms(year), sameYear: true };
    const earlier = years.filter((y) => y < year).sort((a, b) => b - a)[0];
    return earlier === undefined
      ? { baseYear: null, programs: [], sameYear: false }
      : { baseYear: earlier, programs: await store.listPrograms(earlier), sameYear: false };
  }

  async function parse(input: ImportInput) {
    if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100)
      throw new CatalogueError(400, "bad-year", "年度は 2021 のような西暦で指定してください。");
    if (input.bytes.length === 0) throw new CatalogueError(400, "empty-file", SHEET_COPY.emptyFile);
    const { readSheet, sheetFormat } = await sheetFiles();
    let rows: string[][];
    try {
      rows = await readSheet(input.bytes, sheetFormat(input.fileName, input.bytes));
    } catch {
      throw new CatalogueError(400, "bad-file", SHEET_COPY.badFile);
    }
    const base = await baseFor(input.year);
    const result = parseSheet(rows, {
      year: input.year,
      onlyWard: staffWard(input.staff),
      ...(deps.wards ? { wards: deps.wards } : {}),
      previous: base.programs,
      at: clock(),
      by: input.staff.name,
    });
    if (!result.ok)
      throw new CatalogueError(
        400,
        "invalid-sheet",
        "シートに直すところがあります。",
        toIssues(result.issues),
      );
    const diff = diffCatalogue(base.programs, result.programs, result.wards, base.baseYear, base.sameYear);
    const state = await store.getState();
    const digest = createHash("sha256")
      .update(String(input.year))
      .update("\u0000")
      .update(input.bytes)
      .update(`\u0000${state.revision}`)
      .digest("hex")
      .slice(0, 32);
    return { result, diff, digest, state };
  }

  async function requireProgram(id: string): Promise<Program> {
    const p = await store.getProgram(id);
    if (!p) throw new CatalogueError(404, "no-program", "その事業は見つかりません。");
    return p;
  }

  function requireWard(staff: Staff, ward: Ward | null): void {
    if (!mayActFor(staff, ward))
      throw new CatalogueError(
        403,
        "out-of-scope",
        `このトークンでは${staffWard(staff) ?? ""}の事業だけを変えられます。`,
      );
  }

  async function bump(): Promise<void> {
    await store.updateState({}, clock(), null);
  }

  /**
   * Edits a program. `expectedUpdatedAt` is the 最終更新 the editor saw (null: never edited);
   * another edit since then is a conflict, never a silent overwrite. undefined skips the check
   * (internal callers that just read the program).
   */
  async function editProgram(
    id: string,
    edit: unknown,
    expectedUpdatedAt: number | null | undefined,
    staff: Staff,
  ) {
    const patch = parseInput(ProgramEditSchema, edit ?? {});
    const before = await requireProgram(id);
    requireWard(staff, before.ward);
    if (expectedUpdatedAt !== undefined && (before.updatedAt ?? null) !== expectedUpdatedAt) throw conflict();
    const next: Program = { ...before };
    for (const [k, v] of Object.entries(patch) as Array<
      [keyof ProgramEdit, ProgramEdit[keyof ProgramEdit]]
    >) {
      if (v === undefined) continue;
      // An emptied optional field is removed, not stored as "".
      if (v === "" && (k === "department" || k === "contact" || k === "url")) delete next[k];
      else (next as Record<string, unknown>)[k] = v;
    }
    const changes = programChanges(before, next);
    if (changes.length === 0) return { program: before, changed: false };
    next.updatedAt = clock();
    next.updatedBy = staff.name;
    if (!(await store.updateProgram(next, before.updatedAt))) throw conflict();
    await bump();
    const fields = Object.keys(patch) as Array<keyof ProgramEdit>;
    await audit({
      who: staff.name,
      action: "program-edit",
      target: id,
      ward: before.ward,
      before: Object.fromEntries(fields.map((k) => [EDIT_LABELS[k], before[k] ?? null])),
      after: Object.fromEntries(fields.map((k) => [EDIT_LABELS[k], next[k] ?? null])),
    });
    await rebuild(staff);
    return { program: next, changed: true };
  }

  /** Who added a vocabulary entry, and when. */
  const stamp = (staff: Staff) => ({ id: randomUUID(), by: staff.name, at: clock() });

  /**
   * Stores a word staff added from an unanswered question, audits it, marks the question dealt
   * with (its resolution target is `resolvedAs`) and rebuilds the search index.
   */
  async function addVocabulary(
    question: string,
    entry: VocabularyAddition,
    audited: { target: string; after: unknown },
    resolvedAs: string,
    staff: Staff,
  ): Promise<VocabularyAddition> {
    await store.addVocabulary(entry);
    await audit({ who: staff.name, action: "vocabulary-add", ward: null, before: null, ...audited });
    await resolve(question, entry.kind, resolvedAs, staff);
    await bump();
    await rebuild(staff);
    return entry;
  }

  async function resolve(text: string, action: QuestionResolution["action"], target: string, staff: Staff) {
    const r: QuestionResolution = {
      key: questionKey(text),
      text,
      action,
      target,
      by: staff.name,
      at: clock(),
    };
    await store.putResolution(r);
    await audit({
      who: staff.name,
      action: "question-resolve",
      target: text,
      ward: null,
      before: null,
      after: { action, target },
    });
  }

  const QuestionText = z.string().trim().min(1, "質問が空です。").max(500);

  return {
    /** Seeds the store from knowledge/ when it is empty. */
    seed: (staff: Staff) => seedCatalogue(store, deps.seed, { now: clock(), by: staff.name }),

    async years(): Promise<{
      years: CatalogueYear[];
      currentYear: number | null;
      indexVersion: string | null;
      revision: number;
    }> {
      const [years, state] = await Promise.all([store.listYears(), store.getState()]);
      return {
        years,
        currentYear: state.currentYear,
        indexVersion: state.indexVersion,
        revision: state.revision,
      };
    },

    async programs(year: number, ward: Ward | null): Promise<Program[]> {
      const all = await store.listPrograms(year);
      return ward ? all.filter((p) => p.ward === ward) : all;
    },

    program: requireProgram,

    async previewImport(input: ImportInput): Promise<ImportPreview> {
      const { result, diff, digest } = await parse(input);
      return {
        year: input.year,
        label: warekiLabel(input.year),
        wards: result.wards,
        programs: result.programs.length,
        diff,
        digest,
      };
    },

    /** Applies an import previewed with `digest`; refuses when the file or the store changed since. */
    async confirmImport(
      input: ImportInput & { digest: string },
    ): Promise<ImportPreview & { currentYear: number | null }> {
      const { result, diff, digest, state } = await parse(input);
      if (digest !== input.digest)
        throw new CatalogueError(
          409,
          "stale-preview",
          "確認のあとで内容が変わりました。もう一度「確認」からやりなおしてください。",
        );
      const existing = await store.listPrograms(input.year);
      const kept = existing.filter((p) => !result.wards.includes(p.ward));
      const oldYear = await store.getYear(input.year);
      const label = warekiLabel(input.year);
      const wards = [
        ...(oldYear?.wards ?? []).filter((w) => !result.wards.includes(w.ward)),
        ...result.wards.map((ward) => ({ ward, source: `${input.fileName}（${label}）`, notes: [] })),
      ];
      const programs = [...kept, ...result.programs];
      const yearRecord: CatalogueYear = {
        year: input.year,
        label,
        wards,
        programCount: programs.length,
        source: input.fileName,
        importedAt: clock(),
        importedBy: input.staff.name,
      };
      await store.replaceYear(yearRecord, programs);
      const makeCurrent = state.currentYear === null || input.year >= state.currentYear;
      const next = await store.updateState(makeCurrent ? { currentYear: input.year } : {}, clock(), null);
      await audit({
        who: input.staff.name,
        action: "catalogue-import",
        target: String(input.year),
        ward: result.wards.length === 1 ? result.wards[0]! : null,
        before: oldYear ? { programs: existing.length, source: oldYear.source } : null,
        after: {
          programs: programs.length,
          wards: result.wards,
          source: input.fileName,
          added: diff.added.length,
          removed: diff.removed.length,
          changed: diff.changed.length,
        },
      });
      await rebuild(input.staff);
      return {
        year: input.year,
        label,
        wards: result.wards,
        programs: result.programs.length,
        diff,
        digest,
        currentYear: next?.currentYear ?? null,
      };
    },

    async exportYear(year: number, ward: Ward | null = null): Promise<Buffer> {
      const y = await store.getYear(year);
      if (!y) throw new CatalogueError(404, "no-year", `${year}年度の事業はありません。`);
      const programs = (await store.listPrograms(year)).filter((p) => ward === null || p.ward === ward);
      const { writeSheet } = await sheetFiles();
      return writeSheet(programs, {
        title: `${y.label} まちづくりの取組（${new Date(clock()).toISOString().slice(0, 10)} 書き出し）`,
        sheetName: y.label,
      });
    },

    editProgram,

    /** Unanswered questions minus those staff dealt with (unless asked again since). */
    async unanswered(limit: number): Promise<UnansweredGroup[]> {
      const resolutions = await store.listResolutions();
      const resolvedAt = new Map(resolutions.map((r) => [r.key, r.at]));
      const groups = await deps.questions.listUnanswered(limit + resolutions.length);
      return groups.filter((g) => (resolvedAt.get(questionKey(g.text)) ?? -1) < g.lastAt).slice(0, limit);
    },

    /** (a) The question becomes an "also asked as" phrasing of a program. */
    async attachQuestion(text: unknown, programId: string, staff: Staff) {
      const q = parseInput(QuestionText, text);
      const p = await requireProgram(programId);
      const also = [...new Set([...(p.alsoAskedAs ?? []), q])];
      const r = await editProgram(programId, { alsoAskedAs: also }, p.updatedAt, staff);
      await resolve(q, "also-asked-as", programId, staff);
      return r;
    },

    /** (b) A word of the question becomes a synonym of a catalogue word. */
    async addSynonym(input: unknown, staff: Staff): Promise<VocabularyAddition> {
      const b = parseInput(
        z
          .object({
            text: QuestionText,
            word: z.string().trim().min(1).max(40),
            of: z.string().trim().min(1).max(40),
          })
          .strict(),
        input,
      );
      if (b.word === b.of) throw new CatalogueError(400, "same-word", "同じことばどうしは登録できません。");
      return addVocabulary(
        b.text,
        { ...stamp(staff), kind: "synonym", word: b.word, of: b.of },
        { target: b.word, after: { word: b.word, of: b.of } },
        `${b.word}=${b.of}`,
        staff,
      );
    },

    /** (c) The question is about something the catalogue does not cover; say where to ask. */
    async markOutOfScope(input: unknown, staff: Staff): Promise<VocabularyAddition> {
      const b = parseInput(
        z
          .object({
            text: QuestionText,
            topic: z.string().trim().min(1).max(40),
            terms: z.array(z.string().trim().min(1).max(40)).min(1).max(20),
            where: z.string().trim().min(1, "どこに聞けばよいかを書いてください。").max(200),
          })
          .strict(),
        input,
      );
      return addVocabulary(
        b.text,
        { ...stamp(staff), kind: "out-of-scope", topic: b.topic, terms: b.terms, where: b.where },
        { target: b.topic, after: { outOfScope: b.terms, where: b.where } },
        b.topic,
        staff,
      );
    },

    vocabulary: () => store.listVocabulary(),
    audit: (limit: number) => store.listAudit(limit),
    rebuildStatus: () => deps.rebuilder?.status() ?? null,
  };
}

export type CatalogueService = ReturnType<typeof createCatalogueService>;

const conflict = () =>
  new CatalogueError(
    409,
    "conflict",
    "ほかの人が先に変えました。画面を読みなおしてから、もう一度変えてください。",
  );

const toIssues = (issues: SheetIssue[]) =>
  issues.map((i) => ({ row: i.row, column: i.column, message: i.message }));
