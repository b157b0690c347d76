/**
 * The Firestore documents' schemas are built on first use, not when a deployed instance imports
 * the Firestore adapter (issue 14 cold start): importing the adapters builds no schema, and a
 * schema touched for the first time reads documents exactly as written.
 */
import { describe, expect, it, vi } from "vitest";

describe("Firestore document schemas", () => {
  it("are all unbuilt after importing the Firestore adapters", async () => {
    vi.resetModules();
    const { isUnbuiltLazySchema, lazySchemasBuilt } = await import("../../../src/lazy-schema.js");
    const documents = await import("../../../src/store/firestore-documents.js");
    await import("../../../src/store/firestore.js");
    await import("../../../src/store/firestore-audience.js");
    await import("../../../src/store/catalogue-firestore.js");
    const schemas = Object.entries(documents);
    expect(schemas.length).toBeGreaterThan(15);
    for (const [name, schema] of schemas) expect([name, isUnbuiltLazySchema(schema)]).toEqual([name, true]);
    expect(lazySchemasBuilt()).toBe(0);
  });

  it("read documents as before once touched: defaults filled, wrong fields named", async () => {
    vi.resetModules();
    const { isUnbuiltLazySchema } = await import("../../../src/lazy-schema.js");
    const { ProfileDocument, BatchDocument, CatalogueYearRecord } =
      await import("../../../src/store/firestore-documents.js");
    expect(ProfileDocument.parse({ userId: "u", createdAt: 1, updatedAt: 2 })).toEqual({
      userId: "u",
      ward: null,
      topics: [],
      largeText: false,
      followed: true,
      awaiting: null,
      createdAt: 1,
      updatedAt: 2,
    });
    expect(isUnbuiltLazySchema(ProfileDocument)).toBe(false);
    const batch = {
      token: "t",
      noticeId: "n",
      index: 0,
      retryKey: "r",
      state: "pending",
      attempts: 0,
      updatedAt: 1,
    };
    expect(BatchDocument.parse({ ...batch, userIds: '["a","b"]' }).userIds).toEqual(["a", "b"]);
    const bad = BatchDocument.safeParse({ ...batch, userIds: "not json", index: 1.5 });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path.join("."))).toEqual(["index", "userIds"]);
    // A schema made from another (omit) is lazy too, and still leaves the omitted field out.
    const year = { year: 2021, label: "令和3年度", wards: [], programCount: 0, source: "s", importedAt: 1 };
    expect(CatalogueYearRecord.parse({ ...year, importedBy: "staff", revision: "r1" })).toEqual({
      ...year,
      importedBy: "staff",
    });
  });
});
