/**
 * Closing promises read as a class (issue 11 point 2): a message made only of thanks, sign-offs,
 * well-wishes and a promise of a later act of the writer's own — asking, contacting or visiting
 * again, with no thing asked — is small talk. Written for this test (no message of any seen set),
 * in standard Japanese, polite letters, 熊本弁, kana only and English; each form has a twin that
 * asks with the same words and stays a question.
 */
import { describe, expect, it } from "vitest";
import { loadGazetteer } from "../../../src/knowledge/gazetteer.js";
import { loadVocabulary } from "../../../src/knowledge/vocabulary.js";
import { createMessageReader } from "../../../src/search/analysis.js";
import { createPromiseReader, promiseForms, verbForms } from "../../../src/search/promise.js";

const vocabulary = loadVocabulary();
const read = createMessageReader(vocabulary, loadGazetteer());
const talk = (text: string) => read(text).smallTalk;

describe("closing promises", () => {
  it("reads a promise to ask, contact or visit again, alone or after thanks, as small talk", () => {
    for (const text of [
      // A time word before the act (また, 今度, 改めて, 後日, その時は).
      "また連絡します",
      "また電話しますね",
      "また問い合わせます",
      "後日また電話します",
      "改めてお伺いいたします",
      "今度行ってみます",
      "今度の週末に行ってみようと思います",
      "また相談させていただきます",
      "近いうちにまた寄ります",
      "その時はまたご連絡いたします",
      // A condition on an indefinite thing (分からない事があったら, 何かあれば), with or without a time word.
      "分からない事があったら、また聞きます",
      "何かあればまた質問します",
      "困ったことがあったら相談します",
      "気になる点が出てきたらまたお尋ねします",
      "また何かありましたら、お伺いします",
      // Beside thanks, acknowledgements, well-wishes and sign-offs.
      "ありがとうございました。また分からないことがあったら聞きます",
      "丁寧に教えていただき感謝します。また何かあれば連絡します。失礼いたします",
      "了解です。今度行ってみます！",
      "わかりました、また調べてみます",
      "ありがとう。また使います。ではまた",
      "よろしくお願いします。それではまた",
      // 熊本弁 (けん → から, 分からん, の for が).
      "また聞くけん、よろしく",
      "わからんことのあったら、また聞きますけん",
      "ありがとね、また来るけんね",
      // Kana only.
      "また ききます",
      "こんど いってみます ありがとう",
      "また れんらくします",
      // English.
      "Thanks, I'll ask again later.",
      "Thank you! I will contact you again if I have any questions.",
      "OK, I'll check it out. Thanks!",
      "Got it, I'll try going there next time 😊",
      "I'll be in touch. Take care!",
    ])
      expect([text, talk(text)]).not.toEqual([text, null]);
  });

  it("keeps a message that asks beside a promise, or names what it will ask about, a question", () => {
    for (const text of [
      "また聞きますが、防災講座はありますか",
      "また聞きますが、子ども食堂はどこですか",
      "今度行ってみたいので教えて",
      "今度行ってみたいので場所を教えてください",
      "また連絡したいので電話番号を教えて",
      "また聞きたいことがあるんですが、高齢者の集まりはありますか",
      "今度、防災講座に行ってみます。いつありますか",
      "今度子ども食堂に行ってみたいです",
      "また相談できる窓口はありますか",
      "分からないことがあったらどこに聞けばいいですか",
      "また連絡しますか？",
      "今度の祭りに行ってみます。駐車場はありますか",
      "ありがとう。また聞きます。ところで西区の清掃活動はいつですか",
      "I'll ask again: is there a disaster class in Chuo-ku?",
      "I'll visit next time, where is the kids' cafeteria?",
    ])
      expect([text, talk(text)]).toEqual([text, null]);
  });

  it("writes a verb's promise forms from its dictionary form", () => {
    expect(promiseForms(verbForms("聞く"))).toEqual(
      expect.arrayContaining(["聞きます", "聞いてみます", "お聞きします"]),
    );
    expect(promiseForms(verbForms("行く"))).toEqual(
      expect.arrayContaining(["行きます", "行ってみます", "行こうと思います"]),
    );
    expect(promiseForms(verbForms("伺う"))).toEqual(expect.arrayContaining(["伺います", "お伺いします"]));
    expect(promiseForms(verbForms("連絡する"))).toEqual(
      expect.arrayContaining([
        "連絡します",
        "ご連絡いたします",
        "連絡させていただきます",
        "連絡しようと思います",
      ]),
    );
    expect(promiseForms(verbForms("尋ねる", true))).toEqual(
      expect.arrayContaining(["尋ねます", "お尋ねします"]),
    );
    expect(promiseForms(verbForms("来る"))).toEqual(expect.arrayContaining(["来ます", "来てみます"]));
  });

  it("reads no promise without the vocabulary's class, nor an act that is not for later", () => {
    const none = createPromiseReader(undefined);
    expect(none.isPromise("また聞きます")).toBe(false);
    const promises = createPromiseReader(vocabulary.smallTalk?.promises);
    // An act with nothing that puts it later is not read as a promise on its own.
    expect(promises.isPromise("連絡します")).toBe(false);
    expect(promises.isPromise("連絡します", true)).toBe(true);
    // An indefinite thing with no condition after it is the act's object.
    expect(promises.isPromise("また分からない事を聞きます")).toBe(false);
    expect(promises.isCondition("困ったことがあったら")).toBe(true);
    expect(promises.isCondition("防災のことがあったら")).toBe(false);
  });
});
