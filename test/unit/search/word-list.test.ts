/**
 * A message written as a list of words, not a sentence (word-list.ts), and how the engine reads
 * one (issue 11 points 1 and 3): a piece the catalogue knows nothing of is left out, so the rest
 * decides, and a short question that names who a program serves (子ども, 高齢者) may be held by
 * the program's phrasings — both shown as the closest programs with a choice, never refused for
 * it. A sentence that names a thing the catalogue lacks is still refused.
 */
import { describe, expect, it } from "vitest";
import { loadSearchEngine } from "../../../src/search/load-engine.js";
import { wordListPieces } from "../../../src/search/word-list.js";

describe("wordListPieces", () => {
  it("reads pieces apart, with no particle among them, as a list", () => {
    expect(wordListPieces("リハビリ 教室 中央区")).toEqual(["リハビリ", "教室", "中央区"]);
    expect(wordListPieces("中央区 防災講座 子連れok?")).toEqual(["中央区", "防災講座", "子連れok"]);
    expect(wordListPieces("西区フェスタ 什么时候?いつ?")).toEqual(["西区フェスタ", "什么时候いつ"]);
    // A question word on its own asks; kana written after kanji inside a word are no particle.
    expect(wordListPieces("北区 こどもまつり いつ?")).toEqual(["北区", "こどもまつり", "いつ"]);
    expect(wordListPieces("見守り 高齢者")).toEqual(["見守り", "高齢者"]);
  });

  it("reads a sentence as a sentence: one piece, a particle after a word or alone, too many pieces", () => {
    for (const sentence of [
      "東区の子ども食堂",
      "リハビリ教室",
      "東区の 子ども食堂",
      "インフルエンザの予防接種 高齢者は無料ですか?",
      "びょういん で かんこくご はなせる ところ ありますか",
      "いつも お世話に なって おります",
      "北区 で 防災 の 講座 は あり ます か",
    ])
      expect([sentence, wordListPieces(sentence)]).toEqual([sentence, null]);
  });
});

describe("reading loosely (the engine)", () => {
  const engine = loadSearchEngine();
  const decided = (q: string) => [q, engine.search(q).decision.kind];

  it("shows the closest programs for a ward and who they are for, named only in the programs' phrasings", () => {
    for (const q of ["西区 子ども", "西区で高齢者の集まり"])
      expect(decided(q)).toEqual([q, "answer-with-choice"]);
    // A thing a sentence names that no program holds is still what is missing.
    for (const q of ["東区の子ども食堂", "東区 子ども食堂", "北区 バスツアー"])
      expect(decided(q)).toEqual([q, "refuse"]);
  });

  it("leaves out a piece of a word list the catalogue knows nothing of; the other pieces decide", () => {
    const r = engine.search("中央区 健康 ピラティス");
    expect(r.decision.kind).toBe("answer-with-choice");
    expect(r.results.slice(0, 3).map((h) => h.id)).toContain("chuo-m-14");
    // Written as one word, or with a piece the catalogue knows a part of, it names one thing: refused.
    for (const q of ["中央区の健康ピラティス", "山鹿灯籠まつり いつ", "北区 花火大会"])
      expect(decided(q)).toEqual([q, "refuse"]);
  });
});
