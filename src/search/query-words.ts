/**
 * The asked part of a message read into the words the scorer matches: the ward filtered out and
 * places kept as non-counting words, the out-of-scope topic it names, the details it asks for
 * (a date, a phone number), the needs its cues express (寂しい → 交流, サロン …), then the rest
 * cut with the index's lexicon into words, each with its expansions (as typed, its kanji, its
 * corrections, the vocabulary's and the Sudachi dictionary's synonyms) and its weight in the
 * coverage measure (weak for verb stems, small for generic words such as 取組 or 事業). The
 * context and the audiences the message names join at a small share that never counts for
 * coverage. Pure: built from plain data, no I/O.
 */
import type { Gazetteer, PlaceMatch } from "../knowledge/gazetteer.js";
import { findPlaces } from "../knowledge/gazetteer.js";
import type { Ward } from "../knowledge/schema.js";
import type { DetailKind, Vocabulary } from "../knowledge/vocabulary.js";
import type { Correction } from "./correction.js";
import { lexKey, type Lexicon, type Segment } from "./lexicon.js";
import { charClass, foldWidthAndCase, isKana, normaliseKeepScript, toHiragana } from "./normalise.js";
import type { EngineParams } from "./params.js";
import type { PrebuiltIndex } from "./prebuilt-index.js";
import { QUESTION_WORD_SOURCE } from "./detail-cues.js";
import type { Expansion, QueryWord, Scoring } from "./scoring.js";
import { phraseCandidates, type PhraseCandidates } from "../text/phrase-candidates.js";
import type { MessageAnalysis } from "./types.js";
import { queryWordTables, variants, type QueryWordTables } from "./query-word-tables.js";

/** A query as read: its words and what else it says. */
export interface ReadQuery {
  normalised: string;
  places: PlaceMatch[];
  words: QueryWord[];
  corrections: { from: string; to: string }[];
  /** The out-of-scope topic the question names, if any. */
  outOfScope: string | null;
  /** Details the question asks for that the catalogue does not hold. */
  asksFor: DetailKind[];
  /** Whether the question asks about a procedure (申請, 手続き): it then names what it applies for. */
  procedure: boolean;
}

/**
 * A message read into words: everything the search takes from the text that does not depend on
 * the ward it filters by, so one reading serves every search of the message (its own ward, then
 * all wards).
 */
export interface MessageWords {
  /** The reading of the part that decides (the asked part, or more when it names nothing). */
  a: ReadQuery;
  /** The words to score: the asked part's, then the context's and the audiences' at a small share. */
  words: QueryWord[];
  /** See {@link QueryWords.unnamedThing}, for the message's asking clause. */
  unnamedThing: string | null;
  /** See {@link QueryWords.unnamedDetail}, for the message's asking clause. */
  unnamedDetail: string | null;
  /**
   * {@link QueryWords.unnamedThing} of the message's asking clause in `wards` (the search then
   * restricted to them), from the pieces of the clause this reading read already: a resident
   * with a ward in their profile is searched in that ward on every question.
   */
  unnamedThingIn: (wards: readonly Ward[]) => string | null;
  /** The relational noun the asking clause asks for (助成 of 何かしたい 助成ある?), with its spellings. */
  askedThing: { text: string; labels: string[] } | null;
  /**
   * Whether the clause that asks names an out-of-scope term itself (its head; for a message that is
   * only a noun phrase, the phrase it ends with): read only when the asked part names one.
   */
  outOfScopeInHead: () => boolean;
}

/** Reads queries and messages into scored words over one index. */
export interface QueryWords {
  /** One text (a question, or the asked part of a message) as words. */
  analyseQuery(query: string): ReadQuery;
  /**
   * The words of a message: the asked part's, then the context's and the audiences' at a small
   * share; `a` is the reading of the part that decides (the asked part, or more when it names nothing).
   */
  wordsOfMessage(m: MessageAnalysis): { a: ReadQuery; words: QueryWord[] };
  /**
   * The thing the asking clause names that the catalogue never names (ハザードマップ, 見頃,
   * 解体), or null: a noun of the clause that asks — not of its context — none of whose readings,
   * corrections or synonyms any program's own text says — of `wards`, when the search is
   * restricted to them (中央区のハザードマップ: only 南区 makes one). What is asked for is then not
   * in the catalogue (of those wards), however well the words around it match.
   */
  unnamedThing(head: string, wards?: readonly Ward[]): string | null;
  /**
   * The unnamed thing when it is a detail of things the catalogue names: the head of the asked
   * noun phrase (its last noun, what is asked for) no program names, after nouns joined to it by
   * の that some program does name (コミセンの Wi-Fiの パスワード, 江津湖の 駐車場の 料金). The
   * resident asks for a fact or a part of a place or program — which the catalogue's words match
   * well — that no program's text holds: however strongly the rest matches, it is not there.
   */
  unnamedDetail(head: string): string | null;
  /** The message's words and the asking clause's unnamed thing, read once per analysis. */
  readMessage(m: MessageAnalysis): MessageWords;
  /**
   * The nouns of a piece of text, in the order it says them (not places or verb stems; generic
   * words such as 場所 or 活動 kept), each with the spellings a program may write it in: the
   * things an asked act is done to.
   */
  thingsOf: (text: string) => { text: string; labels: string[] }[];
  /** Whether a text says a word as a word of its own, not inside a longer known word (業者 in 事業者). */
  saysWord: (text: string, word: string) => boolean;
}

/** What query reading is built from. */
export interface QueryWordsParts {
  lexicon: Lexicon;
  vocabulary: Vocabulary;
  gazetteer: Gazetteer;
  /** The Sudachi synonyms shipped in the index. */
  synonyms: PrebuiltIndex["synonyms"];
  /** The tables {@link queryWordTables} makes, when the index stores them for this vocabulary. */
  tables?: QueryWordTables;
  scoring: Scoring;
  correction: Correction;
  params: EngineParams;
  /**
   * A verb's or adjective's dictionary form the corpus writes, for a word written in another of
   * its inflections (word-bm25.ts `formOf`); absent: words are met as written only.
   */
  formOf?: (surface: string) => string | undefined;
}

