/**
 * Japanese rendering of catalogue data: money in thousand yen as residents read it, and one
 * program as a readable block for `knowledge show`. Pure, so the bot's replies reuse the same
 * wording and the same rounding.
 */
import { FIGURE_KEYS, FIGURE_LABELS } from "./reconcile.js";
import type { Program } from "./schema.js";
import { programYearLabel } from "./fiscal-year.js";

/**
 * Thousands separators as `toLocaleString("en-US")` writes them (1,234,567). Figures are whole
 * numbers (the schema says so), and those are grouped by hand: the first `toLocaleString` of a
 * process loads ICU's number-format data, 15–40 ms on one core, which a new instance's first
 * answer (a program card with its budget) paid (docs/benchmarks.md, issue 14 cold start).
 * Anything else still goes through ICU, so the text is the same for every number.
 */
export function groupDigits(n: number): string {
  if (!Number.isSafeInteger(n)) return n.toLocaleString("en-US");
  const digits = String(Math.abs(n));
  let out = digits.slice(0, ((digits.length - 1) % 3) + 1);
  for (let i = out.length; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
  return n < 0 || Object.is(n, -0) ? `-${out}` : out;
}

/**
 * A figure in thousand yen (千円), as plain Japanese money: 1500 → 「150万円」, 1499 → 「149.9万円」,
 * 5 → 「5,000円」, 0 → 「0円」, null → 「不明」. 万円 keeps at most one decimal, which the
 * thousand-yen unit always allows exactly; 1億円 and more reads 「1億2,000万円」.
 */
export function formatThousandYen(value: number | null): string {
  if (value === null) return "不明";
  if (value === 0) return "0円";
  if (value < 10) return `${groupDigits(value * 1000)}円`;
  const oku = Math.floor(value / 100_000);
  const restThousand = value % 100_000;
  const man = Math.floor(restThousand / 10);
  const tenth = restThousand % 10;
  const manText = restThousand === 0 ? "" : `${groupDigits(man)}${tenth === 0 ? "" : `.${tenth}`}万`;
  return oku > 0 ? `${groupDigits(oku)}億${manText}円` : `${manText}円`;
}

/** A figure with its unit in the sheet's own terms, e.g. 「1,499千円」; null → 「不明」. */
export function formatThousandYenRaw(value: number | null): string {
  return value === null ? "不明" : `${groupDigits(value)}千円`;
}

/** Optional context for `formatProgram`: the parent and sub-items of the program, if any. */
export interface ProgramContext {
  parent?: Program;
  children?: readonly Program[];
}

/** One program as a readable Japanese block (several lines, no trailing newline). */
export function formatProgram(p: Program, context: ProgramContext = {}): string {
  const lines: string[] = [];
  lines.push(`【${p.ward}】${p.name}${p.isNew ? "（新規）" : ""}`);
  lines.push(`番号: ${p.no ?? "なし"} ／ ${p.budgetLine}`);
  lines.push(`見出し: ${p.heading}`);
  if (context.parent) lines.push(`親の事業: ${context.parent.name}（${context.parent.id}）`);
  lines.push(`内容: ${p.description}`);
  if (p.audience.length > 0) lines.push(`対象: ${p.audience.join("、")}`);
  if (p.places.length > 0) lines.push(`場所: ${p.places.join("、")}`);
  lines.push(`分野: ${p.tags.join("、")}`);
  lines.push(`${programYearLabel(p) ?? "年度不明"}の予算と決算:`);
  for (const key of FIGURE_KEYS) {
    const v = p.figures[key];
    const raw = v === null ? "" : `（${formatThousandYenRaw(v)}）`;
    lines.push(`  ${FIGURE_LABELS[key]}: ${formatThousandYen(v)}${raw}`);
  }
  if (p.figureNotes) lines.push(`金額について: ${p.figureNotes}`);
  lines.push(`実施状況: ${p.status}（${p.statusReason}）`);
  if (context.children && context.children.length > 0) {
    lines.push("この事業にふくまれる事業:");
    for (const c of context.children) lines.push(`  ${c.no ?? "・"} ${c.name}（${c.id}）`);
  }
  lines.push(`ID: ${p.id}`);
  return lines.join("\n");
}
