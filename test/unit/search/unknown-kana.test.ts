// Kana that nothing knows — no word of the lexicon, no reading of a kanji word, no kanji it could
// be typed for — is an inflection or a fragment of one (いう of という, こし of 掘り起こし): it is a
// weak word, not the rarest word of the message. Before, its rare syllable pair weighed as much as
// the catalogue's rarest word, and a program whose text happened to hold it (という in a
// description) outranked the one about the thing asked. Made-up programs and messages.
import { describe, expect, it } from "vitest";
import { loadGazetteer } from "../../../src/knowledge/gazetteer.js";
import { loadVocabulary } from "../../../src/knowledge/vocabulary.js";
import { loadPrebuiltIndex } from "../../../src/search/load-engine.js";
import { buildRuntimeIndex } from "../../../src/search/runtime-index.js";
import { createSearchEngine } from "../../../src/search/search-engine.js";
import type { SearchDoc } from "../../../src/search/types.js";

const docs: SearchDoc[] = [
  {
    id: "flowers",
    ward: null,
    name: "花のまちづくり",
    description: "地域の公園や通りに季節の花を植え、花壇の手入れをする。",
  },
  {
    id: "drill",
    ward: null,
    name: "防災講座",
    description: "いざという時に慌てないよう、避難の仕方を学ぶ。地域の動きを知る。",
  },
  { id: "walk", ward: null, name: "ウォーキング大会", description: "みんなで歩く催し。" },
];
const engine = createSearchEngine(
  buildRuntimeIndex(docs, loadPrebuiltIndex().lexicon),
  loadVocabulary(),
  loadGazetteer(),
);

describe("kana nothing knows", () => {
  it("is a weak word, not a topic of the message", () => {
    const words = engine.analyse("花を植えようという集まりはありますか").words;
    const fragment = words.find((w) => w.text === "いう");
    const flower = words.find((w) => w.text === "花");
    expect(fragment).toBeDefined();
    expect(fragment!.weight).toBeLessThan(flower!.weight / 2);
  });

  it("does not bring a program whose text merely holds it (という) onto the page", () => {
    for (const q of ["花を植えようという集まりはありますか", "季節の花を飾ろうという話はありますか"])
      expect(engine.search(q).results.map((h) => h.id)).toEqual(["flowers"]);
  });

  it("kana typed for a kanji word still counts in full (ぼうさい → 防災)", () => {
    const words = engine.analyse("ぼうさいの こうざ").words;
    expect(words.find((w) => w.text === "ぼうさい")?.counts).toBe(true);
    expect(engine.search("ぼうさいの こうざ").results[0]?.id).toBe("drill");
  });
});
