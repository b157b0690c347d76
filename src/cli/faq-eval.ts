/**
 * The engine on a BEIR-like FAQ corpus (corpus, queries, qrels as JSON files): the corpus is
 * indexed as the service indexes its catalogue — kuromoji at build time learns the corpus's own
 * words and readings (`npm run build:index`'s builder) — and scored by hit@1, Recall@10,
 * nDCG@10 and MRR@10. (Reading a foreign corpus with the catalogue's lexicon cut its words
 * wrongly: アカウント as アカ + ウント.) One implementation for `cli eval --corpus` and `npm run bench:search`, so the number
 * the benchmark prints is the number the command prints.
 */
import { readFileSync } from "node:fs";
import type { Gazetteer } from "../knowledge/gazetteer.js";
import type { Vocabulary } from "../knowledge/vocabulary.js";
import {
  BeirCorpusSchema,
  BeirQrelsSchema,
  BeirQueriesSchema,
  evaluateRankings,
  type BeirReport,
} from "../search/evaluate.js";
import { faqToSearchDoc } from "../search/faq-doc.js";
import type { IndexBuilder } from "../catalogue/rebuild.js";
import { createSearchEngine } from "../search/search-engine.js";

/** A BEIR-like set: document id → text, query id → text, query id → document id → grade. */
export interface FaqSet {
  corpus: Record<string, string>;
  queries: Record<string, string>;
  qrels: Record<string, Record<string, number>>;
}

/** Reads and validates the three files of a set. */
export function readFaqSet(paths: { corpus: string; queries: string; qrels: string }): FaqSet {
  const read = (p: string): unknown => JSON.parse(readFileSync(p, "utf8"));
  return {
    corpus: BeirCorpusSchema.parse(read(paths.corpus)),
    queries: BeirQueriesSchema.parse(read(paths.queries)),
    qrels: BeirQrelsSchema.parse(read(paths.qrels)),
  };
}

/** Indexes the set's corpus with `build`, ranks the top 10 for every query and scores them. */
export async function evaluateFaqSet(
  set: FaqSet,
  parts: { build: IndexBuilder; vocabulary: Vocabulary; gazetteer: Gazetteer },
): Promise<BeirReport> {
  const index = await parts.build({
    docs: Object.entries(set.corpus).map(([id, text]) => faqToSearchDoc(id, text)),
    vocabulary: parts.vocabulary,
    gazetteer: parts.gazetteer,
  });
  // Every query of a FAQ set has an answer: never abstain, rank.
  const engine = createSearchEngine(index, parts.vocabulary, parts.gazetteer, { abstain: false });
  const rankings = Object.fromEntries(
    Object.entries(set.queries).map(([id, q]) => [
      id,
      engine.search(q, { limit: 10 }).results.map((h) => h.id),
    ]),
  );
  return evaluateRankings(rankings, set.qrels);
}
