/** The lexicon's spelling of words read from romaji: exact readings, long vowels folded (issue 11 point 6). */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createLexicon, foldLongVowels, lexKey } from "../../../src/search/lexicon.js";
import { foldKana, toHiragana } from "../../../src/search/normalise.js";

describe("lexKey", () => {
  // Words of kana, kanji and lower-case ASCII skip NFKC and lower case (they leave them as they
  // are); every other text takes them. Either way the key is the definition's.
  const CHARS = [
    ..."ぁあかがゖゔァアカガヴヶーヿゟ防災々〆ｱｶﾞ゙゚Ａａ0０AZaz ・〜~㈱①ⅷ豈\u3099\u309a",
    "\ud842",
    "𠮷",
  ];
  it("equals foldKana(toHiragana(NFKC, lower case)) for any text (property)", () => {
    const text = fc.array(fc.constantFrom(...CHARS), { maxLength: 12 }).map((a) => a.join(""));
    fc.assert(
      fc.property(text, (t) => lexKey(t) === foldKana(toHiragana(t.normalize("NFKC").toLowerCase()))),
      { numRuns: 5000 },
    );
    expect(lexKey("か\u3099")).toBe("が");
    expect(lexKey("ＡＢＣ防災")).toBe("abc防災");
  });
});

const lexicon = createLexicon({
  words: {
    防災: "ボウサイ",
    高齢者: "コウレイシャ",
    教育: "キョウイク",
    講座: "コウザ",
    口座: "コウザ",
    体験: "タイケン",
    一緒: "イッショ",
    場所: "バショ",
    イベント: "イベント",
    費: "ヒ",
    鼓動: "コドウ",
    効果: "コウカ",
    硬貨: "コオカ",
  },
  stop: ["あります", "です"],
});

describe("foldLongVowels", () => {
  it("drops a kana that only lengthens the vowel before it", () => {
    expect(foldLongVowels(lexKey("ぼうさい"))).toBe(foldLongVowels(lexKey("ぼさい")));
    expect(foldLongVowels(lexKey("ぼおさい"))).toBe(foldLongVowels(lexKey("ぼさい")));
    expect(foldLongVowels(lexKey("こうれいしゃ"))).toBe(foldLongVowels(lexKey("これいしゃ")));
    expect(foldLongVowels(lexKey("こおれえしゃ"))).toBe(foldLongVowels(lexKey("これしゃ")));
    expect(foldLongVowels(lexKey("ちゅうおう"))).toBe(foldLongVowels(lexKey("ちゅお")));
    expect(foldLongVowels(lexKey("きょういく"))).toBe(foldLongVowels(lexKey("きょいく")));
  });

  it("keeps vowels that are not lengthenings", () => {
    expect(foldLongVowels("たいけん")).toBe("たいけん");
    expect(foldLongVowels("かいぎ")).toBe("かいぎ");
    expect(foldLongVowels("あお")).toBe("あお");
  });
});

describe("spellingOf", () => {
  it("writes a reading as the one word the corpus uses, else keeps the reading", () => {
    expect(lexicon.spellingOf("たいけん")).toBe("体験");
    // 講座 and 口座 share a reading: the corpus decides which one it writes.
    expect(lexicon.spellingOf("こうざ")).toBe("こうざ");
    expect(lexicon.spellingOf("こうざ", (s) => s === "講座")).toBe("講座");
    // Small kana survive (いっしょ, not the folded key いつしよ).
    expect(lexicon.spellingOf("いっしょ", () => false)).toBe("いっしょ");
    expect(lexicon.spellingOf("いべんと")).toBe("イベント");
  });

  it("meets readings whose long vowels were dropped or doubled", () => {
    expect(lexicon.spellingOf("ぼさい")).toBe("防災");
    expect(lexicon.spellingOf("ぼおさい")).toBe("防災");
    expect(lexicon.spellingOf("これいしゃ")).toBe("高齢者");
    expect(lexicon.spellingOf("きょいく")).toBe("教育");
    expect(lexicon.spellingOf("こざ", (s) => s === "講座")).toBe("講座");
  });

  it("leaves function words, one kana, unknown words and ambiguous folds alone", () => {
    expect(lexicon.spellingOf("あります")).toBeNull();
    expect(lexicon.spellingOf("ひ")).toBeNull();
    expect(lexicon.spellingOf("りゅがくせい")).toBeNull();
    // こど folds only こどう (鼓動): found. こか folds こうか and こおか: two words, neither chosen.
    expect(lexicon.spellingOf("こど")).toBe("鼓動");
    expect(lexicon.spellingOf("こか")).toBeNull();
    // A kanji function word keeps its kana, which stays a word of the question.
    const withStop = createLexicon({ words: { 場所: "バショ" }, stop: [] }, undefined, ["場所"]);
    expect(withStop.spellingOf("ばしょ")).toBe("ばしょ");
  });
});

