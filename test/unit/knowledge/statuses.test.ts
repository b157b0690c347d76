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
    const spent = programs.filter((x) => (x.figures.settlement ?? 0) > 0);
    expect(spent.length).toBeGreaterThan(0);
    for (const p of spent) expect(["未実施", "予算外"], label(p)).not.toContain(p.status);
  });

  it("未実施 ⇒ the settlement is 0, or unknown and the reason says so", () => {
    const notRun = programs.filter((x) => x.status === "未実施");
    // Both branches must be exercised: zero settlements and unreadable ones.
    expect(notRun.some((p) => p.figures.settlement === 0)).toBe(true);
    expect(notRun.some((p) => p.figures.settlement === null)).toBe(true);
    for (const p of notRun) {
      if (p.figures.settlement === null)
        expect(p.statusReason, label(p)).toMatch(/読み取れ|不明|わかりません/);
      else expect(p.figures.settlement, label(p)).toBe(0);
    }
  });

  it("予算外 ⇔ a row printed with dashes: no figures at all, noted as ―", () => {
    const outside = programs.filter((x) => x.status === "予算外");
    expect(outside.length).toBeGreaterThan(0);
    for (const p of outside) {
      expect(Object.values(p.figures), label(p)).toEqual([null, null, null, null]);
      expect(p.figureNotes ?? "", label(p)).toMatch(/[―－-]/);
    }
    const dashed = programs.filter(
      (x) => Object.values(x.figures).every((v) => v === null) && /[―－]/.test(x.figureNotes ?? ""),
    );
    expect(dashed.length).toBeGreaterThan(0);
    for (const p of dashed) expect(p.status, label(p)).toBe("予算外");
  });

  it("中止 only with the sheet's 中止 note in the reason", () => {
    const cancelled = programs.filter((x) => x.status === "中止");
    expect(cancelled.length).toBeGreaterThan(0);
    for (const p of cancelled) expect(p.statusReason, label(p)).toContain("中止");
  });

  it("every null figure is explained in figureNotes", () => {
    const gaps = programs.filter((x) => Object.values(x.figures).some((v) => v === null));
    expect(gaps.length).toBeGreaterThan(0);
    for (const p of gaps) expect((p.figureNotes ?? "").length, label(p)).toBeGreaterThan(0);
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
    const known = mine.filter((p) => p.figures.initial !== null && p.figures.settlement !== null);
    expect(known.length).toBeGreaterThan(0);
    for (const p of known) {
      const { initial, settlement } = p.figures;
      if (settlement === null || initial === null) continue;
      const expected = settlement === 0 ? "未実施" : settlement * 2 < initial ? "一部実施" : "実施";
      expect(p.status, p.id).toBe(expected);
    }
  });

  it("the two dash rows are 予算外 and the unknown settlements say so in their reason", () => {
    expect(mine.filter((p) => p.status === "予算外").map((p) => p.id)).toEqual(["chuo-m-18", "higashi-m-15"]);
    const unread = mine.filter((x) => x.figures.settlement === null && x.status !== "予算外");
    expect(unread.length).toBeGreaterThan(0);
    for (const p of unread) expect(p.statusReason, p.id).toContain("読み取れません");
  });
});
