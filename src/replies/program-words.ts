/**
 * Catalogue fields as residents read them. The catalogue keeps the analysts' words for staff
 * (`statusReason` cites sheet rows and totals, `figureNotes` says how a figure was read off
 * the sheet); residents get a plain sentence that agrees with the status label, and the
 * program's own `residentNote` where the status alone does not say why. Pure.
 */
import { programYearLabel } from "../knowledge/fiscal-year.js";
import type { Program } from "../knowledge/schema.js";
import { COPY } from "./copy.js";

/** Half-width katakana (「ｼﾝﾎﾞﾙﾏｰｸ」) widened: hard to read for older eyes and for learners. */
export function plainText(s: string): string {
  return s.replace(/[\uFF61-\uFF9F]+/g, (run) => run.normalize("NFKC"));
}

/**
 * Why the program has its status, in plain words: the program's `residentNote`, else a
 * sentence for the status. `null` for a program that ran as planned (the label says it all).
 */
export function statusNote(p: Program): string | null {
  if (p.residentNote) return p.residentNote;
  return COPY.program.statusNote[p.status](programYearLabel(p));
}

/** The sheet says it has no description: 「（資料に事業内容の記載はありません）内訳は①〜⑥の6事業です。」 */
const NO_DESCRIPTION = /^（資料に事業内容の記載はありません）/;
const PARTS = /内訳は.*?(\d+)事業/;

/** The description for residents: a missing one is said so plainly, without the sheet's markers. */
export function residentDescription(p: Program): string {
  const d = plainText(p.description);
  if (!NO_DESCRIPTION.test(d)) return d;
  const parts = PARTS.exec(d)?.[1];
  return parts
    ? `${COPY.program.noDescription}\n${COPY.program.madeOf(Number(parts))}`
    : COPY.program.noDescription;
}
