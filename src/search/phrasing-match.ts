/**
 * The best single phrasing of each document. A program's phrasings (knowledge/asked-as/) are
 * indexed joined in one field for BM25F, where length normalisation over eight or nine questions
 * flattens them: a message that says what one phrasing says (誰かに家で話を聞いてほしい) scores
 * little more there than one that shares a word with each. Here every phrasing is a small
 * document of its own, scored with the query's words as the engine reads them (their
 * expansions, weights and the share of a word a match must hold, scoring.ts), and a program
 * takes the score of its best phrasing — how a resident would ask for it, in one sentence
 * (BM25 over sub-documents with a max per document, as passage retrieval does). The build
 * stores the postings (`PrebuiltIndex.phrasings`); an index without them computes them on first
 * use. Pure.
 */
import { surfaceTerms } from "./analyse.js";
import { termFrequencies, type Bm25Index, type Bm25Params, type TermFrequencies } from "./bm25.js";
import { normalise } from "./normalise.js";
import {
  base64,
  compactPostings,
  decode,
  storedBm25,
  type PrebuiltIndex,
  type StoredPhrasings,
} from "./prebuilt-index.js";
import type { SearchDoc } from "./types.js";

/** The phrasings as documents of their own, and the document each belongs to. */
export interface PhrasingIndex {
  readonly bm25: Bm25Index;
  /** Per phrasing: the index of its document. */
  readonly owner: Uint32Array;
  readonly size: number;
}

/** One field: a phrasing is one short question, normalised for length as a description is. */
export const PHRASING_BM25: Bm25Params = {
  k1: 1.2,
  weights: { name: 0, heading: 0, description: 0, extra: 0, asked: 1 },
  b: { name: 0, heading: 0, description: 0, extra: 0, asked: 0.75 },
};

/** Each phrasing's surface terms (bigrams, kanji, Latin words) and its document. */
function phrasingFrequencies(docs: readonly SearchDoc[]): { owner: number[]; freq: TermFrequencies } {
  const owner: number[] = [];
  const terms: { asked: string[] }[] = [];
  docs.forEach((d, i) => {
    for (const text of d.askedAs ?? []) {
      owner.push(i);
      terms.push({ asked: surfaceTerms(normalise(text)) });
    }
  });
  return { owner, freq: termFrequencies(terms, PHRASING_BM25) };
}

/** What the build stores for the documents' phrasings. */
export function storePhrasings(docs: readonly SearchDoc[]): StoredPhrasings {
  const { owner, freq } = phrasingFrequencies(docs);
  const wide = docs.length > 0xffff;
  return {
    owner: base64(wide ? Uint32Array.from(owner) : Uint16Array.from(owner)),
    ...(wide ? { wideOwner: true as const } : {}),
    postings: compactPostings(freq, PHRASING_BM25),
  };
}

/** The phrasing index of a prebuilt index: from its stored postings, or computed from its documents. */
export function phrasingIndex(index: PrebuiltIndex): PhrasingIndex {
  const stored = index.phrasings ?? storePhrasings(index.docs);
  const owner = decode(stored.owner, stored.wideOwner ? 4 : 2);
  return { bm25: storedBm25(stored.postings, owner.length, PHRASING_BM25), owner, size: owner.length };
}
