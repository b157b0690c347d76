/**
 * The resident-facing search engine. A query is normalised, its ward or place detected, intent
 * words and needs recognised, the rest cut into words with the index's lexicon; each word is
 * expanded (reading → kanji, synonyms, fuzzy correction) and scored with BM25F over surface and
 * reading bigrams, taking the best expansion per word. Words that only say "a program" in this
 * domain (取組, 事業, 活動 — listed in the vocabulary or common in the corpus) count weakly, so
 * the topic decides. The engine abstains only on signals that carry over to unseen questions:
 * the question names a municipal topic the corpus does not cover (ごみ, 住民票: the vocabulary's
 * out-of-scope list), nothing it is about matched, or a short question that names a thing is
 * mostly missing from the best document. Otherwise it answers, flagging partial matches of long,
 * descriptive questions with `confidence: "low"`. Pure: built from plain data, no I/O.
 */
import Fuse from "fuse.js";
import type { Gazetteer, PlaceMatch } from "../knowledge/gazetteer.js";
import { findPlaces } from "../knowledge/gazetteer.js";
import type { Ward } from "../knowledge/schema.js";
import type { DetailKind, Vocabulary } from "../knowledge/vocabulary.js";
import { readingTerms, runs, surfaceTerms } from "./analyse.js";
import { bm25FromFrequencies, DEFAULT_BM25, type Bm25Params } from "./bm25.js";
import { createLexicon, lexKey, type Lexicon, type Segment } from "./lexicon.js";
import { charClass, isKana, normaliseKeepScript, toHiragana, toKatakana } from "./normalise.js";
import { indexFrequencies, type PrebuiltIndex } from "./prebuilt-index.js";
import type { TopicKey } from "../knowledge/topics.js";
import { createMessageReader } from "./analysis.js";
import { decide, type MatchSignals } from "./decision.js";
import type { MessageAnalysis, SearchEngine, SearchHit, SearchOptions, SearchResult } from "./types.js";

/** Tuning knobs, chosen on the dev and calibration sets; moving one weight by ±20% barely changes either. */
export interface EngineParams {
  bm25: Bm25Params;
  /** Weight of reading-bigram terms relative to surface terms. */
  readingWeight: number;
  synonymWeight: number;
  needWeight: number;
  correctionWeight: number;
  /** Hits scoring below this fraction of the best hit are dropped as noise. */
  minRelativeScore: number;
  /** An expansion scores for a document only when this fraction of its term mass matches. */
  minWordMatch: number;
  /** A word counts as covered by a document when this fraction of its term mass matches. */
  wordCoverage: number;
  /** Share of a weak word's (verb stem's) weight in the coverage measure. */
  weakWordWeight: number;
  /** Share of a generic word's (取組, 事業: "a program") weight in the coverage measure. */
  genericCoverageWeight: number;
  /** Share of a generic word's score in the ranking. */
  genericScoreWeight: number;
  /**
   * A word found in at least this share of the documents is generic too (learnt from the corpus,
   * so other corpora get theirs)…
   */
  genericDocShare: number;
  /** …when the corpus has at least this many documents (a share of a handful says nothing). */
  genericMinDocs: number;
  /** Exponent of the coordination factor (share of the query's content a document matches). */
  coordination: number;
  /**
   * A short question (one that names a thing) abstains when the best document covers less than
   * this (idf-weighted) share of its content words; any answer below it is framed as low
   * confidence (「近いもの」).
   */
  abstainBelow: number;
  /**
   * A long question (at least `wordsForRelaxed` content words) describes a situation; it is
   * answered when the catalogue knows at least this share of its words somewhere…
   */
  knownForRelaxed: number;
  wordsForRelaxed: number;
  /**
   * …and the best document covers at least this share of those known words. Below either, or
   * when the question names an out-of-scope topic, or no topic-bearing word of it matched at
   * all, the engine abstains.
   */
  answerFloor: number;
  /** False for sets where every question has an answer (FAQ benchmarks): rank, never abstain. */
  abstain: boolean;
  /**
   * A short question met only through a program's phrasings (not its own text) needs this
   * much of it covered there.
   */
  askedCoverage: number;
  /** Weight of a synonym from the Sudachi dictionary (0: not used). */
  dictionarySynonymWeight: number;
  /** Share of a long kana word's (loanword's) syllable pairs a document must hold. */
  loanwordMatch: number;
  /** Match phrasings only on terms the documents' own texts never use. */
  phrasingsFillGapsOnly: boolean;
  /** Share of the score a context word adds (it never counts for coverage). */
  contextWeight: number;
  /** Share of the score an audience the message names adds (高齢者 from 「80歳です」). */
  audienceWeight: number;
  /** Score lost per step of a document's priority (実施 0, 一部実施 1, 未実施/中止 2). */
  priorityPenalty: number;
  /** Fuse.js threshold for correcting unknown words (0 exact … 1 anything). */
  fuzzyThreshold: number;
  defaultLimit: number;
}

