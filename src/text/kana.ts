/**
 * Kana conversions, the one copy every layer uses: katakana ⇄ hiragana, and the folding that
 * lets readings be compared loosely (small kana, the long-vowel mark, ぢ/づ). Shared by the
 * gazetteer (place readings) and search (index and query readings). Pure, imports nothing.
 */

const KATAKANA_START = 0x30a1;
const KATAKANA_END = 0x30f6;
const KANA_OFFSET = 0x60;

/** Small kana and ぢ/づ/ゔ → what {@link foldKana} reads them as. */
export const SMALL_TO_LARGE: Readonly<Record<string, string>> = {
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

const KATAKANA = new RegExp(`[\\u${KATAKANA_START.toString(16)}-\\u${KATAKANA_END.toString(16)}]`, "g");

/**
 * Katakana (full-width, after NFKC) to hiragana; other characters unchanged. A native replace,
 * not a loop that builds the string a character at a time: this runs for every word of every
 * query and of every lexicon key, mostly on text with no katakana at all.
 */
export function toHiragana(text: string): string {
  return text.replace(KATAKANA, (c) => String.fromCharCode(c.charCodeAt(0) - KANA_OFFSET));
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
  return text.replace(FOLDED, (ch) => SMALL_TO_LARGE[ch] ?? "");
}

/** What {@link foldKana} changes: the long-vowel mark and waves (dropped), and the keys of SMALL_TO_LARGE. */
const FOLDED = new RegExp(`[ー〜~${Object.keys(SMALL_TO_LARGE).join("")}]`, "g");
