/**
 * Over a corpus of questions (an FAQ), the words its questions ask with (場所, 時期, 方法) are
 * words of a question, not function words: they are what its documents differ by
 * (src/search/question-corpus.ts, issue 11 point 9).
 */
import { describe, expect, it } from "vitest";
import { kuromojiIndexBuilder } from "../../../src/catalogue/kuromoji-builder.js";
import { loadGazetteer } from "../../../src/knowledge/gazetteer.js";
import { loadVocabulary } from "../../../src/knowledge/vocabulary.js";
import { faqToSearchDoc } from "../../../src/search/faq-doc.js";
import { questionShare, readingVocabulary } from "../../../src/search/question-corpus.js";
import { createSearchEngine } from "../../../src/search/search-engine.js";

const vocabulary = loadVocabulary();

describe("questionShare", () => {
  it("is the share of names that ask", () => {
    expect(
      questionShare(["保育園の場所を教えてください。", "予防接種の時期はいつですか？", "防災訓練"]),
    ).toBeCloseTo(2 / 3);
    expect(questionShare([])).toBe(0);
  });
});

describe("readingVocabulary", () => {
  const questions = ["保育園の場所を教えてください。", "予防接種の時期はいつですか？"];

  it("reads the function words a corpus of questions names as words", () => {
    const v = readingVocabulary(vocabulary, questions, ["保育園", "場所", "予防", "接種", "時期", "いつ"]);
    expect(vocabulary.stopWords).toContain("場所");
    expect(v.stopWords).not.toContain("場所");
    expect(v.detailQuestions.flatMap((d) => d.cues)).not.toContain("時期");
    // Kana ones stay function words: they are inflections and particles as often as words.
    expect(v.detailQuestions.flatMap((d) => d.cues)).toContain("いつ");
    expect(v.intentWords).toEqual(vocabulary.intentWords);
  });

  it("leaves the vocabulary as it is over titles, and without the names' words", () => {
    expect(readingVocabulary(vocabulary, ["保育園の場所", "防災訓練"], ["場所"])).toBe(vocabulary);
    expect(readingVocabulary(vocabulary, questions, undefined)).toBe(vocabulary);
  });
});

describe("an FAQ's questions differ by what they ask", () => {
  const corpus = {
    "1": "市内の保育園の数を教えてください。",
    "2": "市内の保育園の場所を教えてください。",
    "3": "予防接種の通知はいつ来ますか？",
    "4": "予防接種の時期はいつですか？",
  };

  it("ranks by the asked detail with the engine's own match alone", { timeout: 60_000 }, async () => {
    const gazetteer = loadGazetteer();
    const index = await kuromojiIndexBuilder()({
      docs: Object.entries(corpus).map(([id, t]) => faqToSearchDoc(id, t)),
      vocabulary,
      gazetteer,
    });
    // Whole words (word-bm25.ts) off: the engine's own reading must see 場所 and 時期.
    const engine = createSearchEngine(index, vocabulary, gazetteer, {
      abstain: false,
      wholeWordWeight: 0,
      questionsWholeWordWeight: 0,
    });
    expect(engine.analyse("市内の保育園の場所").words.map((w) => w.text)).toContain("場所");
    expect(engine.search("市内の保育園の場所").results[0]?.id).toBe("2");
    expect(engine.search("予防接種の時期").results[0]?.id).toBe("4");
  });
});
