/**
 * A ward's まちづくり sheet as rows of cells → validated programs of one fiscal year. Pure: the
 * file formats (CSV, XLSX) are read by sheet-files.ts into `string[][]`, and this module owns the
 * columns, the Japanese validation messages (row and column as staff see them in Excel) and how
 * a row becomes a program. The same columns are written by the XLSX export, so an export
 * imports back to the same programs.
 */
import {
  BUDGET_LINES,
  PROGRAM_ID_PATTERN,
  STATUSES,
  TOPIC_TAGS,
  type Program,
  type Status,
  type TopicTag,
  type Ward,
} from "../knowledge/schema.js";
import { KNOWLEDGE_WARDS } from "../knowledge/known-wards.js";
import type { WardRegistry } from "../knowledge/wards.js";
import { warekiLabel, yearProgramId } from "../knowledge/fiscal-year.js";
import { SHEET_COPY } from "./sheet-copy.js";

/** The seed's columns, in order: every sheet must have them. */
export const REQUIRED_COLUMNS = [
  "区",
  "経費区分",
  "番号",
  "事業名",
  "事業内容",
  "当初予算",
  "9月補正後",
  "2月補正後",
  "決算額",
  "備考",
] as const;

/** Columns a sheet may add; the export writes all of them so nothing is lost on the way back. */
export const OPTIONAL_COLUMNS = [
  "見出し",
  "分野",
  "対象",
  "場所",
  "状況",
  "状況の理由",
  "住民向けの説明",
  "担当課",
  "連絡先",
  "リンク",
  "新規",
  "親番号",
  "金額の注記",
  "別の聞き方",
] as const;

export type Column = (typeof REQUIRED_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number];
export const ALL_COLUMNS: readonly Column[] = [...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS];

/** One problem, for the console to list and the CLI to print. */
export interface SheetIssue {
  /** 1-based row number as in Excel (0 for the file as a whole). */
  row: number;
  column: Column | null;
  message: string;
}

export interface SheetOptions {
  year: number;
  /** Rows of other wards are refused (a ward-scoped token). */
  onlyWard?: Ward | null;
  /** The wards a row may name (the shipped registry unless given). */
  wards?: WardRegistry;
  /** Programs of the year before (or the same year), to carry tags, places and headings over by ward + name. */
  previous?: readonly Program[];
  at: number;
  by: string;
}

export type SheetResult =
  { ok: true; programs: Program[]; wards: Ward[] } | { ok: false; issues: SheetIssue[] };

const LIST_SPLIT = /[、,，／/\n]+/;
const DASH = /^[―‐－—–-]+$/;
const MAX_TEXT = 2000;

/** Text as compared for matching names across years: NFKC, no spaces. */
export const nameKey = (s: string): string => s.normalize("NFKC").replace(/\s+/g, "");

const clean = (s: string | undefined): string => (s ?? "").replace(/\r\n?/g, "\n").trim();
const list = (s: string): string[] =>
  s
    .split(LIST_SPLIT)
    .map((x) => x.trim())
    .filter(Boolean);

/** Resident phrasings may contain 「、」, so only ／ and line breaks separate them. */
const phrasings = (s: string): string[] =>
  s
    .split(/[／\n]+/)
    .map((x) => x.trim())
    .filter(Boolean);

/** 「1,500」「１５００」 → 1500; blank → null; dash → "dash"; anything else → undefined (invalid). */
export function parseAmount(raw: string): number | null | "dash" | undefined {
  const t = raw.normalize("NFKC").replace(/[,\s]/g, "");
  if (t === "") return null;
  if (DASH.test(raw.trim())) return "dash";
  if (!/^[0-9]+$/.test(t)) return undefined;
  const n = Number(t);
  return Number.isSafeInteger(n) ? n : undefined;
}

/** The id part for a printed number: 「3」→「03」, 「③」→「3」, none → null. */
export function idPartOf(no: string | null): string | null {
  if (no === null) return null;
  const t = no
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^0-9a-z]/g, "");
  if (t === "") return null;
  return /^[0-9]$/.test(t) ? `0${t}` : t;
}

