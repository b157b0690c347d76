/**
 * A baseline for FAQ benchmarks: character 2–4-gram TF-IDF with cosine similarity, as
 * scikit-learn's `TfidfVectorizer(analyzer="char", ngram_range=(2, 4))` computes it (raw term
 * frequency, smoothed idf ln((1+N)/(1+df))+1, L2-normalised vectors). It is what the published
 * childcare-FAQ results call "Lexical (character 2–4-gram TF-IDF)", measured in the same run as
 * the engine so the comparison is fair. Pure.
 */

/** Character n-grams (2 to 4) of NFKC, lower-cased text with runs of spaces collapsed. */
export function charNgrams(text: string, min = 2, max = 4): string[] {
  const chars = [...text.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim()];
  const out: string[] = [];
  for (let n = min; n <= max; n++)
    for (let i = 0; i + n <= chars.length; i++) out.push(chars.slice(i, i + n).join(""));
  return out;
}

/** Ranks documents for a query by cosine similarity of their TF-IDF vectors. */
export interface CharTfidf {
  rank(query: string, limit?: number): string[];
  /** Cosine similarity of every document sharing an n-gram with the query (sparse, by position). */
  scores(query: string): { docs: number[]; scores: number[] };
}

/** Builds the vectors of a corpus (document id → text). */
export function createCharTfidf(corpus: Record<string, string>): CharTfidf {
  const ids = Object.keys(corpus);
  const n = ids.length;
  const df = new Map<string, number>();
  const tfs = ids.map((id) => {
    const tf = new Map<string, number>();
    for (const g of charNgrams(corpus[id]!)) tf.set(g, (tf.get(g) ?? 0) + 1);
    for (const g of tf.keys()) df.set(g, (df.get(g) ?? 0) + 1);
    return tf;
  });
  const idf = (g: string) => Math.log((1 + n) / (1 + (df.get(g) ?? 0))) + 1;
  // Postings of normalised weights: n-gram → [doc, weight].
  const postings = new Map<string, { doc: number; w: number }[]>();
  tfs.forEach((tf, doc) => {
    let norm = 0;
    for (const [g, c] of tf) norm += (c * idf(g)) ** 2;
    norm = Math.sqrt(norm) || 1;
    for (const [g, c] of tf) {
      const list = postings.get(g) ?? [];
      list.push({ doc, w: (c * idf(g)) / norm });
      postings.set(g, list);
    }
  });
  function similarity(query: string): Map<number, number> {
    const tf = new Map<string, number>();
    for (const g of charNgrams(query)) if (df.has(g)) tf.set(g, (tf.get(g) ?? 0) + 1);
    let norm = 0;
    for (const [g, c] of tf) norm += (c * idf(g)) ** 2;
    norm = Math.sqrt(norm) || 1;
    const score = new Map<number, number>();
    for (const [g, c] of tf) {
      const q = (c * idf(g)) / norm;
      for (const p of postings.get(g) ?? []) score.set(p.doc, (score.get(p.doc) ?? 0) + q * p.w);
    }
    return score;
  }
  return {
    scores(query) {
      const score = similarity(query);
      return { docs: [...score.keys()], scores: [...score.values()] };
    },
    rank(query, limit = 10) {
      return [...similarity(query)]
        .sort((a, b) => b[1] - a[1] || a[0] - b[0])
        .slice(0, limit)
        .map(([d]) => ids[d]!);
    },
  };
}
