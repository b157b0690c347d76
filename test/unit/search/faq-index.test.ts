/**
 * A FAQ corpus is indexed as the catalogue is: kuromoji at build time learns the corpus's own
 * words, so the engine reads a foreign corpus's words whole (the catalogue's lexicon cut
 * アカウント into アカ + ウント, which then matched unrelated entries).
 */
import { describe, expect, it } from "vitest";
import { kuromojiIndexBuilder } from "../../../src/catalogue/kuromoji-builder.js";
import { evaluateFaqSet } from "../../../src/cli/faq-eval.js";
import { loadGazetteer } from "../../../src/knowledge/gazetteer.js";
import { loadVocabulary } from "../../../src/knowledge/vocabulary.js";
import { faqToSearchDoc } from "../../../src/search/faq-doc.js";
import { createSearchEngine } from "../../../src/search/search-engine.js";

const corpus = {
  "1": "このアカウントの配信について教えてください。",
  "2": "アカデミーの講座はいつありますか？",
  "3": "保育園の入園手続きを教えてください。",
};

describe("FAQ corpus index", () => {
  const vocabulary = loadVocabulary();
  const gazetteer = loadGazetteer();
  const build = kuromojiIndexBuilder();

  it("reads the corpus's own words whole", async () => {
    const index = await build({
      docs: Object.entries(corpus).map(([id, t]) => faqToSearchDoc(id, t)),
      vocabulary,
      gazetteer,
    });
    const engine = createSearchEngine(index, vocabulary, gazetteer, { abstain: false });
    expect(engine.analyse("アカウントの配信を止めたい").words.map((w) => w.text)).toContain("アカウント");
    expect(engine.search("アカウントの配信を止めたい").results[0]?.id).toBe("1");
  });

  it("is what the eval command scores", async () => {
    const r = await evaluateFaqSet(
      { corpus, queries: { q: "アカウントの配信を止めたい" }, qrels: { q: { "1": 1 } } },
      { build, vocabulary, gazetteer },
    );
    expect(r.hit1).toBe(1);
  });
});
