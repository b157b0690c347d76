/**
 * The prebuilt index: the documents with the readings of every field (computed at build time
 * by kuromoji, see scripts/build-search-index.ts), the lexicon the service uses to read queries
 * and the BM25F postings. It is committed in the packed form of packed-index.ts (deterministic
 * bytes), which the service reads with no tokenizer and next to no construction.
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
  type TermFrequencies,
} from "./bm25.js";
import type { PlaceKeyColumns } from "../knowledge/gazetteer.js";
import type { StoredChineseFold } from "./chinese.js";
import { lexiconTables, type LexiconData, type LexiconTables } from "./lexicon.js";
import type { StoredQueryWordTables } from "./query-word-tables.js";
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
   * document at start-up: integer columns ({@link ColumnPostings}). Indexes stored as JSON
   * before the packed form carry them in base64 ({@link CompactPostings}), older ones as
   * term → [doc, tf × 10⁴, doc, tf × 10⁴, …]; both still load.
   */
  postings?: ColumnPostings | CompactPostings | { params: Bm25Params; terms: Record<string, number[]> };
  /**
   * Synonyms from the Sudachi dictionary, filtered at build time: a resident's word (`from`)
   * the documents never use → their words (`to`). Weighted below exact matches and below the
   * hand-written vocabulary.
   */
  synonyms?: { from: string[]; to: string[] }[];
  /**
   * English loanwords → the catalogue's katakana word (center → センター), from the Sudachi
   * dictionary's alphabet spellings, filtered at build time to words the catalogue writes: a
   * romaji message's English words read as the catalogue writes them. Absent: they stay Latin.
   */
  loanwords?: Record<string, string>;
  /** The documents' own words for whole-word BM25 (src/search/word-bm25.ts); absent in older indexes. */
  words?: WordIndexData;
  /** The lexicon's look-up tables, computed at build time so start-up only reads them. */
  lexiconTables?: LexiconTables;
  /** The lexicon's keys a spelling correction may lead to (correction.ts `correctionKeys`). */
  correctionKeys?: string[];
  /**
   * Each kanji's readings from kuromoji's dictionary (kanji → hiragana readings joined by commas),
   * so a compound the lexicon does not know can be read at run time without a tokenizer
   * (correction.ts `readAlike`: 女性金 sounds as 助成金).
   */
  kanjiReadings?: Record<string, string>;
  /**
   * The gazetteer's place keys (gazetteer.ts `placeKeyColumns`), computed at build time, and the
   * {@link inputHash} of the gazetteer they were computed from (`of`): an engine over another
   * gazetteer computes its own.
   */
  placeKeys?: StoredPlaceKeys;
  /**
   * Each program-side phrasing as a document of its own (src/search/phrasing-match.ts): its
   * postings and the document it belongs to, computed at build time. Absent: computed on first use.
   */
  phrasings?: StoredPhrasings;
  /**
   * The query reader's tables (query-word-tables.ts), computed at build time, and the
   * fingerprint (`queryWordTablesOf`) of the vocabulary they were made from (`of`): an engine
   * over another vocabulary makes its own. Packed as a JSON section, parsed on first read.
   */
  queryWordTables?: StoredQueryWordTables;
  /**
   * Simplified, traditional, Taiwan and Hong Kong characters → the Japanese forms the index's
   * words and the vocabulary write (OpenCC's tables, at build time), with the fingerprint of the
   * vocabulary it was made for (src/search/chinese.ts). Absent: Chinese is read by the vocabulary alone.
   */
  chineseFold?: StoredChineseFold;
  /**
   * Knowledge files checked at build time (file name → SHA-256 of its bytes): bytes with that
   * digest are read without the schema check at start (src/knowledge/checked-file.ts).
   */
  checked?: Record<string, string>;
}

/**
 * The stored postings in columns: the terms (sorted), how many documents each holds, and all
 * postings one term after another — document indexes (Uint16, or Uint32 past 65,535 documents)
 * and weighted tf × 10⁴. A packed index holds them as they are, read in place.
 */
export interface ColumnPostings {
  params: Bm25Params;
  terms: string[];
  /** Per term: its number of postings. */
  counts: Uint32Array;
  /** Per posting: the document's index. */
  docs: Uint16Array | Uint32Array;
  /** Per posting: the weighted, length-normalised tf × 10⁴. */
  tf: Uint32Array;
}

/**
 * {@link ColumnPostings} as JSON stores them: each column little-endian binary in base64 (the
 * committed index was JSON until the packed form; indexes stored then still load).
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

/** The phrasings' postings as the index stores them: base64 columns, one JSON section. */
export interface StoredPhrasings {
  /** Per phrasing: its document's index (Uint16 little-endian, or Uint32 past 65,535 documents; base64). */
  owner: string;
  wideOwner?: true;
  postings: CompactPostings;
}

/** Place keys as the index stores them (see {@link PrebuiltIndex.placeKeys}). */
export interface StoredPlaceKeys extends PlaceKeyColumns {
  of: string;
}

const TF_SCALE = 1e4;