/** The parameters the service uses. */
export const DEFAULT_PARAMS: EngineParams = {
  bm25: DEFAULT_BM25,
  readingWeight: 0.5,
  synonymWeight: 0.5,
  needWeight: 0.6,
  correctionWeight: 0.9,
  minRelativeScore: 0.2,
  minWordMatch: 0.34,
  wordCoverage: 0.6,
  weakWordWeight: 0.2,
  genericCoverageWeight: 0.2,
  genericScoreWeight: 0.3,
  genericDocShare: 0.4,
  genericMinDocs: 30,
  coordination: 1,
  abstainBelow: 0.5,
  knownForRelaxed: 0.5,
  wordsForRelaxed: 4,
  answerFloor: 0.2,
  abstain: true,
  askedCoverage: 0.75,
  dictionarySynonymWeight: 0.35,
  loanwordMatch: 0.9,
  phrasingsFillGapsOnly: false,
  contextWeight: 1,
  audienceWeight: 0.15,
  priorityPenalty: 0.015,
  fuzzyThreshold: 0.34,
  defaultLimit: 10,
};

interface WeightedTerm {
  term: string;
  weight: number;
  idf: number;
  /** Which coverage group the term counts in: 0 surface, 1 reading, -1 scores only. */
  group: 0 | 1 | -1;
}

interface Expansion {
  /** What to show in `matched` when this expansion is the best for a document. */
  label: string;
  terms: WeightedTerm[];
  /** Total weight × idf per coverage group. */
  mass: [number, number];
  /** Share of the mass a document must match for this expansion to count at all. */
  minFrac: number;
}

