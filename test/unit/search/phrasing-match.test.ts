// The best single phrasing (src/search/phrasing-match.ts): a message that says what one of a
// program's phrasings says ranks that program above one whose phrasings each share a word of it;
// the phrasings' postings stored by the build are the ones computed from the documents; and the
// phrasing score only orders — coverage and the decision are those without it.
import { describe, expect, it } from "vitest";
import { loadGazetteer } from "../../../src/knowledge/gazetteer.js";
import { loadVocabulary } from "../../../src/knowledge/vocabulary.js";
import { loadPrebuiltIndex } from "../../../src/search/load-engine.js";
import { phrasingIndex, storePhrasings } from "../../../src/search/phrasing-match.js";
import { buildRuntimeIndex } from "../../../src/search/runtime-index.js";
import { createSearchEngine } from "../../../src/search/search-engine.js";
import type { SearchDoc } from "../../../src/search/types.js";

const base = loadPrebuiltIndex();
const vocabulary = loadVocabulary();
const gazetteer = loadGazetteer();

const docs: SearchDoc[] = [
  {
    id: "visit",
    ward: null,
    name: "家庭訪問型支援事業",
    description: "支援員を育成し、訪問活動を支援する。",
    askedAs: ["誰かに家で話を聞いてほしい", "訪問の支援はありますか", "支援員になりたい"],
  },
  {
    id: "salon",
    ward: null,
    name: "地域の居場所づくり",
    description: "家の近くに居場所をつくる。",
    askedAs: ["誰でも行ける場所は", "家の近くで集まりたい", "話し相手がほしい", "聞いてみたいことがある"],
  },
  {
    id: "other",
    ward: null,
    name: "防災訓練",
    description: "地域の防災訓練を行う。",
    askedAs: ["避難の練習"],
  },
];
const index = buildRuntimeIndex(docs, base.lexicon);
const engine = (phrasingWeight?: number) =>
  createSearchEngine(index, vocabulary, gazetteer, phrasingWeight === undefined ? {} : { phrasingWeight });

describe("the best single phrasing", () => {
  const message = "誰かに家に来てもらって話を聞いてほしい";

  it("ranks the program one phrasing of which says what the message says", () => {
    expect(engine().search(message).results[0]?.id).toBe("visit");
  });

  it("is what lifts it: without it, the program sharing a word with each phrasing leads", () => {
    expect(engine(0).search(message).results[0]?.id).toBe("salon");
  });

  it("only orders: coverage and the decision are the same without it", () => {
    for (const q of [message, "防災の練習", "居場所はありますか", "話を聞いてほしい"]) {
      const [a, b] = [engine().search(q), engine(0).search(q)];
      expect([q, a.decision, a.coverage]).toEqual([q, b.decision, b.coverage]);
      expect(new Set(a.results.map((h) => h.id))).toEqual(new Set(b.results.map((h) => h.id)));
    }
  });
});

describe("stored phrasings", () => {
  it("are the postings computed from the documents", () => {
    expect(base.phrasings).toEqual(storePhrasings(base.docs));
    const stored = phrasingIndex(base);
    const computed = phrasingIndex({ ...base, phrasings: undefined });
    expect(stored.size).toBe(base.docs.reduce((n, d) => n + (d.askedAs?.length ?? 0), 0));
    expect([...stored.owner]).toEqual([...computed.owner]);
    for (const term of ["s:相談", "s:子育", "u:家", "l:visit"])
      expect(stored.bm25.postings(term)).toEqual(computed.bm25.postings(term));
  });
});
