/** The decision (answer / answer-with-choice / refuse / small talk) as a pure function (issue 11). */
import { describe, expect, it } from "vitest";
import {
  decide,
  IN_SCOPE_SUBJECT_WORDS,
  MAX_CHOICE_TOPICS,
  NO_MATCH_SIGNALS,
  OUT_OF_SCOPE_HELD_WORDS,
  type MatchSignals,
} from "../../../src/search/decision.js";

const base: MatchSignals = {
  ...NO_MATCH_SIGNALS,
  hits: 5,
  subjectMatched: true,
  covered: true,
  strong: true,
  strongOwn: true,
  subjectWords: 1,
  topics: ["bousai", "kenko", "chiiki", "event"],
};

describe("decide", () => {
  it("reads an out-of-scope word of the situation as a detail when one program holds the asked part word for word: the closest programs, with a choice", () => {
    const held = {
      ...base,
      outOfScope: "医療・救急",
      strongMatch: true,
      subjectWords: OUT_OF_SCOPE_HELD_WORDS,
    };
    expect(decide(held).kind).toBe("answer-with-choice");
    // Asked by the clause that asks, it is what is wanted; and fewer words held, or a weak match, refuse.
    for (const twin of [
      { ...held, outOfScopeInHead: true },
      { ...held, subjectWords: OUT_OF_SCOPE_HELD_WORDS - 1 },
      { ...held, strongMatch: false },
      { ...held, strong: false },
    ])
      expect(decide(twin)).toEqual({ kind: "refuse", reason: "out-of-scope", outOfScope: "医療・救急" });
  });

  it("shows the closest programs for one need of several when its subject matched, however little is covered", () => {
    const weakNeed = { ...base, covered: false, strong: false, unnamedThing: "準備" };
    expect(decide(weakNeed)).toEqual({ kind: "refuse", reason: "no-match" });
    expect(decide({ ...weakNeed, oneOfSeveral: true }).kind).toBe("answer-with-choice");
    // Its subject must still match, and a topic of another desk is still refused.
    expect(decide({ ...weakNeed, oneOfSeveral: true, subjectMatched: false }).kind).toBe("refuse");
    expect(decide({ ...weakNeed, oneOfSeveral: true, outOfScope: "ごみ" }).kind).toBe("refuse");
  });

  it("answers a strong match", () => {
    expect(decide(base)).toEqual({ kind: "answer" });
  });

  it("small talk wins over everything, even when something matched", () => {
    expect(decide({ ...base, smallTalk: "thanks" })).toEqual({ kind: "small-talk", smallTalk: "thanks" });
    expect(decide({ ...base, smallTalk: "emoji", hits: 0, outOfScope: "税" })).toEqual({
      kind: "small-talk",
      smallTalk: "emoji",
    });
  });

  it("refuses an out-of-scope topic by name, before looking at matches", () => {
    expect(decide({ ...base, outOfScope: "ごみ・リサイクル" })).toEqual({
      kind: "refuse",
      reason: "out-of-scope",
      outOfScope: "ごみ・リサイクル",
    });
  });

  it("refuses a detail no program gives only when the thing it is asked of matches weakly", () => {
    const weak = { ...base, strong: false, strongOwn: false, unheldDetail: "対象の 年齢" };
    expect(decide(weak)).toEqual({ kind: "refuse", reason: "out-of-scope", outOfScope: "対象の 年齢" });
    // A program whose own text covers the question well is shown; its card says where to ask the rest.
    expect(decide({ ...weak, strong: true, strongOwn: true })).toEqual({ kind: "answer" });
    // Covered well only with its phrasings (how residents ask for it, not what it holds): refused.
    expect(decide({ ...weak, strong: true }).kind).toBe("refuse");
    // Where every question has an answer (FAQ sets), never.
    expect(decide({ ...weak, mayRefuse: false }).kind).not.toBe("refuse");
  });

  it("shows the closest programs with a choice when the best one holds the relational thing asked (a grant) and every word is the catalogue's", () => {
    const weak = { ...base, covered: false, strong: false, strongOwn: false, subjectWords: 1 };
    expect(decide(weak)).toEqual({ kind: "refuse", reason: "no-match" });
    expect(decide({ ...weak, askedHeld: true })).toEqual({
      kind: "answer-with-choice",
      topics: ["bousai", "kenko", "chiiki"],
    });
    // A thing the asking clause names that no program names is still what is missing.
    expect(decide({ ...weak, askedHeld: true, unnamedThing: "補聴器" }).kind).toBe("refuse");
  });

  it("refuses a detail no program of the catalogue gives at all (opening hours, a vacancy) however well the thing matches", () => {
    const hours = { ...base, unheldDetail: "あいている 時間や 休みの 日", unheldNowhere: true };
    for (const strength of [{}, { strong: true, strongOwn: true, strongMatch: true }])
      expect(decide({ ...hours, ...strength })).toEqual({
        kind: "refuse",
        reason: "out-of-scope",
        outOfScope: "あいている 時間や 休みの 日",
      });
    expect(decide({ ...hours, mayRefuse: false }).kind).not.toBe("refuse");
  });

  it("refuses a detail of things the catalogue names that no program names, however strongly the rest matched", () => {
    const detail = { ...base, unnamedDetail: "パスワード", unnamedThing: "パスワード" };
    for (const strength of [
      {},
      { strongMatch: true, subjectWords: 3 },
      { strong: false, strongOwn: false, covered: false, strongMatch: true },
    ])
      expect(decide({ ...detail, ...strength })).toEqual({ kind: "refuse", reason: "no-match" });
    // An unnamed thing that is no detail of a named one still yields to a strong match.
    expect(decide({ ...base, unnamedThing: "フォトグラフィー" })).toEqual({ kind: "answer" });
    expect(decide({ ...detail, mayRefuse: false }).kind).toBe("answer");
    expect(decide({ ...detail, smallTalk: "thanks" }).kind).toBe("small-talk");
  });

  it("refuses a service no program offers with where to ask, however well the thing it names matched", () => {
    const live = { ...base, notOffered: "いまの 開設・受付・発令の ようす" };
    expect(decide(live)).toEqual({
      kind: "refuse",
      reason: "out-of-scope",
      outOfScope: "いまの 開設・受付・発令の ようす",
    });
    // Small talk still wins; a set that never refuses still ranks.
    expect(decide({ ...live, smallTalk: "weather" }).kind).toBe("small-talk");
    expect(decide({ ...live, mayRefuse: false })).toEqual({ kind: "answer" });
  });

  it("refuses when nothing matched or the subject did not", () => {
    expect(decide({ ...base, hits: 0 })).toEqual({ kind: "refuse", reason: "no-match" });
    expect(decide({ ...base, subjectMatched: false })).toEqual({ kind: "refuse", reason: "no-match" });
  });

  it("refuses when the thing the asking clause names is not the catalogue's, unless the best program covers most of it", () => {
    const unnamed = { ...base, unnamedThing: "解体", strong: false };
    expect(decide(unnamed)).toEqual({ kind: "refuse", reason: "no-match" });
    // A strong match beats the strong score too: the thing is not there however well the rest matched.
    expect(decide({ ...unnamed, strongMatch: true })).toEqual({ kind: "refuse", reason: "no-match" });
    expect(decide({ ...unnamed, strong: true })).toEqual({ kind: "answer" });
    expect(decide({ ...unnamed, mayRefuse: false })).toEqual({ kind: "answer" });
  });

  it("refuses a question covered too little, unless its best program matched strongly: then a choice", () => {
    const thin = { ...base, covered: false, strong: false };
    expect(decide(thin)).toEqual({ kind: "refuse", reason: "no-match" });
    expect(decide({ ...thin, strongMatch: true })).toEqual({
      kind: "answer-with-choice",
      topics: base.topics.slice(0, MAX_CHOICE_TOPICS),
    });
    // A strong score never stands in for a subject that did not match at all.
    expect(decide({ ...thin, strongMatch: true, subjectMatched: false })).toEqual({
      kind: "refuse",
      reason: "no-match",
    });
  });

  it("shows a weakly covered question whose best program holds two of its specific words as the closest, with a choice", () => {
    // A long message: most of its words are its situation, so little is covered and nothing
    // scored strongly; but the best program holds two things it asks about (町内会, 補助金).
    const thin = { ...base, covered: false, strong: false, subjectWords: IN_SCOPE_SUBJECT_WORDS };
    expect(decide(thin)).toEqual({
      kind: "answer-with-choice",
      topics: base.topics.slice(0, MAX_CHOICE_TOPICS),
    });
    // One shared word is what a near miss has (花火大会 against a program's 大会): refused.
    expect(decide({ ...thin, subjectWords: IN_SCOPE_SUBJECT_WORDS - 1 })).toEqual({
      kind: "refuse",
      reason: "no-match",
    });
    // A thing the asking clause names that no program names is what is missing: refused.
    expect(decide({ ...thin, unnamedThing: "花火" })).toEqual({ kind: "refuse", reason: "no-match" });
    // The subject must have matched (not only verb forms or generic words).
    expect(decide({ ...thin, subjectMatched: false })).toEqual({ kind: "refuse", reason: "no-match" });
    // A topic of another desk is still refused by name.
    expect(decide({ ...thin, outOfScope: "ごみ" }).kind).toBe("refuse");
  });

  it("shows a question covered only when read loosely as the closest programs with a choice, never a plain answer", () => {
    // 「西区 子ども」: the best program's phrasings name the children it serves, its own text does
    // not; 「リハビリ 教室 中央区」: a piece of a word list the catalogue knows nothing of is left out.
    const loose = { ...base, strongOwn: false, looselyCovered: true };
    expect(decide(loose)).toEqual({
      kind: "answer-with-choice",
      topics: base.topics.slice(0, MAX_CHOICE_TOPICS),
    });
    expect(decide({ ...loose, strong: false }).kind).toBe("answer-with-choice");
    // Read loosely is still read: every refusal signal refuses as before.
    expect(decide({ ...loose, outOfScope: "ごみ" }).kind).toBe("refuse");
    expect(decide({ ...loose, subjectMatched: false }).kind).toBe("refuse");
    expect(decide({ ...loose, strong: false, unnamedThing: "食堂" }).kind).toBe("refuse");
    // Where every question has an answer, an answer.
    expect(decide({ ...loose, mayRefuse: false })).toEqual({ kind: "answer" });
  });

  it("offers a choice of the closest topics on a weak match in scope, never more than a short row", () => {
    const d = decide({ ...base, strong: false });
    expect(d).toEqual({ kind: "answer-with-choice", topics: base.topics.slice(0, MAX_CHOICE_TOPICS) });
  });

  it("never refuses for sets where every question has an answer, unless nothing matched", () => {
    const faq = { ...base, mayRefuse: false };
    expect(decide({ ...faq, outOfScope: "ごみ", subjectMatched: false, strong: false })).toEqual({
      kind: "answer",
    });
    expect(decide({ ...faq, hits: 0 })).toEqual({ kind: "refuse", reason: "no-match" });
  });
});