/** Builds the query reader. */
export function createQueryWords(parts: QueryWordsParts): QueryWords {
  const { lexicon, vocabulary, gazetteer, scoring, correction, params: p } = parts;
  const { bm25, surfaceOnly, dfOf, fullyInCorpus, usesPhrase, ownExpansion, expansion } = scoring;
  const n = scoring.size;

  // The vocabulary's look-up tables: stored in the index for this vocabulary, else made here.
  const tables = parts.tables ?? queryWordTables(vocabulary, lexicon, parts.synonyms);
  const synonymsOf = new Map(tables.synonyms);
  const dictionarySynonymsOf = new Map(tables.dictionary);
  // Generic words by spelling and by reading, so 取り組み, 取組 and とりくみ are one word.
  const genericKeys = new Set<string>();
  // Procedure words (手続き, 申請) say how, not what: generic too, so the thing applied for decides.
  for (const g of [...vocabulary.genericWords, ...vocabulary.procedureWords]) {
    for (const v of [g, lexicon.readingOfWord(g)]) if (v) genericKeys.add(lexKey(v));
  }
  // Words that say who a program is for (the vocabulary's audiences and their cues: 子ども,
  // 高齢者, 子育て, 留学生), by spelling: see `QueryWord.whom`.
  const whomKeys = new Set(
    vocabulary.audiences.flatMap((a) => [a.audience, ...a.cues]).map((w) => lexKey(foldWidthAndCase(w))),
  );
  const needCues = tables.needCues;
  const needCuesIn = phraseCandidates(needCues, (c) => c.phrase);

  // A topic is out of scope for this corpus only while no document says it: over a municipal
  // FAQ that answers ごみ questions, ごみ is a topic like any other. The phrase as written counts,
  // not its bigrams (避難所の場所 is made of bigrams the catalogue has; no program says it).
  // Each term also by its reading (こせきとうほん, ほいくえん: kana and romaji questions), when
  // that reading is long enough not to be part of unrelated words.
  const readingVariant = (t: string): string[] => {
    const r = lexicon.readingOfWord(t) ?? (isKana(lexKey(t)) ? null : lexicon.readingOf(t).replace(/ /g, ""));
    return r && [...r].length >= MIN_OUT_OF_SCOPE_READING && !/\s/.test(r) ? [toHiragana(r)] : [];
  };
  // Made on the first question: an engine that only reads messages for a follow or a postback
  // never needs them. Every term is listed; whether a document says it (usesPhrase reads every
  // document's text) is asked only of a term a question holds, once per term — asking it of all
  // of them up front was most of a new instance's first search (issue 14 cold start). Skipping a
  // used term where it is found keeps the list's order, so the same topic is found.
  type OutOfScopeTerm = { term: string; phrase: string; topic: string; except: string[] };
  let outOfScopeList: PhraseCandidates<OutOfScopeTerm> | null = null;
  const outOfScopeTermsIn = (text: string) =>
    (outOfScopeList ??= phraseCandidates(
      vocabulary.outOfScope.flatMap((o) =>
        o.terms.flatMap((t) =>
          [...variants(t), ...readingVariant(t), ...locationAsked(t).flatMap(variants)].map((v) => ({
            term: t,
            phrase: v,
            topic: o.topic,
            except: o.except.flatMap(variants),
          })),
        ),
      ),
      (o) => o.phrase,
    ))(text);
  const termUsed = new Map<string, boolean>();
  const corpusSays = (term: string): boolean => {
    let used = termUsed.get(term);
    if (used === undefined) termUsed.set(term, (used = usesPhrase(term)));
    return used;
  };
  /**
   * The out-of-scope topic a question names (粗大ごみ, 住民票 …), unless the phrase sits inside
   * an exception that describes the asker (年金暮らし), or a document says the term itself.
   */
  function findOutOfScope(text: string): string | null {
    for (const o of outOfScopeTermsIn(text)) {
      if (!text.includes(o.phrase) || corpusSays(o.term)) continue;
      for (let at = text.indexOf(o.phrase); at >= 0; at = text.indexOf(o.phrase, at + 1)) {
        const excepted = o.except.some((x) => {
          const off = x.indexOf(o.phrase);
          return off >= 0 && text.startsWith(x, at - off);
        });
        if (!excepted) return o.topic;
      }
    }
    return null;
  }

  /** {@link findOutOfScope} in the text as written or, failing that, in hiragana (ごみ of ゴミ). */
  const outOfScopeIn = (text: string): string | null =>
    findOutOfScope(text) ?? findOutOfScope(toHiragana(text));

  // Exceptions describe the asker (年金暮らし): they are neither a topic nor a need of the question.
  const asideSpans = [...new Set(vocabulary.outOfScope.flatMap((o) => o.except.flatMap(variants)))].sort(
    (a, b) => b.length - a.length,
  );
  const relationalNouns = vocabulary.relationalNouns.flatMap(variants);
  const procedurePhrases = [...new Set(vocabulary.procedureWords.flatMap(variants))];
  const detailCuesIn = phraseCandidates(tables.detailCues, (c) => c.phrase);

  // Expansions of vocabulary words (synonyms, needs) recur in every query that names them.
  const vocabularyExpansions = new Map<string, Expansion>();
  const vocabularyExpansion = (label: string, weight: number): Expansion => {
    const key = `${weight}\u0000${label}`;
    let e = vocabularyExpansions.get(key);
    if (!e) vocabularyExpansions.set(key, (e = expansion(label, weight)));
    return e;
  };

  function wordOf(
    seg: Segment,
    corrections: { from: string; to: string }[],
    followedByKana: boolean,
    afterKanji: boolean,
  ): QueryWord {
    // Kana typed for a kanji word (ぼうさい → 防災): the kanji words stand in for the reading,
    // which alone would match any word sharing a syllable pair.
    const kanji = correction.kanjiFor(seg);
    // An adjective in kana (いい) is its own kana only, never a noun's reading (委員).
    const own = ownExpansion(
      seg.text,
      seg.key,
      kanji.length > 0 || lexicon.isKanaAdjective(seg.key) ? null : seg.reading,
    );
    const expansions: Expansion[] = [own, ...kanji.map((s) => expansion(s, 1))];
    // An inflection the corpus writes otherwise (残り of 残りたい for a name's 残る): the same word.
    const form = parts.formOf?.(seg.text);
    if (form) expansions.push(expansion(form, p.questionsInflectionWeight));
    // A verb stem (見 of 見て, 学び of 学びたい) says little about what the question is about.
    const stem = isWeakWord(seg, followedByKana, afterKanji);
    if (kanji.length === 0) {
      const fixes = correction.fixesFor(seg, stem);
      if (fixes[0]) corrections.push({ from: seg.text, to: fixes[0] });
      // Equally close corrections stay alternatives (防災熟: 防災塾 or 防災力): the rest of the
      // question and the rarer, more specific word decide in the ranking.
      fixes.forEach((fixed, k) =>
        expansions.push(expansion(fixed, p.correctionWeight * (k === 0 ? 1 : 0.8))),
      );
    }
    // Kana typed for a kanji word reaches that word's synonyms even when the corpus does not
    // use the kanji form itself (めぐり → 巡り → 巡る).
    const ownCount = expansions.length;
    const synonymsFor = (label: string) => {
      for (const syn of synonymsOf.get(lexKey(label)) ?? [])
        expansions.push(vocabularyExpansion(syn, p.synonymWeight));
    };
    for (let k = 0; k < ownCount; k++) synonymsFor(expansions[k]!.label);
    for (const surface of seg.surfaces) synonymsFor(surface);
    // The Sudachi dictionary's synonyms (filtered at build time to words the documents use),
    // weighted below exact matches and below the hand-written vocabulary.
    if (p.dictionarySynonymWeight > 0)
      for (const syn of dictionarySynonymsOf.get(seg.key) ?? [])
        expansions.push(vocabularyExpansion(syn, p.dictionarySynonymWeight));
    let surfaceIdf = 0;
    for (const t of own.terms) if (t.group === 0 && t.idf > surfaceIdf) surfaceIdf = t.idf;
    const idf = surfaceIdf || bm25.maxIdf;
    // Nor does kana nothing knows — no word of the lexicon, no reading of a kanji word, no
    // kanji it could be typed for (いう of という, こし of 掘り起こし, しよう, くわ of よくわかって):
    // an inflection or a fragment of one, whose rare syllable pair would otherwise weigh as much
    // as the rarest word of the catalogue.
    const weak =
      stem ||
      (seg.kind === "unknown" &&
        isKana(seg.key) &&
        !hasKatakana(seg.text) &&
        kanji.length === 0 &&
        seg.surfaces.length === 0);
    const generic = isGenericWord(seg);
    const share = Math.min(weak ? p.weakWordWeight : 1, generic ? p.genericCoverageWeight : 1);
    return {
      text: seg.text,
      expansions: dedupe(expansions),
      coverageWeight: idf * share,
      combine: "max",
      scoreScale: generic ? p.genericScoreWeight : 1,
      topical: !weak && !generic,
    };
  }

  // The words of segments read before, with the correction each made: a word's expansions,
  // weights and correction depend on its segment and the two neighbour flags alone, and residents'
  // words recur across messages. Each use gets its own copy of the word (the reader marks places,
  // audiences and compounds on it); the expansions are shared, as the vocabulary's are. Bounded:
  // cleared when full, as the surface cache.
  const keptWords = new Map<string, { word: QueryWord; correction: { from: string; to: string } | null }>();
  function keptWordOf(
    seg: Segment,
    corrections: { from: string; to: string }[],
    followedByKana: boolean,
    afterKanji: boolean,
  ): QueryWord {
    const key = `${followedByKana ? 1 : 0}${afterKanji ? 1 : 0}${seg.kind}\u0000${seg.text}\u0000${seg.key}\u0000${seg.reading ?? "\u0001"}\u0000${seg.surfaces.join("\u0000")}`;
    let kept = keptWords.get(key);
    if (kept === undefined) {
      const made: { from: string; to: string }[] = [];
      const word = wordOf(seg, made, followedByKana, afterKanji);
      if (keptWords.size >= KEPT_WORDS) keptWords.clear();
      keptWords.set(key, (kept = { word, correction: made[0] ?? null }));
    }
    if (kept.correction) corrections.push({ ...kept.correction });
    return { ...kept.word };
  }

  /**
   * Words that only say "a program" (取組, 事業, 活動): listed in the vocabulary (by spelling or
   * reading), or found in so many documents that the corpus itself shows they name no topic.
   * A rare spelling of such a word (取組 in eight programs) has a high idf, so without this it
   * would outrank the topic the resident asked about.
   */
  function isGenericWord(seg: Segment): boolean {
    if (genericKeys.has(seg.key) || (seg.reading && genericKeys.has(lexKey(seg.reading)))) return true;
    if (n < p.genericMinDocs || [...seg.key].length < 2) return false;
    const terms = surfaceOnly(seg.text, 1);
    if (terms.length === 0) return false;
    const df = Math.min(...terms.map(dfOf));
    return df / n >= p.genericDocShare;
  }

  /**
   * Verbs and adjectives say little about what a question is about (測りたい, 作りたい, 見て):
   * words the corpus only uses so, kanji with okurigana, a kanji stem before kana, short kana
   * the lexicon does not know.
   */
  function isWeakWord(seg: Segment, followedByKana: boolean, afterKanji: boolean): boolean {
    const chars = [...seg.key];
    const first = charClass(chars[0] ?? "");
    const last = charClass(chars[chars.length - 1] ?? "");
    if (lexicon.isWeak(seg.key)) return true;
    if (first === "kanji" && last === "hiragana" && seg.kind !== "word") return true;
    if (chars.length === 1 && first === "kanji" && followedByKana) return true;
    // Unknown short kana glued to kanji or to an inflection is a verb form (史跡めぐり, めぐりたい);
    // standing alone it is a noun written in kana (ごみの日).
    // Katakana is a loanword or a name (バンク), never an inflection.
    const kanaForm =
      seg.kind === "unknown" &&
      isKana(seg.key) &&
      !hasKatakana(seg.text) &&
      seg.surfaces.length === 0 &&
      chars.length <= 4;
    return kanaForm && (afterKanji || followedByKana);
  }

  function analyseQuery(query: string): ReadQuery {
    return read(query, true);
  }

  /**
   * Reads one text. `whole`: also what only the message's own reading needs (the out-of-scope
   * topic, whether it asks about a procedure); the decision's look at pieces of the asking
   * clause needs only their words, and skips them.
   */
  function read(query: string, whole: boolean): ReadQuery {
    const normalised = normaliseKeepScript(query);
    const places = findPlaces(gazetteer, normalised);
    // Ward names only steer the filter; place names stay as words but do not count for coverage.
    let rest = normalised;
    if (places.some((pl) => pl.kind === "区")) {
      const chars = [...normalised];
      for (const pl of places)
        if (pl.kind === "区") for (let i = 0; i < pl.matched.length; i++) chars[pl.index + i] = " ";
      rest = chars.join("");
    }
    const outOfScope = whole ? outOfScopeIn(rest) : null;
    for (const x of asideSpans) if (rest.includes(x)) rest = rest.split(x).join(" ");
    // Words asking for a date or a phone number name no topic: the program is still the answer.
    const asksFor: DetailKind[] = [];
    // Candidates by the text as it is now: taking cues out only puts spaces in.
    for (const cue of detailCuesIn(`${rest} `)) {
      const at = rest.indexOf(cue.phrase);
      if (at < 0) continue;
      rest = rest.slice(0, at) + " " + rest.slice(at + cue.phrase.length);
      if (!asksFor.includes(cue.kind)) asksFor.push(cue.kind);
    }
    const placeKeys = new Set(
      places.filter((pl) => pl.kind !== "区").flatMap((pl) => [lexKey(pl.name), lexKey(pl.matched)]),
    );
    const words: QueryWord[] = [];
    const needsSeen = new Set<number>();
    // Cues the catalogue uses stay in the text; their need word then takes their place.
    const needOfKey = new Map<string, number>();
    // Nouns that only say what the thing asked is like (リハビリみたいな運動: the thing is 運動),
    // need cues among them too (ヨガっぽい体操); the word of likeness itself names nothing.
    const likeness: string[] = [];
    rest = rest.replace(LIKENESS, (_, noun: string) => {
      likeness.push(noun);
      return `${noun} `;
    });
    const likenessOnly = (text: string) => likeness.some((l) => l.includes(text));
    for (const cue of needCuesIn(`${rest} `)) {
      const at = cueAt(rest, cue.phrase, lexicon);
      if (at < 0) continue;
      // A cue the catalogue itself uses (収穫, 料理) stays a word as well; other cues are consumed.
      if (!fullyInCorpus(cue.phrase)) rest = rest.slice(0, at) + " " + rest.slice(at + cue.phrase.length);
      if (needsSeen.has(cue.need)) continue;
      needsSeen.add(cue.need);
      const need = vocabulary.needs[cue.need]!;
      const expansions = dedupe([
        vocabularyExpansion(cue.cue, 1),
        ...need.expand.map((e) => vocabularyExpansion(e, p.needWeight)),
        ...need.audience.map((a) => vocabularyExpansion(a, p.needWeight)),
      ]);
      const modifier = likenessOnly(cue.phrase);
      words.push({
        text: cue.cue,
        expansions,
        coverageWeight: (bm25.maxIdf / 2) * (modifier ? p.weakWordWeight : 1),
        combine: "sum",
        scoreScale: 1,
        topical: !modifier,
      });
      if (fullyInCorpus(cue.phrase)) needOfKey.set(lexKey(cue.phrase), words.length - 1);
    }
    const corrections: { from: string; to: string }[] = [];
    const segs = correction.joinMistypedCompounds(
      correction.readAlike(correction.mergeUnknown(lexicon.segment(rest), rest), rest),
      rest,
    );
    // The word the segment before made, when it made one: two content words written together
    // (ジョギングコース, 防災無線 cut in two) are parts of one compound (`QueryWord.compound`).
    let prevWord: QueryWord | null = null;
    let compounds = 0;
    for (const [i, seg] of segs.entries()) {
      const before = prevWord;
      prevWord = null;
      if (seg.kind === "stop") continue;
      // A lone kana left between function words is noise (お, ね …), not a question.
      if ([...seg.key].length <= 1 && isKana(seg.key)) continue;
      const next = segs[i + 1];
      // Kanji followed by kana that is not a case particle is a verb or adjective stem (見て, 測り).
      const followedByKana =
        next !== undefined &&
        isKana(next.key) &&
        !hasKatakana(next.text) &&
        !CASE_PARTICLES.has(next.key[0] ?? "") &&
        rest.includes(seg.text + next.text);
      const prev = segs[i - 1];
      const afterKanji =
        prev !== undefined &&
        charClass([...prev.key].pop() ?? "") === "kanji" &&
        rest.includes(prev.text + seg.text);
      if (needOfKey.has(seg.key)) continue;
      const w = keptWordOf(seg, corrections, followedByKana, afterKanji);
      if (placeKeys.has(seg.key)) [w.coverageWeight, w.topical, w.place] = [0, false, true];
      else if (whomKeys.has(seg.key)) w.whom = true;
      // A number says how old or how many (80歳, 3人), not what the question is about.
      if (/\d/.test(seg.text)) [w.coverageWeight, w.topical] = [0, false];
      // A likeness modifier scores as a hint, but the thing asked is the noun it describes: a
      // program for that thing covers the question without naming the comparison.
      if (likenessOnly(seg.text))
        [w.coverageWeight, w.topical] = [w.coverageWeight * p.weakWordWeight, false];
      if (
        before &&
        // Kanji before an ending is a verb or adjective (出ます, 高く), not a noun of the compound.
        !(followedByKana && charClass([...seg.text].pop() ?? "") === "kanji") &&
        isContentPart(prev!) &&
        isContentPart(seg) &&
        rest.includes(prev!.text + seg.text)
      )
        w.compound = before.compound ??= ++compounds;
      words.push(w);
      prevWord = w;
    }
    const procedure = whole && procedurePhrases.some((ph) => normalised.includes(ph));
    return { normalised, places, words, corrections, outOfScope, asksFor, procedure };
  }

  /**
   * The words to score: the asked part's, then the context's and the audiences' with a small
   * share of the score and none of the coverage (context adds, never vetoes). When the asked
   * part names nothing (何かありますか), the context says what the question is about.
   */
  function wordsOfMessage(m: MessageAnalysis, headUnnamed: string | null = null) {
    const asked = m.asked || m.readable;
    const contextText = m.context.join(" ");
    let a = analyseQuery(asked);
    let words = a.words;
    // Only verbs no program says (加勢して): the context is the subject, its out-of-scope topic too
    // (保険料が払えん。区役所で加勢してくるっと？ asks about the premium).
    const onlyActs =
      contextText !== "" &&
      headUnnamed === null &&
      a.words.some((w) => w.topical) &&
      namesOnlyUnknownActs(a.words, normaliseKeepScript(asked));
    if (contextText && (!a.words.some((w) => w.topical) || onlyActs)) {
      a = analyseQuery(`${contextText} ${asked}`);
      words = a.words;
    } else if (contextText) {
      const ctx = analyseQuery(contextText);
      words = [...words, ...ctx.words.map(asContext)];
    }
    // Who the message is about (高齢者 from 「80歳です」) nudges programs for them; the word alone,
    // not its synonyms, and at a small share: an audience is a hint, not the topic.
    // Nothing named but who it is for (「80歳です。何か参加できるものは？」): the audience is the subject.
    if (!words.some((w) => w.topical) && m.audiences.length > 0) {
      a = analyseQuery(`${m.audiences.join(" ")} ${contextText} ${asked}`);
      words = a.words;
    }
    if (!onlyActs) a = { ...a, outOfScope: askedOutOfScope(m, asked, a.outOfScope) };
    for (const aud of m.contextAudiences) {
      if (words.some((w) => lexKey(w.text) === lexKey(aud))) continue;
      const e = vocabularyExpansion(aud, 1);
      if (e.terms.length === 0) continue;
      words.push({
        text: aud,
        expansions: [e],
        coverageWeight: 0,
        combine: "max",
        scoreScale: p.audienceWeight,
        topical: false,
        context: true,
        audience: true,
      });
    }
    return { a, words: words.slice(0, MAX_WORDS) };
  }

  /**
   * Whether the asked part's topical words are only verbs no program says (加勢して, 応援して in a
   * dialect or a rare word): they say what the resident wants done, not about what — the thing is
   * in the context (見回りをしているけど…). A thing the catalogue does not hold (保育園の申し込み) is
   * a noun, and is what is missing.
   */
  function namesOnlyUnknownActs(words: readonly QueryWord[], text: string): boolean {
    // The verbs first: a regex over the clause, before any look-up in the documents' text.
    const verbs = new Set([...text.matchAll(VERBAL_NOUN)].map((x) => x[0]));
    const topical = words.filter((w) => w.topical);
    return topical.every((w) => verbs.has(w.text)) && !topical.some((w) => named(w));
  }

  const asContext = (w: QueryWord): QueryWord => ({
    ...w,
    // A compound's number is of its own analysis: the context is read apart from the asked part.
    compound: undefined,
    coverageWeight: 0,
    topical: false,
    scoreScale: w.scoreScale * p.contextWeight,
    context: true,
  });

  /**
   * The noun phrase a clause asks for: the one marked (は, が, を, って, とか, について) right before
   * a predicate that names nothing more (ありますか, どこですか, 知りたい, 延長できないのでしょうか),
   * with the nouns joined to it by の (解体の補助, 仮設住宅の入居期限); null when no such phrase.
   */
  function askedPhrase(head: string): { phrase: string; rest: string } | null {
    if (!piecesRead) return readAskedPhrase(head);
    let found = piecesRead.asked.get(head);
    if (found === undefined) piecesRead.asked.set(head, (found = readAskedPhrase(head)));
    return found;
  }
  function readAskedPhrase(head: string): { phrase: string; rest: string } | null {
    const text = normaliseKeepScript(head);
    const marked = [...text.matchAll(MARKER)].pop();
    // Spoken Japanese drops the particle before ある (コースありますか, 講座ある?): the noun right
    // before the verb of being is its subject, as if marked by が — and nearer the predicate than
    // any particle before it (子どもが遊べる広場ありますか asks for the 広場).
    const bare = ZERO_MARKER.exec(text);
    const m = bare && (!marked || bare.index > marked.index) ? bare : marked;
    if (!m) return null;
    // A kanji compound used as a verb in the predicate (延長できますか, 相談すれば, 受付してますか)
    // says what to do with the thing, not another thing.
    // Question words (誰に言えば, どこで) ask about the thing; they name nothing more.
    const tail = text
      .slice(m.index + m[0].length)
      .replace(VERBAL_NOUN, " ")
      .replace(QUESTION_WORD, " ");
    if (wordsOf(tail).some((w) => w.topical && w.coverageWeight > 0)) return null;
    // "Something like" after the noun (補助みたいなのって, 講座的なものは) hedges it, names nothing.
    const before = text.slice(0, m.index).replace(HEDGE, "");
    const phrase = NOUN_PHRASE.exec(before)?.[0];
    // With its particle, so a verb stem before te-form って (手伝って) reads as a verb, not a noun.
    return phrase ? { phrase: phrase + m[0], rest: before.slice(0, before.length - phrase.length) } : null;
  }

  // The pieces of one message's asking clause read so far (its tail, the phrase it asks for, what
  // is left before it), and the phrase each clause asks for: a message's reading asks for the same
  // piece up to three times (the asked phrase of the out-of-scope check, then of the unnamed
  // thing) and for the asking clause's phrase up to four times (the unnamed thing, its detail, the
  // relational head, the out-of-scope check), and a search in a ward once more
  // (`unnamedThingIn`). Set while a message is read, and while its unnamed thing in wards is.
  let piecesRead: {
    words: Map<string, QueryWord[]>;
    asked: Map<string, { phrase: string; rest: string } | null>;
  } | null = null;
  /** The words of a piece of the asking clause (its reading's other findings are not needed). */
  const wordsOf = (text: string): QueryWord[] => {
    if (!text.trim()) return [];
    let words = piecesRead?.words.get(text);
    if (words === undefined) {
      words = read(text, false).words;
      piecesRead?.words.set(text, words);
    }
    return words;
  };

  /** Some program (of `wards`, when given) names the word, by one of its expansions. */
  const named = (w: QueryWord, wards?: readonly Ward[]) =>
    w.expansions.some((e) => usesPhrase(e.label, wards));

  /**
   * The noun of a phrase no program names, or null when the catalogue names the thing: most of
   * its nouns unnamed (山鹿灯籠まつり, 福岡市の補助金), or its head — the last noun (仮設住宅の入居期限
   * → 期限), what is asked for; the nouns before it only say whose or about what. One noun among
   * known ones may be a slip or an everyday word for the catalogue's (声かけの練習). `undefined`
   * when the phrase holds no noun at all.
   */
  function unnamedNoun(phrase: string, wards?: readonly Ward[]): string | null | undefined {
    const nouns = nounsOf(phrase);
    if (nouns.length === 0) return undefined;
    // Of some wards, only the head counts: a noun before it that other wards' programs name
    // (活動費 of 活動費の助成) only says about what, and the ward's programs may word it otherwise.
    const unnamed = wards ? [] : nouns.filter((w) => w.topical && !named(w));
    if (unnamed.length > 0 && unnamed.length * 2 >= nouns.length) return unnamed[0]!.text;
    const last = nouns[nouns.length - 1]!;
    return last.topical && !named(last, wards) ? last.text : null;
  }

  /** A phrase's nouns: two characters or more with a kanji or katakana (kana-only words may be verb forms). */
  const nounsOf = (phrase: string): QueryWord[] =>
    wordsOf(phrase).filter(
      (w) =>
        (w.topical || w.scoreScale < 1) &&
        w.coverageWeight > 0 &&
        [...w.text].length >= 2 &&
        /[\u3400-\u9fff\u30a1-\u30fa]/u.test(w.text),
    );

  function unnamedDetail(head: string, thing: string | null = unnamedThing(head)): string | null {
    const asked = thing === null ? null : askedPhrase(head);
    // A relational noun (補助, 料金) is about its object: which the unnamed thing then is.
    if (!asked || relationObject(asked)) return null;
    // Only a thing asked to be told of or asked whether there is (パスワードを教えて, …はありますか),
    // not one of a wish's idiom (若い人の知恵を借りたい): the predicate after it asks for information.
    const text = normaliseKeepScript(head);
    if (!ASKS_TO_KNOW.test(text.slice(text.lastIndexOf(asked.phrase) + asked.phrase.length))) return null;
    // The thing is the phrase's last part after の, whole; a part before it names what it is of.
    const parts = asked.phrase.replace(PHRASE_PARTICLE, "").split("の");
    const last = nounsOf(parts.pop() ?? "");
    const ofNamed = parts.some((part) => nounsOf(part).some((w) => w.topical && named(w)));
    return last.length === 1 && last[0]!.text === thing && ofNamed ? thing : null;
  }

  /** The relational noun the asking clause asks for (助成 of 何かしたい 助成ある?), with its spellings. */
  function askedHead(head: string): { text: string; labels: string[] } | null {
    const asked = head ? askedPhrase(head) : null;
    if (!asked) return null;
    const own = asked.phrase.replace(PHRASE_PARTICLE, "");
    if (!relationalNouns.some((r) => own.endsWith(r))) return null;
    const last = nounsOf(own).at(-1);
    if (!last || !last.topical) return null;
    return { text: last.text, labels: [...new Set(last.expansions.map((e) => foldWidthAndCase(e.label)))] };
  }

  function unnamedThing(head: string, wards?: readonly Ward[]): string | null {
    const asked = head ? askedPhrase(head) : null;
    if (!asked) return null;
    // A relational noun (補助, 料金) asks about its object before it (スポーツジムの月謝に補助): that
    // object is the thing asked, and the clause's other words are what is left before it.
    // (Of some wards, the head alone: the object may be other wards' wording, 活動費の助成.)
    const object = wards ? null : relationObject(asked);
    const rest = object ? object.rest : asked.rest;
    // The clause names, besides the phrase, something a program does (定年退職した人向けの…): the
    // resident is in the catalogue's world, and an unknown noun is likelier a slip (公差 for 講座).
    if (wordsOf(rest).some((w) => w.topical && w.coverageWeight > 0 && named(w, wards))) return null;
    return (object ? unnamedNoun(object.phrase, wards) : null) ?? unnamedNoun(asked.phrase, wards) ?? null;
  }

  /**
   * The object a relational noun asks about (スポーツジムの月謝 of スポーツジムの月謝に補助, 漁船の
   * 燃料代 of 漁船の燃料代の補助), with what the clause says before it, or null when the phrase is
   * no relational noun or gives no object.
   */
  function relationObject(asked: { phrase: string; rest: string }): { phrase: string; rest: string } | null {
    const own = asked.phrase.replace(PHRASE_PARTICLE, "");
    const relation = relationalNouns.find((r) => own.endsWith(r));
    if (!relation) return null;
    const before = asked.rest + own.slice(0, own.length - relation.length);
    // A purpose clause (防災リュックの中身をそろえるのに補助, 備品を買うための助成) gives the object
    // of its verb: that is what the money would be for.
    const lead = before.replace(RELATION_OBJECT, "").replace(/の$/u, "").replace(PURPOSE_VERB, "");
    const phrase = OBJECT_PHRASE.exec(lead)?.[0];
    return phrase ? { phrase, rest: lead.slice(0, lead.length - phrase.length) } : null;
  }

  /**
   * The out-of-scope topic of the asked part, kept only when it is what is asked: a word of
   * another desk's (病院, ごみ, 体育館, コロナ) that only describes the thing asked for or the
   * asker's situation — in a clause before the one that asks, or in a phrase that modifies the
   * thing (病院の方々と…学ぶ研修, 体育館を切り盛りする練習) — never refuses when the catalogue names
   * that thing. The thing is the noun phrase the asking clause asks for (研修が あると聞きました,
   * 教室はありますか), else the noun phrase the message ends with (…の練習); failing both, the
   * asking clause itself when it names the catalogue's things and not the topic. The topic still
   * refuses when it comes after the thing (会議室を予約したい: what is done with it), when the thing
   * is about another one (耐震診断を受けたい。補助は？ — relationalNouns), or when no thing can be read.
   */
  function askedOutOfScope(m: MessageAnalysis, asked: string, found: string | null): string | null {
    // Romaji is read to kana word by word, and its writers part a compound where its words meet
    // (jidou teate → じどう てあて): the out-of-scope term is read with those spaces taken out.
    const topic = found ?? (m.language === "romaji" ? findOutOfScope(joinKanaWords(asked)) : null);
    if (topic === null) return null;
    // Every question is asked, not only the last (「沖新の避難所はどこね？ 地震のとき どこさん
    // 逃げればよかと？」): a topic an earlier clause asks for as a question refuses as the last's.
    // A wish before the question (ごみの出し方を伝えたいのに…習える機会はないですか) is its situation.
    if (m.language === "ja" && m.head) {
      const atHead = askedOutOfScopeOf(m, asked, topic);
      if (atHead !== null) return atHead;
      for (const clause of m.clauses) {
        if (clause === m.head || !asked.includes(clause) || !QUESTION_END.test(clause)) continue;
        const own = outOfScopeIn(clause);
        if (own !== null && askedOutOfScopeOf({ ...m, head: clause }, clause, own) !== null) return own;
      }
      return null;
    }
    return askedOutOfScopeOf(m, asked, topic);
  }

  /** {@link askedOutOfScope} judged on the clause `m.head` asks with. */
  function askedOutOfScopeOf(m: MessageAnalysis, asked: string, topic: string): string | null {
    // English is read as the catalogue's words in a row, without the grammar that says which word
    // only describes another (手当 子育て of "an allowance for single parents"): each is asked.
    if (m.language === "en") return topic;
    const inScope = (text: string) => outOfScopeIn(text) === null;
    const thing = (m.head ? askedPhrase(m.head) : null) ?? askedPhrase(asked) ?? endPhrase(asked);
    if (thing) {
      const text = normaliseKeepScript(asked);
      const at = text.lastIndexOf(thing.phrase);
      const own = thing.phrase.replace(PHRASE_PARTICLE, "");
      const relational =
        relationalNouns.some((r) => own.endsWith(r)) && !aboutNamedThing(text.slice(0, Math.max(0, at)));
      return at >= 0 && inScope(text.slice(at)) && !relational && unnamedNoun(own) === null ? null : topic;
    }
    // No phrase: the asking clause's own nouns (not the verbs it makes of them: 登録したい).
    const head = normaliseKeepScript(m.head).replace(VERBAL_NOUN, " ");
    if (!head.trim() || !inScope(head) || unnamedThing(m.head) !== null) return topic;
    return unnamedNoun(head) === null ? null : topic;
  }

  /**
   * Whether a relational noun (補助, 料金) is about a thing the catalogue names, in scope, that the
   * text before it gives as its object (住民グループへのお金の補助, 住民の組織に、お金の補助は): the
   * out-of-scope word before that object only describes it (体育館を切り盛りする住民グループ).
   */
  function aboutNamedThing(before: string): boolean {
    const object = OBJECT_PHRASE.exec(before.replace(RELATION_OBJECT, ""))?.[0];
    return object !== undefined && findOutOfScope(object) === null && unnamedNoun(object) === null;
  }

  /** The noun phrase a text ends with (a message that is only a noun phrase: …する練習). */
  function endPhrase(text: string): { phrase: string } | null {
    const t = normaliseKeepScript(text).replace(TRAILING_PUNCTUATION, "");
    const phrase = NOUN_PHRASE.exec(t)?.[0];
    return phrase ? { phrase } : null;
  }

  // One reading per analysis: the bot searches the same analysis again when it widens to all
  // wards, right after the first search (a message of several needs reads one analysis per need
  // in between). The last few readings are kept by identity, not in a WeakMap: every message is a
  // new key, and a WeakMap entry per message cost more than a microsecond and work for the
  // garbage collector. A reading not kept is read again, to the same words.
  const readings: { m: MessageAnalysis | null; r: MessageWords | null }[] = Array.from(
    { length: KEPT_READINGS },
    () => ({ m: null, r: null }),
  );
  let nextReading = 0;
  function readMessage(m: MessageAnalysis): MessageWords {
    for (const kept of readings) if (kept.m === m) return kept.r!;
    // This message's pieces only: another message's (another resident's) are never read here.
    const pieces = {
      words: new Map<string, QueryWord[]>(),
      asked: new Map<string, { phrase: string; rest: string } | null>(),
    };
    const withPieces = <T>(read: () => T): T => {
      piecesRead = pieces;
      try {
        return read();
      } finally {
        piecesRead = null;
      }
    };
    const r = withPieces((): MessageWords => {
      const thing = unnamedThing(m.head);
      return {
        ...wordsOfMessage(m, thing),
        unnamedThing: thing,
        unnamedDetail: unnamedDetail(m.head, thing),
        unnamedThingIn: (wards) => withPieces(() => unnamedThing(m.head, wards)),
        askedThing: askedHead(m.head),
        outOfScopeInHead: () => {
          const head = m.head || endPhrase(m.asked || m.readable)?.phrase || "";
          return head !== "" && outOfScopeIn(head) !== null;
        },
      };
    });
    readings[nextReading] = { m, r };
    nextReading = (nextReading + 1) % KEPT_READINGS;
    return r;
  }

  function thingsOf(text: string): { text: string; labels: string[] }[] {
    const at = normaliseKeepScript(text);
    // In the order the text says them (need words come first in a reading): the last is the head.
    return wordsOf(text)
      .filter((w) => (w.topical || w.scoreScale < 1) && w.coverageWeight > 0 && [...w.text].length >= 2)
      .map((w, i) => ({ w, at: at.indexOf(w.text), i }))
      .sort((a, b) => (a.at < 0 || b.at < 0 ? a.i - b.i : a.at - b.at))
      .map(({ w }) => ({
        text: w.text,
        labels: [...new Set(w.expansions.map((e) => foldWidthAndCase(e.label)))],
      }));
  }

  const saysWord = (text: string, word: string) => cueAt(text, word, lexicon) >= 0;

  return { analyseQuery, wordsOfMessage, unnamedThing, unnamedDetail, readMessage, thingsOf, saysWord };
}

