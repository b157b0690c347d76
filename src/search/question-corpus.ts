/**
 * A corpus of questions (an FAQ: 保育園の場所を教えてください) against one of titles (the
 * catalogue's program names). Residents write in an FAQ's own register, so its documents differ
 * by the very words a question asks with — 保育園の場所 and 保育園の数, 予防接種の時期 and
 * 予防接種の通知 — words the vocabulary lists as function words because, asked of a program
 * (場所はどこ, 時期は), they ask for a detail and the program is still the answer. Over a corpus
 * of questions those words, where the documents' names use them as words, are read as words.
 * Pure.
 */
import type { Vocabulary } from "../knowledge/vocabulary.js";

/** A document name that is a question: a question mark, か, or a request to be told (教えてください). */
const ASKS = /(?:[?？]|か|ください|教えて|たい|ですが|のですが)[。.]?$/u;

/** A corpus is one of questions when at least this share of its documents' names ask. */
export const QUESTION_CORPUS = 0.5;

/** The share of documents whose name is a question (0 for no documents). */
export function questionShare(names: readonly string[]): number {
  if (names.length === 0) return 0;
  return names.filter((n) => ASKS.test(n.trim())).length / names.length;
}

/**
 * The vocabulary the corpus's queries are read with. Over a corpus of questions, a stop word,
 * an intent word or a detail cue that its documents' names use as a word (`namesWords`: the
 * nouns, verbs and adjectives kuromoji found in the names at build time, by dictionary form) is
 * a word of the question, not dropped. Only words written with a kanji: kana ones (いつ, どこ,
 * できる, ある) are inflections and particles as often as words, and their kana pairs turn up
 * inside every other word. Anything else — titles, and a corpus without a word index — reads
 * with the vocabulary as it is.
 */
export function readingVocabulary(
  vocabulary: Vocabulary,
  names: readonly string[],
  namesWords: readonly string[] | undefined,
): Vocabulary {
  if (!namesWords || questionShare(names) < QUESTION_CORPUS) return vocabulary;
  const own = new Set(namesWords.filter((w) => HAS_KANJI.test(w)));
  const function_ = (w: string) => !own.has(w.normalize("NFKC").toLowerCase());
  return {
    ...vocabulary,
    stopWords: vocabulary.stopWords.filter(function_),
    intentWords: vocabulary.intentWords.filter(function_),
    detailQuestions: vocabulary.detailQuestions.map((d) => ({ ...d, cues: d.cues.filter(function_) })),
  };
}

const HAS_KANJI = /\p{Script=Han}/u;
