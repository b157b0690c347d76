// A verb or adjective asked in another inflection than an FAQ's question writes it (通いたい for
// 通う): the build learns the names' dictionary forms and the stems they inflect from (kuromoji),
// and over a corpus of questions the engine meets the inflected word by the names' form
// (word-bm25.ts `formOf`, params.ts `questionsInflectionWeight`). The names and messages are
// written for the test from the grammar, not taken from a question set.
import { describe, expect, it } from "vitest";
import { kuromojiIndexBuilder } from "../../../src/catalogue/kuromoji-builder.js";
import { loadGazetteer } from "../../../src/knowledge/gazetteer.js";
import { loadVocabulary } from "../../../src/knowledge/vocabulary.js";
import { faqToSearchDoc } from "../../../src/search/faq-doc.js";
import { createSearchEngine } from "../../../src/search/search-engine.js";
import { createWordIndex } from "../../../src/search/word-bm25.js";

const vocabulary = loadVocabulary();
const gazetteer = loadGazetteer();
const build = kuromojiIndexBuilder();
/** Building with kuromoji on a loaded machine takes longer than the default. */
const KUROMOJI_TIMEOUT = { timeout: 120_000 };
const indexOf = (names: string[]) =>
  build({ docs: names.map((t, i) => faqToSearchDoc(`d${i}`, t)), vocabulary, gazetteer });
type Index = Awaited<ReturnType<typeof indexOf>>;
const scores = (index: Index, q: string, questionsInflectionWeight: number) =>
  Object.fromEntries(
    createSearchEngine(index, vocabulary, gazetteer, { abstain: false, questionsInflectionWeight })
      .search(q)
      .results.map((h) => [h.id, h.score]),
  );

describe("inflections over a corpus of questions", () => {
  it(
    "knows the dictionary form of the stems the names' verbs and adjectives inflect from",
    KUROMOJI_TIMEOUT,
    async () => {
      const index = await indexOf([
        "放課後に学童クラブへ通うことはできますか？",
        "歯が生えるのが遅いのですが大丈夫ですか？",
      ]);
      const words = createWordIndex(index.words!);
      // The names write でき, read as できる: a surface of the corpus, yet no form to meet.
      expect(index.words!.surfaces["でき"]).toBe("できる");
      // Godan (通う: 通わ, 通い, 通っ), ichidan (生える: 生え) and an adjective (遅い: 遅く, 遅かっ).
      expect(["通い", "通っ", "生え", "遅く", "遅かっ"].map(words.formOf)).toEqual([
        "通う",
        "通う",
        "生える",
        "遅い",
        "遅い",
      ]);
      // The form itself, a noun and a word the names never write have none.
      expect(["通う", "学童クラブ", "放課後", "泳ぎ"].map(words.formOf)).toEqual([
        undefined,
        undefined,
        undefined,
        undefined,
      ]);
    },
  );

  it("meets a verb asked in another inflection by the name's dictionary form", KUROMOJI_TIMEOUT, async () => {
    const faq = await indexOf([
      "放課後に学童クラブへ通うことはできますか？",
      "学童クラブの場所を教えてください。",
    ]);
    for (const q of ["学童クラブに通いたい", "子どもを学童クラブに通わせたいです"]) {
      const [withForms, without] = [scores(faq, q, 1), scores(faq, q, 0)];
      // Both FAQs hold 学童クラブ; only the first asks about going there. The engine's bigrams
      // meet 通い and 通う as different words: the first led by little; it leads by far more.
      const lead = (s: Record<string, number>) => s.d0! / s.d1!;
      expect(lead(withForms)).toBeGreaterThan(1.5 * lead(without));
      expect(Object.keys(withForms)[0]).toBe("d0");
    }
  });

  it("changes nothing over titles (a catalogue's programs)", KUROMOJI_TIMEOUT, async () => {
    const titles = await indexOf(["放課後の学童クラブへ通う子どもの見守り", "学童クラブの場所の案内"]);
    expect(scores(titles, "学童クラブに通いたい", 1)).toEqual(scores(titles, "学童クラブに通いたい", 0));
  });
});
