/**
 * The resident-facing search engine, composed of its four parts: the message is read
 * (analysis.ts: script, clauses, the asked part and its context, ward or place, audiences,
 * small talk) and its asked part cut into words with the index's lexicon (query-words.ts);
 * words the corpus does not hold are corrected (correction.ts); documents are scored with BM25F
 * over surface and reading bigrams, each word by its best expansion (scoring.ts); and the
 * decision — answer, answer with a choice of topics, refuse, small talk — is a pure function of
 * the match signals (decision.ts). The engine abstains only on signals that carry over to unseen
 * questions: the asked part names a municipal topic the corpus does not cover, nothing it is
 * about matched, or a short question that names a thing is mostly missing from the best
 * document. Pure: built from plain data, no I/O.
 */
import { usePlaceKeyColumns, type Gazetteer, type PlaceMatch } from "../knowledge/gazetteer.js";
import type { Ward } from "../knowledge/schema.js";
import type { DetailKind, Vocabulary } from "../knowledge/vocabulary.js";
import { createMessageReader, refersBack } from "./analysis.js";
import { ASKED_ACT_TOPICS } from "../knowledge/asked-acts.js";
import { createActReader } from "./asked-act.js";
import {
  createDetailReader,
  createOwnText,
  createPhrasingText,
  createServiceReader,
} from "./asked-service.js";
import { createCorrection } from "./correction.js";
import { neighbourhoodsOf } from "./doc-places.js";
import {
  decide,
  MAX_CHOICE_TOPICS,
  NO_MATCH_SIGNALS,
  OUT_OF_SCOPE_HELD_WORDS,
  type MatchSignals,
} from "./decision.js";
import { createLexicon } from "./lexicon.js";
import { DEFAULT_PARAMS, type EngineParams } from "./params.js";
import { inputHash, type PrebuiltIndex } from "./prebuilt-index.js";
import { createQueryWords, type ReadQuery } from "./query-words.js";
import { queryWordTablesOf } from "./query-word-tables.js";
import { createScoring, type QueryWord, type Scored } from "./scoring.js";
import type {
  MessageAnalysis,
  SearchDecision,
  SearchEngine,
  SearchHit,
  SearchOptions,
  SearchResult,
} from "./types.js";
import { createWordIndex, type WordIndex } from "./word-bm25.js";
import { createAskedDetails } from "./detail-cues.js";
import { createCharTfidf } from "./char-tfidf.js";
import { chineseFoldOf, createChineseReader, NO_FOLD, type ChineseReader } from "./chinese.js";
import { foldWidthAndCase } from "./normalise.js";
import { wordListPieces } from "./word-list.js";

export { DEFAULT_PARAMS, type EngineParams } from "./params.js";
export { editDistance } from "./correction.js";

/** Explanation of how a query was read; useful for staff tools and tests. */
export interface QueryAnalysis {
  normalised: string;
  places: PlaceMatch[];
  /** Each content word, with its weight in the coverage measure (0: does not count). */
  words: { text: string; expansions: string[]; counts: boolean; weight: number; generic: boolean }[];
  corrections: { from: string; to: string }[];
  /** The out-of-scope topic the question names, if any. */
  outOfScope: string | null;
  /** Whether the question asks about a procedure (申請, 手続き): it then names what it applies for. */
  procedure: boolean;
  /** Details the question asks for that the catalogue does not hold. */
  asksFor: DetailKind[];
}

/** The engine, plus a view of how it read a query. */
export interface ExplainingSearchEngine extends SearchEngine {
  analyse(query: string): QueryAnalysis;
  /** Number of documents in the index. */
  readonly size: number;
}

