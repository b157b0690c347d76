/**
 * Small talk in the languages of Kumamoto's foreign residents and emoji-only messages (issue 11,
 * point 2): a kind reply and the menu, never programs — while a message that greets and asks is
 * still answered. The messages are composed for this test.
 */
import { describe, expect, it } from "vitest";
import {
  SMALL_TALK_LANGUAGES,
  smallTalkLanguagePhrases,
  withoutVietnameseMarks,
} from "../../../src/knowledge/small-talk-languages.js";
import { loadSearchEngine } from "../../../src/search/load-engine.js";

const engine = loadSearchEngine();

describe("greetings and thanks in residents' languages are small talk", () => {
  const cases: [string, string][] = [
    ["Cảm ơn nhiều!", "thanks"],
    ["xin chao", "greeting"],
    ["谢谢你", "thanks"],
    ["您好！", "greeting"],
    ["감사합니다 🙇", "thanks"],
    ["안녕하세요", "greeting"],
    ["नमस्ते 🙏", "greeting"],
    ["Dhanyabad", "thanks"],
    ["Terima kasih banyak", "thanks"],
    ["Selamat malam", "greeting"],
    ["Maraming salamat po!", "thanks"],
    ["Magandang umaga po", "greeting"],
    ["Muito obrigada!", "thanks"],
    ["Obrigado", "thanks"],
    ["Buenas tardes", "greeting"],
    ["Gracias 😊", "thanks"],
    ["ขอบคุณค่ะ", "thanks"],
    ["မင်္ဂလာပါ", "greeting"],
    ["Kamsahamnida", "thanks"],
  ];
  for (const [text, kind] of cases)
    it(text, () => {
      const r = engine.search(text);
      expect(r.analysis.smallTalk).toBe(kind);
      expect(r.decision).toEqual({ kind: "small-talk", smallTalk: kind });
      expect(r.results).toEqual([]);
    });

  it("Chinese in either script, with its fillers and 'helpful'", () => {
    for (const [text, kind] of [
      ["謝謝大家", "thanks"],
      ["谢谢您！真的很有帮助", "thanks"],
      ["非常有幫助", "ack"],
      ["再見！", "farewell"],
    ] as const) {
      const r = engine.search(text);
      expect([text, r.decision]).toEqual([text, { kind: "small-talk", smallTalk: kind }]);
    }
  });

  it("what thanks is for is part of the thanks, in the order each language says it", () => {
    for (const text of [
      // After the thanks: English for, Vietnamese vì, Indonesian atas, Chinese right after it.
      "Thanks a lot for answering so quickly!",
      "Hello! Thank you for the kind reply last time 🙏",
      "Cảm ơn bạn rất nhiều vì đã trả lời",
      "Terima kasih atas jawabannya",
      "谢谢你的回答",
      // Before it: Japanese and Korean conjunctive forms, with words that only stress it.
      "先週は丁寧に説明してくださり、本当にありがとうございました",
      "この前は教えてくれてありがとう😊",
      "알려주셔서 정말 감사합니다",
    ]) {
      const r = engine.search(text);
      expect([text, r.decision.kind]).toEqual([text, "small-talk"]);
      expect(r.results).toEqual([]);
    }
  });

  it("emoji alone are small talk", () => {
    for (const text of ["😊😊", "🌸", "👏👏👏", "🙆‍♀️"])
      expect(engine.search(text).decision.kind, text).toBe("small-talk");
  });

  it("a greeting or thanks (with what it is for) before a question is still answered", () => {
    for (const text of [
      "Thanks for the reply. Is there a cooking class in Higashi ward?",
      "教えてくれてありがとう。北区の防災訓練はいつありますか",
      "ありがとう、東区で子どもが遊べる催しはありますか",
      "Xin chào! 東区の防災訓練はありますか",
      "Terima kasih. 東区で日本語を勉強できるところはありますか",
      "Cảm ơn! Is there a Japanese class in Kita ward?",
    ]) {
      const r = engine.search(text);
      expect(r.analysis.smallTalk, text).toBeNull();
      expect(r.decision.kind, text).not.toBe("small-talk");
      expect(r.results.length, text).toBeGreaterThan(0);
    }
  });

  it("a romaji question that starts like a greeting is not small talk", () => {
    const r = engine.search("hai, bousai no kouza ni sanka shitai");
    expect(r.analysis.smallTalk).toBeNull();
    expect(r.results.length).toBeGreaterThan(0);
  });

  it("Vietnamese typed without diacritics is the same small talk, as a class of the table", () => {
    // Every phrase and filler of the table, with its marks taken away, reads as the marked form.
    const vi = SMALL_TALK_LANGUAGES.find((l) => l.code === "vi")!;
    const phrases = new Set(smallTalkLanguagePhrases().map((p) => p.phrase));
    for (const p of Object.values(vi.phrases).flat()) {
      const bare = withoutVietnameseMarks(p);
      if (bare !== null) expect(phrases.has(bare), bare).toBe(true);
    }
    expect(withoutVietnameseMarks("dạ")).toBeNull(); // too short: a romaji syllable (だ)
    for (const [text, kind] of [
      ["cam on ban rat nhieu!", "thanks"],
      ["Cam on nhieu lam a", "thanks"],
      ["xin loi, cam on nha", "apology"],
      ["chao chi, hen gap lai", "greeting"],
      ["duoc roi, cam on", "thanks"],
    ] as const) {
      const r = engine.search(text);
      expect([text, r.decision]).toEqual([text, { kind: "small-talk", smallTalk: kind }]);
    }
  });

  it("thanks in two languages, one clause in each, typed in Latin letters", () => {
    for (const text of [
      "cam on ban! domo arigatou",
      "salamat po! arigatou gozaimashita",
      "xin chao! konnichiwa",
      "xie xie! domo arigatou",
    ]) {
      const r = engine.search(text);
      expect([text, r.decision.kind]).toEqual([text, "small-talk"]);
    }
  });

  it("an unaccented thanks before a question is still answered", () => {
    for (const text of [
      "cam on nhieu. 東区の防災訓練はありますか",
      "Cam on ban! Is there a Japanese class in Kita ward?",
      "xin chao, nihongo kyoushitsu wa doko desu ka",
      "cam on! bousai kunren wa itsu desu ka",
    ]) {
      const r = engine.search(text);
      expect(r.decision.kind, text).not.toBe("small-talk");
      expect(r.results.length, text).toBeGreaterThan(0);
    }
  });

  it("the table is typed data: every language has thanks or a greeting, written lower case", () => {
    for (const l of SMALL_TALK_LANGUAGES)
      expect(l.phrases.thanks ?? l.phrases.greeting, l.name).toBeDefined();
    for (const { phrase } of smallTalkLanguagePhrases())
      expect(phrase).toBe(phrase.normalize("NFKC").toLowerCase());
  });
});
