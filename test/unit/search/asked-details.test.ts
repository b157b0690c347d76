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

  it("finds nothing asked in a question that names only a thing", () => {
    expect(asked("保育園の申し込みについて教えてください")).toEqual([]);
    expect(asked("")).toEqual([]);
  });
});
