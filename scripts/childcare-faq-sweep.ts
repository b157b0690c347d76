/**
 * The engine's parameters swept over the childcare FAQ's tuning splits — the 90 dev questions
 * (../shared/datasets/childcare-faq) and the 480 tune questions (test/fixtures/search/childcare-faq-tune)
 * — on both corpus forms, with the municipal FAQ fixture (test/fixtures/search/faq) beside them.
 * It never reads the holdout. The corpora are indexed once (kuromoji), then each configuration is
 * a set of EngineParams overrides:
 *
 *   npx tsx scripts/childcare-faq-sweep.ts '[{}, {"questionsCharWeight": 0}]'
 *
 * prints, per configuration, hit@1 / MRR@10 per split and form, the municipal FAQ's MRR@10, and
 * "sum" (hit@1 + MRR@10, summed over the four split × form cells, weighted by questions: what
 * docs/benchmarks.md's ninth-session choice maximised). `BASE=1` prints BM25 over kuromoji tokens
 * and character 2–4-gram TF-IDF on the same splits first.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { createTokenizer } from "./build-search-index.js";
import { kuromojiIndexBuilder } from "../src/catalogue/kuromoji-builder.js";
import { kuromojiBm25Rankings } from "../src/cli/faq-baselines.js";
import { createCharTfidf } from "../src/search/char-tfidf.js";
import { evaluateRankings } from "../src/search/evaluate.js";
import { faqToSearchDoc } from "../src/search/faq-doc.js";
import { createSearchEngine, type EngineParams } from "../src/search/search-engine.js";
import { loadGazetteer } from "../src/knowledge/gazetteer.js";
import { loadVocabulary } from "../src/knowledge/vocabulary.js";

type Texts = Record<string, string>;
type Qrels = Record<string, Record<string, number>>;

const root = resolve(import.meta.dirname, "..");
const data = resolve(root, "../shared/datasets/childcare-faq");
const tune = resolve(root, "test/fixtures/search/childcare-faq-tune");
const municipal = resolve(root, "test/fixtures/search/faq");
const read = <T>(p: string): T => JSON.parse(readFileSync(p, "utf8")) as T;

const vocabulary = loadVocabulary();
const gazetteer = loadGazetteer();
const build = kuromojiIndexBuilder();
const splits: Record<string, { queries: Texts; qrels: Qrels }> = {
  dev: { queries: read(`${data}/dev-queries.json`), qrels: read(`${data}/dev-qrels.json`) },
  tune: { queries: read(`${tune}/tune-queries.json`), qrels: read(`${tune}/tune-qrels.json`) },
};
const corpora: Record<string, Texts> = {
  "corpus-questions": read(`${data}/corpus-questions.json`),
  corpus: read(`${data}/corpus.json`),
};
const indexOf = (corpus: Texts) =>
  build({ docs: Object.entries(corpus).map(([id, t]) => faqToSearchDoc(id, t)), vocabulary, gazetteer });
const indexes = Object.fromEntries(
  await Promise.all(Object.entries(corpora).map(async ([k, c]) => [k, await indexOf(c)] as const)),
);
const municipalCorpus = read<Texts>(`${municipal}/corpus.json`);
const municipalIndex = await indexOf(municipalCorpus);
const f = (x: number) => x.toFixed(3);

if (process.env.BASE) {
  const tokenizer = await createTokenizer();
  for (const [form, corpus] of Object.entries(corpora)) {
    const tfidf = createCharTfidf(corpus);
    for (const [name, s] of Object.entries(splits)) {
      const b = evaluateRankings(kuromojiBm25Rankings(tokenizer, corpus, s.queries), s.qrels);
      const t = evaluateRankings(
        Object.fromEntries(Object.entries(s.queries).map(([id, q]) => [id, tfidf.rank(q, 10)])),
        s.qrels,
      );
      console.log(
        `${form} ${name}: BM25 ${f(b.hit1)}/${f(b.mrr10)}, character TF-IDF ${f(t.hit1)}/${f(t.mrr10)}`,
      );
    }
  }
}

const configs = JSON.parse(process.argv[2] ?? "[{}]") as Partial<EngineParams>[];
for (const config of configs) {
  const cells: string[] = [];
  let sum = 0;
  for (const form of Object.keys(corpora)) {
    const engine = createSearchEngine(indexes[form]!, vocabulary, gazetteer, { abstain: false, ...config });
    for (const [name, s] of Object.entries(splits)) {
      const ranked = Object.fromEntries(
        Object.entries(s.queries).map(([id, q]) => [
          id,
          engine.search(q, { limit: 10 }).results.map((h) => h.id),
        ]),
      );
      const e = evaluateRankings(ranked, s.qrels);
      cells.push(`${form}/${name} ${f(e.hit1)}/${f(e.mrr10)}`);
      sum += (e.hit1 + e.mrr10) * e.queries;
    }
  }
  const m = createSearchEngine(municipalIndex, vocabulary, gazetteer, { abstain: false, ...config });
  const mq = read<Texts>(`${municipal}/queries.json`);
  const me = evaluateRankings(
    Object.fromEntries(
      Object.entries(mq).map(([id, q]) => [id, m.search(q, { limit: 10 }).results.map((h) => h.id)]),
    ),
    read<Qrels>(`${municipal}/qrels.json`),
  );
  console.log(
    `${JSON.stringify(config)}  ${cells.join("  ")}  municipal ${f(me.mrr10)}  sum ${sum.toFixed(1)}`,
  );
}
