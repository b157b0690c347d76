// Whole-word BM25 over the documents' names (src/search/word-bm25.ts) and its share in the
// engine's order: it ranks, never decides.
import { describe, expect, it } from "vitest";
import { loadGazetteer } from "../../../src/knowledge/gazetteer.js";
import { loadVocabulary } from "../../../src/knowledge/vocabulary.js";
import { idfOf } from "../../../src/search/bm25.js";
import { buildRuntimeIndex } from "../../../src/search/runtime-index.js";
import { createSearchEngine, DEFAULT_PARAMS, type EngineParams } from "../../../src/search/search-engine.js";
import type { SearchDoc } from "../../../src/search/types.js";
import { createWordIndex, wordIndexData } from "../../../src/search/word-bm25.js";
import { loadPrebuiltIndex } from "../../../src/search/load-engine.js";
import { kuromojiIndexBuilder } from "../../../src/catalogue/kuromoji-builder.js";
import { faqToSearchDoc } from "../../../src/search/faq-doc.js";

// One kuromoji for the tests that build an index (its dictionary takes seconds to load).
const build = kuromojiIndexBuilder();
/** Building with kuromoji on a loaded machine takes longer than the default. */
const KUROMOJI_TIMEOUT = { timeout: 120_000 };

const surfaces = new Map([
  ["子育て", "子育て"],
  ["サロン", "サロン"],
  ["預け", "預ける"],
  ["預ける", "預ける"],
  ["保育", "保育"],
  ["保育園", "保育園"],
  ["園", "園"],
]);

describe("whole-word index", () => {
  const data = wordIndexData([["子育て", "サロン"], ["保育園", "預ける", "預ける"], ["子育て"]], surfaces);
  const index = createWordIndex(data);

  it("cuts a question into the corpus's words by longest surface, in their dictionary form", () => {
    expect(index.wordsOf("保育園に子どもを預けたい")).toEqual(["保育園", "預ける"]);
    expect(index.wordsOf("ＳＡＬＯＮ？子育てサロン")).toEqual(["子育て", "サロン"]);
    expect(index.wordsOf("まったく関係のない話")).toEqual([]);
  });

  it("passes over the grammar the names write, so an inflection's tail is no word", () => {
    // いる is a word of some name (子どもがいる); い, ている and たい are grammar of others.
    const withGrammar = (grammar: string[]) =>
      createWordIndex(
        wordIndexData(
          [["子育て"], ["いる"]],
          new Map([...surfaces, ["いる", "いる"], ["い", "いる"]]),
          undefined,
          grammar,
        ),
      );
    const index = withGrammar(["について", "たい", "た", "て", "ている", "てい"]);
    // 知りたい: 知 is no word; たい is grammar, not た + the verb い(る).
    expect(index.wordsOf("子育てについて知りたい")).toEqual(["子育て"]);
    expect(index.wordsOf("子育てをしている")).toEqual(["子育て"]);
    // A word as long as the grammar there stays a word (子どもがいる).
    expect(index.wordsOf("子育て中の子がいる")).toEqual(["子育て", "いる"]);
    // Without the grammar (an index built before it was stored) the tail was a word.
    expect(withGrammar([]).wordsOf("子育てについて知りたい")).toEqual(["子育て", "いる", "いる"]);
  });

  it("scores BM25 (k1 1.2, b 0.75) over the names' words, each word of the question once", () => {
    const avg = 6 / 3;
    const bm25 = (tf: number, df: number, len: number) =>
      (idfOf(df, 3) * tf * 2.2) / (tf + 1.2 * (0.25 + (0.75 * len) / avg));
    const s = index.score(["子育て", "子育て", "預ける"]);
    const byDoc = Object.fromEntries(s.docs.map((d, i) => [d, s.scores[i]!]));
    expect(byDoc[0]).toBeCloseTo(bm25(1, 2, 2), 12);
    expect(byDoc[1]).toBeCloseTo(bm25(2, 1, 3), 12);
    expect(byDoc[2]).toBeCloseTo(bm25(1, 2, 1), 12);
    expect(index.score(["ない言葉"])).toEqual({ docs: [], scores: [] });
  });
});

