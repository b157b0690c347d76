/** A service the asking clause asks for that programs never offer: a live status (issue 11). */
import { describe, expect, it } from "vitest";
import { loadVocabulary } from "../../../src/knowledge/vocabulary.js";
import { createServiceReader } from "../../../src/search/asked-service.js";

const vocabulary = loadVocabulary();
const asked = createServiceReader(vocabulary);
const topic = vocabulary.liveStatus!.topic;

describe("asked service", () => {
  it("reads a question for what is open, running or issued right now as a live status", () => {
    for (const head of [
      "今日開いてる避難所はどこですか",
      "今、避難所は開いてますか？",
      "災害ボランティアセンターは今どこで受付してますか",
      "今夜の大雨、うちの地区に避難指示は出とると?",
      "いま 開設されている ところは どこですか",
    ])
      expect([head, asked(head)]).toEqual([head, topic]);
  });

  it("needs both a moment and a state in the asking clause", () => {
    for (const head of [
      // A state without this moment: a program's opening (花のまちカフェ) is the catalogue's.
      "幸田の花のまちカフェって、いつでん開いとると？",
      // A moment without a state, or a compound that names no moment (今年, 今度).
      "今年も防災訓練はありますか",
      "今も見守りは続いてますか",
      "今年の区民まつりは開設されますか",
      // Kana inside other words is no moment (住んでいます, きょうしつ).
      "住んでいます。開設の予定の教室はありますか",
      "きょうしつは開いてますか",
      "",
    ])
      expect([head, asked(head)]).toEqual([head, null]);
  });

  it("never refuses without the vocabulary's cues", () => {
    expect(createServiceReader({})("今日開いてる避難所はどこですか")).toBeNull();
  });
});
