/**
 * Runs a query set through an engine and computes the report the `eval` command prints:
 * quality on answerable queries, abstention on no-answer ones, per query type, and failures.
 * Two formats: the dev-set format (../shared/queries/dev-queries.json) and BEIR-like FAQ sets.
 * Pure: takes the engine and the parsed files.
 */
import { z } from "zod";
import { hitAt, mean, ndcgAt, reciprocalRank, recallAt, type Qrels } from "./metrics.js";
import type { SearchEngine } from "./types.js";

/** One query of the dev-set format (../shared/queries/dev-queries.json). */
export const DevQuerySchema = z.object({
  id: z.string(),
  query: z.string(),
  type: z.string(),
  ward: z.string().nullable(),
  relevant: z.record(z.string(), z.number()),
  note: z.string().optional(),
});
/** A query file in the dev-set format; other keys (about, programIndex) are kept. */
export const DevSetSchema = z.object({ queries: z.array(DevQuerySchema) }).passthrough();
/** A dev-set query. */
export type DevQuery = z.infer<typeof DevQuerySchema>;

/** Quality of a group of queries (all, or one query type). */
export interface QualityRow {
  n: number;
  answerable: number;
  hit1: number;
  hit3: number;
  mrr: number;
  ndcg10: number;
  /** Share of no-answer queries on which the engine abstained (null when there are none). */
  abstainAccuracy: number | null;
  /** Share of answerable queries on which the engine abstained. */
  falseAbstainRate: number;
}

/** What `eval --queries` prints. */
export interface DevReport {
  /** Grade that counts as a hit for hit@k and MRR. */
  hitGrade: number;
  overall: QualityRow;
  byType: Record<string, QualityRow>;
  failures: { id: string; type: string; query: string; reason: string; top: string[] }[];
}

interface Outcome {
  q: DevQuery;
  ranked: string[];
  abstained: boolean;
}

function row(outcomes: Outcome[], hitGrade: number): QualityRow {
  const ans = outcomes.filter((o) => Object.keys(o.q.relevant).length > 0);
  const none = outcomes.filter((o) => Object.keys(o.q.relevant).length === 0);
  const r = (f: (o: Outcome) => number) => mean(ans.map((o) => (o.abstained ? 0 : f(o))));
  return {
    n: outcomes.length,
    answerable: ans.length,
    hit1: r((o) => hitAt(o.ranked, o.q.relevant, 1, hitGrade)),
    hit3: r((o) => hitAt(o.ranked, o.q.relevant, 3, hitGrade)),
    mrr: r((o) => reciprocalRank(o.ranked, o.q.relevant, Infinity, hitGrade)),
    ndcg10: r((o) => ndcgAt(o.ranked, o.q.relevant, 10)),
    abstainAccuracy: none.length ? mean(none.map((o) => (o.abstained ? 1 : 0))) : null,
    falseAbstainRate: mean(ans.map((o) => (o.abstained ? 1 : 0))),
  };
}

/** Evaluates the dev-set format. `hitGrade` 2 = the program the resident is looking for. */
export function evaluateDevSet(engine: SearchEngine, queries: DevQuery[], hitGrade = 2): DevReport {
  const outcomes: Outcome[] = queries.map((q) => {
    const r = engine.search(q.query, { limit: 10 });
    return { q, ranked: r.results.map((h) => h.id), abstained: r.abstained };
  });
  const types = [...new Set(queries.map((q) => q.type))].sort();
  const failures: DevReport["failures"] = [];
  for (const o of outcomes) {
    const answerable = Object.keys(o.q.relevant).length > 0;
    const top = o.ranked.slice(0, 3);
    if (!answerable && !o.abstained) failures.push({ ...pick(o), reason: "should abstain", top });
    else if (answerable && o.abstained) failures.push({ ...pick(o), reason: "abstained", top });
    else if (answerable && !hitAt(o.ranked, o.q.relevant, 3, hitGrade))
      failures.push({ ...pick(o), reason: "no hit in top 3", top });
  }
  return {
    hitGrade,
    overall: row(outcomes, hitGrade),
    byType: Object.fromEntries(
      types.map((t) => [
        t,
        row(
          outcomes.filter((o) => o.q.type === t),
          hitGrade,
        ),
      ]),
    ),
    failures,
  };
}

const pick = (o: Outcome) => ({ id: o.q.id, type: o.q.type, query: o.q.query });

/** BEIR-like corpus: document id → text. */
export const BeirCorpusSchema = z.record(z.string(), z.string());
/** BEIR-like queries: query id → text. */
export const BeirQueriesSchema = z.record(z.string(), z.string());
/** BEIR-like judgements: query id → document id → grade. */
export const BeirQrelsSchema = z.record(z.string(), z.record(z.string(), z.number()));

/** What `eval --corpus` prints. */
export interface BeirReport {
  queries: number;
  recall10: number;
  ndcg10: number;
  mrr10: number;
}

/** Recall@10, nDCG@10 and MRR@10 of ranked lists against BEIR-like qrels. */
export function evaluateRankings(
  rankings: Record<string, string[]>,
  qrels: Record<string, Qrels>,
): BeirReport {
  const ids = Object.keys(qrels).filter((q) => rankings[q] !== undefined);
  return {
    queries: ids.length,
    recall10: mean(ids.map((q) => recallAt(rankings[q]!, qrels[q]!, 10))),
    ndcg10: mean(ids.map((q) => ndcgAt(rankings[q]!, qrels[q]!, 10))),
    mrr10: mean(ids.map((q) => reciprocalRank(rankings[q]!, qrels[q]!, 10))),
  };
}
