/**
 * Retrieval metrics over one ranked list and graded judgements (docId → grade, absent = 0).
 * Conventions: a "hit" is a document of grade ≥ `hitGrade` (2 in the dev set: what the resident
 * is looking for); nDCG uses the grades as gains (2^g − 1) with log2 discounts. Pure.
 */
export type Qrels = Record<string, number>;

const relevantIds = (qrels: Qrels, minGrade: number) =>
  new Set(
    Object.entries(qrels)
      .filter(([, g]) => g >= minGrade)
      .map(([id]) => id),
  );

/** 1 when a document of grade ≥ hitGrade is among the first k, else 0. */
export function hitAt(ranked: string[], qrels: Qrels, k: number, hitGrade = 1): number {
  const rel = relevantIds(qrels, hitGrade);
  return ranked.slice(0, k).some((id) => rel.has(id)) ? 1 : 0;
}

/** Reciprocal rank of the first document of grade ≥ hitGrade within the first k (0 if none). */
export function reciprocalRank(ranked: string[], qrels: Qrels, k = Infinity, hitGrade = 1): number {
  const rel = relevantIds(qrels, hitGrade);
  const i = ranked.slice(0, k).findIndex((id) => rel.has(id));
  return i < 0 ? 0 : 1 / (i + 1);
}

/** nDCG@k with gains 2^grade − 1. 0 when nothing is relevant. */
export function ndcgAt(ranked: string[], qrels: Qrels, k: number): number {
  const gain = (g: number) => 2 ** g - 1;
  const dcg = ranked.slice(0, k).reduce((s, id, i) => s + gain(qrels[id] ?? 0) / Math.log2(i + 2), 0);
  const ideal = Object.values(qrels)
    .filter((g) => g > 0)
    .sort((a, b) => b - a)
    .slice(0, k)
    .reduce((s, g, i) => s + gain(g) / Math.log2(i + 2), 0);
  return ideal > 0 ? dcg / ideal : 0;
}

/** Share of the relevant documents (grade ≥ 1) found in the first k. 0 when none are relevant. */
export function recallAt(ranked: string[], qrels: Qrels, k: number): number {
  const rel = relevantIds(qrels, 1);
  if (rel.size === 0) return 0;
  return ranked.slice(0, k).filter((id) => rel.has(id)).length / rel.size;
}

/** Arithmetic mean; 0 for an empty list. */
export const mean = (xs: number[]): number => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
