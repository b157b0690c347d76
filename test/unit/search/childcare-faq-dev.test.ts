/**
 * "General FAQ search stays general" (issue 11 point 9), as a gate on the splits choices may be
 * made on: over the public childcare FAQ (../shared/datasets/childcare-faq), on the 90 DEV
 * questions and the 480 TUNE questions (test/fixtures/search/childcare-faq-tune: written from 160
 * other FAQs by a helper who never saw the engine or the other questions), the engine ranks at
 * least as well as plain BM25 over kuromoji tokens and as character 2–4-gram TF-IDF, measured
 * here in the same run, on MRR@10 and hit@1, on both corpus forms (question only, the form the
 * published results use; question and answer). The holdout is never read here: it is measured
 * by `npm run bench:search`, never tuned on.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createTokenizer } from "../../../scripts/build-search-index.js";
import { kuromojiIndexBuilder } from "../../../src/catalogue/kuromoji-builder.js";
import { compareOnFaqSet } from "../../../src/cli/faq-baselines.js";
import { readFaqSet } from "../../../src/cli/faq-eval.js";
import { faqToSearchDoc } from "../../../src/search/faq-doc.js";
import type { EngineParams } from "../../../src/search/params.js";
import { createSearchEngine } from "../../../src/search/search-engine.js";
import { loadGazetteer } from "../../../src/knowledge/gazetteer.js";
import { loadVocabulary } from "../../../src/knowledge/vocabulary.js";

const dir = fileURLToPath(new URL("../../../../shared/datasets/childcare-faq/", import.meta.url));
const tuneDir = fileURLToPath(new URL("../../fixtures/search/childcare-faq-tune/", import.meta.url));

/** The splits choices are made on: their queries and qrels, and how many questions each has. */
const SPLITS = [
  { name: "dev", queries: `${dir}dev-queries.json`, qrels: `${dir}dev-qrels.json`, size: 90 },
  { name: "tune", queries: `${tuneDir}tune-queries.json`, qrels: `${tuneDir}tune-qrels.json`, size: 480 },
];

