/**
 * The gazetteer's place keys computed at build time and stored in the prebuilt index (issue 14
 * cold start: computing them was 10–17 ms of a new instance's first question). They must be the
 * keys computed from the gazetteer, find the same places, and be used only with the gazetteer
 * they were computed from.
 */
import { describe, expect, it } from "vitest";
import {
  findPlaces,
  loadGazetteer,
  placeKeyColumns,
  usePlaceKeyColumns,
  type Gazetteer,
} from "../../../src/knowledge/gazetteer.js";
import { loadVocabulary } from "../../../src/knowledge/vocabulary.js";
import { loadPrebuiltIndex } from "../../../src/search/load-engine.js";
import { inputHash, type PrebuiltIndex } from "../../../src/search/prebuilt-index.js";
import { createSearchEngine } from "../../../src/search/search-engine.js";

const index = loadPrebuiltIndex();
const vocabulary = loadVocabulary();
const shipped = loadGazetteer();

/** Texts that name every ward and place of the gazetteer, by name, alias and reading, framed and not. */
function textsNaming(g: Gazetteer): string[] {
  const texts = g.wards.flatMap((w) => [`${w.name}の防災訓練`, `${w.reading}でウォーキング`]);
  for (const p of g.places)
    texts.push(`${p.name}校区の行事`, `${p.reading}に住んでいます`, ...p.aliases.map((a) => `${a}で集まり`));
  for (const t of g.towns?.places ?? []) texts.push(`${t.name}の近くの公園`, `${t.name}さんに聞いた`);
  return texts;
}

describe("stored place keys", () => {
  it("are in the committed index and equal the keys computed from the gazetteer", () => {
    const stored = index.placeKeys;
    expect(stored, "run `npm run build:index`").toBeDefined();
    const computed = placeKeyColumns(shipped);
    expect(stored!.of).toBe(inputHash(shipped));
    expect(stored!.keys).toEqual(computed.keys);
    expect(stored!.names).toEqual(computed.names);
    expect(stored!.wards).toEqual(computed.wards);
    expect([...stored!.flags]).toEqual([...computed.flags]);
    expect(stored!.keys.length).toBeGreaterThan(500);
  });

  it("find every place as keys computed at start do", () => {
    const computed = loadGazetteer();
    const fromIndex = loadGazetteer();
    usePlaceKeyColumns(fromIndex, () => index.placeKeys!);
    const texts = textsNaming(shipped);
    expect(texts.length).toBeGreaterThan(1000);
    for (const t of texts) expect(findPlaces(fromIndex, t), t).toEqual(findPlaces(computed, t));
  });

  it("are read by an engine over the gazetteer they were computed from, and only then", () => {
    // Spoiled names show which keys an engine's look-ups read.
    const spoiled = {
      ...index,
      placeKeys: { ...index.placeKeys!, names: index.placeKeys!.names.map(() => "（保存）") },
    } as PrebuiltIndex;
    const same = loadGazetteer();
    createSearchEngine(spoiled, vocabulary, same);
    expect(findPlaces(same, "島崎校区の行事")[0]?.name).toBe("（保存）");

    const other: Gazetteer = {
      ...loadGazetteer(),
      places: [
        ...shipped.places,
        { name: "試験町", reading: "しけんまち", ward: "東区", kind: "町", aliases: [], source: "test" },
      ],
    };
    createSearchEngine(spoiled, vocabulary, other);
    expect(findPlaces(other, "島崎校区の行事")[0]?.name).toBe("島崎");
    expect(findPlaces(other, "試験町の公園")[0]).toMatchObject({ name: "試験町", ward: "東区" });
  });
});
