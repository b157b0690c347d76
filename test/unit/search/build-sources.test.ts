/** Maintained sources the index builder uses (issue 11): Sudachi synonyms, the character TF-IDF baseline. */
import { describe, expect, it } from "vitest";
import { sudachiLoanwords, sudachiSynonyms } from "../../../scripts/build-search-index.js";
import { charNgrams, createCharTfidf } from "../../../src/search/char-tfidf.js";
import { loadPrebuiltIndex, loadSearchEngine } from "../../../src/search/load-engine.js";

const item = (midashi: string, expandControl: 0 | 1 | 2 = 0, taigenYogen = "体言") => ({
  midashi,
  expandControl,
  taigenYogen,
});

describe("Sudachi synonyms filtered to the catalogue", () => {
  it("keeps groups that lead from a resident's word to a catalogue word, nouns only", () => {
    const corpus = new Set(["会議", "不安"]);
    const groups = [
      { id: "1", items: [item("会議"), item("ミーティング"), item("打ち合わせ", 1), item("mtg")] },
      { id: "2", items: [item("猫"), item("ねこ")] },
      { id: "3", items: [item("不安"), item("心配", 2), item("懸念")] },
      { id: "4", items: [item("会議"), item("会す", 0, "用言")] },
    ];
    expect(sudachiSynonyms(groups, corpus)).toEqual([
      // 打ち合わせ never triggers (expandControl 1), mtg is Latin, 心配 is deleted (2).
      { from: ["ミーティング"], to: ["会議"] },
      { from: ["懸念"], to: ["不安"] },
    ]);
  });

  it("is part of the committed index, and its words reach catalogue words at a lower weight", () => {
    const groups = loadPrebuiltIndex().synonyms ?? [];
    expect(groups.length).toBeGreaterThan(50);
    const meeting = groups.find((g) => g.from.includes("ミーティング"));
    expect(meeting?.to).toContain("会議");
    const words = loadSearchEngine().analyse("懸念").words;
    expect(words[0]?.expansions).toContain("不安");
  });
});

describe("English loanwords from Sudachi's alphabet spellings, filtered to the catalogue", () => {
  const spelt = (
    midashi: string,
    vocabularyNumber: number,
    hyoukiYure: string,
    expandControl: 0 | 1 | 2 = 0,
  ) => ({
    ...item(midashi, expandControl),
    vocabularyNumber,
    hyoukiYure,
  });
  it("pairs a word's alphabet spelling with its katakana spelling the catalogue writes", () => {
    const corpus = new Set(["センター", "中央", "サポート", "サポ"]);
    const groups = [
      {
        id: "1",
        items: [
          spelt("中央", 1, "代表表記"),
          spelt("センター", 2, "代表表記"),
          spelt("center", 2, "アルファベット表記"),
          spelt("centre", 2, "アルファベット表記"),
        ],
      },
      // The representative spelling first; another word's alphabet spelling is not this one's.
      {
        id: "2",
        items: [
          spelt("サポ", 1, "異表記・表記ゆれ"),
          spelt("サポート", 1, "代表表記"),
          spelt("support", 1, "アルファベット表記"),
          spelt("アシスト", 2, "代表表記"),
          spelt("assist", 2, "アルファベット表記"),
        ],
      },
      // A word the catalogue never writes, a deleted item, a hyphenated spelling: none.
      { id: "3", items: [spelt("フード", 1, "代表表記"), spelt("food", 1, "アルファベット表記")] },
      { id: "4", items: [spelt("センター", 1, "代表表記"), spelt("centr", 1, "アルファベット表記", 2)] },
      { id: "5", items: [spelt("センター", 1, "代表表記"), spelt("cen-ter", 1, "アルファベット表記")] },
    ];
    expect(sudachiLoanwords(groups, corpus)).toEqual({
      center: "センター",
      centre: "センター",
      support: "サポート",
    });
  });
});

describe("character 2–4-gram TF-IDF baseline", () => {
  it("makes 2-, 3- and 4-grams and ranks the closest text first", () => {
    expect(charNgrams("防災訓練")).toEqual(["防災", "災訓", "訓練", "防災訓", "災訓練", "防災訓練"]);
    const t = createCharTfidf({ a: "防災訓練の日程", b: "子育て相談の窓口", c: "防災マップ" });
    expect(t.rank("防災訓練はいつ")[0]).toBe("a");
    expect(t.rank("子育ての相談")[0]).toBe("b");
  });
});
