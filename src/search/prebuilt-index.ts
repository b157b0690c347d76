/**
 * The prebuilt index: the documents with the readings of every field (computed at build time
 * by kuromoji, see scripts/build-search-index.ts) and the lexicon the service uses to read
 * queries. It is plain JSON with deterministic bytes, so it can be committed and diffed, and
 * the service builds its postings from it in a few milliseconds with no tokenizer.
 */
import { createHash } from "node:crypto";
import { docFieldTerms } from "./analyse.js";
import {
  bm25FromFrequencies,
  DEFAULT_BM25,
  idfOf,
  termFrequencies,
  type Bm25Index,
  type Bm25Params,
  type Field,
  type Posting,
} from "./bm25.js";
import { lexiconTables, type LexiconData, type LexiconTables } from "./lexicon.js";
import type { SearchDoc } from "./types.js";
import type { WordIndexData } from "./word-bm25.js";

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
   * document at start-up. Compact ({@link CompactPostings}); indexes written before it carry
   * term → [doc, tf × 10⁴, doc, tf × 10⁴, …] and still load.
   */
  postings?: CompactPostings | { params: Bm25Params; terms: Record<string, number[]> };
  /**
   * Synonyms from the Sudachi dictionary, filtered at build time: a resident's word (`from`)
   * the documents never use → their words (`to`). Weighted below exact matches and below the
   * hand-written vocabulary.
   */
  synonyms?: { from: string[]; to: string[] }[];
  /** The documents' own words for whole-word BM25 (src/search/word-bm25.ts); absent in older indexes. */
  words?: WordIndexData;
  /** The lexicon's look-up tables, computed at build time so start-up only reads them. */
  lexiconTables?: LexiconTables;
}

/**
 * The stored postings in columns: the terms (sorted), how many documents each holds, and all
 * postings one term after another as little-endian binary in base64 — document indexes
 * (Uint16, or Uint32 past 65,535 documents) and weighted tf × 10⁴ (Uint32). Loading is then one
 * JSON string per column and a typed-array view per term, in place of ten thousand JSON arrays
 * (the index was 1.1 MB, most of it postings, and loading it took most of the start-up).
 */
export interface CompactPostings {
  params: Bm25Params;
  terms: string[];
  /** Uint32 per term: its number of postings. */
  counts: string;
  /** Uint16 (Uint32 when `wideDocs`) per posting: the document's index. */
  docs: string;
  wideDocs?: true;
  /** Uint32 per posting: the weighted, length-normalised tf × 10⁴. */
  tf: string;
}

const TF_SCALE = 1e4;

/** A BM25F index over an index's documents: from its stored postings when they fit `params`. */
export function indexBm25(index: PrebuiltIndex, params: Bm25Params): Bm25Index {
  const stored = index.postings;
  if (stored && JSON.stringify(stored.params) === JSON.stringify(params)) {
    if (Array.isArray(stored.terms)) return compactBm25(stored as CompactPostings, index.docs.length, params);
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
    return bm25FromFrequencies({ docs: index.docs.length, terms }, params);
  }
  return bm25FromFrequencies(
    termFrequencies(
      index.docs.map((d) => docFieldTerms(fieldTexts(d), d.readings)),
      params,
    ),
    params,
  );
}

/** Little-endian binary of unsigned integers, in base64. */
function encode(values: readonly number[], bytes: 2 | 4): string {
  const buf = Buffer.alloc(values.length * bytes);
  values.forEach((v, i) => (bytes === 2 ? buf.writeUInt16LE(v, i * 2) : buf.writeUInt32LE(v, i * 4)));
  return buf.toString("base64");
}

/** Whether typed arrays are little-endian here (they use the platform's order). */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The unsigned integers of {@link encode}. */
function decode(base64: string, bytes: 2 | 4): Int32Array {
  const buf = Buffer.from(base64, "base64");
  if (LITTLE_ENDIAN) {
    // One native copy into an aligned buffer and one widening, instead of a read per value
    // (this was a tenth of the engine's start-up).
    const aligned = new Uint8Array(buf.length);
    aligned.set(buf);
    return new Int32Array(bytes === 2 ? new Uint16Array(aligned.buffer) : new Uint32Array(aligned.buffer));
  }
  const out = new Int32Array(buf.length / bytes);
  for (let i = 0; i < out.length; i++)
    out[i] = bytes === 2 ? buf.readUInt16LE(i * 2) : buf.readUInt32LE(i * 4);
  return out;
}

