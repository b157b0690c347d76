/**
 * The decision: what the bot does with a search — answer, answer while offering topics, refuse,
 * or reply to small talk. A pure function of the message's analysis and a few match signals, so
 * the rule the resident experiences is readable in one place and tested on its own.
 *
 * Refusing is rare on purpose: only a municipal topic the catalogue does not cover (when it is
 * what the message asks, not its context), or a question whose subject matches nothing, is
 * refused. A question in scope that matches weakly gets the closest programs and a choice of
 * topics, so the resident is never left stuck — also when little of it is covered but its best
 * program matches strongly, or holds two of the specific things it asks about.
 */
import type { TopicKey } from "../knowledge/topics.js";
import type { SearchDecision, SmallTalk } from "./types.js";

/** What the engine found, reduced to what the decision needs. */
export interface MatchSignals {
  /** The whole message is small talk (from the analysis). */
  smallTalk: SmallTalk | null;
  /**
   * The message is small talk but for a last line that only names (from the analysis): a
   * sign-off (こもれび食堂 山下) when nothing matches it, a terse search when something does.
   */
  signOff: SmallTalk | null;
  /** The out-of-scope municipal topic the asked part names (ごみ, 住民票 …), if any. */
  outOfScope: string | null;
  /**
   * The clause that asks names the out-of-scope topic itself (ゴミの分け方のチラシはありますか), not
   * only a clause of the situation before it: the topic is then what is asked, however well the
   * rest of the message matches a program.
   */
  outOfScopeInHead: boolean;
  /**
   * A thing the asking clause names that no program's own text names (ハザードマップ, 見頃): what
   * is asked for is not in the catalogue. Only the clause that asks is read, never its context.
   */
  unnamedThing: string | null;
  /**
   * The unnamed thing when it is a detail of things the catalogue names (コミセンの Wi-Fiの
   * パスワード: the head of the asked phrase, after nouns programs name): refused however well the
   * rest matches — what is asked for is a fact or part of a place that no program holds.
   */
  unnamedDetail: string | null;
  /**
   * A service the asking clause asks for that no program offers (a live status: what is open or
   * issued right now), by its resident-facing name: refused with where to ask instead, whatever
   * the thing it names matches (今日開いている避難所 against the shelter-training programs).
   */
  notOffered: string | null;
  /**
   * A detail the asking clause asks for that no best program's text gives (the age a benefit
   * stops at, which days a room is free), by its resident-facing name: refused with where to ask
   * when the catalogue matches the thing only weakly (not `strongOwn`) — the thing is then likely a
   * municipal service (子ども医療費の助成は何歳まで), not a program whose card can say where to ask.
   */
  unheldDetail: string | null;
  /**
   * No program's own text anywhere in the catalogue gives the unheld detail (opening hours, a
   * vacancy, a flower's best time): refused however well the thing matches — a card that cannot
   * say it only shows a program the resident did not ask for (a community centre's program for
   * the centre's hours).
   */
  unheldNowhere: boolean;
  /**
   * The asking clause asks for a relational thing (助成ある?, 補助は?: money or help for a purpose),
   * the best program's own text names it, and every word of the asked part is one some program of
   * the catalogue uses: what is asked is the catalogue's, and the purpose words are only held by
   * another ward's programs (空き店舗 in 中央区 for a 南区 shopkeeper). The ward's closest programs,
   * with a choice, rather than a refusal.
   */
  askedHeld: boolean;
  /** Documents kept after the ward filter and the noise cut. */
  hits: number;
  /**
   * The subject of the question matched: a word that says what it is about is covered by the
   * best document (not only verb forms or generic words).
   */
  subjectMatched: boolean;
  /**
   * Enough of the question is covered: a short question that names a thing has most of it
   * covered, a long one that describes a situation has part of the words the catalogue knows.
   */
  covered: boolean;
  /**
   * The best document scores high whatever its coverage (see `strongMatchScore`): a weakly
   * covered question it holds is answered with a choice rather than refused.
   */
  strongMatch: boolean;
  /** The best document covers most of what was asked (idf-weighted coverage above the bar). */
  strong: boolean;
  /**
   * …in its own text: its phrasings say how residents ask for it, not what details it holds, so
   * a phrasing that shares the words of a detail question (子ども, 助成) does not vouch for it.
   */
  strongOwn: boolean;
  /**
   * `covered` only when read loosely: the audience words a short question names (子ども, 高齢者)
   * counted as held by the best program's phrasings, or the pieces of a list of words the
   * catalogue knows nothing of (リハビリ of 「リハビリ 教室 中央区」) left out. What matched is who
   * a program serves or some of the things wanted, not the thing asked: the closest programs,
   * with a choice, never a plain answer.
   */
  looselyCovered: boolean;
  /**
   * How many of the asked part's specific topic-bearing words (not found in most documents) the
   * best document covers. Two or more: what is asked is in the catalogue's scope even when the
   * rest of a long message (its details, its own words) is not covered.
   */
  subjectWords: number;
  /** The resident topics of the best documents, best first. */
  topics: TopicKey[];
  /** False for sets where every question has an answer (FAQ benchmarks): rank, never refuse. */
  mayRefuse: boolean;
  /**
   * The search is for one of several needs of a message (「防災の準備と、母の見守り」): a need is
   * a fragment, short and often partly covered, so its subject matching is enough to show its
   * closest programs; the message as a whole is decided on its own.
   */
  oneOfSeveral: boolean;
}

