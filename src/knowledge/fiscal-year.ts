/**
 * Fiscal years as data: the 和暦 label comes from the year (through a table of the modern eras,
 * checked against the Japanese calendar that ICU ships with Node), and program ids carry the
 * year. Pure; in knowledge/ because the catalogue files, the replies and the staff tools all
 * label years the same way.
 */

/**
 * The eras of 1 July of each year from 1869 on, newest first: the first year whose 1 July falls in
 * the era, and the year before the era's year 1 (2020 − 2018 → 令和2年). A table, not
 * `Intl.DateTimeFormat("ja-JP-u-ca-japanese")`: creating that formatter loads ICU's calendar and
 * locale data, 15–60 ms of every cold start (the catalogue seed labels its year at each start;
 * docs/benchmarks.md, issue 14 fifth session). test/unit/knowledge/fiscal-year.test.ts compares
 * the table with ICU's calendar for every year to 2200, so an era ICU learns (a new one is
 * proclaimed ahead of time) fails the test until it is added here.
 */
const ERAS: readonly { name: string; fromYear: number; before: number }[] = [
  { name: "令和", fromYear: 2019, before: 2018 }, // began 2019-05-01
  { name: "平成", fromYear: 1989, before: 1988 }, // began 1989-01-08
  { name: "昭和", fromYear: 1927, before: 1925 }, // began 1926-12-25
  { name: "大正", fromYear: 1913, before: 1911 }, // began 1912-07-30: 1 July 1912 was 明治45年
  { name: "明治", fromYear: 1869, before: 1867 }, // began 1868-09-08 in ICU's calendar
];

let icuEraFormat: Intl.DateTimeFormat | undefined;

/** The era and year of 1 July of `year` (a fiscal year's era is the one in force on its summer). */
function eraYear(year: number): string {
  const era = ERAS.find((e) => year >= e.fromYear);
  if (era) return `${era.name}${year - era.before}年`;
  // Before 1869: ICU's calendar, created only here.
  icuEraFormat ??= new Intl.DateTimeFormat("ja-JP-u-ca-japanese", {
    era: "long",
    year: "numeric",
    timeZone: "Asia/Tokyo",
  });
  return icuEraFormat.format(Date.UTC(year, 6, 1));
}

/** 2020 → 「令和2年度」, 2019 → 「令和元年度」 (the fiscal year most of which was 令和). */
export function warekiLabel(year: number): string {
  return `${eraYear(year).replace(/^(\D+)1年$/, "$1元年")}度`;
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
