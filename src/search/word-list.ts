/**
 * A message written as a list of words — 「リハビリ 教室 中央区」, 「震災 体験 伝承」, 「中央区 防災講座
 * 子連れOK？」 — rather than a sentence: each piece is one thing the resident wants of a program (a
 * facet), not a part of one thing named. A sentence names a thing, and a word of it the catalogue
 * never says is the thing it lacks (子ども食堂); a piece of a list the catalogue knows nothing of
 * (no program's text or phrasings has any of its words: リハビリ, 什么时候) cannot say which program
 * fits, and the other pieces decide. Pure.
 */
import { QUESTION_WORD_SOURCE } from "./detail-cues.js";

/** More pieces than this is a sentence typed with spaces (voice input, an elderly hand), not a list. */
const MAX_PIECES = 6;

/** A piece that only asks (いつ, どこ, 何時): it names nothing, and says nothing of the form. */
const QUESTION_ONLY = new RegExp(`^(?:${QUESTION_WORD_SOURCE}|何時|何日)+$`, "u");

/** A piece of one or two kana on its own is a particle or an auxiliary (で, の, か, です): a sentence. */
const FUNCTION_PIECE = /^\p{Script=Hiragana}{1,2}$/u;

/**
 * A particle after a word (区役所で, 防災の講座, 高齢者は無料ですか): a sentence. Kana written after
 * kanji inside a word (子連れ, 見守り) are none of these.
 */
const PARTICLE = /[\p{Script=Han}\p{Script=Katakana}ーa-z0-9][のでにをはがへとやもか]/u;

/** Marks that end or hedge a piece without changing what it names. */
const MARKS = /[?？!！。、…・]+/gu;

/**
 * The pieces of a message written as a list of words, or null when it is a sentence (fewer than
 * two pieces, too many, or a piece that is grammar: a particle on its own or after a word). The
 * caller also reads the words: a verb form among them makes a sentence too (補聴器 買い替えたい).
 */
export function wordListPieces(text: string): string[] | null {
  const pieces = text
    .split(/\s+/u)
    .map((p) => p.replace(MARKS, ""))
    .filter((p) => p !== "");
  if (pieces.length < 2 || pieces.length > MAX_PIECES) return null;
  for (const p of pieces) {
    if (QUESTION_ONLY.test(p)) continue;
    if (FUNCTION_PIECE.test(p) || PARTICLE.test(p)) return null;
  }
  return pieces;
}
