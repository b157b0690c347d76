/** knowledge/vocabulary.json: schema, synonym groups, intent words and needs with sources. */
import { describe, expect, it } from "vitest";
import { TOPIC_TAGS } from "../../../src/knowledge/schema.js";
import { loadVocabulary } from "../../../src/knowledge/vocabulary.js";

describe("vocabulary", () => {
  const v = loadVocabulary();

  it("validates and carries the issue's synonym groups", () => {
    const groupOf = (w: string) => v.synonyms.find((g) => g.terms.includes(w))?.terms ?? [];
    expect(groupOf("防災")).toEqual(expect.arrayContaining(["災害", "避難"]));
    expect(groupOf("ICT")).toEqual(expect.arrayContaining(["パソコン", "スマホ", "LINE"]));
    expect(groupOf("補助金")).toEqual(expect.arrayContaining(["助成金", "交付金"]));
    expect(groupOf("子育て")).toContain("育児");
    expect(groupOf("高齢者")).toEqual(expect.arrayContaining(["お年寄り", "年寄り", "シニア"]));
  });

  it("has intent words, and needs with a source each", () => {
    expect(v.intentWords).toEqual(expect.arrayContaining(["教えて", "ありますか", "したい", "知りたい"]));
    for (const n of v.needs) expect(n.source.length).toBeGreaterThan(0);
    const need = (cue: string) => v.needs.find((n) => n.cues.includes(cue));
    expect(need("引っ越してきた")?.expand).toEqual(expect.arrayContaining(["交流", "地域デビュー"]));
    expect(need("命の大切さ")?.expand).toEqual(expect.arrayContaining(["中学生", "乳幼児"]));
    expect(need("車の運転をやめた")?.expand).toEqual(expect.arrayContaining(["歩く", "健康"]));
  });

  it("gives content words of the programs' own texts their everyday English", () => {
    // マンション, 相談, 若者, ひまわり, 活動 … are words of the programs' names and descriptions
    // that residents ask about; an English question about them lands on the catalogue's word.
    const jaOf = (phrase: string) => v.english!.words.find((w) => w.en.includes(phrase))?.ja;
    expect(
      ["condo", "advice", "young people", "sunflower", "activities", "leaflet", "vacant shops"].map(jaOf),
    ).toEqual(["マンション", "相談", "若者", "ひまわり", "活動", "リーフレット", "空き店舗"]);
  });

  it("does not list a topic tag as a function word", () => {
    for (const t of TOPIC_TAGS) expect(v.stopWords).not.toContain(t);
  });

  it("lists the domain-generic words, none of them a topic tag or a function word", () => {
    expect(v.genericWords).toEqual(
      expect.arrayContaining(["取組", "取り組み", "事業", "活動", "催し", "企画"]),
    );
    for (const t of TOPIC_TAGS) expect(v.genericWords).not.toContain(t);
    for (const g of v.genericWords) expect([...v.stopWords, ...v.intentWords]).not.toContain(g);
  });
});