/** A BM25F index over an index's documents: from its stored postings when they fit `params`. */
export function indexBm25(index: PrebuiltIndex, params: Bm25Params): Bm25Index {
  const stored = index.postings;
  if (stored && JSON.stringify(stored.params) === JSON.stringify(params)) {
    if (Array.isArray(stored.terms))
      return storedBm25(stored as ColumnPostings | CompactPostings, index.docs.length, params);
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

/** BM25 over stored columns (binary, or base64 as JSON stores them) of `n` documents. */
export function storedBm25(
  stored: ColumnPostings | CompactPostings,
  n: number,
  params: Bm25Params,
): Bm25Index {
  const columns: ColumnPostings =
    typeof stored.counts === "string"
      ? {
          params: stored.params,
          terms: stored.terms,
          counts: decode((stored as CompactPostings).counts, 4),
          docs: decode((stored as CompactPostings).docs, (stored as CompactPostings).wideDocs ? 4 : 2),
          tf: decode((stored as CompactPostings).tf, 4),
        }
      : (stored as ColumnPostings);
  return columnBm25(columns, n, params);
}

/**
 * Term frequencies as sorted terms and three parallel columns (documents per term, then each
 * posting's document and scaled term frequency): the one layout both stored forms are made of.
 */
function postingColumns(freq: TermFrequencies): {
  terms: string[];
  counts: number[];
  docs: number[];
  tf: number[];
} {
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
  return { terms, counts, docs, tf };
}

/**
 * Term frequencies as {@link CompactPostings} (base64 columns): the form for a table the packed
 * index keeps as a JSON section, parsed only when read.
 */
export function compactPostings(freq: TermFrequencies, params: Bm25Params): CompactPostings {
  const { terms, counts, docs, tf } = postingColumns(freq);
  const wide = freq.docs > 0xffff;
  return {
    params,
    terms,
    counts: base64(Uint32Array.from(counts)),
    docs: base64(wide ? Uint32Array.from(docs) : Uint16Array.from(docs)),
    ...(wide ? { wideDocs: true as const } : {}),
    tf: base64(Uint32Array.from(tf)),
  };
}

/** A column's little-endian bytes in base64. */
export function base64(values: Uint16Array | Uint32Array): string {
  const size = values instanceof Uint16Array ? 2 : 4;
  const buf = Buffer.alloc(values.length * size);
  values.forEach((v, i) => (size === 2 ? buf.writeUInt16LE(v, i * 2) : buf.writeUInt32LE(v, i * 4)));
  return buf.toString("base64");
}

/** Whether typed arrays are little-endian here (they use the platform's order). */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The unsigned integers of a base64 column ({@link CompactPostings}). */
export function decode(base64: string, bytes: 2 | 4): Uint32Array {
  const buf = Buffer.from(base64, "base64");
  if (LITTLE_ENDIAN) {
    const aligned = new Uint8Array(buf.length);
    aligned.set(buf);
    return new Uint32Array(bytes === 2 ? new Uint16Array(aligned.buffer) : new Uint32Array(aligned.buffer));
  }
  const out = new Uint32Array(buf.length / bytes);
  for (let i = 0; i < out.length; i++)
    out[i] = bytes === 2 ? buf.readUInt16LE(i * 2) : buf.readUInt32LE(i * 4);
  return out;
}

/**
 * BM25 over column postings: each term's posting (a slice of the columns, with its scores) is
 * made the first time a query asks for it.
 */
function columnBm25(stored: ColumnPostings, n: number, params: Bm25Params): Bm25Index {
  const { counts, tf } = stored;
  // One widening copy: the scorer's loops then read one kind of array, whatever the width stored.
  const docs = new Int32Array(stored.docs);
  const at = new Map<string, number>();
  const offsets = new Int32Array(stored.terms.length + 1);
  for (let i = 0; i < stored.terms.length; i++) {
    at.set(stored.terms[i]!, i);
    offsets[i + 1] = offsets[i]! + counts[i]!;
  }
  // Made postings by the term's position: one Map look-up per term asked, made or not (most
  // phrasing-field terms a query asks for are in no document).
  const made: (Posting | undefined)[] = new Array<Posting | undefined>(stored.terms.length);
  const maxIdf = idfOf(0, n);
  return {
    size: n,
    maxIdf,
    idf: (t) => {
      const i = at.get(t);
      return i === undefined ? maxIdf : idfOf(counts[i]!, n);
    },
    df: (t) => {
      const i = at.get(t);
      return i === undefined ? 0 : counts[i]!;
    },
    postings(t) {
      const i = at.get(t);
      if (i === undefined) return undefined;
      const cached = made[i];
      if (cached) return cached;
      const from = offsets[i]!;
      const to = offsets[i + 1]!;
      const idf = idfOf(to - from, n);
      const scores = new Float64Array(to - from);
      for (let k = from; k < to; k++) {
        const f = tf[k]! / TF_SCALE;
        scores[k - from] = (idf * f * (params.k1 + 1)) / (params.k1 + f);
      }
      const posting = { docs: docs.subarray(from, to), scores };
      made[i] = posting;
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
  const { terms, counts, docs, tf } = postingColumns(freq);
  const wide = index.docs.length > 0xffff;
  return {
    ...index,
    postings: {
      params,
      terms,
      counts: Uint32Array.from(counts),
      docs: wide ? Uint32Array.from(docs) : Uint16Array.from(docs),
      tf: Uint32Array.from(tf),
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
