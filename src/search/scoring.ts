/**
 * BM25F scoring of a query's words against the index: the terms a word is matched by (surface
 * bigrams, readings; see analyse.ts for the documents' side), their weights and idf, the
 * postings walk that sums each word's best expansion per document, the coordination factor,
 * the ward filter, the noise cut and the order (programs that ran first when relevance is
 * close). It also measures how much of the question the best documents cover, which the
 * decision reads. Pure: built from the prebuilt index, no I/O.
 */
import type { TopicKey } from "../knowledge/topics.js";
import type { Ward } from "../knowledge/schema.js";
import { readingTerms, runs, surfaceTerms } from "./analyse.js";
import { idfOf, type Bm25Index, type Posting } from "./bm25.js";
import { lexKey } from "./lexicon.js";
import { charClass, isKana, toHiragana, toKatakana } from "./normalise.js";
import type { EngineParams } from "./params.js";
import { fieldTexts, indexBm25, type PrebuiltIndex } from "./prebuilt-index.js";
import type { SearchHit } from "./types.js";
import type { WordScores } from "./word-bm25.js";
import { samePlace } from "./doc-places.js";
import { phrasingIndex, type PhrasingIndex } from "./phrasing-match.js";
import { lightTerms, WordMatcher } from "./word-matcher.js";

/** One index term of a query word, with its weight and idf. */
export interface WeightedTerm {
  term: string;
  weight: number;
  idf: number;
  /** Which coverage group the term counts in: 0 surface, 1 reading, -1 scores only. */
  group: 0 | 1 | -1;
  /**
   * The term's postings as the scorer that made it last looked them up — in the documents' own
   * text, in their phrasings' field, in the phrasing index (null: none) — or undefined before.
   * A word seen before reuses its terms (the surface cache), so its postings are then found
   * without a look-up in the index's 15,000 terms; the postings themselves are the index's
   * (made once per term), so what is scored is the same.
   */
  own?: Posting | null;
  also?: Posting | null;
  phrasing?: Posting | null;
  /** The term's idf among the phrasings' field (`PostingSource.alsoIdf`), once looked up. */
  alsoIdf?: number;
  /** The number of documents holding the term ({@link Scoring.dfOf}), once looked up. */
  df?: number;
}

/** One way a query word may be met (as typed, its kanji, a synonym, a correction). */
export interface Expansion {
  /** What to show in `matched` when this expansion is the best for a document. */
  label: string;
  terms: WeightedTerm[];
  /** Total weight × idf per coverage group. */
  mass: [number, number];
  /** Share of the mass a document must match for this expansion to count at all. */
  minFrac: number;
  /** Per term, 1 for a term that never makes a slot count alone (word-matcher.ts `lightTerms`). */
  light: Uint8Array | null;
  /** The label's look-up key (lexKey), made with the expansion: a word's expansions are told apart by it. */
  key?: string;
}

/** A word of the query, ready to score. */
export interface QueryWord {
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
  /** A place name (not a ward): it says where, not what. */
  place?: boolean;
  /**
   * Says who the program is for (an audience word of the vocabulary: 子ども, 高齢者, 子育て), not
   * a thing: a program's phrasings, written from its own text for the residents it serves, may
   * vouch for it where its official text does not name them (see `Scored.bestOwn`).
   */
  whom?: boolean;
  /**
   * The audience the context names, by its word (高齢者): a document that scores on it gains from
   * it already, and the audience class (`audiences` of `score`) adds nothing more to it.
   */
  audience?: boolean;
  /**
   * The number of the written compound the word is a part of (ジョギング and コース of
   * ジョギングコース), the same for each part; undefined for a word written alone. A program
   * holds a compound where one text of it holds every part: its own text, or one phrasing.
   */
  compound?: number;
}