/** Expansions with distinct labels and some terms, first kept. */
function dedupe(expansions: Expansion[]): Expansion[] {
  const seenLabels = new Set<string>();
  return expansions.filter((e) => {
    const k = e.key ?? lexKey(e.label);
    if (seenLabels.has(k) || e.terms.length === 0) return false;
    seenLabels.add(k);
    return true;
  });
}

/**
 * Particles that mark what a clause asks for (Xはありますか, Xを知りたい, Xについて教えて); って
 * before an auxiliary is a verb's te-form (手伝ってほしい), not a topic.
 */
const MARKER =
  /について|に関して|って(?!ほし|もら|くれ|くだ|いただ|いる|います|み[たる]|お[くき])|とか|は|が|を/gu;
/**
 * Where a particle was left out between a noun (kanji or katakana) and the verb of being that
 * ends the clause (ジョギングコースありますか, 講座ある?, 教室あっと?): an empty match there. Written
 * together only: a verb of being after a space may follow a sentence in another language
 * (我想交日本朋友 ありますか), whose last character is no Japanese noun.
 */
const ZERO_MARKER =
  /(?<=[\u3400-\u9fff々\u30a1-\u30fc])(?=(?:あり|ある|あっ|あん|あれ)[\u3041-\u3096\s?？!！。…ー〜~]*$)/u;
