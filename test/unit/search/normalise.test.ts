/** Text normalisation for search: NFKC, kana folding, punctuation and Latin words. */
import { describe, expect, it } from "vitest";
import {
  charClass,
  foldKana,
  normalise,
  normaliseKeepScript,
  toHiragana,
} from "../../../src/search/normalise.js";
import { lexKey } from "../../../src/search/lexicon.js";

describe("normalise", () => {
  it("applies NFKC: half-width katakana and full-width ASCII", () => {
    expect(normaliseKeepScript("ｳｫｰｷﾝｸﾞ")).toBe("ウォーキング");
    expect(normaliseKeepScript("ＰＲグッズ")).toBe("prグッズ");
    expect(normaliseKeepScript("ﾊｻﾞｰﾄﾞﾏｯﾌﾟ")).toBe("ハザードマップ");
  });

  it("turns katakana into hiragana for matching, and keeps kanji", () => {
    expect(toHiragana("バスツアー防災")).toBe("ばすつあー防災");
    expect(normalise("ｷｬﾝﾌﾟ 体験")).toBe("きゃんぷ 体験");
  });

  it("collapses punctuation and keeps Latin words whole (Wi-Fi)", () => {
    expect(normalise("Wi-Fi、使える？")).toBe("wifi 使える");
    expect(normalise("（仮称）東区民まつり")).toBe("仮称 東区民まつり");
  });

  it("folds small kana, the long vowel and ぢ/づ for readings", () => {
    expect(foldKana("うぉーきんぐ")).toBe("うおきんぐ");
    expect(foldKana("まちづくり")).toBe(foldKana("まちずくり"));
    expect(lexKey("バスツアー")).toBe(lexKey("ばすつあー"));
    expect(lexKey("ｳｫｰｷﾝｸﾞ")).toBe(lexKey("ウォーキング"));
  });

  it("classifies characters by script", () => {
    expect([..."防ぼボaー1、"].map(charClass)).toEqual([
      "kanji",
      "hiragana",
      "katakana",
      "latin",
      "hiragana",
      "digit",
      "other",
    ]);
  });
});
