/** Plain-text formatting of catalogue figures (千円 → 万円, null → 不明) and programs for the CLI. */
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  formatProgram,
  formatThousandYen,
  formatThousandYenRaw,
  groupDigits,
} from "../../../src/knowledge/format.js";
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

describe("groupDigits", () => {
  afterEach(() => vi.restoreAllMocks());

  it("writes what toLocaleString('en-US') writes, for whole numbers and any other number", () => {
    const edges = [0, -0, 1, -1, 12, 999, 1000, 1001, 12_345, 999_999, 1_000_000, -1_234_567];
    const random = Array.from({ length: 2000 }, (_, i) => {
      const n = Math.floor(Math.random() * 10 ** (1 + (i % 16)));
      return i % 3 === 0 ? -n : n;
    });
    const others = [
      Number.MAX_SAFE_INTEGER,
      Number.MAX_SAFE_INTEGER + 2,
      1.5,
      1234.5678,
      -0.25,
      NaN,
      Infinity,
    ];
    for (const n of [...edges, ...random, ...others])
      expect(groupDigits(n), String(n)).toBe(n.toLocaleString("en-US"));
  });

  it("formats catalogue figures without ICU's number formatter (loaded on its first use: a cold start cost)", () => {
    const icu = vi.spyOn(Number.prototype, "toLocaleString");
    const { programs } = loadCatalogue();
    for (const p of programs)
      for (const v of Object.values(p.figures)) {
        formatThousandYen(v);
        formatThousandYenRaw(v);
      }
    expect(programs.length).toBeGreaterThan(0);
    expect(icu).not.toHaveBeenCalled();
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