/** A kanji compound before a する/できる form: a verb (延長できる, 相談すれば, 受付して). */
const VERBAL_NOUN = /[\u3400-\u9fff々]{2,}(?=し|す|さ|せ|でき|出来)/gu;
/**
 * A noun phrase at the end of a text: nouns (kanji, katakana, Latin) joined by の; the last may be
 * a compound verb's noun with its kana (取り締まり, 申し込み, 貸し出し), or a verb's noun of one
 * kanji and its kana (集まり, 集い, 支え): the continuative form ends in an i- or e-row kana, which
 * a plain verb (支える) does not, nor a wish or an adjective (見たい, 少ない, 新しい).
 */
const NOUN_PHRASE =
  /(?:[\u3400-\u9fff々\u30a1-\u30faa-z0-9][\u3400-\u9fff々\u30a1-\u30fca-z0-9-]*(?:[\u3041-\u3096][\u3400-\u9fff々]+)*[\u3041-\u3096]?の)*[\u3400-\u9fff々\u30a1-\u30faa-z0-9][\u3400-\u9fff々\u30a1-\u30fca-z0-9-]*(?:(?:(?:[\u3041-\u306d\u306f-\u3096][\u3400-\u9fff々]+)+[\u3041-\u306d\u306f-\u3096]{1,2})|[\u3041-\u306d\u306f-\u3096]?(?<![たなし])[いきしちにひみりぎじびぴえけせてねへめれげぜでべぺ])?$/u;

