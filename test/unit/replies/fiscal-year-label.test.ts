/**
 * The year a program is shown with comes from its data, never from a literal: an FY2021 program
 * reads 「令和3年度」 on its card, its detail, its status note, the source fallback and the staff's
 * `knowledge show` block; a knowledge/ program reads the year its ward file names; a program
 * with no year says none rather than a guessed one.
 */
import { describe, expect, it } from "vitest";
import { flexTexts as texts } from "../../helpers/flex-texts.js";
import { TEST_PROGRAMS } from "../../helpers/bot-fixtures.js";
import { programBubble } from "../../../src/replies/flex/program-bubble.js";
import { programDetail } from "../../../src/replies/flex/program-detail.js";
import { textStyle } from "../../../src/replies/flex/parts.js";
import { formatProgram } from "../../../src/knowledge/format.js";
import { loadCatalogue } from "../../../src/knowledge/load.js";
import { programYearLabel } from "../../../src/knowledge/fiscal-year.js";
import { readableSource } from "../../../src/bot/handlers/programs.js";
import type { Program, Status } from "../../../src/knowledge/schema.js";

const YEAR = /(令和|平成)(元|[0-9]+)年度/g;
const yearsIn = (s: string): string[] => [...s.matchAll(YEAR)].map((m) => m[0]);

const withStatus = (status: Status): Program => {
  const p = TEST_PROGRAMS.find((x) => x.status === status);
  if (!p) throw new Error(`no test program with status ${status}`);
  return p;
};

describe("fiscal-year labels come from the program's year", () => {
  const statuses: Status[] = ["実施", "中止", "未実施"];

  it("an FY2021 program shows 令和3年度 wherever a year is shown (card, detail, notes)", () => {
    for (const status of statuses) {
      // Only the year is set: the label is derived from it, not from copy. (The test programs'
      // staff notes name FY2020 in their own words; those are data, replaced here.)
      const p: Program = {
        ...withStatus(status),
        id: "fy2021-chuo-m-99",
        fiscalYear: 2021,
        statusReason: "テスト用の理由",
      };
      for (const large of [false, true]) {
        const style = textStyle(large);
        const shown = [...texts(programBubble(p, style)), ...texts(programDetail(p, style, null))].join("\n");
        const years = yearsIn(shown);
        expect(years.length, `${status}: the card and detail name the year`).toBeGreaterThan(0);
        expect(new Set(years)).toEqual(new Set(["令和3年度"]));
      }
      const block = formatProgram(p);
      expect(yearsIn(block)).toEqual(["令和3年度"]);
    }
  });

  it("a stored label wins over the year (the catalogue's own label)", () => {
    const p: Program = { ...withStatus("中止"), fiscalYear: 2021, fiscalYearLabel: "令和3年度" };
    expect(programYearLabel(p)).toBe("令和3年度");
    expect(yearsIn(texts(programDetail(p, textStyle(false), null)).join("\n"))).not.toContain("令和2年度");
  });

  it("the source fallback title names the program's year", () => {
    expect(readableSource("seeds/000.txt", "令和3年度")).toContain("令和3年度");
    expect(readableSource("seeds/000.txt", null)).not.toMatch(YEAR);
    // A source note with its own title keeps it.
    expect(readableSource("熊本市（令和3年度 東区まちづくりの取組み）", "令和3年度")).toBe(
      "令和3年度 東区まちづくりの取組み",
    );
  });

  it("a program without a year names no year at all", () => {
    const p = withStatus("未実施");
    expect(p.fiscalYear).toBeUndefined();
    const shown = [
      ...texts(programBubble(p, textStyle(false))),
      ...texts(programDetail(p, textStyle(false), null)),
    ];
    expect(shown.join("\n")).not.toMatch(YEAR);
  });

  it("knowledge/ programs carry the year their ward file names", () => {
    const c = loadCatalogue();
    for (const w of c.wards)
      for (const p of w.programs) {
        expect(p.fiscalYearLabel).toBe(w.fiscalYear);
        expect(p.fiscalYear).toBe(2020);
      }
  });
});
