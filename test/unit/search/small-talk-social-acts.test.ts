/**
 * Small talk as social acts (issue 11 point 2): a message whose every clause is thanks, a
 * greeting, a goodbye, a well-wish, news of the writer's own or a sign-off with the writer's
 * name is small talk however long it is and whatever it names; one asking clause, a need said
 * as a statement, or a bare topic the catalogue holds keeps it a search. Read as classes: the
 * words that stress thanks (誠に, 心より, 厚く), the dialects' words for 頑張る in every request
 * form (熊本弁 がまだす, 鹿児島・京都 きばる), news told in the past, a promise in spaced
 * writing, and a last line of names. Every message is written for this test (none is from a
 * seen set).
 */
import { describe, expect, it } from "vitest";
import { loadGazetteer } from "../../../src/knowledge/gazetteer.js";
import { loadVocabulary } from "../../../src/knowledge/vocabulary.js";
import { createMessageReader } from "../../../src/search/analysis.js";
import { decide, NO_MATCH_SIGNALS, type MatchSignals } from "../../../src/search/decision.js";
import { loadSearchEngine } from "../../../src/search/load-engine.js";

const vocabulary = loadVocabulary();
const read = createMessageReader(vocabulary, loadGazetteer());
const talk = (text: string) => read(text).smallTalk;
const engine = loadSearchEngine();

describe("news of the writer's own, told in the past", () => {
  it("is small talk beside thanks, whatever it names and however it is written", () => {
    for (const text of [
      "先日は 丁寧に 教えて くださり ありがとう ございました。 おかげで 無事に 申し込みが できました。",
      "ありがとうございました。昨日 娘と 一緒に 公民館の 体操に 行ってきました。とても 楽しかったです。",
      "ありがとね。今日は 畑で 大根ば 収穫したとよ。",
      "ありがとう。先週 引っ越しの 片付けが やっと 終わりました。",
      "ありがとうございました。さっそく 申込書を 出しました。",
      "どうもありがとう。孫に 手紙を 書きました😊",
    ])
      expect([text, talk(text)]).toEqual([text, "thanks"]);
  });

  it("is small talk beside a greeting too", () => {
    const text =
      "お世話になっております。先日 教えていただいた 講座に 参加しました。また よろしく お願いします。";
    expect([text, talk(text)]).toEqual([text, "greeting"]);
  });

  it("is not small talk with a question, a need, a past hope, or without the small talk", () => {
    for (const text of [
      "ありがとうございました。先日 講座に 参加しましたが、次は いつ ありますか",
      "ありがとうございました。先日 講座に 参加しました。次の 講座は ありますか？",
      "ありがとう。引っ越してから ずっと 話し相手を 探していました。",
      "ありがとう。近くに 集まる 場所が あれば よかったです。",
      "ありがとう。孫と 行ける 催しに 行きたかったです。",
      "先月 主人が 亡くなりました。",
      "東区に 引っ越して きました。",
    ])
      expect([text, talk(text)]).toEqual([text, null]);
  });
});

describe("words that stress thanks", () => {
  const stress = ["誠に", "まことに", "心より", "心から", "厚く", "深く", "重ねて"];

  it("has the class in the fillers", () => {
    expect(vocabulary.smallTalk?.fillers).toEqual(expect.arrayContaining(stress));
  });

  it("leaves what thanks is for before any of them, and a question after them still asks", () => {
    for (const w of stress) {
      const thanks = `ご丁寧に 教えて いただき ${w} ありがとう ございました。`;
      expect([thanks, talk(thanks)]).toEqual([thanks, "thanks"]);
      const asking = `${w} ありがとう ございます。 東区で 体操の 教室は ありますか`;
      expect([asking, talk(asking)]).toEqual([asking, null]);
    }
  });
});

describe("the dialects' words for 頑張る as a well-wish", () => {
  it("reads がまだす and きばる in every request form as a goodbye, beside one or alone", () => {
    for (const verb of ["がまだし", "きばっ", "気張っ"]) {
      const te = `${verb}て`;
      const forms = [te, `${te}ね`, `${te}ください`, `${te}はいよ`];
      if (verb === "がまだし") forms.push("がまだしなっせ", "がまだしなさい");
      for (const f of forms) {
        expect([f, talk(f)]).toEqual([f, "farewell"]);
        const bye = `わかったばい。そんならまたな。あんたも体に気ばつけて、${f}`;
        expect([bye, talk(bye)]).not.toEqual([bye, null]);
      }
    }
  });

  it("keeps a question that uses the verb a question", () => {
    for (const text of [
      "防災訓練ば がまだしよる 団体に 補助は なかですか",
      "がまだしなっせ と 言って くれる 人が おる 集まりは なかですか",
      "高齢者が きばって 参加できる 運動教室は ありますか",
    ])
      expect([text, talk(text)]).toEqual([text, null]);
  });
});

describe("a promise written with spaces between its words", () => {
  it("is read as the promise written without them", () => {
    for (const text of ["また お尋ね いたします", "また 相談させて ください", "また 伺い ます"])
      expect([text, talk(text)]).toEqual([text, "farewell"]);
    for (const text of ["防災の 講座に また 伺います", "子育ての こと 相談させて ください"])
      expect([text, talk(text)]).toEqual([text, null]);
  });
});

describe("a sign-off line after small talk", () => {
  it("reads a last line of names after small talk as a possible sign-off, never a line that says more", () => {
    for (const text of [
      "ありがとうございました。ひまわり会 田中",
      "助かりました！ 子ども会 役員 佐藤",
      "ありがとね〜 みなさんも風邪ひかんごつね　さくら食堂 中村",
    ])
      expect([text, read(text).signOff]).toEqual([text, "thanks"]);
    for (const text of [
      "ありがとうございました。ひまわり会の 集まりは ありますか",
      "ひまわり会 田中",
      "ありがとう。 講座を 探しています",
      "東区で体操の教室はありますか。 田中",
    ])
      expect([text, read(text).signOff]).toEqual([text, null]);
  });

  it("is small talk when nothing matches the line, a search when something does, refused when out of scope", () => {
    const signals = (over: Partial<MatchSignals>): MatchSignals => ({
      ...NO_MATCH_SIGNALS,
      signOff: "thanks",
      ...over,
    });
    expect(decide(signals({}))).toEqual({ kind: "small-talk", smallTalk: "thanks" });
    expect(decide(signals({ hits: 3, subjectMatched: true, covered: true, strong: true }))).toEqual({
      kind: "answer",
    });
    expect(decide(signals({ outOfScope: "住民票・証明書" }))).toMatchObject({ kind: "refuse" });
    expect(decide(signals({ signOff: null }))).toEqual({ kind: "refuse", reason: "no-match" });
  });

  it("answers a terse topic after thanks and replies to a name after it as small talk (the engine)", () => {
    const named = engine.search("ありがとね〜 たすかったばい😊 また聞くけん　ゆうやけ食堂 山下");
    expect(named.decision).toEqual({ kind: "small-talk", smallTalk: "thanks" });
    expect(named.results).toEqual([]);
    const topic = engine.search("ありがとうございました。 防災 補助金");
    expect(topic.decision.kind).toBe("answer");
    expect(topic.results.length).toBeGreaterThan(0);
    expect(engine.search("ありがとう。 住民票").decision).toMatchObject({
      kind: "refuse",
      reason: "out-of-scope",
    });
  });
});
