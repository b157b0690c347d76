/** Retrieval metrics used by eval and the benchmarks: hit@k, reciprocal rank, nDCG@k, recall@k. */
import { describe, expect, it } from "vitest";
import {
  evaluateDevSet,
  evaluateRankings,
  parseQuerySet,
  type DevQuery,
} from "../../../src/search/evaluate.js";
import { hitAt, ndcgAt, recallAt, reciprocalRank } from "../../../src/search/metrics.js";
import type { SearchEngine, SearchResult } from "../../../src/search/types.js";

// Hand-computed on a tiny example: ranking a, b, c, d against grades b=2, d=1, e=1.
const ranked = ["a", "b", "c", "d"];
const qrels = { b: 2, d: 1, e: 1 };

describe("metrics", () => {
  it("hit@k and reciprocal rank, with a grade threshold", () => {
    expect(hitAt(ranked, qrels, 1)).toBe(0);
    expect(hitAt(ranked, qrels, 2)).toBe(1);
    expect(reciprocalRank(ranked, qrels)).toBe(0.5);
    expect(reciprocalRank(ranked, qrels, Infinity, 2)).toBe(0.5);
    expect(reciprocalRank(["d", "b"], qrels, Infinity, 2)).toBe(0.5);
    expect(reciprocalRank(["d", "b"], qrels, 1, 2)).toBe(0);
  });

  it("nDCG@k with gains 2^g − 1", () => {
    // DCG = 3/log2(3) + 1/log2(5); ideal = 3/log2(2) + 1/log2(3) + 1/log2(4)
    const dcg = 3 / Math.log2(3) + 1 / Math.log2(5);
    const ideal = 3 + 1 / Math.log2(3) + 1 / 2;
    expect(ndcgAt(ranked, qrels, 10)).toBeCloseTo(dcg / ideal, 10);
    expect(ndcgAt(["b", "d", "e"], qrels, 10)).toBeCloseTo(1, 10);
    expect(ndcgAt(ranked, {}, 10)).toBe(0);
  });

  it("recall@k", () => {
    expect(recallAt(ranked, qrels, 10)).toBeCloseTo(2 / 3, 10);
    expect(recallAt(ranked, qrels, 2)).toBeCloseTo(1 / 3, 10);
  });

  it("dev-set report: abstentions count as misses and as right answers to no-answer queries", () => {
    const answers: Record<string, Partial<SearchResult>> = {
      q1: { abstained: false, results: hits(["x", "y"]) },
      q2: { abstained: true, results: [] },
      q3: { abstained: true, results: [] },
      q4: { abstained: false, results: hits(["z"]) },
    };
    const engine: SearchEngine = {
      search: (q) => {
        const r = { ...empty(q), ...answers[q] };
        return r.abstained ? { ...r, decision: { kind: "refuse", reason: "no-match" } } : r;
      },
      analyseMessage: (q) => empty(q).analysis,
      analysePart: (_of, q) => empty(q).analysis,
    };
    const queries: DevQuery[] = [
      { id: "1", query: "q1", type: "terse", ward: null, relevant: { y: 2 } },
      { id: "2", query: "q2", type: "terse", ward: null, relevant: { y: 2 } },
      { id: "3", query: "q3", type: "no-answer", ward: null, relevant: {} },
      { id: "4", query: "q4", type: "no-answer", ward: null, relevant: {} },
    ];
    const r = evaluateDevSet(engine, queries);
    expect(r.overall.hit1).toBe(0);
    expect(r.overall.hit3).toBe(0.5);
    expect(r.overall.mrr).toBe(0.25);
    expect(r.overall.abstainAccuracy).toBe(0.5);
    expect(r.overall.falseAbstainRate).toBe(0.5);
    expect(r.failures.map((f) => [f.id, f.reason])).toEqual([
      ["2", "abstained"],
      ["4", "should abstain"],
    ]);
  });

  it("reads blind sets (text, expect ids, smallTalk) and scores small talk and refusals by the decision", () => {
    const parsed = parseQuerySet([
      { id: "b1", text: "q1", type: "terse", expect: ["y"] },
      { id: "b2", text: "はい", type: "small-talk", expect: [], smallTalk: true },
      { id: "b3", text: "q3", type: "no-answer", expect: [] },
    ]);
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.queries.map((q) => [q.id, q.relevant, q.smallTalk ?? false])).toEqual([
      ["b1", { y: 2 }, false],
      ["b2", {}, true],
      ["b3", {}, false],
    ]);
    const decisions: Record<string, SearchResult["decision"]> = {
      q1: { kind: "answer-with-choice", topics: ["bousai"] },
      はい: { kind: "small-talk", smallTalk: "yes" },
      q3: { kind: "small-talk", smallTalk: "chat" },
    };
    const engine: SearchEngine = {
      search: (q) => ({ ...empty(q), results: q === "q1" ? hits(["y"]) : [], decision: decisions[q]! }),
      analyseMessage: (q) => empty(q).analysis,
      analysePart: (_of, q) => empty(q).analysis,
    };
    const r = evaluateDevSet(engine, parsed.queries);
    expect(r.overall.hit1).toBe(1);
    expect(r.overall.choiceRate).toBe(1);
    expect(r.byType["small-talk"]?.smallTalkAccuracy).toBe(1);
    // Taking a no-answer question for small talk is not a refusal: it says nothing matches.
    expect(r.byType["no-answer"]?.abstainAccuracy).toBe(0);
    expect(parseQuerySet({ nothing: [] }).ok).toBe(false);
  });

  it("BEIR-like report", () => {
    const r = evaluateRankings({ q1: ["a", "b"], q2: ["c"] }, { q1: { b: 1 }, q2: { d: 1 } });
    expect(r).toEqual({ queries: 2, hit1: 0, recall10: 0.5, ndcg10: 1 / Math.log2(3) / 2, mrr10: 0.25 });
  });
});

function hits(ids: string[]) {
  return ids.map((id) => ({ id, ward: null, name: id, score: 1, matched: [] }));
}

function empty(query: string): SearchResult {
  return {
    query,
    analysis: {
      text: query,
      readable: query,
      language: "ja",
      clauses: [query],
      asked: query,
      needs: [query],
      context: [],
      ward: null,
      wardSource: null,
      place: null,
      placeWards: [],
      placeWardLeads: false,
      audiences: [],
      contextAudiences: [],
      smallTalk: null,
      signOff: null,
      head: query,
      places: [],
    },
    decision: { kind: "answer" },
    ward: null,
    wards: [],
    wardSource: null,
    place: null,
    abstained: false,
    confidence: "high",
    asksFor: [],
    total: 0,
    results: [],
    suggestions: [],
  };
}
