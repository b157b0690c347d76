/**
 * Whole-word BM25 over the corpus's own words, fused into the engine's ranking. The engine's
 * character bigrams meet words it never learnt and kana typed for kanji, but they also let a
 * document match on fragments; plain BM25 over the words a morphological analyser finds
 * (kuromoji at build time, nouns, verbs and adjectives by their dictionary form) rewards a
 * document for holding the question's words whole. The build stores, for any corpus, each word's
 * postings and the surfaces the corpus writes it in (入り → 入る, and the stems its verbs written
 * in kanji inflect from: 知り → 知る), and the grammar written between words (たい, ている); a
 * query is cut by longest match over those surfaces, passing over grammar — a word the corpus
 * never uses scores nothing in BM25 anyway, so no analyser is needed at run time. Pure.
 */
import { addKeyBeginnings } from "../text/key-beginnings.js";
import { idfOf } from "./bm25.js";

/** What the build stores: the surfaces of the corpus's words and their postings. */
export interface WordIndexData {
  /** Surface as written (NFKC, lower case) → the word's dictionary form; "" when the same. */
  surfaces: Record<string, string>;
  /** BM25 k1 and b (one field: the document's whole text). */
  k1: number;
  b: number;
  /** The words (dictionary forms), sorted. */
  words: string[];
  /** Per word, the documents holding it and their term frequencies, as parallel arrays. */
  docs: number[][];
  tf: number[][];
  /** Words per document (BM25's length normalisation). */
  lengths: number[];
  /**
   * Surfaces of the grammar the texts write between words (particles, auxiliaries, dependent
   * verbs and nouns, and their runs: たい, ている, ですか), sorted; absent in older indexes. The
   * cutter passes over them, so an inflection's tail is not taken for a word (知りたい is not
   * the verb いる).
   */
  grammar?: string[];
}

/** Scores of the documents holding some word of a query (sparse: documents and scores). */
export interface WordScores {
  docs: number[];
  scores: number[];
}

/** The word index at run time. */
export interface WordIndex {
  /** The corpus's words in `text`, by longest match over the surfaces it writes them in. */
  wordsOf(text: string): string[];
  /** BM25 of the documents for these words (each word once). */
  score(words: readonly string[]): WordScores;
  /**
   * The dictionary form of a verb or adjective the corpus writes, when `surface` is one of its
   * inflected forms or stems and not the form itself (残り → 残る, 早く → 早い); else undefined.
   * Forms written in kana only (する of し, できる of でき) are left out: those verbs are what
   * the grammar of every question is made of, and say nothing of what it asks.
   */
  formOf: (surface: string) => string | undefined;
}

/** A kanji. */
const HAN = /\p{Script=Han}/u;

/** Longest surface tried at each position, in characters. */
const MAX_SURFACE = 12;

/** Builds the run-time word index from the stored data. */
export function createWordIndex(data: WordIndexData): WordIndex {
  const n = data.lengths.length;
  const avg = Math.max(1, data.lengths.reduce((s, x) => s + x, 0) / Math.max(1, n));
  const at = new Map<string, number>();
  data.words.forEach((w, i) => at.set(w, i));
  const surfaces = new Map<string, string>();
  for (const [s, w] of Object.entries(data.surfaces)) surfaces.set(s, w || s);
  const grammar = new Set(data.grammar ?? []);
  const acc = new Float64Array(n);
  const seen = new Uint8Array(n);

  // The beginnings of every surface and grammar run: a probe that begins none of them grows into
  // no match, so the longest match stops there instead of trying all MAX_SURFACE lengths (two
  // look-ups each) at every position. Built on the first query.
  let beginnings: Set<string> | null = null;
  const beginningsOf = (): Set<string> => {
    return (beginnings ??= addKeyBeginnings(grammar, addKeyBeginnings(surfaces.keys())));
  };

  function wordsOf(text: string): string[] {
    const begins = beginningsOf();
    const chars = [...text.normalize("NFKC").toLowerCase()];
    const out: string[] = [];
    let i = 0;
    while (i < chars.length) {
      let best = 0;
      let word: string | undefined;
      let tail = 0;
      let probe = "";
      for (let l = 1; l <= MAX_SURFACE && i + l <= chars.length; l++) {
        probe += chars[i + l - 1];
        const w = surfaces.get(probe);
        if (w !== undefined) [best, word] = [l, w];
        if (grammar.has(probe)) tail = l;
        if (!begins.has(probe)) break;
      }
      // Grammar longer than any word here is grammar (ている, not the verb いる); a word as long wins.
      if (tail > best) [best, word] = [tail, undefined];
      if (word !== undefined) out.push(word);
      i += Math.max(best, 1);
    }
    return out;
  }

  function score(words: readonly string[]): WordScores {
    const touched: number[] = [];
    for (const w of new Set(words)) {
      const wi = at.get(w);
      if (wi === undefined) continue;
      const docs = data.docs[wi]!;
      const tf = data.tf[wi]!;
      const idf = idfOf(docs.length, n);
      for (let k = 0; k < docs.length; k++) {
        const d = docs[k]!;
        const f = tf[k]!;
        const norm = data.k1 * (1 - data.b + (data.b * data.lengths[d]!) / avg);
        if (!seen[d]) [seen[d], touched[touched.length]] = [1, d];
        acc[d] = acc[d]! + (idf * f * (data.k1 + 1)) / (f + norm);
      }
    }
    const scores = touched.map((d) => acc[d]!);
    for (const d of touched) [acc[d], seen[d]] = [0, 0];
    return { docs: touched, scores };
  }

  function formOf(surface: string): string | undefined {
    const key = surface.normalize("NFKC").toLowerCase();
    const form = surfaces.get(key);
    return form !== key && form !== undefined && HAN.test(form) ? form : undefined;
  }

  return { wordsOf, score, formOf };
}

/** The stored data from each document's words (dictionary forms) and the surfaces seen. */
export function wordIndexData(
  docWords: readonly string[][],
  surfaces: ReadonlyMap<string, string>,
  params: { k1: number; b: number } = { k1: 1.2, b: 0.75 },
  grammar: Iterable<string> = [],
): WordIndexData {
  const postings = new Map<string, Map<number, number>>();
  docWords.forEach((ws, d) => {
    for (const w of ws) {
      let p = postings.get(w);
      if (!p) postings.set(w, (p = new Map<number, number>()));
      p.set(d, (p.get(d) ?? 0) + 1);
    }
  });
  const words = [...postings.keys()].sort();
  const sortedSurfaces = [...surfaces].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    surfaces: Object.fromEntries(sortedSurfaces.map(([s, w]) => [s, s === w ? "" : w])),
    k1: params.k1,
    b: params.b,
    words,
    docs: words.map((w) => [...postings.get(w)!.keys()]),
    tf: words.map((w) => [...postings.get(w)!.values()]),
    lengths: docWords.map((ws) => ws.length),
    grammar: [...new Set(grammar)].sort(),
  };
}