/**
 * BM25 over compact postings: the columns are decoded once; each term's posting (a view into
 * them, with its scores) is made the first time a query asks for it.
 */
function compactBm25(stored: CompactPostings, n: number, params: Bm25Params): Bm25Index {
  const counts = decode(stored.counts, 4);
  const docs = decode(stored.docs, stored.wideDocs ? 4 : 2);
  const tf = decode(stored.tf, 4);
  const at = new Map<string, number>();
  const offsets = new Int32Array(stored.terms.length + 1);
  stored.terms.forEach((t, i) => {
    at.set(t, i);
    offsets[i + 1] = offsets[i]! + counts[i]!;
  });
  const made = new Map<string, Posting>();
  const maxIdf = idfOf(0, n);
  return {
    size: n,
    maxIdf,
    idf: (t) => {
      const i = at.get(t);
      return i === undefined ? maxIdf : idfOf(counts[i]!, n);
    },
    postings(t) {
      const cached = made.get(t);
      if (cached) return cached;
      const i = at.get(t);
      if (i === undefined) return undefined;
      const from = offsets[i]!;
      const to = offsets[i + 1]!;
      const idf = idfOf(to - from, n);
      const scores = new Float64Array(to - from);
      for (let k = from; k < to; k++) {
        const f = tf[k]! / TF_SCALE;
        scores[k - from] = (idf * f * (params.k1 + 1)) / (params.k1 + f);
      }
      const posting = { docs: docs.subarray(from, to), scores };
      made.set(t, posting);
      return posting;
    },
  };
}

/** Adds stored postings (for the default BM25 parameters) to an index, in the compact form. */
export function withPostings(index: PrebuiltIndex, params: Bm25Params = DEFAULT_BM25): PrebuiltIndex {
  const freq = termFrequencies(
    index.docs.map((d) => docFieldTerms(fieldTexts(d), d.readings)),
    params,
  );
  const terms = [...freq.terms.keys()].sort();
  const counts: number[] = [];
  const docs: number[] = [];
  const tf: number[] = [];
  for (const t of terms) {
    const p = freq.terms.get(t)!;
    counts.push(p.docs.length);
    p.docs.forEach((d, i) => {
      docs.push(d);
      tf.push(Math.round(p.tf[i]! * TF_SCALE));
    });
  }
  const wide = index.docs.length > 0xffff;
  return {
    ...index,
    postings: {
      params,
      terms,
      counts: encode(counts, 4),
      docs: encode(docs, wide ? 4 : 2),
      ...(wide ? { wideDocs: true as const } : {}),
      tf: encode(tf, 4),
    },
  };
}

/** Adds the lexicon's look-up tables to an index (build time: they are most of the start-up otherwise). */
export function withLexiconTables(index: PrebuiltIndex): PrebuiltIndex {
  return { ...index, lexiconTables: lexiconTables(index.lexicon.words) };
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

/** Deterministic bytes for committing: one-space-indented JSON, final newline. */
export function serialiseIndex(index: PrebuiltIndex): string {
  const { postings, lexiconTables: tables, words, ...rest } = index;
  const head = JSON.stringify(rest, null, 1);
  // Derived tables and binary columns on one line each: there is nothing to read line by line.
  const tail = [
    ...(tables ? [` "lexiconTables": ${JSON.stringify(tables)}`] : []),
    ...(words ? [` "words": ${JSON.stringify(words)}`] : []),
    ...(postings ? [` "postings": ${JSON.stringify(postings)}`] : []),
  ];
  if (tail.length === 0) return `${head}\n`;
  return `${head.slice(0, -2)},\n${tail.join(",\n")}\n}\n`;
}
