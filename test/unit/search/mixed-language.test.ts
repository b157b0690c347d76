/**
 * Messages that mix languages sentence by sentence (issue 11 point 6): a Chinese, Japanese or
 * romaji sentence beside an English one, as foreign residents write when they know part of what
 * to say in Japanese. Each sentence is read by its own script's reader (src/search/analysis.ts
 * `readable`), and a kana reading put in brackets after a Chinese word is a gloss, not Japanese.
 * The messages are written from the catalogue's programs; none is taken from an evaluation set.
 */
import { describe, expect, it } from "vitest";
import { loadGazetteer } from "../../../src/knowledge/gazetteer.js";
import { loadVocabulary } from "../../../src/knowledge/vocabulary.js";
import { loadPrebuiltIndex, loadSearchEngine } from "../../../src/search/load-engine.js";

const engine = loadSearchEngine({
  index: loadPrebuiltIndex(),
  vocabulary: loadVocabulary(),
  gazetteer: loadGazetteer(),
});

/** [message, the ward it names, programs one of which must be first]. */
const MIXED: [string, string, string[]][] = [
  // Traditional Chinese with a kana gloss, then English: the ward is in the Chinese sentence.
  [
    "中央區的防災講座（ぼうさいこうざ），外國人可以參加嗎？ I am a student from Taiwan.",
    "中央区",
    ["chuo-f-07"],
  ],
  // Chinese, then English that says the same need in other words.
  [
    "東區有沒有巡邏活動？ I walk my dog every morning and want to help.",
    "東区",
    ["higashi-m-07", "higashi-m-08"],
  ],
  // English context, then the question in Japanese.
  ["My kids are 5 and 8. 北区のこどもまつりは いつですか？", "北区", ["kita-m-01"]],
  // Simplified Chinese with a katakana gloss, then English.
  ["南区的料理教室（りょうりきょうしつ）我可以参加吗？ I like cooking.", "南区", ["minami-m-03-2"]],
];

describe("messages mixing languages sentence by sentence (issue 11 point 6)", () => {
  it("read each sentence in its own language and find the program", () => {
    for (const [q, ward, programs] of MIXED) {
      const r = engine.search(q);
      expect(r.decision.kind, q).not.toBe("refuse");
      expect(r.ward, q).toBe(ward);
      expect(programs, q).toContain(r.results[0]?.id);
    }
  });

  it("read an English sentence beside a Chinese one as English, and the Chinese one as Chinese", () => {
    const a = engine.analyseMessage("東區有沒有巡邏活動？ I walk my dog every morning and want to help.");
    // The language is the one most of the message is written in; each sentence is still read in its own.
    expect(a.language).toBe("en");
    expect(a.readable).toContain("パトロール");
    expect(a.readable).toContain("ウォーキング");
    // English words of a Japanese-led message are read too (kids → 子ども), not left as Latin letters.
    const b = engine.analyseMessage("My kids are 5 and 8. 北区のこどもまつりは いつですか？");
    expect(b.readable).toContain("子ども");
    expect(b.readable).not.toMatch(/[a-z]/);
  });

  it("take a kana gloss in brackets as the word's reading, not as a sign of Japanese", () => {
    const a = engine.analyseMessage("中央區的防災講座（ぼうさいこうざ），外國人可以參加嗎？");
    expect(a.language).toBe("zh");
    expect(a.readable).toContain("外国人");
    expect(a.readable).toContain("ぼうさいこうざ");
    // A Japanese sentence with a reading in brackets stays Japanese.
    expect(engine.analyseMessage("防災講座（ぼうさいこうざ）はありますか").language).toBe("ja");
  });

  it("read English words joined by a slash as two words (kids/parents, seniors/students)", () => {
    const a = engine.analyseMessage("Is there anything for kids/parents in Kita ward?");
    expect(a.readable).toContain("子ども");
    expect(a.readable).toContain("子育て");
    expect(engine.analyseMessage("Any class for young people/students in Chuo ward?").readable).toContain(
      "若者",
    );
  });

  it("leave a message in one script as it was read before", () => {
    expect(engine.analyseMessage("Is there a disaster drill in Higashi ward?").language).toBe("en");
    expect(engine.analyseMessage("北区の防災訓練はいつですか").language).toBe("ja");
    // An emoji's joiners are no word of an English sentence.
    expect(engine.analyseMessage("I want to help as a volunteer 🙋‍♀️").readable).not.toMatch(/\u200d|\ufe0f/u);
  });
});

/**
 * Romaji writers write loanwords in English (machizukuri sentaa is written machizukuri center):
 * the index's loanword table (the Sudachi dictionary's alphabet spellings, filtered to the
 * catalogue's katakana words) reads each as the catalogue writes it. Tested as a class: every
 * entry that is not itself well-formed romaji, inside one romaji sentence.
 */
describe("English loanwords inside a romaji sentence (issue 11 point 6)", () => {
  const loanwords = loadPrebuiltIndex().loanwords ?? {};
  // The bilingual topic vocabulary reads its own words first (care → 介護).
  const bilingual = new Set(
    (loadVocabulary().english?.words ?? []).flatMap((w) => w.en.map((e) => e.toLowerCase())),
  );
  // Hepburn never writes l, q, x, c outside ch, th, nor ends a word in a consonant other than n.
  const notRomaji = Object.entries(loanwords).filter(
    ([en]) => !bilingual.has(en) && /[lqx]|c(?!h)|th|[^aeioun]$/.test(en),
  );

  it("are in the committed index, each a katakana word the catalogue writes", () => {
    expect(loanwords.center).toBe("センター");
    expect(loanwords.event).toBe("イベント");
    expect(notRomaji.length).toBeGreaterThan(25);
    for (const ja of Object.values(loanwords)) expect(ja).toMatch(/^[ァ-ヶー]+$/u);
  });

  it("read as the catalogue's word, every one of them", () => {
    for (const [en, ja] of notRomaji) {
      const read = engine.search(`Kita-ku no ${en} ni tsuite oshiete kudasai`).analysis.readable;
      expect(read, en).toContain(ja);
    }
  });

  it("find the program that names the loanword, where the English word left as it was refused", () => {
    const r = engine.search("Kita-ku no community center de seminar wa arimasu ka");
    expect(r.decision.kind).not.toBe("refuse");
    expect(r.results[0]?.name).toMatch(/センター/u);
    expect(engine.search("Minami-ku no bus tour ni sanka dekimasu ka").coverage).toBe(1);
  });

  it("leave an English word with th unread as romaji (Thai is not てゃい)", () => {
    const read = engine.search("Thai ryouri no kyoushitsu wa arimasu ka").analysis.readable;
    expect(read).not.toMatch(/てゃ|てぁ/u);
  });
});
