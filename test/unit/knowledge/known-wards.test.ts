/**
 * The ward registry compiled in with the code (src/knowledge/known-wards.ts) is built without
 * running its schema at import (issue 14 cold start): the shipped list must therefore pass
 * `WardListSchema` exactly as written, defaults included, and importing the modules a webhook
 * instance starts with must build no zod schema at all.
 */
import { describe, expect, it, vi } from "vitest";
import gazetteer from "../../../knowledge/gazetteer.json" with { type: "json" };
import { KNOWLEDGE_WARDS } from "../../../src/knowledge/known-wards.js";
import { createWardRegistry, WardListSchema } from "../../../src/knowledge/wards.js";

describe("KNOWLEDGE_WARDS", () => {
  it("is the shipped list as the schema reads it, so skipping the check at import loses nothing", () => {
    expect(WardListSchema.parse(gazetteer.wards)).toEqual(gazetteer.wards);
    const checked = createWardRegistry(gazetteer.wards);
    expect(KNOWLEDGE_WARDS.entries).toEqual(checked.entries);
    expect(KNOWLEDGE_WARDS.names).toEqual(checked.names);
    for (const w of checked.names) {
      expect(KNOWLEDGE_WARDS.slugOf(w)).toBe(checked.slugOf(w));
      expect(KNOWLEDGE_WARDS.spellingsOf(w)).toEqual(checked.spellingsOf(w));
    }
  });

  it("importing the start-up modules that declare schemas builds none of them", async () => {
    vi.resetModules();
    const { lazySchemasBuilt } = await import("../../../src/lazy-schema.js");
    await import("../../../src/knowledge/known-wards.js");
    await import("../../../src/knowledge/schema.js");
    await import("../../../src/knowledge/gazetteer.js");
    await import("../../../src/knowledge/offices.js");
    await import("../../../src/knowledge/vocabulary.js");
    await import("../../../src/notices/notice.js");
    await import("../../../src/bulletin/bulletin.js");
    expect(lazySchemasBuilt()).toBe(0);
    // The counter counts: touching a wrapped schema builds it.
    const { WardListSchema: fresh } = await import("../../../src/knowledge/wards.js");
    expect(fresh.safeParse([]).success).toBe(false);
    expect(lazySchemasBuilt()).toBeGreaterThan(0);
  });
});
