/**
 * The prebuilt index: the documents with the readings of every field (computed at build time
 * by kuromoji, see scripts/build-search-index.ts) and the lexicon the service uses to read
 * queries. It is plain JSON with deterministic bytes, so it can be committed and diffed, and
 * the service builds its postings from it in a few milliseconds with no tokenizer.
 */
import { createHash } from "node:crypto";
import { docFieldTerms } from "./analyse.js";
import { DEFAULT_BM25, termFrequencies, type Bm25Params, type Field, type TermFrequencies } from "./bm25.js";
import type { LexiconData } from "./lexicon.js";
import type { SearchDoc } from "./types.js";

/** Bumped when the index layout changes; the loader refuses other formats. */
export const INDEX_FORMAT = 1;

/** A document with the hiragana reading of each field ("" where unknown). */
export interface IndexedDoc extends SearchDoc {
  readings: Partial<Record<Field, string>>;
}

/** The committed, prebuilt search index. */
export interface PrebuiltIndex {
  format: typeof INDEX_FORMAT;
  /** Hash of the inputs (documents, vocabulary, gazetteer): tells whether the index is stale. */
  inputHash: string;
  docs: IndexedDoc[];
  lexicon: LexiconData;
  /**
   * Precomputed BM25F term frequencies (for `params`), so the service skips analysing every
   * document at start-up: term → [doc, tf × 10⁴, doc, tf × 10⁴, …].
   */
  postings?: { params: Bm25Params; terms: Record<string, number[]> };
  /**
   * Synonyms from the Sudachi dictionary, filtered at build time: a resident's word (`from`)
   * the documents never use → their words (`to`). Weighted below exact matches and below the
   * hand-written vocabulary.
   */
  synonyms?: { from: string[]; to: string[] }[];
}

const TF_SCALE = 1e4;

/** Frequencies of the documents of an index: from its stored postings when they fit `params`. */
export function indexFrequencies(index: PrebuiltIndex, params: Bm25Params): TermFrequencies {
  const stored = index.postings;
  if (stored && JSON.stringify(stored.params) === JSON.stringify(params)) {
    const terms = new Map<string, { docs: number[]; tf: number[] }>();
    for (const [t, flat] of Object.entries(stored.terms)) {
      const docs: number[] = [];
      const tf: number[] = [];
      for (let i = 0; i < flat.length; i += 2) {
        docs.push(flat[i]!);
        tf.push(flat[i + 1]! / TF_SCALE);
      }
      terms.set(t, { docs, tf });
    }
    return { docs: index.docs.length, terms };
  }
  return termFrequencies(
    index.docs.map((d) => docFieldTerms(fieldTexts(d), d.readings)),
    params,
  );
}

/** Adds stored postings (for the default BM25 parameters) to an index. */
export function withPostings(index: PrebuiltIndex, params: Bm25Params = DEFAULT_BM25): PrebuiltIndex {
  const freq = termFrequencies(
    index.docs.map((d) => docFieldTerms(fieldTexts(d), d.readings)),
    params,
  );
  const terms: Record<string, number[]> = {};
  for (const t of [...freq.terms.keys()].sort()) {
    const p = freq.terms.get(t)!;
    terms[t] = p.docs.flatMap((d, i) => [d, Math.round(p.tf[i]! * TF_SCALE)]);
  }
  return { ...index, postings: { params, terms } };
}

/** The text of each field, as indexed: tags join the heading (both weigh between name and description). */
export function fieldTexts(doc: SearchDoc): Record<Field, string> {
  return {
    name: doc.name,
    heading: [doc.heading ?? "", ...(doc.tags ?? [])].filter(Boolean).join(" "),
    description: doc.description,
    extra: (doc.extra ?? []).join(" "),
    asked: (doc.askedAs ?? []).join("。"),
  };
}

/** A stable hash of any JSON-able inputs (key order as given; callers pass arrays in a fixed order). */
export function inputHash(...inputs: unknown[]): string {
  const h = createHash("sha256");
  for (const i of inputs) h.update(JSON.stringify(i)).update("\u0000");
  return h.digest("hex").slice(0, 16);
}

/**
 * Assembles an index from documents and a reading function (kuromoji at build time; the
 * lexicon's longest-match reader for corpora built at run time, such as FAQ sets).
 */
export function assembleIndex(
  docs: SearchDoc[],
  lexicon: LexiconData,
  readingOf: (text: string) => string,
  hash: string,
): PrebuiltIndex {
  const indexed = docs.map((d) => {
    const texts = fieldTexts(d);
    const readings: Partial<Record<Field, string>> = {};
    for (const [f, t] of Object.entries(texts) as [Field, string][]) if (t) readings[f] = readingOf(t);
    return { ...d, readings };
  });
  const words = Object.fromEntries(
    Object.entries(lexicon.words).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
  const stop = [...new Set(lexicon.stop)].sort();
  const weak = [...new Set(lexicon.weak ?? [])].sort();
  return { format: INDEX_FORMAT, inputHash: hash, docs: indexed, lexicon: { words, stop, weak } };
}

/** Deterministic bytes for committing: one-space-indented JSON, one line per posting list, final newline. */
export function serialiseIndex(index: PrebuiltIndex): string {
  const { postings, ...rest } = index;
  const head = JSON.stringify(rest, null, 1);
  if (!postings) return `${head}\n`;
  // One line per posting list keeps the file small and its diffs readable.
  const terms = Object.entries(postings.terms).map(
    ([t, list]) => `  ${JSON.stringify(t)}: ${JSON.stringify(list)}`,
  );
  const tail = `,\n "postings": {\n  "params": ${JSON.stringify(postings.params)},\n  "terms": {\n${terms.join(",\n")}\n  }\n }\n}`;
  return `${head.slice(0, -2)}${tail}\n`;
}
