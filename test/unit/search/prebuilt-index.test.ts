/** The committed prebuilt search index matches a rebuild from knowledge/ byte for byte. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildSearchIndex, expectedInputHash, INDEX_PATH } from "../../../scripts/build-search-index.js";
import { serialiseIndex, type PrebuiltIndex } from "../../../src/search/prebuilt-index.js";

const committed = readFileSync(INDEX_PATH, "utf8");

describe("prebuilt search index", () => {
  it("is up to date with the catalogue, vocabulary and gazetteer", () => {
    const index = JSON.parse(committed) as PrebuiltIndex;
    expect(
      index.inputHash,
      "src/search/prebuilt/index.json is stale: run `npm run build:index` and commit the result",
    ).toBe(expectedInputHash());
  });

  it("is exactly what the builder produces (deterministic bytes)", async () => {
    const rebuilt = serialiseIndex(await buildSearchIndex());
    expect(
      rebuilt === committed,
      "src/search/prebuilt/index.json differs from a rebuild: run `npm run build:index`",
    ).toBe(true);
  }, 60_000);

  it("holds a reading for every document field with Japanese text", () => {
    const index = JSON.parse(committed) as PrebuiltIndex;
    for (const d of index.docs) {
      expect(d.readings.name, d.id).toMatch(/[\u3041-\u309f]/);
      expect(d.readings.name, d.id).not.toMatch(/\p{Script=Han}/u);
    }
    expect(index.lexicon.words["防災"]).toBe("ぼうさい");
    expect(index.lexicon.words["補助金"]).toBe("ほじょきん");
  });
});