/** Builds the engine from a prebuilt index, the vocabulary and the gazetteer. */
export function createSearchEngine(
  index: PrebuiltIndex,
  vocabulary: Vocabulary,
  gazetteer: Gazetteer,
  params: Partial<EngineParams> = {},
): ExplainingSearchEngine {
  const p: EngineParams = { ...DEFAULT_PARAMS, ...params };
  // The gazetteer's place keys from the index when they were computed from this gazetteer
  // (checked on the first look-up, where they are first read).
  if ("placeKeys" in index)
    usePlaceKeyColumns(gazetteer, () => {
      const stored = index.placeKeys;
      return stored && stored.of === inputHash(gazetteer) ? stored : null;
    });
  const lexicon = createLexicon(
    index.lexicon,
    index.lexiconTables,
    // Intent phrases are function words too; longest match keeps them from eating real words
    // (もの in こどもの, ね in ねんきん).
    [...vocabulary.stopWords, ...vocabulary.intentWords],
  );
  const askedService = createServiceReader(vocabulary, index.docs);
  const scoring = createScoring(index, p);
  // Romaji words are written as the catalogue writes them, in the kanji its documents use.
  // Dialect forms are read as standard Japanese except where the catalogue itself writes the
  // form with a kana of context on each side (a name such as あさひばみんなの…).
  // Chinese is read with the index's fold table when it was made for this vocabulary, else by
  // the vocabulary alone; made on the first sentence that could be Chinese, not at start.
  let chineseReader: ChineseReader | null = null;
  const chinese = (): ChineseReader => {
    if (chineseReader) return chineseReader;
    const stored = "chineseFold" in index ? index.chineseFold : undefined;
    const fold = stored && stored.of === chineseFoldOf(vocabulary) ? stored : NO_FOLD;
    return (chineseReader = createChineseReader(fold, vocabulary, (text, i) => lexicon.longestAt(text, i)));
  };
  const loanwords = "loanwords" in index ? index.loanwords : undefined;
  const readMessage = createMessageReader(
    vocabulary,
    gazetteer,
    (kana) => lexicon.spellingOf(kana, scoring.fullyInCorpus),
    {
      catalogueWrites: (text, start, end) => scoring.usesPhrase(text.slice(Math.max(0, start - 2), end + 1)),
      chinese,
      loanword: (word) => loanwords?.[word] ?? null,
    },
  );
  // An audience named implies others (a child of one's own: the family raising it).
  const implied = new Map(vocabulary.audiences.map((a) => [a.audience, a.implies ?? []]));
  const audiencesImplied = (named: readonly string[]): string[] => [
    ...new Set(named.flatMap((a) => [a, ...(implied.get(a) ?? [])])),
  ];
  const wholeWords = index.words && p.wholeWordWeight > 0 ? createWordIndex(index.words) : null;
  // Over a corpus of questions, the names' characters too (char-tfidf.ts): built here, from the
  // names, only for such a corpus (the catalogue's index carries nothing for it).
  const charNames =
    wholeWords && scoring.questionCorpus && p.questionsCharWeight > 0
      ? createCharTfidf(Object.fromEntries(index.docs.map((d, i) => [String(i), d.name])))
      : null;
  // Over a corpus of questions, each document's question whole (its text to the first line break:
  // the name is its first sentence only), to find the one a message restates.
  const questions =
    charNames && p.questionsRestated > 0
      ? createCharTfidf(
          Object.fromEntries(index.docs.map((d, i) => [String(i), d.description.split("\n")[0]!])),
        )
      : null;
  // Over a corpus of questions, what each name asks for (detail-cues.ts): a date, a phone number …
  const askedDetails = charNames && p.questionsFocusWeight > 0 ? createAskedDetails(vocabulary) : null;
  const nameAsks = askedDetails ? index.docs.map((d) => askedDetails(d.name)) : null;
  const correction = createCorrection(
    lexicon,
    scoring,
    vocabulary,
    p,
    index.correctionKeys,
    // Read from the index on the first kanji run a query holds (a packed index parses it then).
    () => index.kanjiReadings,
  );
  // The query reader's tables from the index when they were made from this vocabulary.
  const storedTables = "queryWordTables" in index ? index.queryWordTables : undefined;
  const queryWords = createQueryWords({
    lexicon,
    vocabulary,
    gazetteer,
    synonyms: index.synonyms,
    ...(storedTables && storedTables.of === queryWordTablesOf(vocabulary) ? { tables: storedTables } : {}),
    scoring,
    correction,
    params: p,
    // Over a corpus of questions only: the catalogue's answers are the same with it (all seen
    // sets), and its path keeps its cost.
    ...(wholeWords && scoring.questionCorpus && p.questionsInflectionWeight > 0
      ? { formOf: wholeWords.formOf }
      : {}),
  });
  // A detail asked (an age limit) that no best program naming the thing asked of gives.
  const askedDetail = createDetailReader(vocabulary, index.docs, queryWords.thingsOf, queryWords.saysWord);
  const ownTextOf = createOwnText(index.docs);
  // An act asked (a request, leave, a rule, whether one can) that no best program offers.
  const askedAct = p.abstain
    ? createActReader(
        createOwnText(index.docs),
        queryWords.thingsOf,
        queryWords.saysWord,
        ASKED_ACT_TOPICS,
        index.docs.map((d) => d.id),
        new Set(vocabulary.detailQuestions.flatMap((d) => d.cues.map(foldWidthAndCase))),
        undefined,
        createPhrasingText(index.docs),
      )
    : () => null;

  /**
   * A message that asks for several things (analysis `needs`): each need is searched on its own,
   * and the best program of every need that the catalogue answers leads the page, so none is
   * crowded out by the other need's programs or cut as noise below them; the whole message's
   * order follows. The decision is the whole message's, unless it refused while a need is
   * answered: the resident then gets that need's programs as the closest, with a choice.
   */
  function search(query: string, options: SearchOptions = {}): SearchResult {
    const analysis = options.analysis ?? readMessage(query);
    if (analysis.needs.length < 2 || analysis.smallTalk !== null) return searchOne(query, analysis, options);
    const offset = options.offset ?? 0;
    const limit = options.limit ?? p.defaultLimit;
    const whole = searchOne(query, analysis, { ...options, offset: 0, limit: offset + limit });
    const perNeed = analysis.needs.map((need) => {
      const one = { ...analysis, asked: need, needs: [need], head: analysis.language === "ja" ? need : "" };
      return { need, r: searchOne(query, one, { ...options, offset: 0, limit: NEED_LEADERS }, true) };
    });
    const answered = perNeed.filter(({ r }) => r.decision.kind !== "refuse" && r.results.length > 0);
    if (answered.length === 0 || (answered.length < 2 && !whole.abstained)) return page(whole, offset, limit);
    const hits = new Map<string, SearchHit>();
    for (const { r } of answered) for (const h of r.results) if (!hits.has(h.id)) hits.set(h.id, h);
    for (const h of whole.results) hits.set(h.id, h);
    // Each need's best program not already leading for another need (two needs may share a best).
    const leaders: string[] = [];
    for (const { r } of answered) {
      const lead = r.results.find((h) => !leaders.includes(h.id));
      if (lead) leaders.push(lead.id);
    }
    const rest = whole.abstained ? answered.flatMap(({ r }) => r.results.map((h) => h.id)) : [];
    const order = [...new Set([...leaders, ...whole.results.map((h) => h.id), ...rest])];
    // Every need answered outright: the message is, whatever its words scored together.
    const allAnswered = answered.length >= 2 && answered.every(({ r }) => r.decision.kind === "answer");
    const decision: SearchDecision = allAnswered
      ? { kind: "answer" }
      : whole.abstained
        ? {
            kind: "answer-with-choice",
            topics: [
              ...new Set(
                answered.flatMap(({ r }) =>
                  r.decision.kind === "answer-with-choice" ? r.decision.topics : [],
                ),
              ),
            ].slice(0, MAX_CHOICE_TOPICS),
          }
        : whole.decision;
    const merged: SearchResult = {
      ...whole,
      decision,
      abstained: false,
      confidence: allAnswered ? "high" : whole.abstained ? "low" : whole.confidence,
      total: Math.max(whole.abstained ? 0 : whole.total, order.length),
      results: order.map((id) => hits.get(id)!),
      needs: answered.map(({ need, r }) => ({ need, ids: r.results.map((h) => h.id) })),
    };
    return page(merged, offset, limit);
  }

  /** One page of a result computed from its first document. */
  function page(r: SearchResult, offset: number, limit: number): SearchResult {
    return { ...r, results: r.results.slice(offset, offset + limit) };
  }

  function searchOne(
    query: string,
    analysis: MessageAnalysis,
    options: SearchOptions,
    needOfMessage = false,
  ): SearchResult {
    let ward: Ward | null = null;
    let wardSource: SearchResult["wardSource"] = null;
    let place: string | null = null;
    // A place in several wards (島崎: 中央区, 西区): the resident's own ward when it is one of
    // them, else the results of those wards only — never one of them picked silently.
    let wards: Ward[] = [];
    const profileWard = options.profileWard ?? null;
    if (options.ward) [ward, wardSource] = [options.ward, "option"];
    else if (analysis.ward) [ward, wardSource, place] = [analysis.ward, analysis.wardSource, analysis.place];
    else if (analysis.placeWards.length > 1) {
      place = analysis.place;
      if (profileWard && analysis.placeWards.includes(profileWard))
        [ward, wardSource] = [profileWard, "profile"];
      else [wards, wardSource] = [analysis.placeWards, "place"];
    } else if (profileWard) [ward, wardSource] = [profileWard, "profile"];
    if (analysis.smallTalk !== null) {
      return {
        query,
        analysis,
        decision: decide({ ...NO_MATCH_SIGNALS, smallTalk: analysis.smallTalk, mayRefuse: p.abstain }),
        ward,
        wards,
        wardSource,
        place,
        abstained: false,
        confidence: "low",
        coverage: 0,
        asksFor: [],
        total: 0,
        results: [],
        suggestions: [],
      };
    }
    // The message's words, read once per analysis (the same analysis searched again reuses them).
    const { a, words, unnamedThing, unnamedDetail, unnamedThingIn, askedThing, outOfScopeInHead } =
      queryWords.readMessage(analysis);
    const offset = options.offset ?? 0;
    const limit = options.limit ?? p.defaultLimit;
    // Whole words read the text the engine's own words were read from: the asked part, or,
    // when it names nothing (どうすればよいでしょうか), the context before it as well — the
    // clause that says what the question is about (子どもの発育に不安があるのですが).
    const wholeText = withoutPlace(a.normalised, analysis);
    let whole = wholeWords?.score(wholeWordsOf(wholeWords, wholeText, analysis));
    if (whole && charNames) whole = fuseScores(whole, charNames.scores(wholeText), p.questionsCharWeight);
    // …and the names asking for the detail the message asks for (the text they read, as written).
    if (whole && askedDetails && nameAsks)
      whole = focused(whole, askedDetails(a.normalised), nameAsks, p.questionsFocusWeight);
    // …and the question the message restates whole, if any (read from the message as written).
    const restated = questions
      ? restatedName(questions.scores(analysis.text), p.questionsRestated, p.questionsRestatedClear)
      : undefined;
    // The resident's neighbourhood, wherever the message names it (「大江に住んでます。」 as context).
    const places = neighbourhoodsOf(analysis.places);
    // Who the resident says they are, in the context (「80歳です」, 「赤ちゃんがいます」, a message in
    // English): the programs for them first when relevance is close. The asked part's own audience
    // words are words of the question already.
    const audiences = audiencesImplied(analysis.contextAudiences);
    const scored =
      wards.length > 1
        ? byWard(
            scoring.score(
              words,
              wards,
              { offset: 0, limit: scoring.size },
              whole,
              places,
              audiences,
              restated,
            ),
            wards,
            analysis.placeWardLeads,
            { offset, limit },
          )
        : scoring.score(words, ward, { offset, limit }, whole, places, audiences, restated);
    // A thing some program names, but none of the ward searched (中央区のハザードマップ): not what
    // that ward offers. (The bot then looks in every ward when the ward was only the profile's.)
    // Not when the asking clause refers back (そういう機会): its thing is the clause before.
    const searched = ward ? [ward] : wards;
    const unnamedHere =
      unnamedThing ?? (searched.length > 0 && !refersBack(analysis.head) ? unnamedThingIn(searched) : null);
    // A detail asked in any asking clause (the head or one before it: 「…何時から 開いてますか？
    // 雨の日 行ける とこ 探してて」).
    const asking = analysis.clauses.filter((c) => analysis.asked.includes(c));
    const unheldDetail = askedDetail(analysis.head, scored.best, asking);
    const signals = matchSignals(a, words, scored, p, analysis.language === "ja");
    const decision = decide({
      ...signals,
      unnamedThing: unnamedHere,
      unnamedDetail,
      notOffered: askedService(analysis, scored.best) ?? askedAct(analysis, scored.best),
      unheldDetail,
      unheldNowhere: unheldDetail !== null && askedDetail.answerless(analysis.head, scored.best, asking),
      askedHeld:
        askedThing !== null &&
        scored.best.length > 0 &&
        scored.knownTotal >= scored.coverageTotal &&
        askedThing.labels.some((l) => queryWords.saysWord(ownTextOf(scored.best[0]!) ?? "", l)),
      oneOfSeveral: needOfMessage,
      // Read only where it decides: a term found, and the asked part held by one program.
      outOfScopeInHead:
        a.outOfScope !== null &&
        signals.strong &&
        signals.strongMatch &&
        signals.subjectWords >= OUT_OF_SCOPE_HELD_WORDS &&
        outOfScopeInHead(),
      signOff: needOfMessage ? null : analysis.signOff,
    });
    const abstained = decision.kind === "refuse";
    // Small talk signed with a name no program matched (decision.ts): no programs, as for any.
    const shown = !abstained && decision.kind !== "small-talk";
    const confidence: SearchResult["confidence"] =
      decision.kind === "answer" && scored.coverage >= p.abstainBelow ? "high" : "low";
    // 「もしかして」: the content words as read, with corrections applied, and the ward if named.
    const fixes = new Map(a.corrections.map((c) => [c.from, c.to]));
    const suggestions =
      decision.kind !== "small-talk" && a.corrections.length
        ? [
            [
              analysis.wardSource === "query" ? analysis.ward : null,
              ...a.words.map((w) => fixes.get(w.text) ?? w.text),
            ]
              .filter(Boolean)
              .join(" "),
          ]
        : [];
    return {
      query,
      analysis,
      decision,
      ward,
      wards,
      wardSource,
      place,
      abstained,
      confidence,
      coverage: Math.round(scored.coverage * 1000) / 1000,
      ...(decision.kind === "refuse" && decision.outOfScope ? { outOfScope: decision.outOfScope } : {}),
      asksFor: a.asksFor,
      total: shown ? scored.hits : 0,
      results: shown ? scored.page : [],
      suggestions,
    };
  }

  return {
    search,
    analyseMessage: readMessage,
    analysePart: readMessage.part,
    size: scoring.size,
    analyse(query) {
      const a = queryWords.analyseQuery(query);
      return {
        normalised: a.normalised,
        places: a.places,
        words: a.words.map((w) => ({
          text: w.text,
          expansions: w.expansions.map((e) => e.label),
          counts: w.coverageWeight > 0,
          weight: Math.round(w.coverageWeight * 1000) / 1000,
          generic: w.scoreScale < 1,
        })),
        corrections: a.corrections,
        outOfScope: a.outOfScope,
        procedure: a.procedure,
        asksFor: a.asksFor,
      };
    },
  };
}

