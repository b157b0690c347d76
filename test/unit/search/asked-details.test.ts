/**
 * What a question asks for (detail-cues.ts `createAskedDetails`), read alike from a resident's
 * message and from an FAQ's question: the vocabulary's detail questions and unheld details.
 */
import { describe, expect, it } from "vitest";
import { createAskedDetails } from "../../../src/search/detail-cues.js";
import { loadVocabulary } from "../../../src/knowledge/vocabulary.js";

describe("createAskedDetails", () => {
  const vocabulary = loadVocabulary();
  const asked = createAskedDetails(vocabulary);

  it("reads every detail question's cues as its kind, in any width", () => {
    for (const d of vocabulary.detailQuestions)
      for (const cue of d.cues) expect(asked(`保育園の${cue}を知りたい`), cue).toContain(d.kind);
    expect(asked("ﾎｲｸｴﾝの電話番号")).toEqual(["contact"]);
  });

  it("reads the unheld details' cues as their topics", () => {
    for (const d of vocabulary.unheldDetails)
      for (const cue of d.cues) expect(asked(`${cue}？`), cue).toContain(d.topic);
  });

  it("reads the question words and nouns for a place, a person and a price, not 誰か or 誰でも", () => {
    expect(asked("保育担当課はどこですか")).toEqual(["place"]);
    expect(asked("保育担当課の場所を教えてください")).toEqual(["place"]);
    expect(asked("副市長は誰ですか")).toEqual(["who"]);
    expect(asked("担当はどなたですか")).toEqual(["who"]);
    expect(asked("誰か相談できる人はいますか")).toEqual([]);
    expect(asked("誰でも参加できますか")).toEqual([]);
    expect(asked("一時預かりの料金はいくら")).toEqual(["cost"]);
    expect(asked("不妊治療の費用")).toEqual(["cost"]);
  });

  it("finds nothing asked in a question that names only a thing", () => {
    expect(asked("保育園の申し込みについて教えてください")).toEqual([]);
    expect(asked("")).toEqual([]);
  });
});