/**
 * What joins a relational noun to its object before it: への, に, には, 向けの, 対象の, and the
 * polite お of お金 (住民グループへのお金の補助).
 */
const RELATION_OBJECT = /(?:への|へ|には|に|向けの|むけの|対象の)[、,\s]*(?:お)?[、,\s]*$/u;

/**
 * A verb's object and the verb in its plain form, ending a purpose clause before a relational
 * noun (中身をそろえる(のに), 備品を買う(ための), 光回線にする(のに)): the noun phrase before を,
 * or before に of what something is made or turned into, is the object.
 */
const PURPOSE_VERB = /\s?[をに]\s?[\u3400-\u9fff々]*[\u3041-\u3096]*?[うくぐすつぬぶむる]\s?(?:ため|為)?$/u;

/**
 * Approximators after a noun ("something like": 補助みたいなの, 講座的なもの, 教室のようなもの): a
 * hedge on the noun before them, which is the thing asked.
 */
const HEDGE = /\s?(?:みたいな|的な|のような|っぽい)(?:の|もの|物|やつ)?\s?$/u;

/**
 * A noun followed by a word of likeness (みたいな, のような, っぽい) and then the noun it describes
 * (リハビリみたいな 運動, 公民館のような場所): the first noun says what the thing is like, not what
 * it is. Not a hedge at the end (集まりみたいなの, 講座のようなもの): there the noun is the thing.
 */