/**
 * Results of several candidate wards (a place in more than one). When one ward leads (the
 * hand-written gazetteer puts most of the place there), its programs come first, then the
 * others'; otherwise the wards take turns, each ward's own order kept. Either way every
 * candidate ward shows up, and none is picked silently by one of its programs ranking higher.
 */
function byWard(
  s: Scored,
  wards: readonly Ward[],
  leads: boolean,
  page: { offset: number; limit: number },
): Scored {
  const queues = wards.map((w) => s.page.filter((h) => h.ward === w));
  const ordered = leads ? [...queues[0]!, ...interleave(queues.slice(1))] : interleave(queues);
  return { ...s, page: ordered.slice(page.offset, page.offset + page.limit) };
}

function interleave<T>(queues: readonly T[][]): T[] {
  const out: T[] = [];
  const total = queues.reduce((n, q) => n + q.length, 0);
  for (let round = 0; out.length < total; round++) for (const q of queues) if (q[round]) out.push(q[round]!);
  return out;
}

/**
 * The corpus's words in `text` (read from the message), for the whole-word score: the words the resident
 * wrote: where 熊本弁 was read as standard Japanese (dialect.ts), the grammar that reading wrote
 * (している, ないの: the verb いる) is not the resident's and does not rank documents.
 */
function wholeWordsOf(index: WordIndex, text: string, analysis: MessageAnalysis): string[] {
  const words = index.wordsOf(text);
  if (
    analysis.language !== "ja" ||
    analysis.readable === analysis.text.normalize("NFKC").trim().toLowerCase()
  )
    return words;
  const written = new Set(index.wordsOf(analysis.text));
  return words.filter((w) => written.has(w));
}

