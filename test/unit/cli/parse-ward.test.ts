/** `search --ward`: ward names, slugs, and the readings and aliases the gazetteer holds (no second list of readings). */
import { describe, expect, it } from "vitest";
import { KNOWLEDGE_WARDS } from "../../../src/knowledge/known-wards.js";
import { createWardRegistry } from "../../../src/knowledge/wards.js";
import { parseWard } from "../../../src/cli/commands/search.js";
import { loadGazetteer } from "../../../src/knowledge/gazetteer.js";

describe("parseWard", () => {
  it("accepts the ward's name, its slug, and every reading and alias in knowledge/gazetteer.json", () => {
    expect(parseWard("東区")).toBe("東区");
    expect(parseWard("Higashi")).toBe("東区");
    for (const w of loadGazetteer().wards) {
      expect(parseWard(w.reading)).toBe(w.name);
      for (const a of w.aliases) expect(parseWard(a)).toBe(w.name);
    }
  });

  it("reads readings from the ward registry it is given", () => {
    const edited = createWardRegistry(
      KNOWLEDGE_WARDS.entries.map((w) => (w.name === "北区" ? { ...w, aliases: ["ほっく"] } : w)),
    );
    expect(parseWard("ほっく", edited)).toBe("北区");
    expect(parseWard("ほっく")).toBeUndefined();
  });

  it("refuses anything else", () => {
    expect(parseWard("熊本")).toBeUndefined();
    expect(parseWard("")).toBeUndefined();
  });
});
