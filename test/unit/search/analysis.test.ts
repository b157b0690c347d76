/** Reading a message as a person does: clauses, the asked part, context, small talk, scripts (issue 11). */
import { describe, expect, it } from "vitest";
import { loadGazetteer } from "../../../src/knowledge/gazetteer.js";
import { loadVocabulary } from "../../../src/knowledge/vocabulary.js";
import { createMessageReader } from "../../../src/search/analysis.js";

const read = createMessageReader(loadVocabulary(), loadGazetteer());

describe("message analysis", () => {
  it("splits sentences and finds the asking part; the rest is context", () => {
    const a = read("車の運転をやめました。南区でウォーキングの催しはありますか");
    expect(a.clauses).toEqual(["車の運転をやめました。", "南区でウォーキングの催しはありますか"]);
    expect(a.asked).toBe("南区でウォーキングの催しはありますか");
    expect(a.context).toEqual(["車の運転をやめました。"]);
    expect([a.ward, a.wardSource]).toEqual(["南区", "query"]);
    expect(a.smallTalk).toBeNull();
  });

  it("splits voice input and spaced polite messages at predicate endings and conjunctions", () => {
    const spaced = read("80歳です 南区に住んでいます 何か運動の教室はありますか");
    expect(spaced.clauses).toEqual(["80歳です", "南区に住んでいます", "何か運動の教室はありますか"]);
    expect(spaced.asked).toBe("何か運動の教室はありますか");
    expect(spaced.audiences).toContain("高齢者");

    const voice = read("ごみ出しが大変になってきたけど地域の見守り活動はありますか");
    expect(voice.asked).toBe("地域の見守り活動はありますか");
    expect(voice.context).toEqual(["ごみ出しが大変になってきたけど"]);
    // けん is 熊本弁 "because" only where it ends a word: not in けんこう.
    expect(read("ひがしく けんこう").clauses).toEqual(["ひがしく けんこう"]);
  });

  it("takes 熊本弁 endings and question marks as asking", () => {
    expect(read("夫が亡くなったけん一人たい。集まるとこはなかと？").asked).toBe("集まるとこはなかと?");
    expect(read("植木で暴力追放の大会ってあると？").asked).toBe("植木で暴力追放の大会ってあると?");
  });

  it("reads a described situation with no question as all asked", () => {
    const a = read("災害公営住宅に移ったけど周りに知り合いがいない");
    expect(a.asked).toBe("災害公営住宅に移ったけど 周りに知り合いがいない");
    expect(a.context).toEqual([]);
  });

  it("finds the ward through a place and the audiences the message names", () => {
    const a = read("秋津に住む70代です。孫と行けるイベントはありますか");
    expect([a.ward, a.wardSource, a.place]).toEqual(["東区", "place", "秋津"]);
    expect(a.audiences).toEqual(expect.arrayContaining(["高齢者", "子ども"]));
    // 子ども is named in the asked part, 高齢者 only in the context.
    expect(a.contextAudiences).toEqual(["高齢者"]);
  });

  it("recognises small talk of every kind, and only when nothing else is said", () => {
    const cases: [string, string][] = [
      ["ありがとう！助かったよ", "thanks"],
      ["おはようございます 今日はいい天気ですね", "greeting"],
      ["👍", "emoji"],
      ["はい", "yes"],
      ["いいえ", "no"],
      ["今日は暑かですね", "weather"],
      ["またね", "farewell"],
      ["了解です", "ack"],
      ["元気ですか？", "chat"],
      ["Thank you so much!", "thanks"],
      ["ありがとう👍", "thanks"],
    ];
    for (const [text, kind] of cases) expect([text, read(text).smallTalk]).toEqual([text, kind]);
    for (const text of [
      "こんにちは。防災の講座はありますか",
      "雨の日に子どもと遊べる場所はありますか",
      "何かありますか",
      "hiking",
      "ありがとう。ぼうさい",
    ])
      expect([text, read(text).smallTalk]).toEqual([text, null]);
  });

  it("reads romaji as kana and English topic words as the catalogue's words", () => {
    const romaji = read("bousai no kouza wa arimasu ka");
    expect(romaji.language).toBe("romaji");
    expect(romaji.readable).toBe("ぼうさいのこうざはありますか。");
    expect(romaji.contextAudiences).toEqual(["外国人"]);

    const english = read("Are there any disaster prevention classes in Higashi ward?");
    expect(english.language).toBe("en");
    expect(english.readable).toBe("防災 講座 東区？");
    expect(english.ward).toBe("東区");

    const place = read("I live in Akitsu. I want to join a walking event");
    expect([place.ward, place.place]).toEqual(["東区", "秋津"]);
    expect(place.asked).toBe("ウォーキング イベント？");

    // Japanese with a Latin word stays Japanese.
    expect(read("LINEの使い方を教えて").language).toBe("ja");
  });
});
