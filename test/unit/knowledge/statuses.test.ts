/**
 * Statuses are derived honestly from the figures and the sheets' notes: settlement 0 is never
 * shown as running, dashes are 予算外, 中止 only where a sheet says so, every status has a reason.
 */
import { describe, expect, it } from "vitest";
import { loadCatalogue } from "../../../src/knowledge/load.js";

const { programs } = loadCatalogue();
const label = (p: { id: string; status: string }) => `${p.id} (${p.status})`;

describe("statuses (every ward file present)", () => {
  it("settlement 0 ⇒ 未実施 or 中止", () => {
    const zero = programs.filter((p) => p.figures.settlement === 0);
    expect(zero.length).toBeGreaterThan(0);
    for (const p of zero) expect(["未実施", "中止"], label(p)).toContain(p.status);
  });

  it("settlement above 0 ⇒ not 未実施 and not 予算外", () => {
    for (const p of programs.filter((x) => (x.figures.settlement ?? 0) > 0)) {
      expect(["未実施", "予算外"], label(p)).not.toContain(p.status);
    }
  });

  it("未実施 ⇒ the settlement is 0, or unknown and the reason says so", () => {
    for (const p of programs.filter((x) => x.status === "未実施")) {
      if (p.figures.settlement === null)
        expect(p.statusReason, label(p)).toMatch(/読み取れ|不明|わかりません/);
      else expect(p.figures.settlement, label(p)).toBe(0);
    }
  });

  it("予算外 ⇔ a row printed with dashes: no figures at all, noted as ―", () => {
    for (const p of programs.filter((x) => x.status === "予算外")) {
      expect(Object.values(p.figures), label(p)).toEqual([null, null, null, null]);
      expect(p.figureNotes ?? "", label(p)).toMatch(/[―－-]/);
    }
    for (const p of programs.filter((x) => Object.values(x.figures).every((v) => v === null))) {
      if (/[―－]/.test(p.figureNotes ?? "")) expect(p.status, label(p)).toBe("予算外");
    }
  });

  it("中止 only with the sheet's 中止 note in the reason", () => {
    for (const p of programs.filter((x) => x.status === "中止"))
      expect(p.statusReason, label(p)).toContain("中止");
  });

  it("every null figure is explained in figureNotes", () => {
    for (const p of programs.filter((x) => Object.values(x.figures).some((v) => v === null))) {
      expect((p.figureNotes ?? "").length, label(p)).toBeGreaterThan(0);
    }
  });
});

describe("statuses of 中央区 and 東区 (sheets without cancellation notes)", () => {
  const mine = programs.filter((p) => p.ward === "中央区" || p.ward === "東区");

  it("has both wards' programs", () => {
    expect(mine.filter((p) => p.ward === "中央区").length).toBe(21);
    expect(mine.filter((p) => p.ward === "東区").length).toBe(25);
  });

  it("never says 中止 (neither sheet prints a cancellation)", () => {
    expect(mine.filter((p) => p.status === "中止").map((p) => p.id)).toEqual([]);
  });

  it("known settlement: 0 ⇒ 未実施, under half the initial budget ⇒ 一部実施, else 実施", () => {
    for (const p of mine) {
      const { initial, settlement } = p.figures;
      if (settlement === null || initial === null) continue;
      const expected = settlement === 0 ? "未実施" : settlement * 2 < initial ? "一部実施" : "実施";
      expect(p.status, p.id).toBe(expected);
    }
  });

  it("the two dash rows are 予算外 and the unknown settlements say so in their reason", () => {
    expect(mine.filter((p) => p.status === "予算外").map((p) => p.id)).toEqual(["chuo-m-18", "higashi-m-15"]);
    for (const p of mine.filter((x) => x.figures.settlement === null && x.status !== "予算外")) {
      expect(p.statusReason, p.id).toContain("読み取れません");
    }
  });
});