/** What scoring found for one query: the ranked page and the coverage measures. */
export interface Scored {
  /** Documents kept (in the ward, above the noise cut). */
  hits: number;
  /** The kept documents from `offset`, at most `limit`, best first. */
  page: SearchHit[];
  /** The resident topics of the best few documents, best first (for a choice of topics). */
  topics: TopicKey[];
  /** The ids of the best few documents (whatever the page), best first. */
  best: string[];
  /** Whether any document in the ward scored at all. */
  hasTop: boolean;
  /** Share (idf-weighted) of the query's content the best document covers; 0 when nothing matched. */
  coverage: number;
  /** The same share in the best document's own text, its phrasings left out. */
  coverageOwn: number;
  /** Total coverage weight of the query's words. */
  coverageTotal: number;
  /** Coverage weight of the words some document covers (the catalogue knows what they mean). */
  knownTotal: number;
  /** Per query word, whether some document (of any ward) covers it: the catalogue knows what it means. */
  known: boolean[];
  /** Coverage weight the best document covers. */
  coveredTop: number;
  /** Coverage weight of topic-bearing words the best document covers. */
  topicalCoveredTop: number;
  /**
   * How many topic-bearing words the best document covers that are specific: found in fewer than
   * `genericDocShare` of the documents (a word most programs hold, 費 or 地域, picks none out).
   */
  subjectWordsTop: number;
  /** The most coverage weight any scoring document in the ward covers in its own text (not its phrasings). */
  bestOwn: number;
  /**
   * The same, with the asked part's audience words (`QueryWord.whom`) its phrasings hold counted
   * as held: who a program serves is said by the residents' phrasings as well as by its text.
   */
  bestOwnWhom: number;
  /** The best kept document's score (0 when none): how strongly something matched, whatever its coverage. */
  topScore: number;
}

/** A term with its postings not yet looked up (every field present: one object shape for all terms). */
const weightedTerm = (term: string, weight: number, idf: number, group: 0 | 1 | -1): WeightedTerm => ({
  term,
  weight,
  idf,
  group,
  own: undefined,
  also: undefined,
  phrasing: undefined,
  alsoIdf: undefined,
  df: undefined,
});

/** The scorer over one index, with the term helpers query reading and correction use. */
export interface Scoring {
  readonly bm25: Bm25Index;
  /** Number of documents. */
  readonly size: number;
  /** Most documents' names are questions (an FAQ): residents write in the documents' register. */
  readonly questionCorpus: boolean;
  /** Surface terms of a text: bigrams (a unigram for one character), Latin words. */
  surfaceOnly: (text: string, weight: number) => WeightedTerm[];
  /**
   * The number of documents holding a term, kept on the term once looked up (its text's terms are
   * reused from a cache, and whether a word is in the corpus is asked of them several times per query).
   */
  dfOf: (t: WeightedTerm) => number;
  /** Some surface term of the text occurs in the corpus. */
  inCorpus(text: string): boolean;
  /** Every surface term of the text occurs in the corpus. */
  fullyInCorpus: (text: string) => boolean;
  /**
   * Some document's own text (not its phrasings) holds the phrase as written — of the given
   * wards only, when given (a ward's programs may lack what another ward's offer).
   */
  usesPhrase: (text: string, wards?: readonly Ward[]) => boolean;
  /** An expansion from its terms, with the share of them a document must match. */
  makeExpansion(label: string, terms: WeightedTerm[]): Expansion;
  /** The word as typed, with its reading (see the function). */
  ownExpansion: (label: string, key: string, reading: string | null) => Expansion;
  /** An expansion by the label's surface terms at this weight. */
  expansion: (label: string, weight: number) => Expansion;
  /**
   * Scores the words over the documents (of `ward`, or of any of several wards, when given) and returns one page; whole-word
   * BM25 scores of the question (word-bm25.ts), when given, join the order; the resident's
   * neighbourhoods (`places`, gazetteer names), when given, favour the programs tied to them and
   * rank down those tied only to other neighbourhoods; the audiences the message names
   * (`audiences`, the vocabulary's classes) favour the programs for them; the document the
   * message restates (`restated`, over a corpus of questions) comes first.
   */
  score(
    words: QueryWord[],
    ward: Ward | readonly Ward[] | null,
    page: { offset: number; limit: number },
    wholeWords?: WordScores,
    places?: readonly string[],
    audiences?: readonly string[],
    restated?: number,
  ): Scored;
}