describe("whole words in the engine's order", () => {
  const base = loadPrebuiltIndex();
  // Both names hold the question's words; the second says them again and again in its text,
  // the first's name is about nothing else.
  const docs: SearchDoc[] = [
    { id: "a", ward: null, name: "子育てサロン", description: "遊べます。" },
    {
      id: "b",
      ward: null,
      name: "子育て中の親子のサロンと広場",
      description: "子育て中の親子のサロンです。子育ての相談も。サロンで子育て。",
    },
  ];
  const index = {
    ...buildRuntimeIndex(docs, base.lexicon),
    words: wordIndexData(
      [
        ["子育て", "サロン"],
        ["子育て", "中", "親子", "サロン", "広場"],
      ],
      surfaces,
    ),
  };
  const engine = (wholeWordWeight: number) =>
    createSearchEngine(index, loadVocabulary(), loadGazetteer(), { wholeWordWeight });

  it("ranks the document whose name holds the question's words whole higher", () => {
    const q = "子育てのサロンはありますか";
    const without = engine(0)
      .search(q)
      .results.map((h) => h.id);
    const withWords = engine(0.2)
      .search(q)
      .results.map((h) => h.id);
    expect(without).toEqual(["b", "a"]);
    expect(withWords).toEqual(["a", "b"]);
  });

  it("never changes what the decision reads (coverage, the decision itself)", () => {
    for (const q of ["子育てのサロンはありますか", "サロン", "ごみの出し方"]) {
      const [x, y] = [engine(0).search(q), engine(0.2).search(q)];
      expect(y.decision).toEqual(x.decision);
      expect(y.coverage).toBe(x.coverage);
      expect(y.total).toBe(x.total);
    }
  });
});

describe("whole words over a corpus of questions (an FAQ)", () => {
  const base = loadPrebuiltIndex();
  const words = new Map([
    ["できる", "できる"],
    ["でき", "できる"],
    ["保育園", "保育園"],
    ["場所", "場所"],
  ]);
  const engineOver = (names: [string, string], params: Partial<EngineParams> = {}) => {
    const docs: SearchDoc[] = names.map((name, i) => ({
      id: `d${i}`,
      ward: null,
      name,
      description: name,
    }));
    const index = {
      ...buildRuntimeIndex(docs, base.lexicon),
      words: wordIndexData([["できる"], ["保育園", "場所"]], words),
    };
    return createSearchEngine(index, loadVocabulary(), loadGazetteer(), { abstain: false, ...params });
  };

  it("lets a question the engine's own match misses join by its whole words, only when the documents are questions", () => {
    // できる is a question form to the engine (it names nothing); an FAQ asks in those words.
    const faq = engineOver(["どんなことができますか？", "保育園の場所を教えてください。"]);
    expect(faq.search("LINEでできること").results.map((h) => h.id)).toEqual(["d0"]);
    // Titles (a catalogue's programs) are not questions: whole words only re-rank what matched.
    const titles = engineOver(["できることの一覧", "保育園の場所"]);
    expect(titles.search("LINEでできること").results).toEqual([]);
  });

  it("weighs whole words more over questions than over titles", () => {
    // Whole words add a share of the best score: questionsWholeWordWeight over questions, 0.2
    // over titles (the names' characters, which also join over questions, left out here).
    const gain = (names: [string, string]) => {
      const withWords = engineOver(names, { questionsCharWeight: 0 }).search("保育園の場所").results[0]!;
      const without = engineOver(names, { wholeWordWeight: 0, questionsWholeWordWeight: 0 }).search(
        "保育園の場所",
      ).results[0]!;
      expect(withWords.id).toBe("d1");
      return withWords.score / without.score;
    };
    expect(gain(["どんなことができますか？", "保育園の場所を教えてください。"])).toBeCloseTo(
      1 + DEFAULT_PARAMS.questionsWholeWordWeight,
      1,
    );
    expect(gain(["できることの一覧", "保育園の場所の案内"])).toBeCloseTo(1.2, 1);
  });
});

