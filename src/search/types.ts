/**
 * Public types of the search engine. The engine is pure: it is built from plain documents
 * (programs now; FAQ entries or notices later) and answers queries without any I/O.
 */
import type { Ward } from "../knowledge/schema.js";

/** A searchable document. Fields are weighted: name > tags/heading > description. */
export interface SearchDoc {
  id: string;
  ward: Ward | null;
  name: string;
  heading?: string;
  tags?: string[];
  description: string;
  /** Extra text that should match but not dominate (places, audience). */
  extra?: string[];
}

/** One document found, with the terms that matched it. */
export interface SearchHit {
  id: string;
  ward: Ward | null;
  name: string;
  score: number;
  /** The query terms (after normalisation, synonyms and corrections) that matched. */
  matched: string[];
}

/** Ward, profile ward and paging. */
export interface SearchOptions {
  /** Restrict to this ward (overrides detection). */
  ward?: Ward;
  /** The resident's ward from their profile, used when the query names none. */
  profileWard?: Ward | null;
  limit?: number;
  offset?: number;
}

/** The answer to one query. */
export interface SearchResult {
  query: string;
  /** The ward the results were restricted to, if any. */
  ward: Ward | null;
  /** Where the ward came from: named in the query (ward or place), the profile, an option. */
  wardSource: "query" | "place" | "profile" | "option" | null;
  /** The place named in the query, when the ward came from one (e.g. 秋津). */
  place: string | null;
  abstained: boolean;
  /**
   * Share (idf-weighted) of the query's content words that the best document covers; the
   * engine abstains below its threshold. 0 when nothing matched.
   */
  coverage?: number;
  /** Total number of hits before limit/offset (for 「もっと見る」). */
  total: number;
  results: SearchHit[];
  /** 「もしかして」: corrected queries to offer, best first. */
  suggestions: string[];
}

/** Anything that answers queries over documents (the engine, a baseline). */
export interface SearchEngine {
  search(query: string, options?: SearchOptions): SearchResult;
}