/** Builds the scorer (postings from the index's stored frequencies when they fit the parameters). */
export function createScoring(index: PrebuiltIndex, p: EngineParams): Scoring {
  const docs = index.docs;
  const bm25 = indexBm25(index, p.bm25);
  const n = docs.length;

  // Whether a term occurs asks for its document count, not its posting: a posting (its scores)
  // is made only for terms a query scores.
  const dfOf = (t: WeightedTerm): number => (t.df !== undefined ? t.df : (t.df = bm25.df(t.term)));
  const inCorpus = (text: string) => surfaceOnly(text, 1).some((t) => dfOf(t) > 0);
  const fullyInCorpus = (text: string) => {
    const terms = surfaceOnly(text, 1);
    return terms.length > 0 && terms.every((t) => dfOf(t) > 0);
  };
  // The documents' own texts, for phrases: 避難所の場所 is made of bigrams the corpus has, yet no
  // document says it. Built on first use (only the out-of-scope list asks, once).
  // Per ward too (key: the wards joined), for the question that names its ward.
  const ownTexts = new Map<string, string>();
  const ownTextOf = (wards: readonly Ward[] | undefined): string => {
    const key = wards ? wards.join(",") : "";
    let t = ownTexts.get(key);
    if (t === undefined)
      ownTexts.set(
        key,
        (t = docs
          .filter((d) => !wards || (d.ward !== null && wards.includes(d.ward)))
          .map((d) => {
            const f = fieldTexts(d);
            return [f.name, f.heading, f.description, f.extra].join("\n");
          })
          .join("\n")
          .normalize("NFKC")
          .toLowerCase()),
      );
    return t;
  };
  const usesPhrase = (text: string, wards?: readonly Ward[]) => {
    // A phrase with a bigram no document has is used by none: no need to read the texts.
    if (!fullyInCorpus(text)) return false;
    const own = ownTextOf(wards);
    const t = text.normalize("NFKC").toLowerCase();
    return [t, toHiragana(t), toKatakana(t)].some((v) => own.includes(v));
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
    return [...out].map(([term, w]) => weightedTerm(term, w, bm25.idf(term), 0));
  }

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
    const key = lexKey(label);
    const loanword = isKana(key);
    const short = Math.max(counts[0]!, counts[1]!) <= 3;
    const minFrac = loanword ? (short ? 0.99 : Math.max(p.loanwordMatch, p.minWordMatch)) : p.minWordMatch;
    return { label, terms, mass, minFrac, light: lightTerms(terms, mass, minFrac), key };
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
    // Reading terms (r:) are never surface terms (s:, u:, l:): only a repeated pair is left out.
    if (reading && !katakana) for (const t of readingOnly(reading, kana)) terms.push(t);
    return makeExpansion(label, terms);
  }

  // Reading terms of readings seen before, as the surface terms of words (their postings kept
  // on them, as there). Bounded.
  const readingCache = new Map<string, WeightedTerm[]>();
  function readingOnly(reading: string, kana: boolean): WeightedTerm[] {
    const cacheKey = `${kana ? 1 : 0}\u0000${reading}`;
    const cached = readingCache.get(cacheKey);
    if (cached) return cached;
    if (readingCache.size > 10_000) readingCache.clear();
    const terms: WeightedTerm[] = [];
    for (const term of readingTerms(reading)) {
      if (terms.some((t) => t.term === term)) continue;
      terms.push(weightedTerm(term, kana ? 1 : p.readingWeight, bm25.idf(term), kana ? 1 : -1));
    }
    readingCache.set(cacheKey, terms);
    return terms;
  }

  const expansion = (label: string, weight: number) => makeExpansion(label, surfaceOnly(label, weight));

  // The documents' own text, then their phrasings' field. Phrasings fill gaps: a term the
  // programs' own texts use is matched there only, so a loose phrasing (スマホで申し込み) never
  // outranks the program about the thing; otherwise the phrasings' term scores and covers, but a
  // short question that names a thing must find that thing in the program's own text.
  const matcher = new WordMatcher(
    n,
    {
      own: (t) => (t.own !== undefined ? t.own : (t.own = bm25.postings(t.term) ?? null)) ?? undefined,
      also: (t, own) =>
        own && p.phrasingsFillGapsOnly
          ? undefined
          : ((t.also !== undefined ? t.also : (t.also = bm25.postings(`a${t.term}`) ?? null)) ?? undefined),
      // A word held only in phrasings covers as specifically as the phrasings use it.
      // Kept on the term as its postings are (a look-up in 15,000 terms of a new string each time
      // was 3 % of a query's time).
      ...(p.phrasingCoverIdf
        ? {
            alsoIdf: (t: WeightedTerm) =>
              t.alsoIdf !== undefined ? t.alsoIdf : (t.alsoIdf = bm25.idf(`a${t.term}`)),
          }
        : {}),
    },
    p.wordCoverage,
    true,
  );
  // Per document, the words' scores: what ranking orders by (`before`).
  const { total } = matcher;
  // Scratch buffers reused across queries, reset for the documents a query touched.
  const contextScore = new Float64Array(n);
  const placeContext = new Float64Array(n);
  const coordOf = new Float64Array(n);
  const coveredOwn = new Float64Array(n);
  const whomOnlyAsked = new Float64Array(n);
  const covered = new Float64Array(n);
  const topicalCovered = new Float64Array(n);
  const subjectWords = new Uint16Array(n);
  // The weight below which a word is in too many documents to say which program is meant.
  const specificIdf = idfOf(Math.ceil(p.genericDocShare * n), n);
  const bestExp: Int16Array[] = [];
  const wordExtra = new Float64Array(n);
  // The best single phrasing (phrasing-match.ts): its index and matcher built on first use.
  let phrasings: { index: PhrasingIndex; matcher: WordMatcher } | null = null;
  const phrasingBest = new Float64Array(n);
  const phrasingOf = () => {
    if (phrasings) return phrasings;
    const ph = phrasingIndex(index);
    return (phrasings = {
      index: ph,
      matcher: new WordMatcher(
        ph.size,
        {
          own: (t) =>
            (t.phrasing !== undefined ? t.phrasing : (t.phrasing = ph.bm25.postings(t.term) ?? null)) ??
            undefined,
        },
        p.wordCoverage,
        false,
      ),
    });
  };

  // Per word of a written compound (`QueryWord.compound`) and document: the query's number
  // (`queryStamp`) where one phrasing of the document holds every part of the compound. A
  // program's phrasings are one field of it, so the parts of ジョギングコース may be met in
  // different phrasings (ジョギング in one, コース of 犬の散歩のコース in another) — a thing none of
  // them names; the more phrasings a program has, the more such false wholes.
  const compoundInOne: Int32Array[] = [];
  let queryStamp = 0;
  // Per phrasing, how many parts of the current compound it holds (reset after each compound).
  let partsIn = new Uint8Array(0);
  let partSlots = new Int32Array(0);
  let phrasingsMatched = false;
  const hasPhrasings = docs.some((d) => d.askedAs !== undefined && d.askedAs.length > 0);

  /**
   * Matches the words over the phrasings (as {@link scorePhrasings} reads them, which then only
   * coordinates) and marks, per compound, the documents one of whose phrasings holds all its parts.
   */
  function matchPhrasings(words: QueryWord[]): void {
    const { index: ph, matcher: pm } = phrasingOf();
    phrasingsMatched = true;
    queryStamp++;
    if (partsIn.length < ph.size) [partsIn, partSlots] = [new Uint8Array(ph.size), new Int32Array(ph.size)];
    while (compoundInOne.length < words.length) compoundInOne.push(new Int32Array(n));
    let slots = 0;
    let parts = 0;
    for (let wi = 0; wi < words.length; wi++) {
      const w = words[wi]!;
      pm.match(w, null);
      if (!isPart(words, wi)) continue;
      parts++;
      for (let i = 0; i < pm.wordCount; i++) {
        const s = pm.wordTouched[i]!;
        if (pm.wordFrac[s]! < p.wordCoverage) continue;
        if (partsIn[s] === 0) partSlots[slots++] = s;
        partsIn[s] = partsIn[s]! + 1;
      }
      // The compound's last part (its parts are consecutive words): the phrasings holding every part hold it.
      const g = w.compound;
      if (words[wi + 1]?.compound === g) continue;
      for (let i = 0; i < slots; i++) {
        const s = partSlots[i]!;
        if (partsIn[s] === parts)
          for (let k = wi; k >= 0 && words[k]!.compound === g; k--)
            compoundInOne[k]![ph.owner[s]!] = queryStamp;
        partsIn[s] = 0;
      }
      slots = 0;
      parts = 0;
    }
  }

  /**
   * Whether document `d` holds word `wi` for coverage, given that it holds it in some text
   * (`ownHeld`: in its own text): a part of a compound it holds only in its phrasings counts
   * when one phrasing holds the whole compound. (The same rule for one word's pieces — 防災 in
   * one phrasing and 無線 in another for 防災無線 — was measured too, on every seen set: no more
   * no-answers refused, two more answerable questions refused.)
   */
  function holdsWhole(words: QueryWord[], wi: number, d: number, ownHeld: boolean): boolean {
    if (ownHeld || !phrasingsMatched || !isPart(words, wi)) return true;
    return compoundInOne[wi]![d] === queryStamp;
  }

  /**
   * Each document's best phrasing score for these words, into `phrasingBest` (0 for documents
   * with none); returns the highest. Words are matched as in `score` (one matcher), and the
   * context's words count too (a situation phrasing describes one; without them A–H lose two).
   */
  function scorePhrasings(words: QueryWord[], coverageTotal: number): number {
    const { index: ph, matcher: pm } = phrasingOf();
    if (!phrasingsMatched) matchPhrasings(words);
    phrasingsMatched = false;
    pm.coordinate(coverageTotal, p.coordination);
    let max = 0;
    for (let i = 0; i < pm.count; i++) {
      const s = pm.touched[i]!;
      const v = pm.total[s]!;
      const d = ph.owner[s]!;
      if (v > phrasingBest[d]!) phrasingBest[d] = v;
      if (v > max) max = v;
    }
    pm.reset();
    return max;
  }
  let ranked = new Int32Array(0);
  // Per document, what ranking reads of it, as numbers: its ward, its priority factor and the
  // order of its id (ties are broken by id).
  const wardCodes = new Map<Ward, number>();
  const wardCode = new Int32Array(n);
  const priorityFactor = new Float64Array(n);
  const idOrder = new Int32Array(n);
  // The documents tied to neighbourhoods (few: most programs serve their whole ward).
  const placed = docs.flatMap((d, i) => (d.places && d.places.length > 0 ? [i] : []));
  const placeMark = new Int8Array(n);
  // The documents whose own text names an audience class (doc-audiences.ts; a fifth of programs).
  const aimed = docs.flatMap((d, i) => (d.audiences && d.audiences.length > 0 ? [i] : []));
  // What a page and the choice of topics read of each document, as arrays: the documents of a
  // packed index are objects of many shapes (optional fields, a lazy getter each), slow to read
  // in the loop that builds every page.
  const docId = docs.map((d) => d.id);
  const docName = docs.map((d) => d.name);
  const docWard = docs.map((d) => d.ward);
  const docTopics = docs.map((d) => d.topics ?? []);
  const docAudiences = docs.map((d) => d.audiences ?? []);
  const forAudience = new Uint8Array(n);
  const namesAudience = new Uint8Array(n);
  docs.forEach((d, i) => {
    if (d.ward !== null && !wardCodes.has(d.ward)) wardCodes.set(d.ward, wardCodes.size);
    wardCode[i] = d.ward === null ? WITHOUT_WARD : wardCodes.get(d.ward)!;
    priorityFactor[i] = 1 - p.priorityPenalty * (d.priority ?? 0);
  });
  docs
    .map((d, i) => i)
    .sort((x, y) => (docs[x]!.id < docs[y]!.id ? -1 : docs[x]!.id > docs[y]!.id ? 1 : x - y))
    .forEach((d, rank) => (idOrder[d] = rank));
  // A corpus of questions (an FAQ) is matched question to question: the resident writes in the
  // documents' own register, so whole words (word-bm25.ts) weigh as much as the engine's own match
  // there, and a document they find the engine missed (何ができますか for LINEでできること) joins.
  // Program names are titles in official words; residents rarely say them whole. The share of
  // documents whose name is a question sets the weight between the two.
  const questionShare = n === 0 ? 0 : docs.filter((d) => ASKS.test(d.name.trim())).length / n;
  const wholeWordWeight =
    p.wholeWordWeight + questionShare * Math.max(0, p.questionsWholeWordWeight - p.wholeWordWeight);
  const wholeWordsJoin = questionShare >= QUESTION_CORPUS;
  const contextScale = wholeWordsJoin ? p.questionsContextWeight : 1;

  /** Whether document `x` ranks before `y`: higher total, then the smaller id. */
  const before = (x: number, y: number) =>
    total[x]! > total[y]! || (total[x] === total[y] && idOrder[x]! < idOrder[y]!);

  function score(
    words: QueryWord[],
    ward: Ward | readonly Ward[] | null,
    page: { offset: number; limit: number },
    wholeWords?: WordScores,
    places?: readonly string[],
    audiences?: readonly string[],
    restated?: number,
  ): Scored {
    while (bestExp.length < words.length) bestExp.push(new Int16Array(n).fill(-1));
    // Matched here, before coverage, only when a compound is asked: otherwise the phrasings are
    // matched where they rank (`scorePhrasings`), and no compound needs the bookkeeping.
    if (p.onePhrasingHolds && hasPhrasings && words.some((_, wi) => isPart(words, wi))) matchPhrasings(words);
    // Per word: its weight when some document covers it (the catalogue knows what it means).
    const knownWeight = words.map(() => 0);
    // Each specific topic-bearing word once (a message may name the same thing twice).
    const subjectWord = words.map(
      (w, wi) => w.topical && !w.context && w.coverageWeight >= specificIdf && !saidBefore(words, wi),
    );
    const { seen: anySeen, touched: anyTouched } = matcher;
    const { wordTouched, wordScore, wordFrac, wordFracOwn } = matcher;
    for (let wi = 0; wi < words.length; wi++) {
      const w = words[wi]!;
      matcher.match(w, bestExp[wi]!);
      for (let i = 0; i < matcher.wordCount; i++) {
        const d = wordTouched[i]!;
        if (w.audience) namesAudience[d] = 1;
        if (w.context && w.place) placeContext[d] = placeContext[d]! + wordScore[d]! * w.scoreScale;
        else if (w.context) contextScore[d] = contextScore[d]! + wordScore[d]! * w.scoreScale * contextScale;
        const ownHeld = wordFracOwn[d]! >= p.wordCoverage;
        const held = wordFrac[d]! >= p.wordCoverage && holdsWhole(words, wi, d, ownHeld);
        if (ownHeld) coveredOwn[d] = coveredOwn[d]! + w.coverageWeight;
        else if (w.whom && held) whomOnlyAsked[d] = whomOnlyAsked[d]! + w.coverageWeight;
        if (held) {
          covered[d] = covered[d]! + w.coverageWeight;
          if (w.topical) topicalCovered[d] = topicalCovered[d]! + w.coverageWeight;
          if (subjectWord[wi]) subjectWords[d] = subjectWords[d]! + 1;
          knownWeight[wi] = w.coverageWeight;
        }
      }
    }
    const coverageTotal = words.reduce((s, w) => s + w.coverageWeight, 0);
    matcher.coordinate(coverageTotal, p.coordination, coordOf);
    // Whether the catalogue answers what was asked is judged on the best document for the
    // asked part alone; the context then helps rank, and never vetoes.
    const wanted = ward === null ? null : new Set([ward].flat().map((w) => wardCodes.get(w) ?? NO_WARD));
    const inWard = (d: number) => wanted === null || wanted.has(wardCode[d]!);
    let top = -1;
    for (let i = 0; i < matcher.count; i++) {
      const d = anyTouched[i]!;
      if (total[d]! > 0 && inWard(d) && (top < 0 || before(d, top))) top = d;
    }
    // Whole words (word-bm25.ts) join the order of the documents matched at a share of the
    // best score here, so the share means the same over any corpus. They rank; they never count
    // for coverage, and how strongly something matched (`topScore`, which the decision reads)
    // is the score without them.
    if (wholeWords && wholeWords.docs.length > 0 && wholeWordWeight > 0) {
      let maxTotal = 0;
      for (let i = 0; i < matcher.count; i++) maxTotal = Math.max(maxTotal, total[anyTouched[i]!]!);
      const maxWord = Math.max(...wholeWords.scores);
      const scale = maxWord > 0 ? (wholeWordWeight * (maxTotal > 0 ? maxTotal : 1)) / maxWord : 0;
      wholeWords.docs.forEach((d, i) => {
        if (wholeWordsJoin) matcher.join(d);
        if (anySeen[d]) wordExtra[d] = scale * wholeWords.scores[i]!;
      });
    }
    // The best single phrasing joins the order at a share of the best score, like whole words:
    // it ranks, and never counts for coverage or for whether to answer.
    if (p.phrasingWeight > 0 && matcher.count > 0) {
      const maxPhrasing = scorePhrasings(words, coverageTotal);
      if (maxPhrasing > 0) {
        let maxTotal = 0;
        for (let i = 0; i < matcher.count; i++) maxTotal = Math.max(maxTotal, total[anyTouched[i]!]!);
        const scale = (p.phrasingWeight * (maxTotal > 0 ? maxTotal : 1)) / maxPhrasing;
        for (let i = 0; i < matcher.count; i++) {
          const d = anyTouched[i]!;
          wordExtra[d] = wordExtra[d]! + scale * phrasingBest[d]!;
        }
      }
      for (let i = 0; i < matcher.count; i++) phrasingBest[anyTouched[i]!] = 0;
    }
    if (phrasingsMatched) {
      phrasingOf().matcher.reset();
      phrasingsMatched = false;
    }
    // Programs that ran come first when relevance is close (実施 > 一部実施 > 未実施/中止).
    // The best kept document, and how much the best program's own text holds (its phrasings
    // alone do not count).
    // The resident's neighbourhood: programs that name it (mark 1) and those for others only (-1).
    const byPlace = places !== undefined && places.length > 0 && placed.length > 0;
    const ofResident = (list: readonly string[] | undefined) =>
      list !== undefined && list.some((dp) => places!.some((rp) => samePlace(rp, dp)));
    if (byPlace)
      for (const d of placed) {
        const doc = docs[d]!;
        placeMark[d] = ofResident(doc.places) ? 1 : doc.scope && doc.scope.length > 0 ? -1 : 0;
      }
    // Who the message says it is about (高齢者, 子育て世帯 …): the programs for them.
    const byAudience = audiences !== undefined && audiences.length > 0 && p.audienceBoost > 0;
    if (byAudience)
      for (const d of aimed) forAudience[d] = docAudiences[d]!.some((a) => audiences.includes(a)) ? 1 : 0;
    let best = -1;
    let bestOwn = 0;
    let bestOwnWhom = 0;
    let topScore = 0;
    for (let i = 0; i < matcher.count; i++) {
      const d = anyTouched[i]!;
      const plain = (total[d]! + contextScore[d]! + placeContext[d]!) * priorityFactor[d]!;
      // The context ranks a program partly by itself (`contextFloor`) and the rest as far as the
      // program answers the asked part: a program fitting the resident's situation but not their
      // question no longer outranks one answering it. A place the context names says where the
      // resident is, not what they ask: it ranks only as far as the asked part is answered (its
      // own place's programs rise by their tie to it, below). The decision reads both whole.
      const contextRank =
        contextScore[d]! * (p.contextFloor + (1 - p.contextFloor) * coordOf[d]!) +
        placeContext[d]! * coordOf[d]!;
      total[d] = (total[d]! + contextRank + wordExtra[d]!) * priorityFactor[d]!;
      if (placeMark[d] === -1) total[d] = total[d] * p.otherPlaceFactor;
      if (forAudience[d] && !namesAudience[d]) total[d] = total[d] * (1 + p.audienceBoost);
      namesAudience[d] = 0;
      if (!inWard(d)) continue;
      // How strongly something matched is read with the context's place whole, as before it ranked.
      if (plain > 0) topScore = Math.max(topScore, plain);
      if (total[d] > 0) {
        if (best < 0 || before(d, best)) best = d;
        bestOwn = Math.max(bestOwn, coveredOwn[d]!);
        bestOwnWhom = Math.max(bestOwnWhom, coveredOwn[d]! + whomOnlyAsked[d]!);
      }
    }
    // A program of the resident's own neighbourhood joins at a share of the best score, however
    // little of the question it names (【城南】ブランド for the 城南 resident's 特産品). Only when
    // something matched: the place alone answers nothing.
    // The noise cut stays the one relevance sets: a boosted program lifts no bar for the others.
    const cutFrom = best < 0 ? 0 : total[best]!;
    if (byPlace && best >= 0) {
      const boost = p.placeBoost * total[best]!;
      for (const d of placed) {
        if (placeMark[d] !== 1 || !inWard(d)) continue;
        matcher.join(d);
        total[d] = total[d]! + boost * priorityFactor[d]!;
        if (before(d, best)) best = d;
      }
    }
    // A question of the corpus the message restates nearly whole (search-engine.ts) comes first,
    // just above the best (the same order otherwise; the decision reads the match as it was).
    if (restated !== undefined && inWard(restated) && restated !== best) {
      matcher.join(restated);
      total[restated] = best >= 0 ? total[best]! * RESTATED_LEAD : 1;
      best = restated;
    }
    if (byPlace) for (const d of placed) placeMark[d] = 0;
    if (byAudience) for (const d of aimed) forAudience[d] = 0;
    const coverage = top < 0 ? 0 : coverageTotal > 0 ? covered[top]! / coverageTotal : 1;
    const coverageOwn = top < 0 ? 0 : coverageTotal > 0 ? coveredOwn[top]! / coverageTotal : 1;
    // The weight of the words some document covers: the words the catalogue knows.
    const knownTotal = knownWeight.reduce((s, x) => s + x, 0);
    const cut = cutFrom * p.minRelativeScore;
    // Only the first page (and the few documents topics are offered from) needs an order: the
    // best `keep` are selected in one pass instead of sorting every hit (thousands at 10,000
    // documents).
    const keep = Math.max(page.offset + page.limit, CHOICE_FROM);
    if (ranked.length < keep) ranked = new Int32Array(keep);
    let hits = 0;
    let kept = 0;
    if (best >= 0) {
      for (let i = 0; i < matcher.count; i++) {
        const d = anyTouched[i]!;
        if (!(total[d]! > 0 && total[d]! >= cut) || !inWard(d)) continue;
        hits++;
        if (kept === keep && !before(d, ranked[kept - 1]!)) continue;
        let at = kept < keep ? kept++ : kept - 1;
        while (at > 0 && before(d, ranked[at - 1]!)) {
          ranked[at] = ranked[at - 1]!;
          at--;
        }
        ranked[at] = d;
      }
    }
    const topics: TopicKey[] = [];
    const bestIds: string[] = [];
    for (let i = 0; i < Math.min(kept, CHOICE_FROM); i++) {
      bestIds.push(docId[ranked[i]!]!);
      for (const t of docTopics[ranked[i]!]!) if (!topics.includes(t)) topics.push(t);
    }
    const results: SearchHit[] = [];
    for (let i = page.offset; i < Math.min(kept, page.offset + page.limit); i++) {
      const d = ranked[i]!;
      // Each word's best expansion, first occurrence kept (a question's few words: a scan, no Set).
      const matched: string[] = [];
      for (let wi = 0; wi < words.length; wi++) {
        const ei = bestExp[wi]![d]!;
        if (ei < 0) continue;
        const label = words[wi]!.expansions[ei]!.label;
        if (!matched.includes(label)) matched.push(label);
      }
      results.push({
        id: docId[d]!,
        ward: docWard[d] ?? null,
        name: docName[d]!,
        score: Math.round(total[d]! * 1000) / 1000,
        matched,
      });
    }
    const coveredTop = top < 0 ? 0 : covered[top]!;
    const topicalCoveredTop = top < 0 ? 0 : topicalCovered[top]!;
    const subjectWordsTop = top < 0 ? 0 : subjectWords[top]!;
    for (let i = 0; i < matcher.count; i++) {
      const d = anyTouched[i]!;
      covered[d] = 0;
      coveredOwn[d] = 0;
      whomOnlyAsked[d] = 0;
      topicalCovered[d] = 0;
      subjectWords[d] = 0;
      contextScore[d] = 0;
      placeContext[d] = 0;
      coordOf[d] = 0;
      wordExtra[d] = 0;
      for (let wi = 0; wi < words.length; wi++) bestExp[wi]![d] = -1;
    }
    matcher.reset();
    return {
      hits,
      page: results,
      topics,
      best: bestIds,
      hasTop: top >= 0,
      coverage,
      coverageOwn,
      coverageTotal,
      knownTotal,
      known: knownWeight.map((k) => k > 0),
      coveredTop,
      topicalCoveredTop,
      subjectWordsTop,
      bestOwn,
      bestOwnWhom,
      topScore,
    };
  }

  return {
    bm25,
    size: n,
    questionCorpus: wholeWordsJoin,
    surfaceOnly,
    dfOf,
    inCorpus,
    fullyInCorpus,
    usesPhrase,
    makeExpansion,
    ownExpansion,
    expansion,
    score,
  };
}