/** Tags from the text, when the sheet names none and no earlier year knows the program. */
function inferTags(text: string): TopicTag[] {
  const found = TOPIC_TAGS.filter((t) => t.split("・").some((part) => text.includes(part)));
  return found.length > 0 ? found : ["地域活動"];
}

/** Where the header row is: the first row with 区 and 事業名 (title rows above it are allowed). */
function findHeader(rows: string[][]): number {
  return rows.findIndex((r) => r.some((c) => clean(c) === "区") && r.some((c) => clean(c) === "事業名"));
}

/** Parses and validates a sheet. Every problem is collected, so staff fix them in one pass. */
export function parseSheet(rows: string[][], opts: SheetOptions): SheetResult {
  const registry = opts.wards ?? KNOWLEDGE_WARDS;
  const issues: SheetIssue[] = [];
  const headerAt = findHeader(rows);
  if (headerAt < 0)
    return { ok: false, issues: [{ row: 0, column: null, message: SHEET_COPY.noHeader(REQUIRED_COLUMNS) }] };
  const headerRow = headerAt + 1;
  const index = new Map<Column, number>();
  rows[headerAt]!.forEach((c, i) => {
    const name = clean(c) as Column;
    if (!ALL_COLUMNS.includes(name)) return;
    if (index.has(name))
      issues.push({ row: headerRow, column: name, message: SHEET_COPY.duplicateColumn(headerRow, name) });
    else index.set(name, i);
  });
  for (const col of REQUIRED_COLUMNS)
    if (!index.has(col))
      issues.push({ row: headerRow, column: col, message: SHEET_COPY.missingColumn(headerRow, col) });
  if (issues.length > 0) return { ok: false, issues };

  const label = warekiLabel(opts.year);
  const previous = new Map<string, Program[]>();
  for (const p of opts.previous ?? []) {
    const key = `${p.ward}\u0000${nameKey(p.name)}`;
    previous.set(key, [...(previous.get(key) ?? []), p]);
  }
  /**
   * The earlier program a row continues: by ward and name, and where a ward has several programs
   * of that name (北区's two 地域コミュニティ形成・強化支援経費), the one with the same budget line
   * and number; a name shared with no way to tell them apart carries nothing over.
   */
  const continues = (
    ward: Ward,
    name: string,
    budgetLine: string,
    no: string | null,
  ): Program | undefined => {
    const same = previous.get(`${ward}\u0000${nameKey(name)}`) ?? [];
    if (same.length <= 1) return same[0];
    return same.find((p) => p.budgetLine === budgetLine && p.no === no);
  };

  interface Draft {
    row: number;
    program: Program;
    parentNo: string | null;
  }
  const drafts: Draft[] = [];
  const blankCounters = new Map<string, number>();

  for (let r = headerAt + 1; r < rows.length; r += 1) {
    const cells = rows[r]!;
    const row = r + 1;
    const get = (c: Column): string => {
      const i = index.get(c);
      return i === undefined ? "" : clean(cells[i]);
    };
    if (ALL_COLUMNS.every((c) => get(c) === "")) continue;
    const bad = (column: Column, message: string) =>
      issues.push({ row, column, message: SHEET_COPY.cell(row, column, message) });
    for (const c of ALL_COLUMNS) if (get(c).length > MAX_TEXT) bad(c, SHEET_COPY.tooLong(MAX_TEXT));

    const wardText = get("区").normalize("NFKC");
    const ward = wardText === "" ? undefined : registry.parse(wardText);
    if (wardText === "") bad("区", SHEET_COPY.required);
    else if (!ward) bad("区", SHEET_COPY.unknownWard(wardText, registry.names));
    else if (opts.onlyWard && ward !== opts.onlyWard)
      bad("区", SHEET_COPY.wardNotAllowed(ward, opts.onlyWard));

    const lineText = get("経費区分").normalize("NFKC");
    const budgetLine = BUDGET_LINES.find((l) => l === lineText);
    if (lineText === "") bad("経費区分", SHEET_COPY.required);
    else if (!budgetLine) bad("経費区分", SHEET_COPY.unknownLine(lineText));

    const name = get("事業名");
    if (name === "") bad("事業名", SHEET_COPY.required);
    const description = get("事業内容");
    if (description === "") bad("事業内容", SHEET_COPY.required);

    const figureCols = ["当初予算", "9月補正後", "2月補正後", "決算額"] as const;
    const amounts = figureCols.map((c) => {
      const v = parseAmount(get(c));
      if (v === undefined) bad(c, SHEET_COPY.badAmount(get(c)));
      return v;
    });
    const allDash = amounts.every((a) => a === "dash");
    const num = (a: number | null | "dash" | undefined): number | null => (typeof a === "number" ? a : null);
    const figures = {
      initial: num(amounts[0]),
      sept: num(amounts[1]),
      feb: num(amounts[2]),
      settlement: num(amounts[3]),
    };

    const statusText = get("状況");
    let status: Status | undefined;
    if (statusText !== "") {
      status = STATUSES.find((s) => s === statusText.normalize("NFKC"));
      if (!status) bad("状況", SHEET_COPY.unknownStatus(statusText));
    } else if (allDash) status = "予算外";
    else if (figures.settlement === null) status = "予定";
    else if (figures.settlement === 0) status = "未実施";
    else if (figures.initial !== null && figures.settlement * 2 < figures.initial) status = "一部実施";
    else status = "実施";

    const tagsText = list(get("分野"));
    const tags: TopicTag[] = [];
    for (const t of tagsText) {
      const tag = TOPIC_TAGS.find((x) => x === t.normalize("NFKC"));
      if (tag) tags.push(tag);
      else bad("分野", SHEET_COPY.unknownTag(t));
    }

    const url = get("リンク");
    if (url !== "" && !/^https:\/\/[^\s]+$/.test(url)) bad("リンク", SHEET_COPY.badUrl(url));
    const isNewText = get("新規").normalize("NFKC");
    if (!["", "○", "〇", "新規", "o", "O"].includes(isNewText)) bad("新規", SHEET_COPY.badFlag(isNewText));

    if (!ward || !budgetLine || !status || name === "" || description === "") continue;
    const noText = get("番号");
    const no = noText === "" ? null : noText;
    const before = continues(ward, name, budgetLine, no);
    const parentNo = get("親番号") === "" ? null : get("親番号");
    const lineKey = `${ward}\u0000${budgetLine}`;
    let part = idPartOf(no);
    if (part === null || parentNo !== null) {
      if (part === null) {
        const n = (blankCounters.get(lineKey) ?? 0) + 1;
        blankCounters.set(lineKey, n);
        part = `x${n}`;
      }
    }
    const reason =
      get("状況の理由") || get("備考") || SHEET_COPY.reason[status === "予定" ? "予定" : status](label);
    const program: Program = {
      id: yearProgramId(
        opts.year,
        `${registry.slugOf(ward)}-${budgetLine === "まちづくり推進経費" ? "m" : "f"}-${part}`,
      ),
      ward,
      budgetLine,
      no,
      parent: null,
      name,
      description,
      heading: get("見出し") || before?.heading || budgetLine,
      isNew: isNewText !== "",
      figures,
      ...(get("金額の注記") ? { figureNotes: get("金額の注記") } : {}),
      status,
      statusReason: reason,
      ...(get("住民向けの説明") ? { residentNote: get("住民向けの説明") } : {}),
      tags: tags.length > 0 ? tags : (before?.tags ?? inferTags(`${name}${description}`)),
      places: get("場所") ? list(get("場所")) : (before?.places ?? []),
      audience: get("対象") ? list(get("対象")) : (before?.audience ?? []),
      fiscalYear: opts.year,
      fiscalYearLabel: label,
      ...(get("担当課")
        ? { department: get("担当課") }
        : before?.department
          ? { department: before.department }
          : {}),
      ...(get("連絡先") ? { contact: get("連絡先") } : {}),
      ...(url ? { url } : {}),
      ...(get("別の聞き方") ? { alsoAskedAs: phrasings(get("別の聞き方")) } : {}),
      updatedAt: opts.at,
      updatedBy: opts.by,
    };
    drafts.push({ row, program, parentNo });
  }

  // Sub-items (①, ②) hang under the program with the parent number in the same ward and line.
  const byNo = new Map<string, Draft>();
  for (const d of drafts) {
    if (d.parentNo !== null || d.program.no === null) continue;
    const key = `${d.program.ward}\u0000${d.program.budgetLine}\u0000${d.program.no.normalize("NFKC")}`;
    const other = byNo.get(key);
    if (other)
      issues.push({
        row: d.row,
        column: "番号",
        message: SHEET_COPY.cell(d.row, "番号", SHEET_COPY.duplicateNo(d.program.no, other.row)),
      });
    else byNo.set(key, d);
  }
  for (const d of drafts) {
    if (d.parentNo === null) continue;
    const parent = byNo.get(
      `${d.program.ward}\u0000${d.program.budgetLine}\u0000${d.parentNo.normalize("NFKC")}`,
    );
    if (!parent) {
      issues.push({
        row: d.row,
        column: "親番号",
        message: SHEET_COPY.cell(d.row, "親番号", SHEET_COPY.unknownParent(d.parentNo)),
      });
      continue;
    }
    const sub = d.program.id
      .split("-")
      .at(-1)!
      .replace(/^0(?=[0-9]$)/, "");
    d.program.parent = parent.program.id;
    d.program.id = `${parent.program.id}-${sub}`;
  }
  const seen = new Map<string, number>();
  const reported = new Set(issues.map((i) => `${i.row}\u0000${i.column}`));
  for (const d of drafts) {
    const other = seen.get(d.program.id);
    if (other !== undefined && !reported.has(`${d.row}\u0000番号`))
      issues.push({
        row: d.row,
        column: "番号",
        message: SHEET_COPY.cell(d.row, "番号", SHEET_COPY.duplicateNo(d.program.no ?? "", other)),
      });
    else seen.set(d.program.id, d.row);
    if (!PROGRAM_ID_PATTERN.test(d.program.id))
      issues.push({
        row: d.row,
        column: "番号",
        message: SHEET_COPY.cell(d.row, "番号", SHEET_COPY.badAmount(d.program.no ?? "")),
      });
  }
  if (issues.length > 0) return { ok: false, issues: issues.sort((a, b) => a.row - b.row) };
  if (drafts.length === 0)
    return { ok: false, issues: [{ row: 0, column: null, message: SHEET_COPY.noRows }] };
  const programs = drafts.map((d) => d.program);
  const wards = registry.names.filter((w) => programs.some((p) => p.ward === w));
  return { ok: true, programs, wards };
}

