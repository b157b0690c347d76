/**
 * toHiragana and foldKana are native replaces (they run for every query word and lexicon key);
 * they must give exactly what the character-by-character definitions give, for any text.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { foldKana, SMALL_TO_LARGE, toHiragana } from "../../../src/text/kana.js";

/** The definitions, one character at a time (the code before the native replaces). */
function toHiraganaByChar(text: string): string {
  let out = "";
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    out += code >= 0x30a1 && code <= 0x30f6 ? String.fromCodePoint(code - 0x60) : ch;
  }
  return out;
}
function foldKanaByChar(text: string): string {
  let out = "";
  for (const ch of text) {
    if (ch === "ー" || ch === "〜" || ch === "~") continue;
    out += SMALL_TO_LARGE[ch] ?? ch;
  }
  return out;
}

// Kana of both scripts and their edges, small kana, marks, kanji, ASCII, an astral character
// and lone surrogates.
const CHARS = [
  ..."ぁあぃいぅうぇえぉおっつゃやゅゆょよゎわゕゖぢじづずゔゐゑをんゟ゠ァアィイッツヵヶヷヸヹヺ・ーヽヾヿ〜~防災子ども食堂aZ0 。、",
  "\u3040",
  "\u3097",
  "\u30a0",
  "\u30f7",
  "\u30ff",
  "𠮷",
  "\ud842",
  "\udfb7",
];
const text = fc.array(fc.constantFrom(...CHARS), { maxLength: 24 }).map((a) => a.join(""));

describe("kana conversions", () => {
  it("toHiragana equals the per-character definition", () => {
    fc.assert(
      fc.property(text, (t) => toHiragana(t) === toHiraganaByChar(t)),
      { numRuns: 3000 },
    );
    expect(toHiragana("ウォーキング・ヴァイオリン")).toBe("うぉーきんぐ・ゔぁいおりん");
  });

  it("toHiragana equals the per-character definition on text longer than one rebuild (a document)", () => {
    const long = fc
      .array(fc.constantFrom(...CHARS), { minLength: 4000, maxLength: 12000 })
      .map((a) => a.join(""));
    fc.assert(
      fc.property(long, (t) => toHiragana(t) === toHiraganaByChar(t)),
      { numRuns: 30 },
    );
    // Katakana only after the first rebuild's worth of text, and a surrogate pair across its edge.
    const edge = `${"a".repeat(4095)}𠮷${"ア".repeat(5000)}`;
    expect(toHiragana(edge)).toBe(toHiraganaByChar(edge));
  });

  it("foldKana equals the per-character definition", () => {
    fc.assert(
      fc.property(text, (t) => foldKana(t) === foldKanaByChar(t)),
      { numRuns: 3000 },
    );
    expect(foldKana("うぉーきんぐ〜ぢづ")).toBe("うおきんぐじず");
  });
});