const LIKENESS =
  /([\u3400-\u9fff々\u30a1-\u30fc]+)(?:みたいな|のような|のよーな|っぽい)(?=\s?(?:[\u3400-\u9fff々\u30a1-\u30fa]|(?!の|もの|こと|やつ|ん|感じ|かんじ|[はがをにでともかねよ])[\u3041-\u309f]))/gu;

/**
 * A term for a thing's location (避難所の場所, 役所の場所) in the other shape residents ask it: the
 * thing, its topic particle and どこ (避難所ってどこ, 役所はどこ, 避難所どこ).
 */
function locationAsked(term: string): string[] {
  const thing = term.endsWith(LOCATION) ? term.slice(0, -LOCATION.length) : "";
  return thing ? ["はどこ", "ってどこ", "がどこ", "どこ"].map((ask) => thing + ask) : [];
}
const LOCATION = "の場所";

/** Nouns joined by の only, at the end of a text (住民の組織; not a verb's clause before it). */
const OBJECT_PHRASE = /(?:[\u3400-\u9fff々\u30a1-\u30fc]+の)*[\u3400-\u9fff々\u30a1-\u30fc]+$/u;

/**
 * Question words (疑問詞) after the thing asked (路上駐車の取り締まりって誰に言えば): they ask about
 * it and name nothing. Not 誰か, 何か, which say "someone", "something".
 */
