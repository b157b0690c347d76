/**
 * What an import would change, shown to staff before they confirm: programs added, removed and
 * changed (field by field, figures included). Programs are matched by id when re-importing the
 * same year, else by ward + name (ids may shift between years' sheets). Pure.
 */
import { FIGURE_KEYS, FIGURE_LABELS } from "../knowledge/reconcile.js";
import type { Program, Ward } from "../knowledge/schema.js";
import { nameKey } from "./sheet.js";

export interface FieldChange {
  /** Japanese field name as staff know it (事業内容, 決算額 …). */
  field: string;
  before: string | number | null;
  after: string | number | null;
}

export interface ProgramRef {
  id: string;
  ward: Ward;
  name: string;
}

export interface CatalogueDiff {
  /** The year compared against (the same year when it exists, else the latest earlier year). */
  baseYear: number | null;
  added: ProgramRef[];
  removed: ProgramRef[];
  changed: Array<ProgramRef & { beforeId: string; changes: FieldChange[] }>;
  unchanged: number;
}

const TEXT_FIELDS: Array<[keyof Program, string]> = [
  ["name", "事業名"],
  ["description", "事業内容"],
  ["budgetLine", "経費区分"],
  ["no", "番号"],
  ["heading", "見出し"],
  ["status", "状況"],
  ["statusReason", "状況の理由"],
  ["department", "担当課"],
  ["contact", "連絡先"],
  ["url", "リンク"],
];

const show = (v: unknown): string | number | null =>
  v === undefined || v === null
    ? null
    : Array.isArray(v)
      ? v.join("、")
      : typeof v === "number"
        ? v
        : typeof v === "string"
          ? v
          : JSON.stringify(v);

/** Field-by-field changes from `a` to `b` (figures by column). */
export function programChanges(a: Program, b: Program): FieldChange[] {
  const out: FieldChange[] = [];
  for (const [k, label] of TEXT_FIELDS) {
    if (show(a[k]) !== show(b[k])) out.push({ field: label, before: show(a[k]), after: show(b[k]) });
  }
  for (const k of FIGURE_KEYS)
    if (a.figures[k] !== b.figures[k])
      out.push({ field: FIGURE_LABELS[k], before: a.figures[k], after: b.figures[k] });
  for (const [k, label] of [
    ["tags", "分野"],
    ["places", "場所"],
    ["audience", "対象"],
    ["alsoAskedAs", "別の聞き方"],
  ] as const)
    if (show(a[k] ?? []) !== show(b[k] ?? []))
      out.push({ field: label, before: show(a[k] ?? []), after: show(b[k] ?? []) });
  return out;
}

/**
 * Diff of `incoming` (the sheet, for `wards`) against `base` (programs of the base year). Only
 * the wards in the sheet are compared: importing one ward's sheet leaves the others alone.
 */
export function diffCatalogue(
  base: readonly Program[],
  incoming: readonly Program[],
  wards: readonly Ward[],
  baseYear: number | null,
  sameYear: boolean,
): CatalogueDiff {
  const inScope = base.filter((p) => wards.includes(p.ward));
  const ref = (p: Program): ProgramRef => ({ id: p.id, ward: p.ward, name: p.name });
  const byId = new Map(inScope.map((p) => [p.id, p]));
  const byName = new Map(inScope.map((p) => [`${p.ward}\u0000${nameKey(p.name)}`, p]));
  const matched = new Set<string>();
  const diff: CatalogueDiff = { baseYear, added: [], removed: [], changed: [], unchanged: 0 };
  for (const p of incoming) {
    const before = (sameYear ? byId.get(p.id) : undefined) ?? byName.get(`${p.ward}\u0000${nameKey(p.name)}`);
    if (!before || matched.has(before.id)) {
      diff.added.push(ref(p));
      continue;
    }
    matched.add(before.id);
    const changes = programChanges(before, p);
    if (changes.length === 0) diff.unchanged += 1;
    else diff.changed.push({ ...ref(p), beforeId: before.id, changes });
  }
  for (const p of inScope) if (!matched.has(p.id)) diff.removed.push(ref(p));
  return diff;
}
