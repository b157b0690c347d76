/**
 * The classes of question the second holdout set refused falsely (SEARCH-4): a compound typed as
 * spoken (ひなんじょ), dialect endings, loanwords the catalogue never spells, and procedure
 * questions about things no program funds. Each case checks the mechanism, not one query: the
 * words the engine keeps, and the topic of what it returns.
 */
import { describe, expect, it } from "vitest";
import { loadCatalogue } from "../../../src/knowledge/load.js";
import { createLexicon, devoice } from "../../../src/search/lexicon.js";
import { loadSearchEngine } from "../../../src/search/load-engine.js";

const engine = loadSearchEngine();
const byId = loadCatalogue().byId;
const text = (id: string) => {
  const p = byId.get(id)!;
  return `${p.name} ${p.description} ${p.tags.join(" ")}`;
};
const topTexts = (query: string, n = 3) => {
  const r = engine.search(query, { limit: n });
  return { r, texts: r.results.map((h) => text(h.id)) };
};

describe("readings with sequential voicing", () => {
  it("devoice drops voicing marks only", () => {
    expect(devoice("ひなんじょ")).toBe("ひなんしょ");
    expect(devoice("ぱとろーる")).toBe("はとろーる");
    expect(devoice("こうざ")).toBe("こうさ");
  });

  it("reads a compound typed as spoken (じょ) as the compound read part by part (しょ)", () => {
    const lex = createLexicon({
      words: { 避難所: "ひなんしょ", 避難: "ひなん", 所: "しょ" },
      stop: ["は", "どこ"],
    });
    const [first] = lex.segment("ひなんじょはどこ");
    expect(first).toMatchObject({ text: "ひなんじょ", surfaces: ["避難所"] });
    // An exact reading still wins, and short kana never match loosely (しょ is not じょ).
    expect(lex.segment("ひなんしょ")[0]?.surfaces).toEqual(["避難所"]);
    expect(lex.segment("じょ")[0]?.surfaces).toEqual([]);
  });

  it("finds shelter programs from the reading of 避難所, alone or in a sentence", () => {
    for (const q of ["ひなんじょ", "ひなんじょはどこ", "ひなんじょのうんえい"]) {
      const { r, texts } = topTexts(q);
      expect(r.abstained, q).toBe(false);
      for (const t of texts) expect(t, q).toContain("避難所");
    }
  });

  it("does not let a kana word match by one of its syllable pairs (ひなん is not ひなまつり)", () => {
    const { r, texts } = topTexts("ひなん", 5);
    expect(r.abstained).toBe(false);
    for (const t of texts) expect(t).toMatch(/避難|防災|災害/);
  });
});

describe("dialect and colloquial endings", () => {
  it("keeps only the topic of a question ending in dialect", () => {
    const cases: [string, string][] = [
      ["防災の講座ってあるばい？", "防災"],
      ["スマホ教室あっとですか", "講座"],
      ["町内会の補助金のこと聞きたかっちゃけど", "補助金"],
      ["健康のことで何かあるけん教えて", "健康"],
    ];
    for (const [q, topic] of cases) {
      const words = engine.analyse(q).words.map((w) => w.text);
      for (const ending of ["ばい", "あっと", "っちゃけど", "けん", "ですか"])
        expect(words.join(" "), q).not.toContain(ending);
      const { r, texts } = topTexts(q);
      expect(r.abstained, q).toBe(false);
      expect(texts[0], q).toContain(topic);
    }
  });

  it("reads 〜とこないかな as 'is there a place', not 来ない", () => {
    const words = engine.analyse("子連れでふらっと寄れるとこないかな").words.map((w) => w.text);
    expect(words).not.toContain("こない");
    const { r, texts } = topTexts("子連れでふらっと寄れるとこないかな");
    expect(r.abstained).toBe(false);
    expect(texts[0]).toMatch(/交流|居場所|サロン/);
    expect(texts[0]).toContain("子育て");
  });

  it("still abstains on a dialect sentence that names nothing", () => {
    expect(engine.search("ぜんぜんわからんとです").abstained).toBe(true);
  });
});

describe("loanwords the catalogue never spells", () => {
  it("maps them to the catalogue's topics", () => {
    const cases: [string, RegExp][] = [
      ["ダイエットのセミナー", /健康|運動/],
      ["ヨガ教室", /健康|運動|体操/],
      ["フィットネス", /健康|運動/],
      ["クッキング教室", /料理|食/],
      ["ガーデニングの会", /花|緑/],
      ["マスコットキャラクター", /シンボルマーク|グッズ/],
    ];
    for (const [q, topic] of cases) {
      const { r, texts } = topTexts(q);
      expect(r.abstained, q).toBe(false);
      expect(texts[0], q).toMatch(topic);
    }
  });

  it("maps a described outdoor experience to the camp", () => {
    const r = engine.search("外で寝泊まりしながら生き抜く力をつける体験", { limit: 3 });
    expect(r.results[0] && text(r.results[0].id)).toContain("キャンプ");
  });
});

describe("procedure questions", () => {
  it("abstains when the thing applied for is not in the catalogue, however long the question", () => {
    const long = engine.search("地震で壊れた家の解体の申請");
    expect(engine.analyse("地震で壊れた家の解体の申請").procedure).toBe(true);
    expect(long.abstained).toBe(true);
    expect(engine.search("ブロック塀の撤去の申請").abstained).toBe(true);
  });

  it("answers when the catalogue holds the thing applied for", () => {
    for (const q of ["補助金の申請方法", "防災訓練に参加したいけど手続きは？"]) {
      const { r, texts } = topTexts(q);
      expect(r.abstained, q).toBe(false);
      expect(texts[0], q).toMatch(/補助金|助成|訓練/);
    }
  });

  it("abstains on the ward office's own phone number", () => {
    const r = engine.search("東区役所の電話番号は？");
    expect(r.abstained).toBe(true);
  });
});