const QUESTION_WORD = new RegExp(QUESTION_WORD_SOURCE, "gu");

/** The particle a phrase from `askedPhrase` ends with. */
const PHRASE_PARTICLE = new RegExp(`(?:${MARKER.source})$`, "u");

/**
 * A predicate that asks to be told (教えて, 知りたい, 分かりますか), whether there is (ありますか,
 * ないですか) or what, when or where it is (何ですか, いつ, どこ), or nothing but a question.
 */
const ASKS_TO_KNOW =
  /^\s*(?:教え|おしえ|知り|知ら|しり|しら|分か|わか|調べ|あり|ある|あっ|あん|あれ|ない|なか|なん|何|いつ|どこ|どう|どれ|いくら|です|でしょ|か|[?？。…]|$)/u;

/** Punctuation and spaces a message may end with. */
const TRAILING_PUNCTUATION = /[\s。、.,!?！？…・]+$/u;

/** A clause that ends as a question: a question mark, or the particle か at its end. */
const QUESTION_END = /(?:[?？]|か[。.]?)\s*$/u;

/** The kana words of a text joined where only spaces part them (じどう てあて → じどうてあて). */
function joinKanaWords(text: string): string {
  return toHiragana(normaliseKeepScript(text)).replace(
    /(?<=[\u3041-\u309f\u30fc])\s+(?=[\u3041-\u309f\u30fc])/gu,
    "",
  );
}

