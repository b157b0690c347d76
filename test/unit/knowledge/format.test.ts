/** Plain-text formatting of catalogue figures (千円 → 万円, null → 不明) and programs for the CLI. */
import { describe, expect, it } from "vitest";
import { formatProgram, formatThousandYen, formatThousandYenRaw } from "../../../src/knowledge/format.js";
import { loadCatalogue } from "../../../src/knowledge/load.js";

describe("formatThousandYen", () => {
  it.each([
    [1500, "150万円"],
    [1499, "149.9万円"],
    [10, "1万円"],
    [15, "1.5万円"],
    [5, "5,000円"],
    [0, "0円"],
    [17000, "1,700万円"],
    [100_000, "1億円"],
    [123_456, "1億2,345.6万円"],
  ])("%d 千円 → %s", (v, text) => {
    expect(formatThousandYen(v)).toBe(text);
  });

  it("null → 不明", () => {
    expect(formatThousandYen(null)).toBe("不明");
    expect(formatThousandYenRaw(null)).toBe("不明");
  });

  it("raw thousand yen keeps the sheet's unit", () => {
    expect(formatThousandYenRaw(1499)).toBe("1,499千円");
  });
});

describe("formatProgram", () => {
  const { byId, programs } = loadCatalogue();

  it("shows a program's name, figures in 万円, status and reason", () => {
    const p = byId.get("chuo-m-01");
    expect(p).toBeDefined();
    if (!p) return;
    const text = formatProgram(p);
    expect(text).toContain("【中央区】地域リーダー応援事業");
    expect(text).toContain("決算額: 149.9万円（1,499千円）");
    expect(text).toContain(`実施状況: ${p.status}（${p.statusReason}）`);
    expect(text).toContain("ID: chuo-m-01");
  });

  it("marks new programs and shows unknown figures as 不明 with the note", () => {
    const p = byId.get("chuo-m-13");
    expect(p).toBeDefined();
    if (!p) return;
    const text = formatProgram(p);
    expect(text).toContain("（新規）");
    expect(text).toContain("決算額: 不明");
    expect(text).toContain(`金額について: ${p.figureNotes ?? ""}`);
  });

  it("renders every program without placeholders", () => {
    for (const p of programs) {
      const text = formatProgram(p);
      expect(text).toContain(p.name);
      expect(text).not.toMatch(/undefined|null|NaN/);
    }
  });

  it("lists sub-items and the parent when given", () => {
    const p = byId.get("higashi-m-02");
    const q = byId.get("higashi-m-03");
    if (!p || !q) throw new Error("fixture programs missing");
    expect(formatProgram(p, { children: [q] })).toContain(
      `この事業にふくまれる事業:\n  3 ${q.name}（${q.id}）`,
    );
    expect(formatProgram(q, { parent: p })).toContain(`親の事業: ${p.name}（${p.id}）`);
  });
});