/**
 * Whole-word scores with the names that ask for a detail the message asks for (`asked`) counted
 * `weight` more: the same things asked, the same detail wanted.
 */
function focused(
  whole: { docs: number[]; scores: number[] },
  asked: readonly string[],
  nameAsks: readonly (readonly string[])[],
  weight: number,
): { docs: number[]; scores: number[] } {
  if (asked.length === 0) return whole;
  const scores = whole.scores.map((s, i) =>
    nameAsks[whole.docs[i]!]!.some((k) => asked.includes(k)) ? s * (1 + weight) : s,
  );
  return { docs: whole.docs, scores };
}

/**
 * The document whose question the message restates: the one of highest cosine, when it reaches `at`,
 * or when it reaches `clear.at` and leads every other question by `clear.lead`.
 */
function restatedName(
  cosines: { docs: number[]; scores: number[] },
  at: number,
  clear: { at: number; lead: number },
): number | undefined {
  let top = -1;
  let second = 0;
  cosines.scores.forEach((c, i) => {
    if (top < 0 || c > cosines.scores[top]!) {
      if (top >= 0) second = cosines.scores[top]!;
      top = i;
    } else second = Math.max(second, c);
  });
  if (top < 0) return undefined;
  const best = cosines.scores[top]!;
  return best >= at || (best >= clear.at && best - second >= clear.lead) ? cosines.docs[top] : undefined;
}

