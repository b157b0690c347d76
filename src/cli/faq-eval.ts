/**
 * The engine on a BEIR-like FAQ corpus (corpus, queries, qrels as JSON files): the corpus is
 * indexed at run time with the prebuilt index's lexicon and scored by Recall@10, nDCG@10 and
 * MRR@10. One implementation for `cli eval --corpus` and `npm run bench:search`, so the number
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
import type { LexiconData } from "../search/lexicon.js";
import { buildRuntimeIndex } from "../search/runtime-index.js";
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

/** Indexes the set's corpus, ranks the top 10 for every query and scores them. */
export function evaluateFaqSet(
  set: FaqSet,
  parts: { lexicon: LexiconData; vocabulary: Vocabulary; gazetteer: Gazetteer },
): BeirReport {
  const index = buildRuntimeIndex(
    Object.entries(set.corpus).map(([id, text]) => faqToSearchDoc(id, text)),
    parts.lexicon,
  );
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