interface QueryWord {
  text: string;
  expansions: Expansion[];
  /** Idf-like weight in the coverage measure; 0 for words that do not count (places). */
  coverageWeight: number;
  /** Synonyms are alternatives (best one counts); a need's words add up (each is one aspect). */
  combine: "max" | "sum";
  /** Factor on the word's score: below 1 for generic words. */
  scoreScale: number;
  /** Says what the question is about: not a verb stem, a generic word or a place. */
  topical: boolean;
  /**
   * From the context or the audiences: adds score outside the coordination factor, so a
   * document that fits only the context still ranks, and never counts for coverage.
   */
  context?: boolean;
}

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
  const lexicon = createLexicon({
    words: index.lexicon.words,
    weak: index.lexicon.weak,
    // Intent phrases are function words too; longest match keeps them from eating real words
    // (もの in こどもの, ね in ねんきん).
    stop: [...index.lexicon.stop, ...vocabulary.stopWords, ...vocabulary.intentWords],
  });
  const docs = index.docs;
  const readMessage = createMessageReader(vocabulary, gazetteer);
  const bm25 = bm25FromFrequencies(indexFrequencies(index, p.bm25), p.bm25);
  const n = docs.length;

  /** A phrase in every script a resident may type it in (as given, hiragana, katakana). */
  const variants = (phrase: string) => {
    const base = normaliseKeepScript(phrase);
    return [...new Set([base, toHiragana(base), toKatakana(base)])];
  };
  const synonymsOf = new Map<string, string[]>();
  for (const g of vocabulary.synonyms) {
    for (const t of g.terms) {
      const k = lexKey(t);
      const list = synonymsOf.get(k) ?? [];
      for (const o of g.terms) if (lexKey(o) !== k && !list.includes(o)) list.push(o);
      synonymsOf.set(k, list);
    }
  }
  const dictionarySynonymsOf = new Map<string, string[]>();
  for (const g of index.synonyms ?? [])
    for (const f of g.from) {
      const k = lexKey(f);
      dictionarySynonymsOf.set(k, [...new Set([...(dictionarySynonymsOf.get(k) ?? []), ...g.to])]);
    }
  // Generic words by spelling and by reading, so 取り組み, 取組 and とりくみ are one word.
  const genericKeys = new Set<string>();
  // Procedure words (手続き, 申請) say how, not what: generic too, so the thing applied for decides.
  for (const g of [...vocabulary.genericWords, ...vocabulary.procedureWords]) {
    for (const v of [g, lexicon.readingOfWord(g)]) if (v) genericKeys.add(lexKey(v));
  }
  // Every word the vocabulary names: the topics residents ask about.
  const vocabularyKeys = new Set(
    [
      ...vocabulary.synonyms.flatMap((g) => g.terms),
      ...vocabulary.needs.flatMap((nd) => [...nd.cues, ...nd.expand, ...nd.audience]),
    ].map(lexKey),
  );
  // An adjective cue also matches its stem, so other endings and dialect find it too
  // (寂しい: 寂しか, 寂しくて; こわい: こわか).
  const cueForms = (c: string) => {
    const chars = [...c];
    const stemmed =
      chars.length >= 3 && c.endsWith("い") && charClass(chars[chars.length - 2]!) !== "katakana";
    return stemmed ? [c, chars.slice(0, -1).join("")] : [c];
  };
  const needCues = vocabulary.needs
    .flatMap((need, i) =>
      need.cues.flatMap((c) =>
        cueForms(c)
          .flatMap(variants)
          .map((v) => ({ phrase: v, cue: c, need: i })),
      ),
    )
    .sort((a, b) => b.phrase.length - a.phrase.length);

  const inCorpus = (text: string) => surfaceOnly(text, 1).some((t) => bm25.postings(t.term) !== undefined);
  const fullyInCorpus = (text: string) => {
    const terms = surfaceOnly(text, 1);
    return terms.length > 0 && terms.every((t) => bm25.postings(t.term) !== undefined);
  };
  // Fuzzy correction candidates: words the corpus knows (two characters or more), so a
  // correction always leads somewhere. A one-deletion neighbourhood finds every known word
  // within one edit in a few look-ups; fuse.js then ranks those few short strings.
  const deletions = (key: string) => {
    const chars = [...key];
    return chars.map((_, i) => [...chars.slice(0, i), ...chars.slice(i + 1)].join(""));
  };
  // Built on the first query that needs a correction, so start-up stays fast.
  let neighbourhoodCache: Map<string, string[]> | null = null;
  const neighbourhood = () => {
    if (neighbourhoodCache) return neighbourhoodCache;
    const map = new Map<string, string[]>();
    for (const k of lexicon.keys()) {
      const len = [...k].length;
      if (len < 2 || len > 10 || lexicon.isStop(k) || !fullyInCorpus(k)) continue;
      for (const v of [k, ...deletions(k)]) {
        const list = map.get(v) ?? [];
        list.push(k);
        map.set(v, list);
      }
    }
    return (neighbourhoodCache = map);
  };

  // Surface terms of words seen before: common words recur across questions. Bounded.
  const surfaceCache = new Map<string, WeightedTerm[]>();
  /** Surface terms of a text: bigrams (a unigram for one character), Latin words. */
  function surfaceOnly(text: string, weight: number): WeightedTerm[] {
    const cacheKey = `${weight}\u0000${text}`;
    const cached = surfaceCache.get(cacheKey);
    if (cached) return cached;
    if (surfaceCache.size > 10_000) surfaceCache.clear();
    const terms = computeSurfaceTerms(text, weight);
    surfaceCache.set(cacheKey, terms);
    return terms;
  }

  function computeSurfaceTerms(text: string, weight: number): WeightedTerm[] {
    const out = new Map<string, number>();
    for (const r of runs(lexKey(text))) {
      if (r.latin) out.set(`l:${r.text}`, weight);
      else if ([...r.text].length === 1) {
        out.set(charClass(r.text) === "kanji" ? `u:${r.text}` : `s:${r.text}`, weight);
      } else for (const t of surfaceTerms(r.text)) if (t.startsWith("s:")) out.set(t, weight);
    }
    return [...out].map(([term, w]) => ({ term, weight: w, idf: bm25.idf(term), group: 0 as const }));
  }

  // A topic is out of scope for this corpus only while the corpus does not use its words: over
  // a municipal FAQ that answers ごみ questions, ごみ is a topic like any other.
  // Each term also by its reading (こせきとうほん, ほいくえん: kana and romaji questions), when
  // that reading is long enough not to be part of unrelated words.
  const readingVariant = (t: string): string[] => {
    const r = lexicon.readingOfWord(t) ?? (isKana(lexKey(t)) ? null : lexicon.readingOf(t).replace(/ /g, ""));
    return r && [...r].length >= MIN_OUT_OF_SCOPE_READING && !/\s/.test(r) ? [toHiragana(r)] : [];
  };
  const outOfScopeTerms = vocabulary.outOfScope.flatMap((o) =>
    o.terms
      .filter((t) => !fullyInCorpus(t))
      .flatMap((t) =>
        [...variants(t), ...readingVariant(t)].map((v) => ({
          phrase: v,
          topic: o.topic,
          except: o.except.flatMap(variants),
        })),
      ),
  );
  /**
   * The out-of-scope topic a question names (粗大ごみ, 住民票 …), unless the phrase sits inside
   * an exception that describes the asker (年金暮らし).
   */
  function findOutOfScope(text: string): string | null {
    for (const o of outOfScopeTerms) {
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
  // Exceptions describe the asker (年金暮らし): they are neither a topic nor a need of the question.
  const asideSpans = [...new Set(vocabulary.outOfScope.flatMap((o) => o.except.flatMap(variants)))].sort(
    (a, b) => b.length - a.length,
  );
  const procedurePhrases = [...new Set(vocabulary.procedureWords.flatMap(variants))];
  const detailCues = vocabulary.detailQuestions
    .flatMap((d) => d.cues.flatMap((c) => variants(c).map((v) => ({ phrase: v, kind: d.kind }))))
    .sort((a, b) => b.phrase.length - a.phrase.length);

  function makeExpansion(label: string, terms: WeightedTerm[]): Expansion {
    const mass: [number, number] = [0, 0];
    const counts = [0, 0];
    for (const t of terms) {
      if (t.group === -1) continue;
      mass[t.group] += t.weight * t.idf;
      counts[t.group]! += 1;
    }
    // Short loanwords must match whole: two of three syllable pairs of キャンプ are in キャンペーン;
    // longer ones mostly: インターネット is not ポイントゲット. Kana words likewise: ひなん is not
    // ひなまつり and なんでも. (Kanji compounds that share a part are usually related: 生ごみ,
    // 燃えるごみ.)
    const loanword = isKana(lexKey(label));
    const short = Math.max(counts[0]!, counts[1]!) <= 3;
    const minFrac = loanword ? (short ? 0.99 : Math.max(p.loanwordMatch, p.minWordMatch)) : p.minWordMatch;
    return { label, terms, mass, minFrac };
  }

  /**
   * The word as typed: its surface terms, plus its reading. For kana the reading is the word
   * and counts for coverage; for kanji it only adds score (it lets homophones rank, not match).
   */
  function ownExpansion(label: string, key: string, reading: string | null): Expansion {
    const terms = [...surfaceOnly(label, 1)];
    const kana = isKana(key);
    // Katakana is a loanword or a name: its kana already are its surface, and its reading
    // would only meet homophones in kanji words.
    const katakana = [...label].some((c) => charClass(c) === "katakana");
    if (reading && !katakana) {
      for (const term of readingTerms(reading)) {
        if (terms.some((t) => t.term === term)) continue;
        terms.push({
          term,
          weight: kana ? 1 : p.readingWeight,
          idf: bm25.idf(term),
          group: kana ? 1 : -1,
        });
      }
    }
    return makeExpansion(label, terms);
  }

  const expansion = (label: string, weight: number) => makeExpansion(label, surfaceOnly(label, weight));
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
    const kanji = seg.surfaces.filter(inCorpus).slice(0, 3);
    const own = ownExpansion(seg.text, seg.key, kanji.length > 0 ? null : seg.reading);
    const expansions: Expansion[] = [own, ...kanji.map((s) => expansion(s, 1))];
    // A loanword the corpus does not know is most likely mistyped (ウォーキンク), even when its
    // syllable pairs all occur somewhere.
    const katakanaSlip = seg.kind === "unknown" && [...seg.text].some((c) => charClass(c) === "katakana");
    const surfaceMissing = katakanaSlip || surfaceOnly(seg.text, 1).some((t) => !bm25.postings(t.term));
    if (surfaceMissing && kanji.length === 0) {
      // A real word the corpus does not use but that sounds like one it does: an IME slip (口座 → 講座).
      const homophones =
        seg.kind === "word" && seg.reading && !isKana(seg.key)
          ? lexicon.surfacesForReading(seg.reading).filter((s) => lexKey(s) !== seg.key && fullyInCorpus(s))
          : [];
      // A verb or adjective form (習える, 暮らし) is not a typo of a noun: never "correct" it.
      const verbForm = isWeakWord(seg, followedByKana, afterKanji);
      const fixes = homophones[0] ? [homophones[0]] : seg.kind === "unknown" && !verbForm ? correct(seg) : [];
      if (fixes[0]) corrections.push({ from: seg.text, to: fixes[0] });
      // Equally close corrections stay alternatives (防災熟: 防災塾 or 防災力): the rest of the
      // question and the rarer, more specific word decide in the ranking.
      fixes.forEach((fixed, k) =>
        expansions.push(expansion(fixed, p.correctionWeight * (k === 0 ? 1 : 0.8))),
      );
    }
    // Kana typed for a kanji word reaches that word's synonyms even when the corpus does not
    // use the kanji form itself (めぐり → 巡り → 巡る).
    for (const label of [...expansions.map((e) => e.label), ...seg.surfaces]) {
      for (const syn of synonymsOf.get(lexKey(label)) ?? [])
        expansions.push(vocabularyExpansion(syn, p.synonymWeight));
    }
    // The Sudachi dictionary's synonyms (filtered at build time to words the documents use),
    // weighted below exact matches and below the hand-written vocabulary.
    if (p.dictionarySynonymWeight > 0)
      for (const syn of dictionarySynonymsOf.get(seg.key) ?? [])
        expansions.push(vocabularyExpansion(syn, p.dictionarySynonymWeight));
    const idf = Math.max(0, ...own.terms.filter((t) => t.group === 0).map((t) => t.idf)) || bm25.maxIdf;
    // A verb stem (見 of 見て, 学び of 学びたい) says little about what the question is about.
    const weak = isWeakWord(seg, followedByKana, afterKanji);
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
    const df = Math.min(...terms.map((t) => bm25.postings(t.term)?.docs.length ?? 0));
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

  /**
   * Fuzzy correction of a word the corpus does not know, against words it does (one edit away):
   * the closest few, best first.
   */
  function correct(seg: Segment): string[] {
    const len = [...seg.key].length;
    if (len < 3 && !(len === 2 && seg.kind === "unknown" && !isKana(seg.key))) return [];
    const found = new Set<string>();
    for (const v of [seg.key, ...deletions(seg.key)])
      for (const k of neighbourhood().get(v) ?? []) found.add(k);
    const near = [...found].filter((k) => k !== seg.key && editDistance(k, seg.key) <= 1);
    // A slip replaces a character far more often than it adds or drops one (防災熟 is 防災塾, not 防災).
    const substitutions = near.filter((k) => [...k].length === len);
    const candidates = substitutions.length > 0 ? substitutions : near;
    if (candidates.length === 0) return [];
    const ranked = new Fuse(candidates, { includeScore: true, threshold: p.fuzzyThreshold }).search(seg.key);
    const best = ranked[0]?.score ?? 1;
    // Among equally close words, one the vocabulary names is what residents ask about (認知症,
    // not 認知度); then the rarer, more specific compound (防災塾, not 防災力).
    const rarity = (w: string) =>
      Math.min(...surfaceOnly(w, 1).map((t) => bm25.postings(t.term)?.docs.length ?? n));
    return ranked
      .filter((r) => (r.score ?? 1) <= best + 1e-9)
      .map((r) => lexicon.display(r.item))
      .sort(
        (x, y) =>
          Number(vocabularyKeys.has(lexKey(y))) - Number(vocabularyKeys.has(lexKey(x))) ||
          rarity(x) - rarity(y),
      )
      .slice(0, MAX_CORRECTIONS);
  }

  /**
   * Joins an unknown kanji run with neighbouring one-kanji words (保助 + 金 → 保助金) before
   * correcting, and adjacent one-kanji words into the compound they spell (年 + 金 → 年金): the
   * lexicon holds every compound of the corpus, so one it cuts into single kanji is a word the
   * corpus does not use, and its kanji alone (金 of 補助金) would match the wrong programs.
   */
  function mergeUnknown(segs: Segment[], text: string): Segment[] {
    const out: Segment[] = [];
    const oneKanji = (s: Segment) =>
      s.kind === "word" && [...s.key].length === 1 && charClass(s.key) === "kanji";
    const unknownKanji = (s: Segment) => s.kind === "unknown" && !isKana(s.key);
    for (const seg of segs) {
      const prev = out[out.length - 1];
      const glued = prev !== undefined && text.includes(prev.text + seg.text);
      if (
        prev &&
        ((unknownKanji(prev) && oneKanji(seg)) ||
          (oneKanji(prev) && unknownKanji(seg)) ||
          (glued && oneKanji(prev) && oneKanji(seg)))
      ) {
        out[out.length - 1] = {
          text: prev.text + seg.text,
          key: prev.key + seg.key,
          kind: "unknown",
          reading: null,
          surfaces: [],
        };
      } else out.push(seg);
    }
    return out;
  }

  /**
   * A kanji compound with one wrong kanji (防災熟, 認知証, 多文化強生, 災害行営住宅) is cut by the
   * lexicon into known pieces and a stray kanji, and each piece alone misleads. A glued run of
   * kanji segments that the corpus never writes, but that is one kanji away from a compound it
   * does, becomes one unknown word, which fuzzy correction then fixes.
   */
  function joinMistypedCompounds(segs: Segment[], text: string): Segment[] {
    const kanjiOnly = (s: Segment) => s.kind !== "stop" && [...s.key].every((c) => charClass(c) === "kanji");
    const out: Segment[] = [];
    let i = 0;
    while (i < segs.length) {
      let j = i;
      let joined = "";
      while (j < segs.length && kanjiOnly(segs[j]!) && (j === i || text.includes(joined + segs[j]!.text))) {
        joined += segs[j]!.text;
        j++;
      }
      const len = [...joined].length;
      if (j - i >= 2 && len >= 3 && len <= 10 && !fullyInCorpus(joined) && substitutionOf(lexKey(joined))) {
        out.push({ text: joined, key: lexKey(joined), kind: "unknown", reading: null, surfaces: [] });
        i = j;
      } else {
        out.push(segs[i]!);
        i++;
      }
    }
    return out;
  }

  /** Whether the corpus has a compound of the same length that differs in exactly one character. */
  function substitutionOf(key: string): boolean {
    const chars = [...key];
    for (let k = 0; k < chars.length; k++) {
      const del = [...chars.slice(0, k), ...chars.slice(k + 1)].join("");
      for (const cand of neighbourhood().get(del) ?? []) {
        const c = [...cand];
        if (c.length === chars.length && c.every((ch, m) => m === k || ch === chars[m])) return true;
      }
    }
    return false;
  }

  function analyseQuery(query: string) {
    const normalised = normaliseKeepScript(query);
    const places = findPlaces(gazetteer, normalised);
    // Ward names only steer the filter; place names stay as words but do not count for coverage.
    const chars = [...normalised];
    for (const pl of places)
      if (pl.kind === "区") for (let i = 0; i < pl.matched.length; i++) chars[pl.index + i] = " ";
    let rest = chars.join("");
    const outOfScope = findOutOfScope(rest) ?? findOutOfScope(toHiragana(rest));
    for (const x of asideSpans) rest = rest.split(x).join(" ");
    // Words asking for a date or a phone number name no topic: the program is still the answer.
    const asksFor: DetailKind[] = [];
    for (const cue of detailCues) {
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
    for (const cue of needCues) {
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
      words.push({
        text: cue.cue,
        expansions,
        coverageWeight: bm25.maxIdf / 2,
        combine: "sum",
        scoreScale: 1,
        topical: true,
      });
      if (fullyInCorpus(cue.phrase)) needOfKey.set(lexKey(cue.phrase), words.length - 1);
    }
    const corrections: { from: string; to: string }[] = [];
    const segs = joinMistypedCompounds(mergeUnknown(lexicon.segment(rest), rest), rest);
    for (const [i, seg] of segs.entries()) {
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
      const w = wordOf(seg, corrections, followedByKana, afterKanji);
      if (placeKeys.has(seg.key)) [w.coverageWeight, w.topical] = [0, false];
      // A number says how old or how many (80歳, 3人), not what the question is about.
      if (/\d/.test(seg.text)) [w.coverageWeight, w.topical] = [0, false];
      words.push(w);
    }
    const procedure = procedurePhrases.some((ph) => normalised.includes(ph));
    return { normalised, places, words, corrections, outOfScope, asksFor, procedure };
  }

  // Scratch buffers reused across queries: dense arrays beat maps at 10,000 documents. Each is
  // reset for the documents a query touched before the query returns.
  const expScore = new Float64Array(n);
  const expMass0 = new Float64Array(n);
  const expMass1 = new Float64Array(n);
  const ownMass0 = new Float64Array(n);
  const ownMass1 = new Float64Array(n);
  const wordFracOwn = new Float64Array(n);
  const coveredOwn = new Float64Array(n);
  const stamp = new Int32Array(n);
  let stampCounter = 0;
  const touched = new Int32Array(n);
  const seen = new Uint8Array(n);
  const wordScore = new Float64Array(n);
  const wordFrac = new Float64Array(n);
  const wordTouched = new Int32Array(n);
  const total = new Float64Array(n);
  const contextScore = new Float64Array(n);
  const covered = new Float64Array(n);
  const topicalCovered = new Float64Array(n);
  const soft = new Float64Array(n);
  const anySeen = new Uint8Array(n);
  const bestExp: Int16Array[] = [];

  /**
   * The words to score: the asked part's, then the context's and the audiences' with a small
   * share of the score and none of the coverage (context adds, never vetoes). When the asked
   * part names nothing (何かありますか), the context says what the question is about.
   */
  function wordsOfMessage(m: MessageAnalysis) {
    const asked = m.asked || m.readable;
    const contextText = m.context.join(" ");
    let a = analyseQuery(asked);
    let words = a.words;
    if (contextText && !a.words.some((w) => w.topical)) {
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
      });
    }
    return { a, words: words.slice(0, MAX_WORDS) };
  }

  const asContext = (w: QueryWord): QueryWord => ({
    ...w,
    coverageWeight: 0,
    topical: false,
    scoreScale: w.scoreScale * p.contextWeight,
    context: true,
  });

  function search(query: string, options: SearchOptions = {}): SearchResult {
    const analysis = options.analysis ?? readMessage(query);
    let ward: Ward | null = null;
    let wardSource: SearchResult["wardSource"] = null;
    let place: string | null = null;
    if (options.ward) [ward, wardSource] = [options.ward, "option"];
    else if (analysis.ward) [ward, wardSource, place] = [analysis.ward, analysis.wardSource, analysis.place];
    else if (options.profileWard) [ward, wardSource] = [options.profileWard, "profile"];
    if (analysis.smallTalk !== null) {
      return {
        query,
        analysis,
        decision: decide({ ...NO_MATCH, smallTalk: analysis.smallTalk, mayRefuse: p.abstain }),
        ward,
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
    const { a, words } = wordsOfMessage(analysis);
    while (bestExp.length < words.length) bestExp.push(new Int16Array(n).fill(-1));
    const anyTouched: number[] = [];
    // Per word: its weight when some document covers it (the catalogue knows what it means).
    const knownWeight = words.map(() => 0);
    words.forEach((w, wi) => {
      const labels = bestExp[wi]!;
      let wordCount = 0;
      w.expansions.forEach((e, ei) => {
        let count = 0;
        for (const t of e.terms) {
          const mass = t.weight * t.idf;
          const stampNow = ++stampCounter;
          const own = bm25.postings(t.term);
          if (own) {
            const { docs: pd, scores: ps } = own;
            for (let i = 0; i < pd.length; i++) {
              const d = pd[i]!;
              if (!seen[d]) {
                seen[d] = 1;
                touched[count++] = d;
              }
              stamp[d] = stampNow;
              expScore[d] = expScore[d]! + t.weight * ps[i]!;
              if (t.group === 0) {
                expMass0[d] = expMass0[d]! + mass;
                ownMass0[d] = ownMass0[d]! + mass;
              } else if (t.group === 1) {
                expMass1[d] = expMass1[d]! + mass;
                ownMass1[d] = ownMass1[d]! + mass;
              }
            }
          }
          // The same term in the program-side phrasings: it scores and covers, but a short
          // question that names a thing must find that thing in the program's own text.
          // Phrasings fill gaps: a term the programs' own texts use is matched there only, so
          // a loose phrasing (スマホで申し込み) never outranks the program about the thing.
          const asked = own && p.phrasingsFillGapsOnly ? undefined : bm25.postings(`a${t.term}`);
          if (!asked) continue;
          const { docs: ad, scores: as } = asked;
          for (let i = 0; i < ad.length; i++) {
            const d = ad[i]!;
            if (!seen[d]) {
              seen[d] = 1;
              touched[count++] = d;
            }
            expScore[d] = expScore[d]! + t.weight * as[i]!;
            if (stamp[d] === stampNow) continue;
            if (t.group === 0) expMass0[d] = expMass0[d]! + mass;
            else if (t.group === 1) expMass1[d] = expMass1[d]! + mass;
          }
        }
        for (let i = 0; i < count; i++) {
          const d = touched[i]!;
          const frac = Math.max(
            e.mass[0] > 0 ? expMass0[d]! / e.mass[0] : 0,
            e.mass[1] > 0 ? expMass1[d]! / e.mass[1] : 0,
          );
          const fracOwn = Math.max(
            e.mass[0] > 0 ? ownMass0[d]! / e.mass[0] : 0,
            e.mass[1] > 0 ? ownMass1[d]! / e.mass[1] : 0,
          );
          if (frac >= e.minFrac && fracOwn > wordFracOwn[d]!) wordFracOwn[d] = fracOwn;
          // An expansion that matches only a sliver of itself (one bigram of a long word) is noise.
          const sc = frac >= e.minFrac ? expScore[d]! : 0;
          if (sc > 0) {
            if (wordScore[d] === 0) wordTouched[wordCount++] = d;
            if (w.combine === "sum") {
              wordScore[d] = wordScore[d]! + sc;
              if (frac > wordFrac[d]!) [wordFrac[d], labels[d]] = [frac, ei];
            } else {
              // The best-scoring expansion ranks; any expansion the document holds whole covers
              // the word (こども in こどもまつり covers 子ども, though 子ども itself scores more).
              if (sc > wordScore[d]!) [wordScore[d], labels[d]] = [sc, ei];
              if (frac > wordFrac[d]!) wordFrac[d] = frac;
            }
          }
          expScore[d] = 0;
          expMass0[d] = 0;
          expMass1[d] = 0;
          ownMass0[d] = 0;
          ownMass1[d] = 0;
          seen[d] = 0;
        }
      });
      for (let i = 0; i < wordCount; i++) {
        const d = wordTouched[i]!;
        const frac = wordFrac[d]!;
        if (w.context) contextScore[d] = contextScore[d]! + wordScore[d]! * w.scoreScale;
        else total[d] = total[d]! + wordScore[d]! * w.scoreScale;
        soft[d] = soft[d]! + w.coverageWeight * Math.min(1, frac / p.wordCoverage);
        if (wordFracOwn[d]! >= p.wordCoverage) coveredOwn[d] = coveredOwn[d]! + w.coverageWeight;
        wordFracOwn[d] = 0;
        if (frac >= p.wordCoverage) {
          covered[d] = covered[d]! + w.coverageWeight;
          if (w.topical) topicalCovered[d] = topicalCovered[d]! + w.coverageWeight;
          knownWeight[wi] = w.coverageWeight;
        }
        wordScore[d] = 0;
        wordFrac[d] = 0;
        if (!anySeen[d]) {
          anySeen[d] = 1;
          anyTouched.push(d);
        }
      }
    });
    const coverageTotal = words.reduce((s, w) => s + w.coverageWeight, 0);
    // Coordination: a document that answers more of the question outranks one that repeats a
    // single word of it, whatever the field weights say.
    if (coverageTotal > 0) {
      for (const d of anyTouched) total[d] = total[d]! * (soft[d]! / coverageTotal) ** p.coordination;
    }
    // Whether the catalogue answers what was asked is judged on the best document for the
    // asked part alone; the context then helps rank, and never vetoes.
    const inWard = (d: number) => ward === null || docs[d]!.ward === ward;
    let top: number | undefined;
    for (const d of anyTouched) {
      if (
        total[d]! > 0 &&
        inWard(d) &&
        (top === undefined ||
          total[d]! > total[top]! ||
          (total[d] === total[top] && docs[d]!.id < docs[top]!.id))
      )
        top = d;
    }
    // Programs that ran come first when relevance is close (実施 > 一部実施 > 未実施/中止).
    for (const d of anyTouched)
      total[d] = (total[d]! + contextScore[d]!) * (1 - p.priorityPenalty * (docs[d]!.priority ?? 0));
    const candidates = anyTouched.filter((d) => total[d]! > 0 && inWard(d));
    candidates.sort((x, y) => total[y]! - total[x]! || (docs[x]!.id < docs[y]!.id ? -1 : 1));
    const coverage = top === undefined ? 0 : coverageTotal > 0 ? covered[top]! / coverageTotal : 1;
    // A short question names a thing (子ども食堂, やさしい日本語の講座): when the best document
    // lacks most of it, the catalogue does not have it. A long one describes a situation in the
    // resident's words: when the catalogue knows most of those words somewhere, a partial match
    // is still the closest answer. Words it never uses (家, ひとり in such a description) say
    // nothing about which program fits, so the floor is measured on the words it knows; a long
    // question mostly in words it never uses (耐震診断, ブロック塀) is about something else.
    const knownTotal = knownWeight.reduce((s, x) => s + x, 0);
    const known = coverageTotal > 0 ? knownTotal / coverageTotal : 1;
    const long = words.filter((w) => w.coverageWeight > 0).length >= p.wordsForRelaxed;
    // A question about a procedure (解体の申請) names the thing applied for: however long, the
    // catalogue must hold that thing, not only the words around it (地震).
    const relaxed = long && !a.procedure && known >= p.knownForRelaxed && knownTotal > 0;
    // A short question names a thing: the best program's own text must hold most of it (its
    // phrasings alone do not); a described situation may be met through the phrasings.
    let bestOwn = 0;
    for (const d of anyTouched) if (inWard(d) && total[d]! > 0) bestOwn = Math.max(bestOwn, coveredOwn[d]!);
    const ownCoverage = top === undefined ? 0 : coverageTotal > 0 ? bestOwn / coverageTotal : 1;
    const enough =
      top !== undefined &&
      (relaxed
        ? covered[top]! / knownTotal >= p.answerFloor
        : ownCoverage >= p.abstainBelow || coverage >= p.askedCoverage);
    const asksTopic = words.some((w) => w.topical);
    // Only verb and adjective forms (わからん, 行きたい): the question names nothing to look for.
    const onlyForms =
      words.length > 0 && words.every((w) => w.coverageWeight > 0 && !w.topical && w.scoreScale === 1);
    const best = candidates[0];
    const cut = best === undefined ? 0 : total[best]! * p.minRelativeScore;
    const found = candidates.filter((d) => total[d]! >= cut);
    const topics: TopicKey[] = [];
    for (const d of found.slice(0, CHOICE_FROM))
      for (const t of docs[d]!.topics ?? []) if (!topics.includes(t)) topics.push(t);
    // Refuse only on a signal that carries over to unseen questions: the asked part names a
    // topic another desk handles, or nothing it is about matched; otherwise answer, and say how sure.
    const decision = decide({
      smallTalk: null,
      outOfScope: a.outOfScope,
      hits: found.length,
      subjectMatched: top !== undefined && !onlyForms && !(asksTopic && topicalCovered[top]! <= 0) && enough,
      strong: coverage >= p.abstainBelow,
      topics,
      mayRefuse: p.abstain,
    });
    const abstained = decision.kind === "refuse";
    const confidence: SearchResult["confidence"] =
      decision.kind === "answer" && coverage >= p.abstainBelow ? "high" : "low";
    const kept = abstained ? [] : found;
    const offset = options.offset ?? 0;
    const limit = options.limit ?? p.defaultLimit;
    const results: SearchHit[] = kept.slice(offset, offset + limit).map((d) => ({
      id: docs[d]!.id,
      ward: docs[d]!.ward,
      name: docs[d]!.name,
      score: Math.round(total[d]! * 1000) / 1000,
      matched: [
        ...new Set(
          words.flatMap((w, wi) => {
            const ei = bestExp[wi]![d]!;
            return ei >= 0 ? [w.expansions[ei]!.label] : [];
          }),
        ),
      ],
    }));
    for (const d of anyTouched) {
      total[d] = 0;
      covered[d] = 0;
      coveredOwn[d] = 0;
      topicalCovered[d] = 0;
      soft[d] = 0;
      contextScore[d] = 0;
      anySeen[d] = 0;
      for (let wi = 0; wi < words.length; wi++) bestExp[wi]![d] = -1;
    }
    // 「もしかして」: the content words as read, with corrections applied, and the ward if named.
    const fixes = new Map(a.corrections.map((c) => [c.from, c.to]));
    const suggestions = a.corrections.length
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
      wardSource,
      place,
      abstained,
      confidence,
      coverage: Math.round(coverage * 1000) / 1000,
      ...(a.outOfScope ? { outOfScope: a.outOfScope } : {}),
      asksFor: a.asksFor,
      total: kept.length,
      results,
      suggestions,
    };
  }

  return {
    search,
    analyseMessage: readMessage,
    size: n,
    analyse(query) {
      const a = analyseQuery(query);
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

function dedupe(expansions: Expansion[]): Expansion[] {
  const seenLabels = new Set<string>();
  return expansions.filter((e) => {
    const k = lexKey(e.label);
    if (seenLabels.has(k) || e.terms.length === 0) return false;
    seenLabels.add(k);
    return true;
  });
}

/** The signals of a search that matched nothing. */
const NO_MATCH: MatchSignals = {
  smallTalk: null,
  outOfScope: null,
  hits: 0,
  subjectMatched: false,
  strong: false,
  topics: [],
  mayRefuse: true,
};

/** Readings shorter than this (kana) do not name an out-of-scope topic: too many words share them. */
const MIN_OUT_OF_SCOPE_READING = 4;

/** Topics of this many best documents are offered in a choice. */
const CHOICE_FROM = 5;

/** Equally close corrections kept as alternatives for one word. */
const MAX_CORRECTIONS = 3;

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

/** Levenshtein distance over code points. */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[y.length]!;
}
