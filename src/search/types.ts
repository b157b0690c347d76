/**
 * Public types of the search engine. The engine is pure: it is built from plain documents
 * (programs now; FAQ entries or notices later) and answers queries without any I/O.
 *
 * THE CONTRACT the bot builds on (issue 11):
 * - {@link MessageAnalysis}: one reading of a resident's message — its clauses, the part that
 *   asks, the context around it, the ward or place it names, the audiences it mentions, and
 *   whether it is small talk. `engine.analyseMessage(text)` returns it; every
 *   {@link SearchResult} carries the analysis it was made from, so the bot's text intents and the
 *   search read a message once.
 * - {@link SearchDecision}: what the bot should do with the result — answer, answer while
 *   offering a choice of topics, refuse (and say where to ask instead), or reply to small talk.
 *   It is a pure function of the analysis and the match signals (src/search/decision.ts).
 *   `SearchResult.abstained` stays, equal to `decision.kind === "refuse"`.
 */
import type { PlaceMatch } from "../knowledge/gazetteer.js";
import type { TopicKey } from "../knowledge/topics.js";
import type { Ward } from "../knowledge/schema.js";
import { SMALL_TALK_KINDS, type DetailKind } from "../knowledge/vocabulary.js";

export { SMALL_TALK_KINDS };

/** What a whole message is when it asks nothing: a kind reply and the menu, never programs. */
export type SmallTalk = (typeof SMALL_TALK_KINDS)[number];

/**
 * Who a message is about, in the catalogue's words (knowledge/vocabulary.json `audiences`):
 * 高齢者, 子ども, 子育て世帯, 外国人, 障がい者, 学生 ….
 */
export type Audience = string;

/** One reading of a resident's message, shared by the bot's text intents and the search. */
export interface MessageAnalysis {
  /** The message as received. */
  text: string;
  /**
   * The text the engine reads: NFKC, romaji turned into kana, English topic words into
   * Japanese ones (「bousai」 → 「ぼうさい」, 「disaster」 → 「防災」), 熊本弁 read as standard
   * Japanese (「催しばやらんとですか」 → 「催しをやらないのですか」, src/search/dialect.ts). Equal to
   * `text` (lower case) for ordinary standard Japanese.
   */
  readable: string;
  /** The script the resident wrote in ("zh": Chinese, simplified or traditional). */
  language: "ja" | "en" | "romaji" | "zh" | "vi";
  /** Sentences and clauses, in order (split at 。！？, line breaks, けど/ので/ばってん …). */
  clauses: string[];
  /**
   * The part that asks (a question, a request, a wish: 〜ありますか, 〜したい, 教えて, 〜なかと？):
   * the asking clauses joined by a space. When no clause asks (a situation described), every
   * clause with content.
   */
  asked: string;
  /**
   * The different things the asked part asks for, in order: two or three when the message asks
   * for several (「子どもの遊び場と、親の健康づくりの催し」, 「…がほしいのと、…も教えて」, 「…。
   * それと、…」), each searched on its own so the best program of each shows; otherwise one entry,
   * equal to `asked`.
   */
  needs: string[];
  /** The other clauses (I am 80, I stopped driving …): they may add, never veto. */
  context: string[];
  /** The ward the message names (a ward, or a place of exactly one ward); null when none. */
  ward: Ward | null;
  /** How the ward was named: outright ("query") or through a place ("place"). */
  wardSource: "query" | "place" | null;
  /** The place named (校区, 町, landmark), when one is. */
  place: string | null;
  /**
   * When the place named lies in more than one ward (島崎: 中央区 and 西区) and no ward is named:
   * those wards, never one picked silently; [] otherwise.
   */
  placeWards: Ward[];
  /**
   * Whether the first of `placeWards` leads: the hand-written gazetteer puts the place there
   * (黒髪: 中央区, though Japan Post lists a part in 北区), so its programs come first.
   */
  placeWardLeads: boolean;
  /** Who the message is about (高齢者, 子ども, 外国人, 子育て世帯 …), from the whole message. */
  audiences: Audience[];
  /**
   * The audiences only the context names (「80歳です。」 before the question) or the script
   * implies (English, romaji → 外国人): the search adds them as a hint.
   */
  contextAudiences: Audience[];
  /** Set when the whole message is small talk (greeting, thanks, 👍, はい, the weather …). */
  smallTalk: SmallTalk | null;
  /**
   * Set when the message is small talk but for its last line, which names only nouns and asks
   * nothing (a sign-off: a group's name and the writer's, 「…ありがとね こもれび食堂 山下」): the
   * small talk before it. The line may still be a terse search (「ありがとう。防災 補助金」), so the
   * decision makes the message small talk only when that line matches nothing.
   */
  signOff: SmallTalk | null;
  /**
   * The clause that asks, on its own (the last one with a question, request or wish; "" when the
   * message only describes a situation): the thing it names is what the resident wants, and the
   * catalogue must name that thing for the message to be answered.
   */
  head: string;
  /**
   * Every ward and place the message names, found once (the gazetteer's lookup over
   * `readable`): the bot's ward of a clause and the reading of a part filter these, never look again.
   */
  places: PlaceMatch[];
}

