/** The search engine over the catalogue and over arbitrary documents: readings, typos, wards, abstention. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadCatalogue } from "../../../src/knowledge/load.js";
import { loadGazetteer } from "../../../src/knowledge/gazetteer.js";
import { loadVocabulary } from "../../../src/knowledge/vocabulary.js";
import { DevSetSchema } from "../../../src/search/evaluate.js";
import { loadSearchEngine, loadPrebuiltIndex } from "../../../src/search/load-engine.js";
import { buildRuntimeIndex } from "../../../src/search/runtime-index.js";
import { createSearchEngine } from "../../../src/search/search-engine.js";

const engine = loadSearchEngine();
const byId = loadCatalogue().byId;
const text = (id: string) => {
  const p = byId.get(id)!;
  return `${p.name} ${p.description}`;
};

describe("search engine over the catalogue", () => {
  it("matches kanji from a kana query through readings (ぼうさい finds 防災)", () => {
    const r = engine.search("ぼうさい", { limit: 5 });
    expect(r.abstained).toBe(false);
    expect(r.results.length).toBe(5);
    for (const h of r.results) expect(text(h.id)).toMatch(/防災|災害|避難/);
    expect(r.results.some((h) => text(h.id).includes("防災"))).toBe(true);
  });

  it("reads hiragana for a compound (ほじょきん finds 補助金)", () => {
    const r = engine.search("ほじょきん", { limit: 3 });
    expect(r.results[0] && text(r.results[0].id)).toMatch(/補助金|助成/);
  });

  it("tolerates typos and IME slips, and offers もしかして", () => {
    const hojo = engine.search("保助金の上限 西区");
    expect(hojo.suggestions[0]).toContain("補助金");
    expect(hojo.results[0]?.id).toBe("nishi-m-02");

    const walk = engine.search("ウォーキンク", { limit: 3 });
    expect(walk.suggestions[0]).toContain("ウォーキング");
    expect(walk.results.map((h) => h.id)).toContain("minami-m-10");

    const course = engine.search("防災口座", { limit: 5 });
    expect(course.suggestions[0]).toContain("講座");
    expect(course.results.some((h) => text(h.id).includes("講座"))).toBe(true);
  });

  it("reads half-width katakana", () => {
    const r = engine.search("ｷｬﾝﾌﾟ 体験", { limit: 3 });
    expect(r.results[0]?.id).toBe("nishi-m-08");
  });

  it("detects the ward from a ward name, its reading or a place, and restricts to it", () => {
    const east = engine.search("東区 防犯");
    expect([east.ward, east.wardSource]).toEqual(["東区", "query"]);
    expect(east.results.length).toBeGreaterThan(0);
    expect(east.results.every((h) => h.ward === "東区")).toBe(true);

    const kana = engine.search("ひがしく 子育て");
    expect([kana.ward, kana.wardSource]).toEqual(["東区", "query"]);

    const akitsu = engine.search("秋津のあたりのイベント");
    expect([akitsu.ward, akitsu.wardSource, akitsu.place]).toEqual(["東区", "place", "秋津"]);
    expect(akitsu.results.every((h) => h.ward === "東区")).toBe(true);

    // 植木 is also an everyday word (a garden plant): a place where the message frames it as one.
    const ueki = engine.search("植木町で暴力追放の大会ってあると？");
    expect([ueki.ward, ueki.place]).toEqual(["北区", "植木"]);
    expect(ueki.results[0]?.id).toBe("kita-m-04");
    expect(engine.search("植木の手入れの講座").place).toBeNull();
  });

  it("uses the profile ward when the query names none, and an explicit option over both", () => {
    const prof = engine.search("子育て", { profileWard: "北区" });
    expect([prof.ward, prof.wardSource]).toEqual(["北区", "profile"]);
    expect(prof.results.every((h) => h.ward === "北区")).toBe(true);
    const named = engine.search("東区 子育て", { profileWard: "北区" });
    expect(named.ward).toBe("東区");
    const opt = engine.search("東区 子育て", { ward: "南区" });
    expect([opt.ward, opt.wardSource]).toEqual(["南区", "option"]);
  });

  it("understands needs through the vocabulary (words the programs do not use)", () => {
    const r = engine.search("引っ越してきたばかりで近所に知り合いがいない", { limit: 5 });
    expect(r.abstained).toBe(false);
    const relevant = [
      "chuo-m-18",
      "higashi-m-04",
      "minami-m-14-6",
      "minami-m-15-2",
      "kita-f-02",
      "kita-m-02",
    ];
    expect(r.results.slice(0, 3).some((h) => relevant.includes(h.id))).toBe(true);
  });

  it("explains every hit with the terms that matched", () => {
    const r = engine.search("スマホ教室", { limit: 3 });
    expect(r.results[0]?.id).toBe("chuo-m-01");
    for (const h of r.results) expect(h.matched.length).toBeGreaterThan(0);
  });

  it("pages with limit/offset and reports the total", () => {
    const all = engine.search("防災", { limit: 50 });
    const page = engine.search("防災", { limit: 3, offset: 3 });
    expect(page.total).toBe(all.total);
    expect(page.results.map((h) => h.id)).toEqual(all.results.slice(3, 6).map((h) => h.id));
  });

  it("abstains on out-of-scope municipal questions of the calibration set", () => {
    const cal = DevSetSchema.parse(
      JSON.parse(readFileSync(new URL("../../fixtures/search/calibration.json", import.meta.url), "utf8")),
    );
    const outOfScope = cal.queries.filter((q) => Object.keys(q.relevant).length === 0);
    expect(outOfScope.length).toBeGreaterThanOrEqual(50);
    const answered = outOfScope.filter((q) => !engine.search(q.query).abstained).map((q) => q.query);
    expect(answered.length / outOfScope.length, `answered: ${answered.join(" / ")}`).toBeLessThanOrEqual(0.1);
    for (const q of [
      "粗大ごみの出し方",
      "パスポートの申請はどこでできますか",
      "住民票の取り方",
      "熊本市長の名前は？",
    ]) {
      const r = engine.search(q);
      expect([q, r.abstained, r.results.length]).toEqual([q, true, 0]);
    }
  });

  it("answers garbage and empty input without throwing", () => {
    for (const q of ["", "   ", "？？？", "a".repeat(2000), "の の の"]) {
      const r = engine.search(q);
      expect(r.abstained).toBe(true);
      expect(r.results).toEqual([]);
    }
    // A lone emoji is a stamp, not a question: small talk, no programs, not a refusal.
    const emoji = engine.search("😀");
    expect([emoji.decision, emoji.abstained, emoji.results]).toEqual([
      { kind: "small-talk", smallTalk: "emoji" },
      false,
      [],
    ]);
  });
});

describe("search engine over any documents", () => {
  const docs = [
    { id: "a", ward: null, name: "ごみの分別", description: "燃えるごみと資源物の分け方を説明します。" },
    { id: "b", ward: null, name: "図書館の利用", description: "本の貸出とごみ袋の配布はしていません。" },
    { id: "c", ward: null, name: "防犯パトロール", description: "地域の見守り活動です。" },
  ];
  const base = loadPrebuiltIndex();
  const e = createSearchEngine(buildRuntimeIndex(docs, base.lexicon), loadVocabulary(), loadGazetteer());

  it("ranks a name match above a description match (field weights)", () => {
    const r = e.search("ごみ", { limit: 10 });
    expect(r.results[0]?.id).toBe("a");
    expect(r.results.map((h) => h.id)).not.toContain("c");
  });

  it("expands synonyms from the vocabulary", () => {
    const r = e.search("見守り");
    expect(r.results[0]?.id).toBe("c");
    expect(e.search("パトロール").results[0]?.matched).toContain("パトロール");
  });
});
