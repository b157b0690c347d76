/**
 * Runs a query set through an engine and computes the report the `eval` command prints:
 * quality on answerable queries, abstention on no-answer ones, per query type, and failures.
 * Two formats: the dev-set format (test/fixtures/queries/dev-queries.json) and BEIR-like FAQ sets.
 * Pure: takes the engine and the parsed files.
 */
import * as z from "zod";
import { hitAt, mean, ndcgAt, reciprocalRank, recallAt, type Qrels } from "./metrics.js";
import type { SearchEngine } from "./types.js";

/** One query of the dev-set format (test/fixtures/queries/dev-queries.json). */
export const DevQuerySchema = z.object({
  id: z.string(),
  query: z.string(),
  type: z.string(),
  ward: z.string().nullable().optional(),
  relevant: z.record(z.string(), z.number()),
  /** Small talk (greeting, thanks, 👍): right when the engine decides small-talk. */
  smallTalk: z.boolean().optional(),
  note: z.string().optional(),
});
/** A query file in the dev-set format; other keys (about, programIndex) are kept. */
export const DevSetSchema = z.object({ queries: z.array(DevQuerySchema) }).passthrough();
/** A dev-set query. */
export type DevQuery = z.infer<typeof DevQuerySchema>;

/**
 * One message of a blind set as its authors write it: the text, its kind, the programs that
 * answer it (`expect`, ids; empty for no-answer) and `smallTalk: true` for small talk. Other
 * field names authors use for the same things are accepted too.
 */
const BlindItemSchema = z
  .object({
    id: z.union([z.string(), z.number()]).optional(),
    text: z.string().optional(),
    query: z.string().optional(),
    message: z.string().optional(),
    type: z.string().optional(),
    kind: z.string().optional(),
    expect: z.union([z.array(z.string()), z.record(z.string(), z.number())]).optional(),
    expected: z.union([z.array(z.string()), z.record(z.string(), z.number())]).optional(),
    relevant: z.union([z.array(z.string()), z.record(z.string(), z.number())]).optional(),
    smallTalk: z.boolean().optional(),
    ward: z.string().nullable().optional(),
  })
  .passthrough();

/**
 * Reads any query set the team uses: the dev-set format (`{queries: [{query, relevant}]}`) or
 * a blind set (an array, or `{queries|messages|items: [...]}`, of `{text, type, expect[]}`).
 * Listed ids count as grade 2 (what the resident is looking for).
 */
export function parseQuerySet(
  raw: unknown,
): { ok: true; queries: DevQuery[] } | { ok: false; error: string } {
  const list = Array.isArray(raw)
    ? raw
    : raw && typeof raw === "object"
      ? ((raw as Record<string, unknown>).queries ??
        (raw as Record<string, unknown>).messages ??
        (raw as Record<string, unknown>).items)
      : undefined;
  if (!Array.isArray(list)) return { ok: false, error: "no array of queries (queries, messages or items)" };
  const queries: DevQuery[] = [];
  for (const [i, item] of list.entries()) {
    const dev = DevQuerySchema.safeParse(item);
    if (dev.success) {
      queries.push(dev.data);
      continue;
    }
    const b = BlindItemSchema.safeParse(item);
    const text = b.success ? (b.data.text ?? b.data.query ?? b.data.message) : undefined;
    if (!b.success || text === undefined) return { ok: false, error: `item ${i}: no text` };
    const judged = b.data.expect ?? b.data.expected ?? b.data.relevant ?? [];
    const relevant = Array.isArray(judged) ? Object.fromEntries(judged.map((id) => [id, 2])) : judged;
    queries.push({
      id: String(b.data.id ?? i + 1),
      query: text,
      type: b.data.type ?? b.data.kind ?? (b.data.smallTalk ? "small-talk" : "unknown"),
      ward: b.data.ward ?? null,
      relevant,
      ...(b.data.smallTalk ? { smallTalk: true } : {}),
    });
  }
  return { ok: true, queries };
}

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
  /** Share of answerable queries on which the engine abstained (refused, or took it for small talk). */
  falseAbstainRate: number;
  /** Small-talk messages in the group, and the share the engine recognised as small talk (null when none). */
  smallTalk: number;
  smallTalkAccuracy: number | null;
  /** Share of answered answerable queries that came with a choice of topics (a weak match). */
  choiceRate: number;
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
  /** No programs offered: refused, or answered as small talk. */
  abstained: boolean;
  decision: string;
}