/**
 * What the bot does with a search:
 * - `answer`: the results fit what was asked;
 * - `answer-with-choice`: the asked part is in scope but matches weakly — show the results as
 *   the closest programs and offer these topics (「防災のこと？ 健康のこと？」), best first;
 * - `refuse`: the asked part is a municipal topic the catalogue does not cover
 *   (`reason: "out-of-scope"`, `outOfScope` names it), or nothing matched (`"no-match"`) —
 *   say where to ask instead and offer the menu;
 * - `small-talk`: a short kind reply and the menu; never programs, never logged as unanswered.
 */
export type SearchDecision =
  | { kind: "answer" }
  | { kind: "answer-with-choice"; topics: TopicKey[] }
  | { kind: "refuse"; reason: "out-of-scope" | "no-match"; outOfScope?: string }
  | { kind: "small-talk"; smallTalk: SmallTalk };

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
  /**
   * The neighbourhoods (校区, 地区, 町 — gazetteer names) the document names, read from its text
   * at index build time (src/search/doc-places.ts): a resident of one of them is shown it first.
   */
  places?: string[];
  /**
   * Those of `places` its name says it is for (【富合】防災塾): a resident of another neighbourhood
   * of the ward sees it after the others. Absent or empty: it serves its whole ward.
   */
  scope?: string[];
  /**
   * The audience classes (the vocabulary's `audiences`: 高齢者, 子育て世帯, 外国人 …) the document's own
   * text names, read at index build time (src/search/doc-audiences.ts): a resident who says they
   * are one of them sees it first when relevance is close.
   */
  audiences?: string[];
  /** Whom the document says it is for, as written (a program's 対象: 乳幼児の保護者, 在住外国人). */
  audience?: string[];
  /**
   * Questions residents would ask about this document (knowledge/asked-as/), indexed as their
   * own field: they bridge everyday words and the document's official ones.
   */
  askedAs?: string[];
  /**
   * Order among documents of close relevance, lower first (programs: 実施 0, 一部実施 1,
   * 未実施/中止 2). Absent: 0.
   */
  priority?: number;
  /** Catalogue topic tags → the resident topics offered by `answer-with-choice`. */
  topics?: TopicKey[];
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
  /** The message already analysed (by the bot's intent step): the engine reads it only once. */
  analysis?: MessageAnalysis;
}

/** The answer to one query. */
export interface SearchResult {
  query: string;
  /** How the message was read. */
  analysis: MessageAnalysis;
  /** What to do with the results (a pure function of the analysis and the match). */
  decision: SearchDecision;
  /** The ward the results were restricted to, if any. */
  ward: Ward | null;
  /**
   * The wards the results were restricted to when the place named lies in several (島崎 →
   * 中央区, 西区) and the resident's own ward is not one of them; [] otherwise.
   */
  wards: Ward[];
  /** Where the ward came from: named in the query (ward or place), the profile, an option. */
  wardSource: "query" | "place" | "profile" | "option" | null;
  /** The place named in the query, when the ward came from one (e.g. 秋津). */
  place: string | null;
  /** `decision.kind === "refuse"`: kept for callers that only ask "did it answer?". */
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
   * place, the cost or the way to take part): the cards still answer it, and the reply says
   * which detail is not known here and where to ask.
   */
  asksFor: DetailKind[];
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
  /**
   * When the message asks for several things (analysis `needs`) and the catalogue answers at
   * least two of them, or one while the whole message matched nothing: each answered need with
   * its best programs, best first. The page leads with the first program of each, so the reply
   * can show every need's group.
   */
  needs?: { need: string; ids: string[] }[];
}

/** Anything that answers queries over documents (the engine, a baseline). */
export interface SearchEngine {
  search(query: string, options?: SearchOptions): SearchResult;
  /** Reads a message (clauses, asked part, ward, audiences, small talk) without searching. */
  analyseMessage(text: string): MessageAnalysis;
  /**
   * The part of an analysed message made of some of its clauses (`text`: those clauses as the
   * question to answer, e.g. after 「秋津に住んでます。」), read from that analysis: nothing is
   * split or looked up again.
   */
  analysePart(of: MessageAnalysis, text: string, clauses: readonly string[]): MessageAnalysis;
}
