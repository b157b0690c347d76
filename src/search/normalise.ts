/**
 * Text normalisation shared by the index builder and the query side, so both see the same
 * characters: NFKC (half-width katakana, full-width ASCII), lower case, katakana → hiragana,
 * and, for comparing readings, small-kana / long-vowel / ぢづ folding. Pure, no I/O.
 */

const KATAKANA_START = 0x30a1;
const KATAKANA_END = 0x30f6;
const KANA_OFFSET = 0x60;

const SMALL_TO_LARGE: Record<string, string> = {
  ぁ: "あ",
  ぃ: "い",
  ぅ: "う",
  ぇ: "え",
  ぉ: "お",
  っ: "つ",
  ゃ: "や",
  ゅ: "ゆ",
  ょ: "よ",
  ゎ: "わ",
  ゕ: "か",
  ゖ: "け",
  // ぢ/づ and じ/ず sound the same and residents write either (まちずくり for まちづくり).
  ぢ: "じ",
  づ: "ず",
  // ヴ has no hiragana in common use; う゛ after NFKC.
  ゔ: "ぶ",
};

/** Katakana (full-width, after NFKC) to hiragana; other characters unchanged. */
export function toHiragana(text: string): string {
  let out = "";
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    out += code >= KATAKANA_START && code <= KATAKANA_END ? String.fromCodePoint(code - KANA_OFFSET) : ch;
  }
  return out;
}

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
      .replace(/[\p{P}\p{S}\s]+/gu, " ")
      .trim()
  );
}

/**
 * The surface form used for indexing and matching: {@link normaliseKeepScript}, then hiragana
 * for katakana. 「ｳｫｰｷﾝｸﾞ」 → 「うぉーきんぐ」.
 */
export function normalise(text: string): string {
  return toHiragana(normaliseKeepScript(text));
}

/** Katakana for hiragana; other characters unchanged. */
export function toKatakana(text: string): string {
  return text.replace(/[\u3041-\u3096]/g, (c) => String.fromCharCode(c.charCodeAt(0) + KANA_OFFSET));
}

/**
 * Folds a (hiragana) form for fuzzy comparison of readings: small kana become large, the long
 * vowel mark is dropped, ぢ/づ become じ/ず. Applied to both index and query readings, so
 * 「ばすつあー」 meets 「バスツアー」 and 「ウォーキング」 meets 「うおきんぐ」.
 */
export function foldKana(text: string): string {
  let out = "";
  for (const ch of text) {
    if (ch === "ー" || ch === "〜" || ch === "~") continue;
    out += SMALL_TO_LARGE[ch] ?? ch;
  }
  return out;
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
