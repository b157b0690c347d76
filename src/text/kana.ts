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

const isKatakanaUnit = (c: number): boolean => c >= KATAKANA_START && c <= KATAKANA_END;
/** Code units rebuilt per String.fromCharCode call (each is an argument). */
const MAX_UNITS_PER_CALL = 4096;

/**
 * Katakana (full-width, after NFKC) to hiragana; other characters unchanged. This runs for every
 * word of every query and of every lexicon key, mostly on text with no katakana at all: that text
 * comes back as it is after one scan of its code units, and text with katakana is rebuilt from
 * its code units in one call (a replace with a callback per katakana cost five times as much).
 */
export function toHiragana(text: string): string {
  const n = text.length;
  let i = 0;
  while (i < n && !isKatakanaUnit(text.charCodeAt(i))) i++;
  if (i === n) return text;
  // Long text (a document while the index is built) in pieces: fromCharCode takes its units as arguments.
  if (n > MAX_UNITS_PER_CALL)
    return (
      text.slice(0, i) +
      toHiragana(text.slice(i, i + MAX_UNITS_PER_CALL)) +
      toHiragana(text.slice(i + MAX_UNITS_PER_CALL))
    );
  const units: number[] = new Array<number>(n);
  for (let k = 0; k < n; k++) {
    const c = text.charCodeAt(k);
    units[k] = isKatakanaUnit(c) ? c - KANA_OFFSET : c;
  }
  return String.fromCharCode(...units);
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
  // Most keys hold nothing to fold: a test without a callback answers them.
  return HAS_FOLDED.test(text) ? text.replace(FOLDED, (ch) => SMALL_TO_LARGE[ch] ?? "") : text;
}

/** What {@link foldKana} changes: the long-vowel mark and waves (dropped), and the keys of SMALL_TO_LARGE. */
const FOLDED = new RegExp(`[ー〜~${Object.keys(SMALL_TO_LARGE).join("")}]`, "g");
const HAS_FOLDED = new RegExp(FOLDED.source);
