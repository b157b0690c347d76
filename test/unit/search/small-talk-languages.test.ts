/**
 * Small talk in the languages of Kumamoto's foreign residents and emoji-only messages (issue 11,
 * point 2): a kind reply and the menu, never programs — while a message that greets and asks is
 * still answered. The messages are composed for this test.
 */
import { describe, expect, it } from "vitest";
import {
  SMALL_TALK_LANGUAGES,
  smallTalkLanguagePhrases,
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

  it("emoji alone are small talk", () => {
    for (const text of ["😊😊", "🌸", "👏👏👏", "🙆‍♀️"])
      expect(engine.search(text).decision.kind, text).toBe("small-talk");
  });

  it("a greeting before a question is still answered", () => {
    for (const text of [
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

  it("the table is typed data: every language has thanks or a greeting, written lower case", () => {
    for (const l of SMALL_TALK_LANGUAGES)
      expect(l.phrases.thanks ?? l.phrases.greeting, l.name).toBeDefined();
    for (const { phrase } of smallTalkLanguagePhrases())
      expect(phrase).toBe(phrase.normalize("NFKC").toLowerCase());
  });
});
