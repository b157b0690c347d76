/**
 * The contract every catalogue store adapter passes (src/store/catalogue-port.ts): the embedded
 * store (volatile and folder-backed) and Firestore against the real emulator.
 */
import { beforeEach, describe, expect, it } from "vitest";
import type { Program } from "../../src/knowledge/schema.js";
import type { CatalogueStores, CatalogueYear, StaffToken } from "../../src/store/catalogue-port.js";

export interface CatalogueHarness {
  create(): Promise<CatalogueStores>;
  /** Another handle on the same data (another process or client), when the adapter has one. */
  sibling?(store: CatalogueStores): Promise<CatalogueStores>;
}

const T0 = Date.UTC(2026, 3, 1);

/** Test programs (not catalogue data). */
export const program = (year: number, n: number, over: Partial<Program> = {}): Program => ({
  id: `fy${year}-higashi-m-${String(n).padStart(2, "0")}`,
  ward: "東区",
  budgetLine: "まちづくり推進経費",
  no: String(n),
  parent: null,
  name: `テスト事業${n}`,
  description: `テスト用の説明${n}`,
  heading: "テスト見出し",
  isNew: false,
  figures: { initial: 100 * n, sept: null, feb: null, settlement: null },
  status: "予定",
  statusReason: "テスト",
  tags: ["地域活動"],
  places: [],
  audience: [],
  fiscalYear: year,
  fiscalYearLabel: `テスト${year}`,
  updatedAt: T0,
  updatedBy: "test",
  ...over,
});

const yearRecord = (year: number, count: number): CatalogueYear => ({
  year,
  label: `テスト${year}`,
  wards: [{ ward: "東区", source: "test.csv", notes: [] }],
  programCount: count,
  source: "test.csv",
  importedAt: T0,
  importedBy: "test",
});

const token = (id: string, over: Partial<StaffToken> = {}): StaffToken => ({
  id,
  digest: `digest-${id}`,
  name: `職員${id}`,
  scope: { kind: "ward", ward: "東区" },
  createdAt: T0,
  createdBy: "test",
  revokedAt: null,
  ...over,
});

