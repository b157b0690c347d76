/**
 * Closings read as a class (issue 11 point 2): a message whose sentences are thanks, greetings,
 * well-wishes, closings, the writer's name or place, or the writer's own plans — with no asking
 * part — is small talk, in polite letters, casual Japanese, dialects, English and the languages
 * of foreign residents. And the other way round: the same closings around a message that asks, or
 * that states a need as a statement (I am looking for …, 〜を探しています), never make it small
 * talk. Every message is written for this test (none is from a seen set).
 */
import { describe, expect, it } from "vitest";
import { loadGazetteer } from "../../../src/knowledge/gazetteer.js";
import { SMALL_TALK_LANGUAGES } from "../../../src/knowledge/small-talk-languages.js";
import { loadVocabulary } from "../../../src/knowledge/vocabulary.js";
import { createMessageReader, humbleForms } from "../../../src/search/analysis.js";

const vocabulary = loadVocabulary();
const read = createMessageReader(vocabulary, loadGazetteer());
const talk = (text: string) => read(text).smallTalk;
const latin = (p: string) => /^[a-z]/iu.test(p);

describe("closings of letters and messages", () => {
  const closings = vocabulary.smallTalk?.closings?.phrases ?? [];

  it("has a class of closings: 結語, valedictions and the dialects' goodbyes", () => {
    expect(closings).toEqual(
      expect.arrayContaining(["敬具", "かしこ", "kind regards", "cheers", "したっけ"]),
    );
  });

  it("reads every closing after thanks as small talk, and never one after a question", () => {
    for (const p of closings) {
      const [thanks, question] = latin(p)
        ? ["Thank you so much.", "Is there a disaster drill in Kita-ku?"]
        : ["ありがとうございました。", "北区で防災訓練はありますか。"];
      expect(talk(`${thanks} ${p}`), p).not.toBeNull();
      expect(talk(`${question} ${p}`), p).toBeNull();
    }
  });

  it("reads every foreign language's goodbye and closing after its thanks as small talk", () => {
    for (const language of SMALL_TALK_LANGUAGES) {
      const thanks = language.phrases.thanks?.[0];
      if (!thanks) continue;
      for (const p of language.phrases.farewell ?? []) {
        expect(talk(`${thanks}! ${p}`), `${language.code}: ${p}`).not.toBeNull();
        // An English question between them is still asked.
        expect(
          talk(`${thanks}! Is there a Japanese class in Chuo-ku? ${p}`),
          `${language.code}: ${p}`,
        ).toBeNull();
      }
    }
  });

  it("writes a set phrase in お〜します in its most humble form too (お願い申し上げます)", () => {
    expect(humbleForms("よろしくお願いします")).toEqual([
      "よろしくお願いします",
      "よろしくお願いいたします",
      "よろしくお願い申し上げます",
    ]);
    // Only after お or ご and a noun: 失礼申し上げます is no phrase.
    expect(humbleForms("失礼します")).toEqual(["失礼します", "失礼いたします"]);
  });
});

