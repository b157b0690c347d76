/**
 * Text normalisation shared by the index builder and the query side, so both see the same
 * characters: NFKC (half-width katakana, full-width ASCII), lower case, katakana → hiragana,
 * and, for comparing readings, small-kana / long-vowel / ぢづ folding (src/text/kana.ts, shared
 * with the gazetteer). Pure, no I/O.
 */
import { toHiragana } from "../text/kana.js";

export { foldKana, toHiragana, toKatakana } from "../text/kana.js";

/**
 * NFKC, lower case, punctuation and spaces collapsed to single spaces; katakana kept, because
 * the script tells a loanword from a particle when a query is cut into words.
 */
export function normaliseKeepScript(text: string): string {
  return (
    text
      .normalize("NFKC")
      .toLowerCase()
      // Wi-Fi, e-mail: a hyphen or dot inside a Latin word is part of the word.
      .replace(/([a-z0-9])[-‐.・]([a-z0-9])/g, "$1$2")
      // An emoji's variation selector and joiner (☕️, 👨‍👩‍👧) go with it: alone they are no word.
      .replace(/(?:[\p{P}\p{S}\s]|\u200d|\p{Variation_Selector})+/gu, " ")
      .trim()
  );
}

/** NFKC and lower case only: for cue words and the text they are looked for in, as written. */
export function foldWidthAndCase(text: string): string {
  return text.normalize("NFKC").toLowerCase();
}

/**
 * The surface form used for indexing and matching: {@link normaliseKeepScript}, then hiragana
 * for katakana. 「ｳｫｰｷﾝｸﾞ」 → 「うぉーきんぐ」.
 */
export function normalise(text: string): string {
  return toHiragana(normaliseKeepScript(text));
}

/** The character class of one character, used to cut text into runs. */
export type CharClass = "kanji" | "hiragana" | "katakana" | "latin" | "digit" | "other";

/** Code-point ranges instead of Unicode-property regexes: this runs for every indexed character. */
export function charClass(ch: string): CharClass {
  const c = ch.codePointAt(0) ?? 0;
  if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff))
    return "kanji";
  if (c === 0x3005 || c === 0x3006 || c === 0x30f6 || (c >= 0x20000 && c <= 0x2ffff)) return "kanji";
  if ((c >= 0x3041 && c <= 0x309f) || c === 0x30fc) return "hiragana";
  if ((c >= 0x30a0 && c <= 0x30ff) || (c >= 0x31f0 && c <= 0x31ff)) return "katakana";
  if (c >= 0x61 && c <= 0x7a) return "latin";
  if (c >= 0x30 && c <= 0x39) return "digit";
  return "other";
}

/** True when every character is hiragana (after {@link normalise}, katakana is hiragana too). */
export function isKana(text: string): boolean {
  return text.length > 0 && [...text].every((c) => charClass(c) === "hiragana");
}

/**
 * Whether kana ending in な (the particle かな, a function word) would end inside a verb's
 * negative, given what follows: 乾かない, 泣かなくて, 書かなかった, なければ, なさそう are a stem's
 * あ-row kana and ない, never the particle かな. Shared by the lexicon's segmenter and the ask cues.
 */
export function endsInsideNegative(word: string, next: string | undefined): boolean {
  return word.endsWith("な") && next !== undefined && /^[いくかけさ]/u.test(next);
}