/** Whether word `wi` is a part of a compound of two or more parts that count for coverage. */
function isPart(words: readonly QueryWord[], wi: number): boolean {
  const w = words[wi]!;
  if (w.compound === undefined || !(w.coverageWeight > 0)) return false;
  let parts = 0;
  for (const x of words) if (x.compound === w.compound && x.coverageWeight > 0) parts++;
  return parts >= 2;
}

/** Whether a word before `wi` has the same text as word `wi`. */
function saidBefore(words: readonly QueryWord[], wi: number): boolean {
  for (let i = 0; i < wi; i++) if (words[i]!.text === words[wi]!.text) return true;
  return false;
}

/** A document name that is a question: a question mark, か, or a request to be told (教えてください). */
const ASKS = /(?:[?？]|か|ください|教えて|たい|ですが|のですが)[。.]?$/u;
/** Documents found by whole words alone join the ranking when at least this share of names are questions. */
const QUESTION_CORPUS = 0.5;
/** How far above the best a restated question is put: first, without moving the others. */
const RESTATED_LEAD = 1.001;

/** Topics of this many best documents are offered in a choice. */
const CHOICE_FROM = 5;
/** Ward codes: a ward no document has, a document of no ward. */
const NO_WARD = -2;
const WITHOUT_WARD = -3;
