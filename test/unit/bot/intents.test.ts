/** classifyText: the fixed phrases residents type (help, text size, settings, ward, office, events) versus questions for the search engine. */
import { describe, expect, it } from "vitest";
import { classifyText, normaliseUtterance } from "../../../src/bot/intents.js";

describe("classifyText", () => {
  it.each([
    ["使い方", "help"],
    ["ヘルプ", "help"],
    ["こんにちは！", "help"],
    ["ＨＥＬＬＯ", "help"],
    ["メニュー", "help"],
    ["こんにちはー", "help"],
    ["文字を大きく", "large-text"],
    ["文字をふつうに", "large-text"],
    ["設定", "settings"],
    ["受信設定", "settings"],
    ["区をえらぶ", "ward-picker"],
    ["東区役所はどこ？", "office"],
    ["イベント", "events"],
    ["今月の予定", "events"],
    ["東区の催し", "events"],
    ["東区に住んでいます", "ward-statement"],
    ["862-0950", "ward-statement"],
    ["〒８６２−０９５０", "ward-statement"],
    ["防災の取組はありますか", "search"],
    ["子どもと一緒に行けるお祭りってある？", "search"],
  ])("%s → %s", (text, kind) => {
    expect(classifyText(text).kind).toBe(kind);
  });

  it("distinguishes larger and normal text", () => {
    expect(classifyText("文字を大きくして")).toEqual({ kind: "large-text", on: true });
    expect(classifyText("文字を小さく")).toEqual({ kind: "large-text", on: false });
  });

  it("「今月」 limits events to this month", () => {
    expect(classifyText("今月の予定")).toEqual({ kind: "events", thisMonth: true });
    expect(classifyText("イベント")).toEqual({ kind: "events", thisMonth: false });
  });

  it("a long question that mentions an event word is still a question", () => {
    expect(classifyText("子どもが参加できる防災のイベントは東区でありますか、教えてください").kind).toBe(
      "search",
    );
  });

  it("normalises width, control characters and trailing punctuation", () => {
    expect(normaliseUtterance("  ヘルプ！！\u0007 ")).toBe("ヘルプ");
    expect(classifyText("\u0000").kind).toBe("search");
  });
});
