/**
 * Fiscal years as data: the 和暦 label comes from the year (through the Japanese calendar that
 * ICU ships with Node), and program ids carry the year. Pure; in knowledge/ because the catalogue
 * files, the replies and the staff tools all label years the same way.
 */

/** A Japanese fiscal year starts on 1 April; its era is the one in force on that day's summer. */
const ERA_FORMAT = new Intl.DateTimeFormat("ja-JP-u-ca-japanese", {
  era: "long",
  year: "numeric",
  timeZone: "Asia/Tokyo",
});

/** 2020 → 「令和2年度」, 2019 → 「令和元年度」 (the fiscal year most of which was 令和). */
export function warekiLabel(year: number): string {
  const era = ERA_FORMAT.format(Date.UTC(year, 6, 1));
  return `${era.replace(/^(\D+)1年$/, "$1元年")}度`;
}

/** The label → year, for 「令和3年度」 or 「2021」 typed by staff; null when it is neither. */
export function parseFiscalYear(text: string): number | null {
  const t = text.normalize("NFKC").trim();
  const western = /^(20[0-9]{2})(年度)?$/.exec(t);
  if (western) return Number(western[1]);
  const m = /^(令和|平成)(元|[0-9]{1,2})年度?$/.exec(t);
  if (!m) return null;
  const n = m[2] === "元" ? 1 : Number(m[2]);
  return m[1] === "令和" ? 2018 + n : 1988 + n;
}

const YEAR_PREFIX = /^fy([0-9]{4})-/;

/** `chuo-m-01` in 2021 → `fy2021-chuo-m-01`; an id that already has a year keeps it. */
export function yearProgramId(year: number, id: string): string {
  return YEAR_PREFIX.test(id) ? id : `fy${year}-${id}`;
}

/** The year an id carries, or null for an old (FY2020, unprefixed) id. */
export function yearOfProgramId(id: string): number | null {
  const m = YEAR_PREFIX.exec(id);
  return m ? Number(m[1]) : null;
}

/** The id without its year prefix (`fy2021-chuo-m-01` → `chuo-m-01`). */
export function baseProgramId(id: string): string {
  return id.replace(YEAR_PREFIX, "");
}

/**
 * The 和暦 label a program is shown with: the label its catalogue year gave it, else one derived
 * from its fiscal year; null when neither is known (replies then leave the year out rather than
 * guess one).
 */
export function programYearLabel(p: { fiscalYear?: number; fiscalYearLabel?: string }): string | null {
  if (p.fiscalYearLabel) return p.fiscalYearLabel;
  return p.fiscalYear === undefined ? null : warekiLabel(p.fiscalYear);
}