describe("the names' characters over a corpus of questions", () => {
  const vocabulary = loadVocabulary();
  const gazetteer = loadGazetteer();
  it("join whole words when the names are questions, and never over titles", KUROMOJI_TIMEOUT, async () => {
    const indexOf = (names: string[]) =>
      build({ docs: names.map((t, i) => faqToSearchDoc(`d${i}`, t)), vocabulary, gazetteer });
    const scores = (index: Awaited<ReturnType<typeof indexOf>>, q: string, questionsCharWeight: number) =>
      createSearchEngine(index, vocabulary, gazetteer, { abstain: false, questionsCharWeight })
        .search(q)
        .results.map((h) => [h.id, h.score]);
    // Kana for a kanji compound: the cutter finds no word of the names in いちじあずかり (the
    // engine's readings find the FAQ); the characters it shares with a name (かり of 預かり)
    // are evidence of the name all the same, and add to the FAQ's score.
    const faq = await indexOf(["一時保育の利用方法を教えてください。", "一時預かりの料金はいくらですか？"]);
    const [withChars, without] = [scores(faq, "いちじあずかり", 0.25), scores(faq, "いちじあずかり", 0)];
    expect(withChars[0]![0]).toBe("d1");
    expect(withChars[0]![1]).toBeGreaterThan(without[0]![1] as number);
    // Titles (a catalogue's programs): nothing is built for them and nothing changes.
    const titles = await indexOf(["一時保育の利用案内", "一時預かりの料金表"]);
    expect(scores(titles, "いちじあずかり", 0.25)).toEqual(scores(titles, "いちじあずかり", 0));
  });
});

describe("the words the build learns for the cutter", () => {
  it(
    "learns the names' grammar and the stems their kanji verbs inflect from, as kuromoji reads a question",
    KUROMOJI_TIMEOUT,
    async () => {
      const index = await build({
        docs: [
          faqToSearchDoc("d0", "ごみの出し方を知る方法はありますか？"),
          faqToSearchDoc("d1", "子どもがいる世帯の手当について教えてください。"),
          faqToSearchDoc("d2", "保育園に入園したいのですが、どうすればよいですか？"),
        ],
        vocabulary: loadVocabulary(),
        gazetteer: loadGazetteer(),
      });
      const words = createWordIndex(index.words!);
      // 知りたい: 知り is 知る (the names write 知る), たい is grammar — not the verb いる (d1's いる).
      expect(words.wordsOf("ごみの日を知りたいです")).toEqual(["ごみ", "知る"]);
      // いる as a word stays a word.
      expect(words.wordsOf("子どもがいる")).toEqual(["子ども", "いる"]);
      // A verb written in kana only gives no stems: い is never いる.
      expect(index.words!.surfaces["い"]).toBeUndefined();
    },
  );
});

describe("what whole words read", () => {
  // An FAQ indexed as the service indexes any corpus (kuromoji at build time learns its words).
  const corpus = {
    d0: "子どもの発育が心配なときの相談先はどこですか？",
    d1: "子どもが夜に熱を出したらどうすればよいですか？",
  };
  const vocabulary = loadVocabulary();
  const gazetteer = loadGazetteer();

  it(
    "reads the clause before when the asking clause names nothing, as the engine's own words do",
    KUROMOJI_TIMEOUT,
    async () => {
      const index = await build({
        docs: Object.entries(corpus).map(([id, t]) => faqToSearchDoc(id, t)),
        vocabulary,
        gazetteer,
      });
      const search = (weight: number) =>
        createSearchEngine(index, vocabulary, gazetteer, {
          abstain: false,
          wholeWordWeight: weight,
          questionsWholeWordWeight: weight,
        }).search(q).results;
      const q = "子どもの発育が心配なのですが、どうすればよいでしょうか？";
      // The asking clause (どうすればよいでしょうか) names nothing: the clause before says what
      // the question is about, for the engine's words and for whole words alike. Read from the
      // asking clause alone, whole words (する) favoured the FAQ that shares only the form, and
      // the one about 発育 and 心配 gained a fifth instead of the whole share (1: twice the score).
      expect(createSearchEngine(index, vocabulary, gazetteer).analyseMessage(q).asked).not.toContain("発育");
      const [withWords, without] = [search(1), search(0)];
      expect(withWords.map((h) => h.id)).toEqual(["d0", "d1"]);
      expect(without[0]!.id).toBe("d0");
      expect(withWords[0]!.score / without[0]!.score).toBeCloseTo(2, 1);
    },
  );
});
