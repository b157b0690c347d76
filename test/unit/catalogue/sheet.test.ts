/**
 * The ward sheet import: validation names row and column in Japanese, the sample FY2021 sheet
 * (test/fixtures/catalogue, sample data) parses and diffs against FY2020, and the FY2020 export
 * imports back to exactly the seeded catalogue.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { diffCatalogue } from "../../../src/catalogue/diff.js";
import { parseFiscalYear, warekiLabel, yearProgramId } from "../../../src/knowledge/fiscal-year.js";
import { seedPrograms } from "../../../src/catalogue/seed.js";
import { readSheet, sheetFormat, writeSheet } from "../../../src/catalogue/sheet-files.js";
import { parseSheet, REQUIRED_COLUMNS } from "../../../src/catalogue/sheet.js";
import { loadCatalogue } from "../../../src/knowledge/load.js";
import { ProgramSchema } from "../../../src/knowledge/schema.js";

const SAMPLE = new URL("../../fixtures/catalogue/sample-fy2021-higashi.csv", import.meta.url);
const seed = seedPrograms(loadCatalogue(), Date.UTC(2026, 0, 1), "初期データ");
const header = [...REQUIRED_COLUMNS];
const row = (over: Partial<Record<(typeof REQUIRED_COLUMNS)[number], string>> = {}): string[] => {
  const base: Record<string, string> = {
    区: "東区",
    経費区分: "まちづくり推進経費",
    番号: "1",
    事業名: "テスト事業",
    事業内容: "テストの説明",
    当初予算: "100",
    "9月補正後": "",
    "2月補正後": "",
    決算額: "",
    備考: "",
    ...over,
  };
  return header.map((h) => base[h] ?? "");
};
const opts = { year: 2021, at: 1, by: "test" };

describe("fiscal years", () => {
  it("labels years in 和暦 and reads them back", () => {
    expect(warekiLabel(2020)).toBe("令和2年度");
    expect(warekiLabel(2019)).toBe("令和元年度");
    expect(warekiLabel(2026)).toBe("令和8年度");
    expect(parseFiscalYear("令和3年度")).toBe(2021);
    expect(parseFiscalYear("２０２１")).toBe(2021);
    expect(parseFiscalYear("平成30年度")).toBe(2018);
    expect(parseFiscalYear("来年")).toBeNull();
    expect(yearProgramId(2021, "chuo-m-01")).toBe("fy2021-chuo-m-01");
    expect(yearProgramId(2021, "fy2020-chuo-m-01")).toBe("fy2020-chuo-m-01");
  });

  it("seeds FY2020 with year ids that keep the old id for old postbacks", () => {
    expect(seed.year).toMatchObject({ year: 2020, label: "令和2年度", programCount: 109 });
    const p = seed.programs.find((x) => x.legacyId === "minami-m-14-5")!;
    expect(p.id).toBe("fy2020-minami-m-14-5");
    expect(p.parent).toBe("fy2020-minami-m-14");
    for (const q of seed.programs) expect(ProgramSchema.safeParse(q).success).toBe(true);
  });
});

describe("parseSheet", () => {
  it("names every bad row and column in Japanese, and applies nothing", () => {
    const r = parseSheet(
      [
        ["タイトル行"],
        header,
        row(),
        row({ 区: "中部区", 番号: "2" }),
        row({ 番号: "3", 当初予算: "百万", 事業名: "" }),
        row({ 番号: "1", 事業名: "番号が重なる事業" }),
      ],
      opts,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => [i.row, i.column])).toEqual([
      [4, "区"],
      [5, "事業名"],
      [5, "当初予算"],
      [6, "番号"],
    ]);
    expect(r.issues[0]!.message).toBe(
      "4行目「区」: 「中部区」は熊本市の区ではありません（中央区・東区・西区・南区・北区）。",
    );
    expect(r.issues[3]!.message).toContain("3行目と重なっています");
  });

  it("names a missing header column", () => {
    const r = parseSheet([header.filter((h) => h !== "決算額"), row()], opts);
    expect(r).toEqual({
      ok: false,
      issues: [{ row: 1, column: "決算額", message: "1行目（見出し）: 「決算額」の列がありません。" }],
    });
  });

  it("refuses other wards' rows for a ward-scoped import", () => {
    const r = parseSheet([header, row(), row({ 区: "西区" })], { ...opts, onlyWard: "東区" });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]!.message).toContain("東区の行だけ");
  });

  it("reads the sample FY2021 sheet and diffs it against FY2020", async () => {
    const bytes = readFileSync(SAMPLE);
    expect(bytes.toString("utf8")).toMatch(/^【サンプルデータ】/);
    const rows = await readSheet(bytes, sheetFormat("x.csv", bytes));
    const r = parseSheet(rows, { ...opts, previous: seed.programs });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.wards).toEqual(["東区"]);
    const phone = r.programs.find((p) => p.name === "スマホ・SNS安全教室開催経費")!;
    expect(phone).toMatchObject({
      id: "fy2021-higashi-m-04",
      isNew: true,
      status: "予定",
      fiscalYearLabel: "令和3年度",
    });
    // Carried over from FY2020 by ward + name.
    const known = r.programs.find((p) => p.name === "地域防災合同訓練事業")!;
    expect(known.heading).toBe("【東区まちづくり推進経費】");
    expect(r.programs.find((p) => p.id === "fy2021-higashi-f-02")?.status).toBe("予算外");

    const d = diffCatalogue(seed.programs, r.programs, r.wards, 2020, false);
    expect(d.added.map((a) => a.name)).toEqual(["スマホ・SNS安全教室開催経費"]);
    expect(d.removed).toHaveLength(25 - 6);
    expect(d.removed.every((x) => x.ward === "東区")).toBe(true);
    const drill = d.changed.find((c) => c.name === "地域防災合同訓練事業")!;
    expect(drill.changes).toContainEqual({ field: "当初予算", before: 2776, after: 2800 });
    expect(drill.changes).toContainEqual({ field: "決算額", before: 967, after: null });
  });

  it("exports FY2020 to XLSX and imports it back unchanged", async () => {
    const xlsx = await writeSheet(seed.programs, { title: "令和2年度", sheetName: "令和2年度" });
    expect(sheetFormat("export.xlsx", xlsx)).toBe("xlsx");
    const r = parseSheet(await readSheet(xlsx, "xlsx"), {
      year: 2020,
      at: seed.year.importedAt,
      by: "初期データ",
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const strip = ({ legacyId: _l, updatedAt: _u, updatedBy: _b, ...p }: (typeof seed.programs)[number]) => p;
    expect(r.programs.map(strip)).toEqual(seed.programs.map(strip));
    expect(diffCatalogue(seed.programs, r.programs, r.wards, 2020, true)).toMatchObject({
      added: [],
      removed: [],
      changed: [],
      unchanged: 109,
    });
  });
});
