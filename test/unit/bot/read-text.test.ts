/**
 * readText: a typed message becomes the same action a button sends, decided on the whole
 * message with the search engine's one reading of it; the ward it names is found once.
 */
import { describe, expect, it } from "vitest";
import { normaliseUtterance, readText } from "../../../src/bot/read-text.js";
import { realSearch } from "../../helpers/bot-fixtures.js";

const engine = realSearch();
const read = (t: string) => readText(t, engine.analyseMessage(t));

describe("readText", () => {
  it.each([
    ["使い方", "help"],
    ["ヘルプ", "help"],
    ["こんにちは！", "help"],
    ["ＨＥＬＬＯ", "help"],
    ["メニュー", "help"],
    ["こんにちはー", "help"],
    ["文字を大きく", "large-text"],
    ["文字をふつうに", "large-text"],
    ["文字の大きさ", "large-text-toggle"],
    ["設定", "settings"],
    ["受信設定", "settings"],
    ["区をえらぶ", "ward-picker"],
    ["東区役所はどこ？", "office"],
    ["区役所の場所", "office"],
    ["イベント", "events"],
    ["今月の予定", "events"],
    ["東区の催し", "events"],
    ["防災", "topic"],
    ["地域活動", "topic"],
    ["子育ての取組", "topic"],
    ["東区に住んでいます", "ward-statement"],
    ["862-0950", "ward-statement"],
    ["〒８６２−０９５０", "ward-statement"],
    // A topic asked for as such gets the topic's list: the same count as its button.
    ["防災の取組はありますか", "topic"],
    ["防災の講座はありますか", "search"],
    ["子どもと一緒に行けるお祭りってある？", "search"],
    ["ありがとう", "small-talk"],
    ["👍", "small-talk"],
  ])("%s → %s", (text, kind) => {
    expect(read(text).action.kind).toBe(kind);
  });

  it("a ward name, its reading or a place typed alone says where the resident lives", () => {
    for (const [text, ward] of [
      ["中央区", "中央区"],
      ["ひがしく", "東区"],
      ["秋津", "東区"],
      ["植木です", "北区"],
    ] as const) {
      const a = read(text).action;
      expect(a.kind, text).toBe("ward-statement");
      if (a.kind === "ward-statement") expect(a.found.kind === "ward" && a.found.ward, text).toBe(ward);
    }
  });

  it("where I live plus a question: the statement, and the question to answer", () => {
    const i = read("秋津に住んでます。子育ての支援は？");
    expect(i.livesIn?.kind === "ward" && i.livesIn.ward).toBe("東区");
    expect(i.action.kind).toBe("search");
    if (i.action.kind === "search") expect(i.action.query).toContain("子育て");
  });

  it("the intent is the whole message's: a keyword alone does not decide", () => {
    // Names who it is for: a question for the programs, not the events list.
    expect(read("外国人向けのイベントはありますか").action.kind).toBe("search");
    expect(read("子どもが参加できる防災のイベントは東区でありますか、教えてください").action.kind).toBe(
      "search",
    );
  });

  it("the ward the request names travels with it (found once)", () => {
    expect(read("西区の地域活動")).toMatchObject({
      ward: "西区",
      action: { kind: "topic", topic: "chiiki" },
    });
    expect(read("東区の催し")).toMatchObject({ ward: "東区", action: { kind: "events" } });
    expect(read("今月の予定")).toMatchObject({ thisMonth: true });
  });

  it("distinguishes larger and normal text", () => {
    expect(read("文字を大きくして").action).toEqual({ kind: "large-text", on: true });
    expect(read("文字を小さく").action).toEqual({ kind: "large-text", on: false });
  });

  it("normalises width, control characters and trailing punctuation", () => {
    expect(normaliseUtterance("  ヘルプ！！\u0007 ")).toBe("ヘルプ");
    expect(read("\u0000").action.kind).toBe("empty");
  });
});