/**
 * Two sparse score lists, each divided by its best, summed with `weight` on the second: BM25 and
 * cosine scores are on different scales, and the engine scales the sum to its own best anyway.
 */
function fuseScores(
  a: { docs: number[]; scores: number[] },
  b: { docs: number[]; scores: number[] },
  weight: number,
): { docs: number[]; scores: number[] } {
  const sum = new Map<number, number>();
  const maxA = Math.max(0, ...a.scores) || 1;
  const maxB = Math.max(0, ...b.scores) || 1;
  a.docs.forEach((d, i) => sum.set(d, a.scores[i]! / maxA));
  b.docs.forEach((d, i) => sum.set(d, (sum.get(d) ?? 0) + (weight * b.scores[i]!) / maxB));
  return { docs: [...sum.keys()], scores: [...sum.values()] };
}

/**
 * The asked part without the ward or place it names: a program's name often holds its ward's
 * (南区ウォーキング…), and the ward already filters; as a whole word it would favour those names.
 */
function withoutPlace(text: string, m: { ward: string | null; place: string | null }): string {
  return [m.ward, m.place].reduce<string>((t, x) => (x ? t.split(x).join(" ") : t), text);
}

/**
 * What the decision reads from a search. Whether the catalogue answers what was asked is
 * judged on the best document for the asked part alone; the context then helps rank, and never
 * vetoes. Refuse only on a signal that carries over to unseen questions: the asked part names a
 * topic another desk handles, or nothing it is about matched; otherwise answer, and say how sure.
 */