describe("small talk is small talk", () => {
  it("reads messages made only of thanks, wishes, closings, names and plans as small talk", () => {
    for (const text of [
      // Polite letters: a prayer in 〜ませんよう, 〜お過ごしくださいませ, 申し上げます, 結語.
      "丁寧なご説明ありがとうございました。寒くなりますので 皆様も お風邪など 召されませんよう。敬具",
      "ありがとうございました 今後とも よろしくお願い申し上げます",
      "ありがとうございました。皆様も お元気で お過ごしくださいませ",
      "心より 感謝申し上げます",
      // A condition written apart from its formal noun (わからない ことが あったら) and a promise.
      "ありがとうございました。 また わからない ことが あったら 聞きます。",
      // The sender line: a name or a place and より.
      "いろいろ ありがとうございました。 山田より",
      "ありがとうございました 水前寺より 感謝を込めて",
      // Casual and dialect goodbyes.
      "ありがとう！ほなね",
      "助かりました〜 そんじゃまた",
      // English valedictions, with a name or a place after them and whom the wish is for.
      "Thanks a lot for your help. Kind regards, Anna",
      "Many thanks! All the best to everyone at the city office. Cheers, Tom",
      "Thank you! Best wishes from Higashi-ku",
      // Other languages' closes.
      "¡Muchas gracias! Saludos cordiales desde Kumamoto",
      "Muito obrigado! Abraços",
      "Merci beaucoup, cordialement",
      "Vielen Dank! Viele Grüße",
      "Terima kasih banyak. Salam hangat",
      "Cảm ơn nhiều. Trân trọng",
      "谢谢！祝好",
    ])
      expect(talk(text), text).not.toBeNull();
  });

  it("never reads a message that asks or states a need as small talk, whatever closes it", () => {
    for (const text of [
      "ありがとうございました。防災の講座はありますか。敬具",
      "今後とも よろしくお願い申し上げます。 高齢者の 体操教室は ありますか",
      "皆様も お元気で お過ごしください。 ところで 北区の 健康教室は いつですか",
      "ありがとうございます。 わからない ことが あったら どこに 聞けば いいですか",
      "ありがとうございました。地震に 備える ために 何を すれば いいか 教えて くださいませ",
      "感謝を込めて 質問します。 子育てサロンは どこですか",
      // A need said as a statement or a wish.
      "お世話になります。 子ども食堂を 探しています。 山田より",
      "いつも ありがとうございます。 近所に 知り合いが いなくて さみしいです。 敬具",
      "ありがとう。さっそく 防災講座に 申し込みたいです。したっけね",
      "ありがとう。 歩く 会に 入りたいと 思って います。 ほなね",
      // English and Spanish: questions, "I am looking for", "we want to".
      "Thanks! Is there a health check in Kita-ku? Regards",
      "Thanks. I am looking for a Japanese class for my kids. Kind regards, Anna",
      "Thank you. We want to join a disaster drill in Higashi-ku. Cheers, Tom",
      "Thanks! I want to find a place where my kids can play. Best regards",
      "Have a nice day. We are looking for volunteer activities in Chuo-ku. Cheers",
      "Muchas gracias. Quiero participar en una clase de japonés. Saludos",
    ])
      expect(talk(text), text).toBeNull();
  });
});

describe("clauses of spaced polite writing", () => {
  it("keeps a predicate written apart with the formal noun it modifies (わからない こと)", () => {
    for (const noun of ["こと", "もの", "ところ", "よう", "ため", "はず", "わけ", "つもり", "ほう"])
      expect(read(`まだ よく わからない ${noun}が あります`).clauses, noun).toHaveLength(1);
  });

  it("ends a clause after a letter's prayer (〜ませんよう) and its request (〜くださいませ)", () => {
    expect(
      read("お風邪など 召されません よう くれぐれも ご自愛 くださいませ これからも 元気に 歩いて まいります")
        .clauses,
    ).toEqual([
      "お風邪など 召されません よう",
      "くれぐれも ご自愛 くださいませ",
      "これからも 元気に 歩いて まいります",
    ]);
  });
});

describe("the writer's own plans", () => {
  it("reads a plan beside thanks as small talk, in Japanese and in English", () => {
    for (const text of [
      "ありがとうございました。来週 防災講座に 行ってみます。",
      "ありがとうございます。家族とも 相談してみます。",
      "ありがとうございました。さっそく 主人にも 伝えます。",
      "了解です。週末に 子どもと 行ってきます",
      // English: what the conversation already named, with a definite or possessive word.
      "Thanks! I will go to the event next week.",
      "Thank you. I'll tell my wife about it.",
      "Thanks! I'm going to check the schedule.",
      "Thanks! I'll join the walk next month. Cheers",
    ])
      expect(talk(text), text).not.toBeNull();
  });

  it("never reads a new thing, a need or a question beside the plan as one", () => {
    for (const text of [
      // A new thing (a, any), a need, a question.
      "Thanks! I will go to a class.",
      "Thanks. I'll join a club.",
      "Thanks! I will need the form.",
      "Thanks. I'll tell you about my situation: I need help.",
      "Thanks. I will visit the center tomorrow. Is there parking?",
      "Thanks. We are going to look for the kids' cafeteria.",
      // A plan alone, or a situation with no thanks: not small talk.
      "I will go to the event next week.",
      "Hi. We will have a baby in May.",
    ])
      expect(talk(text), text).toBeNull();
  });
});
