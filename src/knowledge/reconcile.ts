/**
 * Reconciliation of the catalogue against the printed totals (計/合計): for every ward, budget
 * line and figure column, the printed total is compared with the sum of the programs' figures.
 * Pure: it receives parsed ward files and returns plain rows; `knowledge check` prints them and
 * the tests assert on them.
 *
 * Counting rules (decided from the sheets):
 * - A program with sub-items (南区 ①…⑥) counts once. The 南区 sheet prints each parent row with
 *   the sum of its sub-items (e.g. (14) 2,581 = 412+189+409+1,181+214+176) and the line total
 *   includes that parent row once, so only top-level programs (`parent === null`) are summed.
 *   When a parent's own figure is null but all its sub-items' figures are known, their sum
 *   stands in for it. Sub-items are checked against their parent separately (`checkSubItems`).
 * - A program with status 予算外 is printed with dashes (―): its null figures count as 0 and are
 *   listed as dashes, not as unknowns.
 * - Any other null figure is unknown. Amounts are never negative, so unknowns can explain a
 *   printed total that is larger than the sum, never a smaller one.
 */
import {
  BUDGET_LINES,
  type BudgetLine,
  type Figures,
  type Program,
  type Ward,
  type WardFile,
} from "./schema.js";

export const FIGURE_KEYS = [
  "initial",
  "sept",
  "feb",
  "settlement",
] as const satisfies readonly (keyof Figures)[];
export type FigureKey = (typeof FIGURE_KEYS)[number];

/** Japanese column names as printed on the sheets. */
export const FIGURE_LABELS: Record<FigureKey, string> = {
  initial: "当初予算",
  sept: "9月補正後",
  feb: "2月補正後",
  settlement: "決算額",
};

/**
 * match: sum equals the printed total; explained: the printed total is larger and null figures
 * can account for the gap; unexplained: anything else; unprinted: the sheet prints no total.
 */
export type CellVerdict = "match" | "explained" | "unexplained" | "unprinted";

export interface ReconcileCell {
  column: FigureKey;
  /** Printed total in thousand yen, or null when the sheet prints none. */
  printed: number | null;
  /** Sum of the known figures of the counted programs. */
  sum: number;
  /** printed − sum; null when nothing is printed. */
  difference: number | null;
  /** Ids of counted programs whose figure in this column is unknown (null). */
  unknown: string[];
  /** Ids of 予算外 programs counted as 0 (printed ―). */
  dashes: string[];
  verdict: CellVerdict;
}

export interface ReconcileRow {
  ward: Ward;
  budgetLine: BudgetLine;
  /** How many programs were summed (top-level programs of the line). */
  counted: number;
  cells: ReconcileCell[];
  /** True when no cell is unexplained. */
  ok: boolean;
}

export interface SubItemMismatch {
  parent: string;
  column: FigureKey;
  parentFigure: number;
  childSum: number;
  children: string[];
}

function figureOf(p: Program, key: FigureKey, children: readonly Program[]): number | null {
  const own = p.figures[key];
  if (own !== null) return own;
  if (children.length === 0) return null;
  let sum = 0;
  for (const c of children) {
    const v = c.figures[key];
    if (v === null) return null;
    sum += v;
  }
  return sum;
}

function childrenByParent(programs: readonly Program[]): Map<string, Program[]> {
  const map = new Map<string, Program[]>();
  for (const p of programs) {
    if (p.parent === null) continue;
    const list = map.get(p.parent) ?? [];
    list.push(p);
    map.set(p.parent, list);
  }
  return map;
}

/** Reconciles one ward file: one row per budget line, one cell per figure column. */
export function reconcileWard(ward: WardFile): ReconcileRow[] {
  const children = childrenByParent(ward.programs);
  return BUDGET_LINES.map((line) => {
    const counted = ward.programs.filter((p) => p.budgetLine === line && p.parent === null);
    const totals = ward.totals[line];
    const cells = FIGURE_KEYS.map((column): ReconcileCell => {
      let sum = 0;
      const unknown: string[] = [];
      const dashes: string[] = [];
      for (const p of counted) {
        const v = figureOf(p, column, children.get(p.id) ?? []);
        if (v !== null) sum += v;
        else if (p.status === "予算外") dashes.push(p.id);
        else unknown.push(p.id);
      }
      const printed = totals[column];
      const difference = printed === null ? null : printed - sum;
      let verdict: CellVerdict;
      if (difference === null) verdict = "unprinted";
      else if (difference === 0) verdict = "match";
      else if (difference > 0 && unknown.length > 0) verdict = "explained";
      else verdict = "unexplained";
      return { column, printed, sum, difference, unknown, dashes, verdict };
    });
    return {
      ward: ward.ward,
      budgetLine: line,
      counted: counted.length,
      cells,
      ok: cells.every((c) => c.verdict !== "unexplained"),
    };
  });
}

/** Reconciles every ward, in the order given. */
export function reconcileCatalogue(wards: readonly WardFile[]): ReconcileRow[] {
  return wards.flatMap(reconcileWard);
}

/**
 * Checks that sub-items add up to their parent, column by column, wherever the parent's figure
 * and all sub-items' figures are known. Also reports a sub-item whose parent id does not exist.
 */
export function checkSubItems(programs: readonly Program[]): {
  mismatches: SubItemMismatch[];
  orphans: string[];
} {
  const byId = new Map(programs.map((p) => [p.id, p]));
  const mismatches: SubItemMismatch[] = [];
  const orphans: string[] = [];
  for (const [parentId, kids] of childrenByParent(programs)) {
    const parent = byId.get(parentId);
    if (!parent) {
      orphans.push(...kids.map((k) => k.id));
      continue;
    }
    for (const column of FIGURE_KEYS) {
      const parentFigure = parent.figures[column];
      const values = kids.map((k) => k.figures[column]);
      if (parentFigure === null || values.some((v) => v === null)) continue;
      const childSum = values.reduce<number>((a, v) => a + (v ?? 0), 0);
      if (childSum !== parentFigure) {
        mismatches.push({
          parent: parentId,
          column,
          parentFigure,
          childSum,
          children: kids.map((k) => k.id),
        });
      }
    }
  }
  return { mismatches, orphans };
}