/** A program as a sheet row (the export), in `ALL_COLUMNS` order. */
export function programRow(
  p: Program,
  byId: ReadonlyMap<string, Program>,
): Record<Column, string | number | null> {
  const amount = (v: number | null) => (p.status === "予算外" && v === null ? "―" : v);
  return {
    区: p.ward,
    経費区分: p.budgetLine,
    番号: p.no ?? "",
    事業名: p.name,
    事業内容: p.description,
    当初予算: amount(p.figures.initial),
    "9月補正後": amount(p.figures.sept),
    "2月補正後": amount(p.figures.feb),
    決算額: amount(p.figures.settlement),
    備考: "",
    見出し: p.heading,
    分野: p.tags.join("、"),
    対象: p.audience.join("、"),
    場所: p.places.join("、"),
    状況: p.status,
    状況の理由: p.statusReason,
    住民向けの説明: p.residentNote ?? "",
    担当課: p.department ?? "",
    連絡先: p.contact ?? "",
    リンク: p.url ?? "",
    新規: p.isNew ? "○" : "",
    親番号: p.parent === null ? "" : (byId.get(p.parent)?.no ?? ""),
    金額の注記: p.figureNotes ?? "",
    別の聞き方: (p.alsoAskedAs ?? []).join("／"),
  };
}