/** Topics offered at most in one choice (a quick-reply row stays short). */
export const MAX_CHOICE_TOPICS = 3;

/**
 * Specific words of the asked part the best program must hold for a weak match to be shown as
 * the closest programs rather than refused. One shared word is what near misses have (花火大会
 * against a program's 大会, 子ども医療費 against a program for 子ども); two say the subject is
 * the catalogue's, however many other words the message spends on its situation.
 */
export const IN_SCOPE_SUBJECT_WORDS = 2;

/**
 * Specific words of the asked part the best program must hold — with most of the asked part
 * covered and a strong score — for an out-of-scope word among them to be read as a detail of the
 * situation (the gym a shelter drill is held in, the rubbish neighbours talk about, the hospital a
 * class is wanted instead of) rather than the thing asked. A question whose thing is another
 * desk's (粗大ごみの出し方, 国保の保険料) shares one or two words with a program at most.
 */
export const OUT_OF_SCOPE_HELD_WORDS = 4;

/** The signals of a search that matched nothing. */
export const NO_MATCH_SIGNALS: MatchSignals = {
  oneOfSeveral: false,
  smallTalk: null,
  signOff: null,
  outOfScope: null,
  outOfScopeInHead: false,
  unnamedThing: null,
  unnamedDetail: null,
  notOffered: null,
  unheldDetail: null,
  unheldNowhere: false,
  askedHeld: false,
  hits: 0,
  subjectMatched: false,
  covered: false,
  strongMatch: false,
  strong: false,
  strongOwn: false,
  looselyCovered: false,
  subjectWords: 0,
  topics: [],
  mayRefuse: true,
};

/** Decides. Small talk first; then refusal only on the two signals that carry over; then answer. */
export function decide(s: MatchSignals): SearchDecision {
  if (s.smallTalk !== null) return { kind: "small-talk", smallTalk: s.smallTalk };
  // The asked part held by one program, word for word: an out-of-scope word in it describes the
  // situation. Shown as the closest programs, with a choice — never a plain answer.
  const heldDespite =
    s.outOfScope !== null &&
    !s.outOfScopeInHead &&
    s.strong &&
    s.strongMatch &&
    s.subjectWords >= OUT_OF_SCOPE_HELD_WORDS;
  if (s.mayRefuse && s.outOfScope !== null && !heldDespite)
    return { kind: "refuse", reason: "out-of-scope", outOfScope: s.outOfScope };
  if (s.mayRefuse && s.notOffered !== null)
    return { kind: "refuse", reason: "out-of-scope", outOfScope: s.notOffered };
  if (s.mayRefuse && s.unheldDetail !== null && (!s.strongOwn || s.unheldNowhere))
    return { kind: "refuse", reason: "out-of-scope", outOfScope: s.unheldDetail };
  // Small talk signed with a name or a group's name that no program matches: the name is who
  // writes, not what is asked (a line that names an out-of-scope topic is refused above).
  const noMatch: SearchDecision =
    s.signOff !== null
      ? { kind: "small-talk", smallTalk: s.signOff }
      : { kind: "refuse", reason: "no-match" };
  if (s.mayRefuse && s.unnamedDetail !== null) return noMatch;
  const matched =
    s.subjectMatched &&
    (s.oneOfSeveral || ((s.covered || s.strongMatch) && (s.unnamedThing === null || s.strong)));
  // In scope but weakly covered: the closest programs, with a choice, never a refusal — two
  // specific words held, or the relational thing asked held. Not when the asked clause names a
  // thing no program names: that thing is what is missing.
  const inScope =
    s.subjectMatched && s.unnamedThing === null && (s.subjectWords >= IN_SCOPE_SUBJECT_WORDS || s.askedHeld);
  if (s.hits === 0 || (s.mayRefuse && !matched && !inScope)) return noMatch;
  if (!s.mayRefuse || (s.strong && !s.looselyCovered && !heldDespite)) return { kind: "answer" };
  return { kind: "answer-with-choice", topics: s.topics.slice(0, MAX_CHOICE_TOPICS) };
}
