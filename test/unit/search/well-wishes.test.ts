/**
 * Closings and well-wishes, and remarks on the weather in 熊本弁, read as a class (issue 11
 * point 2): a well-wish is a request addressed to the reader about their own health or care
 * (お体に気をつけて, ご自愛ください, 無理せんでね), not a request for a service. Written for
 * this test, in standard Japanese, 熊本弁, kana only and English; each has a twin that asks for
 * a program with the same words and stays a question.
 */
import { describe, expect, it } from "vitest";
import { loadGazetteer } from "../../../src/knowledge/gazetteer.js";
import { loadVocabulary } from "../../../src/knowledge/vocabulary.js";
import { createMessageReader, negativeRequestForms } from "../../../src/search/analysis.js";
import { createDialectReader } from "../../../src/search/dialect.js";
import { createTokenizer } from "../../../scripts/build-search-index.js";
import { toHiragana } from "../../../src/search/normalise.js";

const vocabulary = loadVocabulary();
const read = createMessageReader(vocabulary, loadGazetteer());
const talk = (text: string) => read(text).smallTalk;

describe("well-wishes and closings", () => {
  it("reads a wish for the reader's health as small talk, with whom it is for and what to beware of", () => {
    for (const text of [
      // Standard Japanese: addressed to the reader (皆様も, 区役所の皆さんも, スタッフの方も).
      "皆様もどうぞご自愛ください",
      "区役所の皆さんも体に気をつけてください",
      "職員の皆さんもお体に気をつけて",
      "スタッフの方もご無理なさらず",
      "季節の変わり目ですので体調に気をつけてください",
      "熱中症に気をつけてくださいね",
      "どうぞお体を大切になさってください",
      "無理しないでくださいね",
      // 熊本弁: てはいよ, なっせ, せんで, しなはんな, おんなっせ.
      "区役所の皆さんも体に気ぃつけてはいよ",
      "無理せんでね",
      "無理しなはんなよ",
      "あんたも元気でおんなっせ",
      // Kana only, spaced as kana-only writers space.
      "おからだに きをつけて ください",
      "ごじあい ください",
      "むりしないでね",
      "みなさんも きをつけてね",
      // English.
      "Take care!",
      "Take care of yourself",
      "Stay safe and healthy",
      "Please take care of your health",
    ])
      expect([text, talk(text)]).toEqual([text, "farewell"]);
  });

  it("keeps a question that names a program's thing beside the same words a question", () => {
    for (const text of [
      "区役所の皆さんに防災の講座をしてほしい",
      "熱中症に気をつける講座はありますか",
      "体に気をつけて運動できる教室はありますか",
      "スタッフの方も参加できるイベントはありますか",
      "むりしないで できる たいそうは ありますか",
      "無理せんでできる運動の教室はなかですか",
      "Where can I learn to take care of my health?",
      "子どもが迷子にならないように見守りの活動はありますか",
    ])
      expect([text, talk(text)]).toEqual([text, null]);
  });

  it("reads every wish's negative request forms and kana reading as the wish", async () => {
    expect(negativeRequestForms("無理しないで")).toEqual(
      expect.arrayContaining(["無理せんでね", "無理しなはんな", "無理せずに"]),
    );
    // Each wish written in kanji is also read in kana: its reading from the IPADIC dictionary
    // (kuromoji's), so a wish added in kanji alone fails here.
    const tk = await createTokenizer();
    const wishes = vocabulary.smallTalk?.wellWishes?.wishes ?? [];
    const kanji = wishes.filter((w) => /[\u3400-\u9fff]/u.test(w));
    expect(kanji.length).toBeGreaterThan(5);
    for (const wish of kanji) {
      const kana = tk
        .tokenize(wish)
        .map((t) => (t.reading && t.reading !== "*" ? toHiragana(t.reading) : t.surface_form))
        .join("");
      expect([wish, kana, talk(`${kana}ね`)]).toEqual([wish, kana, "farewell"]);
    }
  }, 30_000);
});

describe("remarks on the weather and the season in 熊本弁", () => {
  it("reads a remark on the heat or cold with what the writer is doing as small talk", () => {
    for (const text of [
      "今日はぬっかなあ〜 作業場におったら汗だくたい",
      "今日はぬっかですなあ お宮の掃除も汗だくですたい",
      "今日も暑かなあ 畑仕事も汗だくたい",
      "寒かねー 朝から手のかじかむばい",
      "今日は冷えるねえ 洗濯物の乾かんたい",
      "だいぶ涼しゅうなったですね",
      "暑かけん体に気ぃつけなっせ",
      // A prayer for the reader after a remark on the season.
      "寒くなりましたので風邪などひかれませんように",
      "蒸し暑かですね 梅雨はいやですなあ",
      "きょうは あついですね",
      "It's raining a lot today",
      "What a lovely day",
    ])
      expect([text, talk(text)]).toEqual([text, "weather"]);
  });

  it("keeps a need or a question said beside the weather a question", () => {
    for (const text of [
      "今日はぬっかなあ 子どもの遊び場はなかですか",
      "暑かけん涼しか場所で運動できる教室はなかかな",
      "寒かねー 公民館の講座に行きたか",
      "今日は暑かね 作業場の見学ばしたか",
    ])
      expect([text, talk(text)]).toEqual([text, null]);
  });

  it("reads おった as いた, せん as しない, おんなっせ as いなさい", () => {
    const standard = createDialectReader(() => false);
    expect(standard("作業場におったら汗だく")).toBe("作業場にいたら汗だく");
    expect(standard("無理せんでね")).toBe("無理しないでね");
    expect(standard("元気でおんなっせ")).toBe("元気でいなさい");
  });
});
