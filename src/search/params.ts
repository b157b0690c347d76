/**
 * The engine's tuning knobs in one place: scoring, correction, query reading and the refusal
 * measures all read them, so they live apart from each. Chosen on the dev and calibration sets.
 */
import { DEFAULT_BM25, type Bm25Params } from "./bm25.js";

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
  /**
   * A question its best program covers too little of is still answered — as the closest
   * programs, with a choice of topics — when that program scores at least this much: something
   * the resident said matched strongly, so refusing would leave them stuck. Calibrated on score
   * margins over the seen sets (docs/benchmarks.md, issue 11): above every no-answer question's
   * best score (at most 8.1) and below the answerable ones refused for coverage (12.2 and up).
   * Never for a procedure question, which must name the thing it applies for. 10 until the
   * eleventh session; 13 since the programs' phrasings grew from 8 to 20 each, which raised the
   * best programs' scores (median × 1.10, mean × 1.26 over every seen message): over every seen
   * set no-answer refused 508 → 511 of 558 for answerable refused 23 → 24 of 2,327 (12: 510/24,
   * 14: 513/25, 15–16: 513/26–27, 18: 513/29).
   */
  strongMatchScore: number;
  /** False for sets where every question has an answer (FAQ benchmarks): rank, never abstain. */
  abstain: boolean;
  /** Weight of a synonym from the Sudachi dictionary (0: not used). */
  dictionarySynonymWeight: number;
  /** Share of a long kana word's (loanword's) syllable pairs a document must hold. */
  loanwordMatch: number;
  /** Match phrasings only on terms the documents' own texts never use. */
  phrasingsFillGapsOnly: boolean;
  /**
   * A word a program holds only in its phrasings covers the question at the idf the phrasings
   * give it (how many programs' phrasings use it), not the idf of the programs' own text.
   */
  phrasingCoverIdf: boolean;
  /**
   * A written compound's parts (ジョギング and コース of ジョギングコース) held only by joining a
   * program's phrasings (ジョギング in one, コース in another) do not cover the question: one
   * phrasing, or the own text, must hold the part (scoring.ts `holdsWhole`).
   */
  onePhrasingHolds: boolean;
  /** Share of the score a context word adds (it never counts for coverage). */
  contextWeight: number;
  /**
   * Share of a context word's score that ranks a program whatever it answers of the asked part;
   * the rest ranks it in proportion to the share of the asked part it covers (scoring.ts). The
   * decision reads the whole. Chosen on every seen set (tenth session): 1 (before) → 0.5 hit@3
   * 2129 → 2136 of 2,231, MRR .919 → .923; 0.4 the same, 0.6 and 0.75 between, 0.25 lower.
   */
  contextFloor: number;
  /** Share of the score an audience the message names adds (高齢者 from 「80歳です」). */
  audienceWeight: number;
  /** Score lost per step of a document's priority (実施 0, 一部実施 1, 未実施/中止 2). */
  priorityPenalty: number;
  /**
   * Share of the best score that whole-word BM25 over the documents' names adds to the order
   * (word-bm25.ts; 0: not used). It ranks and never counts for coverage or for whether to answer. Chosen
   * on the childcare FAQ dev questions (question-only hit@1 .867 → .889, question+answer .867 →
   * .900) and the catalogue's seen sets (their sum of hits rises; see docs/benchmarks.md).
   */
  wholeWordWeight: number;
  /**
   * The same share over a corpus whose every document is a question (an FAQ: residents write in
   * its register); a corpus with a share of questions gets the weight in between, and over one
   * that is mostly questions documents found by whole words alone join the ranking (scoring.ts).
   * First chosen on the childcare FAQ dev questions only (1: question-only hit@1/MRR@10
   * .878/.903 → .878/.922); 1.1, with `questionsCharWeight`, on the dev and tune questions (570,
   * docs/benchmarks.md). The catalogue (no names are questions) is unchanged.
   */
  questionsWholeWordWeight: number;
  /**
   * Over a corpus of questions, character 2–4-gram TF-IDF of the names (cosine with the text whole
   * words read) joins whole words at this share, each divided by its best: it meets the words the
   * run-time cutter misses (compounds it never learnt, kana for kanji) and the names' shared
   * phrasing. 0: not used; never over a catalogue of titles. Chosen with
   * `questionsWholeWordWeight` on the childcare FAQ dev and tune questions (570; docs/benchmarks.md).
   */
  questionsCharWeight: number;
  /**
   * Over a corpus of questions, whole words (with the names' characters) of the names that ask for
   * a detail the message asks for (a date, a time, a phone number, an age, opening hours: the
   * vocabulary's detail questions and unheld details, detail-cues.ts) count this share more. The
   * query reader takes those phrases out of the question's words (they name no topic of a
   * program), yet over an FAQ they tell 「…の締め切りはいつですか」 from 「…の申込方法」. 0: not used;
   * never over a catalogue of titles. Chosen on the childcare FAQ dev and tune questions.
   */
  questionsFocusWeight: number;
  /**
   * Over a corpus of questions, a query word the names write in another inflection of the same
   * verb or adjective (the question's 残りたい, a name's 残ることは) is also met by the names'
   * dictionary form (word-bm25.ts `formOf`, from kuromoji at build time), at this weight: the
   * engine's bigrams meet 残り and 残る as different words, while residents and the FAQ ask in
   * different inflections. 1: the same word; 0: not used; never over a catalogue of titles (its
   * answers are the same with it — all seen sets — but each word would cost a look-up). Chosen on
   * the childcare FAQ dev and tune questions (0.4 / 0.7 / 1 / 1.3, docs/benchmarks.md, fifteenth
   * session).
   */
  questionsInflectionWeight: number;
  /**
   * Over a corpus of questions, the factor on what the message's context words add (「…しないまま
   * 時間がたってしまいました。今からでも間に合いますか？」): an FAQ's questions hold their own context
   * (「父の住所が市外であり、世帯も分けています。…必要ですか？」), so the clause before the asked one is
   * matched question to question, as the asked part is. 1: as over a catalogue; never used over one
   * (its names ask nothing). Chosen on the childcare FAQ dev and tune questions (1 / 1.25 / 1.5 / 2,
   * docs/benchmarks.md, twelfth session).
   */
  questionsContextWeight: number;
  /**
   * Over a corpus of questions, the character 2–4-gram cosine of the whole message (context
   * included) with a document's question (its text to the first line break) at which the message
   * restates that question, which then comes first: the engine reads the asked part, and a
   * restated question whose asked clause another FAQ shares (…申請書に…記入…) lost to it. 0: not
   * used; never over a catalogue. Chosen on the dev and tune questions: no question at 0.75 or
   * more restates another FAQ than its own; at 0.6 dev questions lose.
   */
  questionsRestated: number;
  /**
   * Over a corpus of questions, a message also restates the question of highest cosine when that
   * cosine is at least `questionsRestatedClear.at` and leads the next question's by at least
   * `questionsRestatedClear.lead`: a restatement is told by how much more of the message one question
   * holds than any other, not only by how much — a short message that cuts or rewords one question
   * (「LINE QRコード」 for QRコードを教えてください) rarely reaches 0.75 with it, yet holds far less of
   * any other. `at` 1: not used. Chosen on the dev, tune and templated questions (docs/benchmarks.md,
   * thirteenth session): at 0.55–0.6 with a lead of 0.15–0.2 it moves no right FAQ from first place.
   */
  questionsRestatedClear: { at: number; lead: number };
  /**
   * When the message names the resident's neighbourhood (校区, 地区, 町): a program tied to it
   * gains this share of the best score in the ward (it joins the page even when only the place
   * matched), and a program tied only to other neighbourhoods of the ward keeps this factor of
   * its score (src/search/doc-places.ts). Ward-wide programs are unchanged. Neither counts for
   * coverage or for whether to answer. 0.5 since the tenth session, when a place named in the
   * context stopped ranking programs by its word alone (scoring.ts): the tie now carries the
   * resident's own place (0.45–0.55 the same over every seen set; 0.3 loses four, 0.6 three).
   */
  placeBoost: number;
  otherPlaceFactor: number;
  /**
   * Share of its score a program gains when its own text is for an audience the message names
   * (高齢者 from 「80歳です」, 子育て世帯 from 「赤ちゃんがいます」, 外国人 from a message in English;
   * src/search/doc-audiences.ts): it orders programs of close relevance and never counts for
   * coverage or for whether to answer.
   */
  audienceBoost: number;
  /**
   * Share of the best score that each document's best single phrasing adds to the order, in
   * proportion to the best phrasing score of the query (phrasing-match.ts; 0: not used). It
   * ranks and never counts for coverage or for whether to answer. Chosen on blind sets A–H
   * (0.1–0.3 all gain; 0.2 the most: hit@3 .940 → .944, MRR .903 → .908; docs/benchmarks.md).
   */
  phrasingWeight: number;
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
  strongMatchScore: 13,
  abstain: true,
  dictionarySynonymWeight: 0.35,
  loanwordMatch: 0.9,
  phrasingsFillGapsOnly: false,
  phrasingCoverIdf: true,
  onePhrasingHolds: true,
  contextWeight: 1,
  contextFloor: 0.5,
  audienceWeight: 0.15,
  priorityPenalty: 0.015,
  wholeWordWeight: 0.2,
  questionsWholeWordWeight: 1.1,
  questionsCharWeight: 0.25,
  questionsFocusWeight: 1,
  questionsInflectionWeight: 1,
  questionsContextWeight: 1.5,
  questionsRestated: 0.75,
  questionsRestatedClear: { at: 0.55, lead: 0.15 },
  placeBoost: 0.5,
  otherPlaceFactor: 0.6,
  audienceBoost: 0.1,
  phrasingWeight: 0.2,
  fuzzyThreshold: 0.34,
  defaultLimit: 10,
};