const isAnswerable = (q: DevQuery) => !q.smallTalk && Object.keys(q.relevant).length > 0;
const isNoAnswer = (q: DevQuery) => !q.smallTalk && Object.keys(q.relevant).length === 0;

function row(outcomes: Outcome[], hitGrade: number): QualityRow {
  const ans = outcomes.filter((o) => isAnswerable(o.q));
  const none = outcomes.filter((o) => isNoAnswer(o.q));
  const talk = outcomes.filter((o) => o.q.smallTalk);
  const answered = ans.filter((o) => !o.abstained);
  const r = (f: (o: Outcome) => number) => mean(ans.map((o) => (o.abstained ? 0 : f(o))));
  return {
    n: outcomes.length,
    answerable: ans.length,
    hit1: r((o) => hitAt(o.ranked, o.q.relevant, 1, hitGrade)),
    hit3: r((o) => hitAt(o.ranked, o.q.relevant, 3, hitGrade)),
    mrr: r((o) => reciprocalRank(o.ranked, o.q.relevant, Infinity, hitGrade)),
    ndcg10: r((o) => ndcgAt(o.ranked, o.q.relevant, 10)),
    abstainAccuracy: none.length ? mean(none.map((o) => (o.decision === "refuse" ? 1 : 0))) : null,
    falseAbstainRate: mean(ans.map((o) => (o.abstained ? 1 : 0))),
    smallTalk: talk.length,
    smallTalkAccuracy: talk.length ? mean(talk.map((o) => (o.decision === "small-talk" ? 1 : 0))) : null,
    choiceRate: mean(answered.map((o) => (o.decision === "answer-with-choice" ? 1 : 0))),
  };
}

/** Evaluates the dev-set format. `hitGrade` 2 = the program the resident is looking for. */
export function evaluateDevSet(engine: SearchEngine, queries: DevQuery[], hitGrade = 2): DevReport {
  const outcomes: Outcome[] = queries.map((q) => {
    const r = engine.search(q.query, { limit: 10 });
    const decision = r.decision.kind;
    return {
      q,
      ranked: r.results.map((h) => h.id),
      abstained: decision === "refuse" || decision === "small-talk",
      decision,
    };
  });
  const types = [...new Set(queries.map((q) => q.type))].sort();
  const failures: DevReport["failures"] = [];
  for (const o of outcomes) {
    const answerable = isAnswerable(o.q);
    const top = o.ranked.slice(0, 3);
    if (o.q.smallTalk) {
      if (o.decision !== "small-talk")
        failures.push({ ...pick(o), reason: `small talk taken as ${o.decision}`, top });
    } else if (!answerable && o.decision !== "refuse")
      failures.push({ ...pick(o), reason: "should abstain", top });
    else if (answerable && o.abstained)
      failures.push({
        ...pick(o),
        reason: o.decision === "small-talk" ? "taken as small talk" : "abstained",
        top,
      });
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
  /** Share of queries whose judged document ranks first. */
  hit1: number;
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
    hit1: mean(ids.map((q) => hitAt(rankings[q]!, qrels[q]!, 1))),
    recall10: mean(ids.map((q) => recallAt(rankings[q]!, qrels[q]!, 10))),
    ndcg10: mean(ids.map((q) => ndcgAt(rankings[q]!, qrels[q]!, 10))),
    mrr10: mean(ids.map((q) => reciprocalRank(rankings[q]!, qrels[q]!, 10))),
  };
}