describe("childcare FAQ dev and tune questions: the engine at or above BM25 and character TF-IDF", () => {
  it("has the data set (shared/ sits beside the repository, on CI too)", () => {
    expect(existsSync(`${dir}dev-queries.json`), dir).toBe(true);
  });

  const build = kuromojiIndexBuilder();
  const tokenizer = createTokenizer();
  for (const form of ["corpus-questions", "corpus"])
    for (const split of SPLITS) {
      it(`${split.name} questions, ${form}.json`, { timeout: 180_000 }, async () => {
        const set = readFaqSet({ corpus: `${dir}${form}.json`, queries: split.queries, qrels: split.qrels });
        expect(Object.keys(set.queries)).toHaveLength(split.size);
        // Every judged FAQ is in the corpus.
        for (const rel of Object.values(set.qrels))
          for (const id of Object.keys(rel)) expect(set.corpus[id], id).toBeDefined();
        const c = await compareOnFaqSet(set, {
          build,
          vocabulary: loadVocabulary(),
          gazetteer: loadGazetteer(),
          tokenizer: await tokenizer,
        });
        const why = JSON.stringify(c);
        expect(c.engine.mrr10, why).toBeGreaterThanOrEqual(Math.max(c.bm25.mrr10, c.charTfidf.mrr10));
        expect(c.engine.hit1, why).toBeGreaterThanOrEqual(Math.max(c.bm25.hit1, c.charTfidf.hit1));
      });
    }

  it("keeps the tune questions apart from the dev questions' FAQs", () => {
    const faqs = (p: string) =>
      new Set(
        Object.values(JSON.parse(readFileSync(p, "utf8")) as Record<string, Record<string, number>>).flatMap(
          (r) => Object.keys(r),
        ),
      );
    const dev = faqs(`${dir}dev-qrels.json`);
    const tune = faqs(`${tuneDir}tune-qrels.json`);
    expect(tune.size).toBe(160);
    expect([...tune].filter((id) => dev.has(id))).toEqual([]);
  });

  // The question-only corpus indexed once for the tests below, which each compare the first FAQ
  // with and without one of the engine's parameters.
  let questionsIndex: ReturnType<typeof build> | undefined;
  const corpusQuestions = (): Record<string, string> =>
    JSON.parse(readFileSync(`${dir}corpus-questions.json`, "utf8")) as Record<string, string>;
  const firstFaq = async (q: string, params: Partial<EngineParams> = {}): Promise<string | undefined> => {
    const vocabulary = loadVocabulary();
    const gazetteer = loadGazetteer();
    questionsIndex ??= build({
      docs: Object.entries(corpusQuestions()).map(([id, t]) => faqToSearchDoc(id, t)),
      vocabulary,
      gazetteer,
    });
    const engine = createSearchEngine(await questionsIndex, vocabulary, gazetteer, {
      abstain: false,
      ...params,
    });
    return engine.search(q).results[0]?.id;
  };

  it(
    "lets the names' characters decide where the whole-word cutter reads a question word in pieces",
    { timeout: 180_000 },
    async () => {
      const corpus = corpusQuestions();
      const first = (q: string, questionsCharWeight?: number) =>
        firstFaq(q, questionsCharWeight === undefined ? {} : { questionsCharWeight });
      // 何時 is cut as 何 + 時 (何 a question word): by words, the FAQ on closing time ties with
      // the one on opening time; the characters 何時から are the latter's (a tune question, T-1097-2).
      expect(corpus["1097"]).toBe("市役所は何時から始まりますか？");
      expect(await first("市役所 何時から")).toBe("1097");
      expect(await first("市役所 何時から", 0)).not.toBe("1097");
    },
  );

  it(
    "tells the FAQs on one thing apart by the detail the question asks for",
    { timeout: 180_000 },
    async () => {
      const corpus = corpusQuestions();
      const first = (q: string, questionsFocusWeight?: number) =>
        firstFaq(q, questionsFocusWeight === undefined ? {} : { questionsFocusWeight });
      // 締め切り asks for a date and 何時から for a time (the vocabulary's detail questions): the
      // query reader takes both out of the question's words, so by words alone 保育園の申込方法 and
      // 保育園は働いていないと預けることはできませんか come first (tune questions T-823-2, T-923-2).
      expect(corpus["823"]).toBe("保育園の申し込みの締め切りはいつですか？");
      expect(corpus["923"]).toBe("保育園は何時から預けられますか？");
      expect(await first("保育園 申込 締め切り")).toBe("823");
      expect(await first("保育園 申込 締め切り", 0)).not.toBe("823");
      expect(await first("保育園 朝 何時から 預ける")).toBe("923");
      expect(await first("保育園 朝 何時から 預ける", 0)).not.toBe("923");
      // A question that asks for no detail is ranked by its words alone.
      expect(await first("保育園の申し込みについて")).toBe(await first("保育園の申し込みについて", 0));
    },
  );

  it(
    "matches the context of a question against the FAQs' own context, question to question",
    { timeout: 180_000 },
    async () => {
      const corpus = corpusQuestions();
      const first = (q: string, questionsContextWeight?: number) =>
        firstFaq(q, questionsContextWeight === undefined ? {} : { questionsContextWeight });
      // The asked clause (どんな病気で、いつまで人にうつるのでしょうか) names only 病気; the clause
      // before it says which illness, as the FAQ says it (a tune question, T-863-3). At the
      // catalogue's context weight an FAQ on whom to ask when a child is ill (病気のとき) comes first.
      // (The earlier example, T-103-1, no longer tells the weights apart since the twelfth
      // session's reading changes, d84d5f4: a scan of every tune question for one the weight
      // decides found this one.)
      expect(corpus["863"]).toBe("風しんについて教えてください。");
      const which = "職場で風しんの人が出たと聞きました。どんな病気で、いつまで人にうつるのでしょうか？";
      expect(await first(which)).toBe("863");
      expect(await first(which, 1)).not.toBe("863");
    },
  );

  it("puts first the FAQ whose question the message restates whole", { timeout: 180_000 }, async () => {
    const corpus = corpusQuestions();
    const first = (q: string, questionsRestated?: number) =>
      firstFaq(q, questionsRestated === undefined ? {} : { questionsRestated });
    // The question restated with another ending: its asked clause (私立幼稚園の補助金の申請書に…記入)
    // is another FAQ's too, which its words alone rank first.
    expect(corpus["282"]).toBe(
      "父の住所が○○市外であり、世帯も分けています。私立幼稚園の補助金の申請書に父の記入も必要ですか？",
    );
    const restated =
      "父の住所が○○市外であり、世帯も分けています。私立幼稚園の補助金の申請書に父の記入も必要でしょうか？";
    expect(await first(restated)).toBe("282");
    expect(await first(restated, 0)).not.toBe("282");
    // A question that restates no FAQ is ranked as without the rule.
    for (const q of ["保育園の申し込みについて", "私立幼稚園の補助金の申請書の書き方"])
      expect(await first(q)).toBe(await first(q, 0));
  });

  it(
    "puts first the FAQ a short message cuts from one question far more than from any other",
    { timeout: 180_000 },
    async () => {
      const corpus = corpusQuestions();
      const OFF = { at: 1, lead: 1 };
      const first = (q: string, questionsRestatedClear?: { at: number; lead: number }) =>
        firstFaq(q, questionsRestatedClear === undefined ? {} : { questionsRestatedClear });
      // Two keywords (a tune question, T-907-2): the cosine with the FAQ's question stays under
      // `questionsRestated` (the message is short), but no other question comes near it; the
      // engine's own reading takes LINE for a device word and ranks nothing first.
      expect(corpus["907"]).toBe("QRコードを教えてください。");
      expect(await first("LINE QRコード")).toBe("907");
      expect(await first("LINE QRコード", OFF)).not.toBe("907");
      // Messages close to several questions (保育園の申し込み…: a dozen FAQs) lead none by the
      // margin: ranked as without the rule.
      for (const q of ["保育園の申し込みについて", "私立幼稚園の補助金の申請書の書き方", "育成医療 必要書類"])
        expect(await first(q)).toBe(await first(q, OFF));
    },
  );
});