describe("segment: words written with a long-vowel mark", () => {
  // メール is keyed める (lexKey drops the mark); the kana of 進める, which the lexicon does not
  // know, are its inflection and were read as the word メール.
  const lex = createLexicon({
    words: { メール: "メール", ルート: "ルート", 計画: "ケイカク" },
    stop: ["の", "か", "とき"],
  });
  const words = (text: string) =>
    lex
      .segment(text)
      .filter((s) => s.kind === "word")
      .map((s) => s.text);

  it("are not read from kana that do not write the mark", () => {
    expect(words("計画を進めるのか")).toEqual(["計画"]);
    expect(words("決めるとき")).toEqual([]);
  });

  it("are read from kana that write it, as residents type loanwords", () => {
    expect(words("めーるで")).toEqual(["めーる"]);
    expect(words("るーとを")).toEqual(["るーと"]);
  });
});

describe("segment: an adjective with the explanatory ん (いいんですか)", () => {
  // いいん is the reading of 委員; いい + ん before an ending is the adjective asking "is it all
  // right?" and was read as the committee. Any adjective the lexicon knows (weak, ending in い).
  const lex = createLexicon({
    words: { 委員: "イイン", 委員会: "イインカイ", 民生委員: "ミンセイイイン", 余韻: "ヨイン", よい: "ヨイ" },
    stop: ["です", "か", "でしょう", "に", "と", "の", "なり", "たい"],
    weak: ["よい"],
  });
  const nouns = (text: string) => lex.segment(text).flatMap((s) => s.surfaces);
  const ENDINGS = [
    "",
    "です",
    "ですか",
    "でしょうか",
    "だ",
    "だよ",
    "じゃない",
    "か",
    "よ",
    "ね",
    "けど",
    "やろか",
    "ばい",
    "？",
    "。",
  ];

  it("is the adjective and a function word before any ending, joined or parted by a space", () => {
    for (const adjective of ["いい", "よい"])
      for (const ending of ENDINGS)
        for (const text of [
          `${adjective}ん${ending}`,
          `${adjective}ん ${ending}`,
          `これで ${adjective}ん${ending}`,
        ]) {
          const segs = lex.segment(text).map((s) => [s.text, s.kind === "stop"]);
          expect([text, nouns(text)]).toEqual([text, []]);
          expect(segs, text).toContainEqual([adjective, false]);
          expect(segs, text).toContainEqual(["ん", true]);
        }
  });

  it("leaves the noun where a case particle or a longer word follows (answerable twins)", () => {
    expect(nouns("いいんに なりたい")).toEqual(["委員"]);
    expect(nouns("いいん に なりたい")).toEqual(["委員"]);
    expect(nouns("いいんと")).toEqual(["委員"]);
    expect(nouns("いいんの")).toEqual(["委員"]);
    expect(nouns("いいんかいの")).toEqual(["委員会"]);
    expect(nouns("みんせいいいんに なりたい")).toEqual(["民生委員"]);
    expect(nouns("みんせいいいんです")).toEqual(["民生委員"]);
    expect(nouns("よいんに")).toEqual(["余韻"]);
  });
});