export function catalogueStoreContract(name: string, harness: CatalogueHarness): void {
  describe(`catalogue store contract: ${name}`, () => {
    let store: CatalogueStores;
    beforeEach(async () => {
      store = await harness.create();
    });

    it("starts empty and bumps the revision on every state change", async () => {
      expect(await store.getState()).toEqual({
        currentYear: null,
        indexVersion: null,
        revision: 0,
        changedAt: 0,
      });
      expect(await store.listYears()).toEqual([]);
      const s1 = await store.updateState({ currentYear: 2021 }, T0 + 1, 0);
      expect(s1).toEqual({ currentYear: 2021, indexVersion: null, revision: 1, changedAt: T0 + 1 });
      // A stale expected revision writes nothing.
      expect(await store.updateState({ currentYear: 2020 }, T0 + 2, 0)).toBeNull();
      const s2 = await store.updateState({ indexVersion: "v2" }, T0 + 3, null);
      expect(s2).toEqual({ currentYear: 2021, indexVersion: "v2", revision: 2, changedAt: T0 + 3 });
      expect(await store.getState()).toEqual(s2);
    });

    it("replaces a year's programs as a whole and keeps other years", async () => {
      await store.replaceYear(yearRecord(2020, 2), [program(2020, 1), program(2020, 2)]);
      await store.replaceYear(yearRecord(2021, 3), [program(2021, 1), program(2021, 2), program(2021, 3)]);
      await store.replaceYear(yearRecord(2021, 1), [program(2021, 5)]);
      expect((await store.listYears()).map((y) => [y.year, y.programCount])).toEqual([
        [2020, 2],
        [2021, 1],
      ]);
      expect((await store.listPrograms(2021)).map((p) => p.id)).toEqual(["fy2021-higashi-m-05"]);
      expect((await store.listPrograms(2020)).map((p) => p.id)).toEqual([
        "fy2020-higashi-m-01",
        "fy2020-higashi-m-02",
      ]);
      expect(await store.getProgram("fy2021-higashi-m-01")).toBeNull();
      expect(await store.getProgram("fy2020-higashi-m-02")).toEqual(program(2020, 2));
      expect(await store.getYear(2019)).toBeNull();
      expect((await store.getYear(2021))?.label).toBe("テスト2021");
    });

    it("updates a program only from the version it was read at", async () => {
      await store.replaceYear(yearRecord(2021, 1), [program(2021, 1)]);
      const edited = program(2021, 1, {
        description: "新しい説明",
        updatedAt: T0 + 10,
        updatedBy: "東区職員",
      });
      expect(await store.updateProgram(edited, T0)).toBe(true);
      // A second writer that read the old version is refused.
      expect(
        await store.updateProgram(program(2021, 1, { description: "別の説明", updatedAt: T0 + 11 }), T0),
      ).toBe(false);
      expect((await store.getProgram(edited.id))?.description).toBe("新しい説明");
      expect(await store.updateProgram(program(2021, 9), T0)).toBe(false);
    });

    it("stores large search indexes whole and prunes old versions", async () => {
      const big = "索".repeat(450_000) + "end";
      await store.putSearchIndex("2021-a", big);
      await store.putSearchIndex("2021-b", "small");
      expect(await store.getSearchIndex("2021-a")).toBe(big);
      expect(await store.getSearchIndex("missing")).toBeNull();
      await store.pruneSearchIndexes(["2021-b"]);
      expect(await store.getSearchIndex("2021-a")).toBeNull();
      expect(await store.getSearchIndex("2021-b")).toBe("small");
    });

    it("keeps vocabulary additions, question resolutions, tokens and the audit log", async () => {
      await store.addVocabulary({
        id: "v1",
        kind: "synonym",
        word: "ちびっこ",
        of: "子ども",
        by: "a",
        at: T0,
      });
      await store.addVocabulary({
        id: "v2",
        kind: "out-of-scope",
        topic: "犬の登録",
        terms: ["犬の登録"],
        where: "動物愛護センター",
        by: "a",
        at: T0 + 1,
      });
      expect((await store.listVocabulary()).map((v) => v.id)).toEqual(["v1", "v2"]);
      expect(await store.removeVocabulary("v1")).toBe(true);
      expect(await store.removeVocabulary("v1")).toBe(false);
      expect((await store.listVocabulary()).map((v) => v.id)).toEqual(["v2"]);

      await store.putResolution({
        key: "a/b ?",
        text: "A/B ?",
        action: "synonym",
        target: "x",
        by: "a",
        at: T0,
      });
      expect((await store.listResolutions()).map((r) => r.key)).toEqual(["a/b ?"]);

      await store.putStaffToken(token("t1"));
      await store.putStaffToken(token("t2", { createdAt: T0 + 1, scope: { kind: "city" } }));
      expect((await store.findStaffToken("digest-t2"))?.scope).toEqual({ kind: "city" });
      expect(await store.findStaffToken("nope")).toBeNull();
      expect(await store.revokeStaffToken("t1", T0 + 5)).toBe(true);
      expect(await store.revokeStaffToken("t1", T0 + 9)).toBe(true);
      expect((await store.findStaffToken("digest-t1"))?.revokedAt).toBe(T0 + 5);
      expect(await store.revokeStaffToken("none", T0)).toBe(false);
      expect((await store.listStaffTokens()).map((t) => t.id)).toEqual(["t1", "t2"]);

      for (let i = 0; i < 5; i += 1)
        await store.appendAudit({
          id: `a${i}`,
          at: T0 + i,
          who: "職員",
          action: "program-edit",
          target: `p${i}`,
          ward: "東区",
          before: { 説明: "前" },
          after: { 説明: `後${i}` },
        });
      const log = await store.listAudit(3);
      expect(log.map((e) => e.id)).toEqual(["a4", "a3", "a2"]);
      expect(log[0]?.after).toEqual({ 説明: "後4" });
    });

    it.runIf(harness.sibling !== undefined)("is shared with another instance on the same data", async () => {
      const other = await harness.sibling!(store);
      await store.replaceYear(yearRecord(2021, 1), [program(2021, 1)]);
      await store.updateState({ currentYear: 2021 }, T0, null);
      expect((await other.getState()).currentYear).toBe(2021);
      expect((await other.listPrograms(2021)).map((p) => p.id)).toEqual(["fy2021-higashi-m-01"]);
      await other.putStaffToken(token("t9"));
      await other.revokeStaffToken("t9", T0 + 1);
      expect((await store.findStaffToken("digest-t9"))?.revokedAt).toBe(T0 + 1);
    });
  });
}
