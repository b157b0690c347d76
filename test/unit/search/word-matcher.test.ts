// The word matcher (src/search/word-matcher.ts) scores an expansion's light terms — the common
// parts that together hold less than the share an expansion asks — only in the slots a heavy
// term holds. These tests check which terms are light, and that skipping the other slots changes
// no slot's figures: the same words matched with the light flags removed give the same totals,
// coverage and shares, to the last bit, over postings drawn at random.
import { describe, expect, it } from "vitest";
import type { Posting } from "../../../src/search/bm25.js";
import type { Expansion, QueryWord, WeightedTerm } from "../../../src/search/scoring.js";
import { lightTerms, WordMatcher, type PostingSource } from "../../../src/search/word-matcher.js";

const term = (t: string, idf: number, group: 0 | 1 | -1 = 0, weight = 1): WeightedTerm => ({
  term: t,
  weight,
  idf,
  group,
});

function expansion(label: string, terms: WeightedTerm[], minFrac: number): Expansion {
  const mass: [number, number] = [0, 0];
  for (const t of terms) if (t.group !== -1) mass[t.group] += t.weight * t.idf;
  return { label, terms, mass, minFrac, light: lightTerms(terms, mass, minFrac) };
}

describe("lightTerms", () => {
  it("marks the smallest terms of a group that together hold less than the share, and the readings", () => {
    // 始めたい: 始め and めた are rare, たい common. 1.0 of 6.5 is below a third; 1.0 + 2.5 is not.
    const terms = [term("s:始め", 3), term("s:めた", 2.5), term("s:たい", 1), term("s:はじ", 2, -1)];
    expect(Array.from(lightTerms(terms, [6.5, 0], 0.34)!)).toEqual([0, 0, 1, 1]);
    // A whole-word match (a short loanword asks 0.99): all but the largest term are light.
    expect(Array.from(lightTerms(terms, [6.5, 0], 0.99)!)).toEqual([0, 1, 1, 1]);
  });

  it("marks nothing when every term is needed or no share is asked", () => {
    expect(lightTerms([term("s:地域", 2), term("s:域活", 2)], [4, 0], 0.34)).toBeNull();
    expect(lightTerms([term("s:始め", 3), term("s:たい", 1)], [4, 0], 0)).toBeNull();
  });

  it("weighs each coverage group against its own mass", () => {
    const terms = [term("s:ひな", 3, 1), term("s:なん", 1, 1), term("u:避", 5, 0)];
    expect(Array.from(lightTerms(terms, [5, 4], 0.5)!)).toEqual([0, 1, 0]);
  });
});

/** A generator of reproducible numbers (the draws must not change between runs). */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

function postings(size: number, share: number, next: () => number): Posting {
  const docs: number[] = [];
  for (let d = 0; d < size; d++) if (next() < share) docs.push(d);
  return { docs: Int32Array.from(docs), scores: Float64Array.from(docs, () => 0.1 + 3 * next()) };
}

describe("WordMatcher with light terms", () => {
  it("gives every slot the same figures as matching every posting", () => {
    const size = 300;
    const next = random(7);
    const own = new Map<string, Posting>();
    const also = new Map<string, Posting>();
    // Common terms are in most slots, rare ones in a few; some are also in a second text.
    const names = Array.from({ length: 24 }, (_, i) => `t${i}`);
    for (const [i, t] of names.entries()) {
      own.set(t, postings(size, i % 4 === 0 ? 0.6 : 0.04 + 0.05 * next(), next));
      if (i % 3 === 0) also.set(t, postings(size, 0.1, next));
    }
    const words: QueryWord[] = [];
    for (let w = 0; w < 8; w++) {
      const expansions = [0, 1, 2].map((k) => {
        const terms = [0, 1, 2, 3].map((j) => {
          const group = j === 3 ? -1 : k === 2 && j === 2 ? 1 : 0;
          return term(names[Math.floor(next() * names.length)]!, 0.5 + 4 * next(), group, 0.5 + next());
        });
        const unique = terms.filter((t, i) => terms.findIndex((u) => u.term === t.term) === i);
        return expansion(`w${w}e${k}`, unique, [0.34, 0.9, 0.99][k]!);
      });
      words.push({
        text: `w${w}`,
        expansions,
        coverageWeight: 1 + next(),
        combine: w % 3 === 0 ? "sum" : "max",
        scoreScale: 1,
        topical: true,
        ...(w === 5 ? { context: true } : {}),
      });
    }
    expect(words.flatMap((w) => w.expansions).filter((e) => e.light !== null).length).toBeGreaterThan(10);
    const heavyOnly = words.map((w) => ({
      ...w,
      expansions: w.expansions.map((e) => ({ ...e, light: null })),
    }));

    for (const withAlso of [false, true]) {
      const source: PostingSource = {
        own: (t) => own.get(t.term),
        ...(withAlso ? { also: (t: { term: string }) => also.get(t.term) } : {}),
      };
      const figures = (ws: QueryWord[]) => {
        const m = new WordMatcher(size, source, 0.8, true);
        const labels = new Int16Array(size).fill(-1);
        const perWord = ws.map((w) => {
          m.match(w, labels);
          const touched = Array.from(m.wordTouched.subarray(0, m.wordCount)).sort((a, b) => a - b);
          return touched.map((d) => [d, m.wordScore[d], m.wordFrac[d], m.wordFracOwn[d], labels[d]]);
        });
        const total = Array.from(m.total);
        const soft = Array.from(m.soft);
        return { perWord, total, soft };
      };
      const pruned = figures(words);
      expect(pruned.total.filter((x) => x > 0).length).toBeGreaterThan(size / 4);
      expect(pruned).toEqual(figures(heavyOnly));
    }
  });
});
