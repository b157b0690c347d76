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
   * "high" when the best document covers most of the question; "low" when the results are only
   * the closest programs (a partial match), so replies say so. Always "low" when abstained.
   */
  confidence: "high" | "low";
  /** The out-of-scope municipal topic the question names (ごみ, 住民票 …), when that made it abstain. */
  outOfScope?: string;
  /**
   * Details the question asks for that programs do not carry (a date, a time, a contact, a
   * place): the cards still answer it, and the reply says the detail is not known here.
   */
  asksFor: ("date" | "time" | "contact" | "place")[];
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