function matchSignals(
  a: ReadQuery,
  words: QueryWord[],
  s: Scored,
  p: EngineParams,
  japanese: boolean,
): MatchSignals {
  const { coverageTotal, knownTotal, coverage } = s;
  // A short question names a thing (子ども食堂, やさしい日本語の講座): when the best document
  // lacks most of it, the catalogue does not have it. A long one describes a situation in the
  // resident's words: when the catalogue knows most of those words somewhere, a partial match
  // is still the closest answer. Words it never uses (家, ひとり in such a description) say
  // nothing about which program fits, so the floor is measured on the words it knows; a long
  // question mostly in words it never uses (耐震診断, ブロック塀) is about something else.
  const known = coverageTotal > 0 ? knownTotal / coverageTotal : 1;
  const long = words.filter((w) => w.coverageWeight > 0).length >= p.wordsForRelaxed;
  // A question about a procedure (解体の申請) names the thing applied for: however long, the
  // catalogue must hold that thing, not only the words around it (地震).
  const relaxed = long && !a.procedure && known >= p.knownForRelaxed && knownTotal > 0;
  // A short question names a thing: the best program's own text must hold most of it (its
  // phrasings alone do not vouch for a thing it never names); a described situation may be met
  // through the phrasings.
  const ownShare = (own: number, total = coverageTotal) => (!s.hasTop ? 0 : total > 0 ? own / total : 1);
  const ownEnough = ownShare(s.bestOwn) >= p.abstainBelow;
  // Read loosely, a short question may still be held — shown as the closest programs, with a
  // choice: who a program serves (子ども, 高齢者) its phrasings may say for it, as they are written
  // for the residents it is for; and in a list of words (リハビリ 教室 中央区) a piece the catalogue
  // knows nothing of says nothing of which program fits (word-list.ts).
  const whomEnough = ownShare(s.bestOwnWhom) >= p.abstainBelow;
  // Only as the resident wrote it: a message read from English, romaji or Chinese is the
  // catalogue's words with spaces between them whatever its grammar was.
  const unknownFacets = relaxed || !japanese ? 0 : unknownPiecesWeight(a.normalised, words, s.known);
  const listEnough =
    unknownFacets > 0 && ownShare(s.bestOwnWhom, coverageTotal - unknownFacets) >= p.abstainBelow;
  const enough =
    s.hasTop && (relaxed ? s.coveredTop / knownTotal >= p.answerFloor : whomEnough || listEnough);
  const strongMatch = !a.procedure && s.topScore >= p.strongMatchScore;
  const asksTopic = words.some((w) => w.topical);
  // Only verb and adjective forms (わからん, 行きたい): the question names nothing to look for.
  const onlyForms =
    words.length > 0 && words.every((w) => w.coverageWeight > 0 && !w.topical && w.scoreScale === 1);
  // The signals the scoring gives; the readers' (unnamed thing, asked service …) are added by the caller.
  return {
    ...NO_MATCH_SIGNALS,
    outOfScope: a.outOfScope,
    hits: s.hits,
    subjectMatched: s.hasTop && !onlyForms && !(asksTopic && s.topicalCoveredTop <= 0),
    covered: enough,
    strongMatch,
    strong: coverage >= p.abstainBelow,
    strongOwn: s.coverageOwn >= p.abstainBelow,
    looselyCovered: s.hasTop && !relaxed && enough && !ownEnough && !strongMatch,
    subjectWords: s.subjectWordsTop,
    topics: s.topics,
    mayRefuse: p.abstain,
  };
}

/**
 * The coverage weight of the pieces of a list of words (word-list.ts) none of whose words any
 * document covers (`known`, per word): 0 when the text is a sentence — one piece, or a verb form
 * among its words (補聴器 買い替えたい).
 */
function unknownPiecesWeight(text: string, words: readonly QueryWord[], known: readonly boolean[]): number {
  const pieces = wordListPieces(text);
  if (!pieces) return 0;
  const asked = words.flatMap((w, i) =>
    w.context || w.coverageWeight <= 0 ? [] : [{ w, known: known[i]! }],
  );
  if (asked.some(({ w }) => !w.topical && w.scoreScale === 1 && !w.place)) return 0;
  let weight = 0;
  for (const piece of pieces) {
    const own = asked.filter(({ w }) => piece.includes(w.text));
    if (own.length > 0 && own.every((x) => !x.known))
      weight += own.reduce((sum, x) => sum + x.w.coverageWeight, 0);
  }
  return weight;
}

/** Programs kept per need of a message that asks for several (the best one leads the page). */
const NEED_LEADERS = 3;