/** Readings shorter than this (kana) do not name an out-of-scope topic: too many words share them. */
const MIN_OUT_OF_SCOPE_READING = 4;

/** Readings of recent analyses kept for a search of the same analysis again (a message and its needs). */
const KEPT_READINGS = 8;

/** Words of segments kept with their expansions (residents' everyday words, and the catalogue's). */
const KEPT_WORDS = 2_000;

/** Words beyond this many in one query are ignored (a question, not an essay). */
const MAX_WORDS = 16;

const CASE_PARTICLES = new Set(["の", "を", "に", "が", "は", "で", "と", "も", "へ", "や", "か"]);

/**
 * Where a cue occurs as a word of its own, not as part of a longer known word (避難 inside
 * 避難所, 地震 inside 熊本地震).
 */
function cueAt(text: string, cue: string, lexicon: Lexicon): number {
  const len = cue.length;
  for (let at = text.indexOf(cue); at >= 0; at = text.indexOf(cue, at + 1)) {
    let inside = lexicon.longestAt(text, at) > len;
    for (let j = Math.max(0, at - 4); j < at && !inside; j++) inside = lexicon.longestAt(text, j) > at - j;
    if (!inside) return at;
  }
  return -1;
}

const hasKatakana = (text: string) => [...text].some((c) => charClass(c) === "katakana");
/**
 * A segment that may be part of a written compound: kanji, katakana or Latin letters, no digit.
 * Hiragana between two nouns is a particle or an ending, so nouns it separates are two words.
 */
const isContentPart = (seg: Segment) => !/[\d\p{Script=Hiragana}]/u.test(seg.text);
