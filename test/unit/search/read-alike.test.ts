/**
 * A wrong kanji with the right sound (issue 11 point 6, voice input and IME slips): a glued run
 * of kanji the catalogue never writes that sounds exactly like a compound it does use is read
 * as that compound, with each kanji's readings from kuromoji's dictionary stored in the index at
 * build time (no tokenizer at run time). The slips below are of the class, not phrasings of one
 * set: real words glued into a sound-alike (女性 + 金), a kanji the lexicon does not know (異),
 * and a compound of several wrong kanji (感利, 方問) that no one-edit correction reaches.
 */
import { describe, expect, it } from "vitest";
import { loadKnowledgeFor, loadPrebuiltIndex, loadSearchEngine } from "../../../src/search/load-engine.js";
import { createSearchEngine } from "../../../src/search/search-engine.js";

const index = loadPrebuiltIndex();
const engine = loadSearchEngine();
const corrected = (q: string) => engine.analyse(q).corrections.map((c) => c.to);

describe("the index's per-kanji readings", () => {
  it("holds each kanji's common readings from the dictionary, not names' readings", () => {
    const kanji = index.kanjiReadings ?? {};
    expect(Object.keys(kanji).length).toBeGreaterThan(2000);
    expect(kanji["異"]?.split(",")).toContain("い");
    expect(kanji["金"]?.split(",")).toEqual(expect.arrayContaining(["きん", "かね"]));
    // 成 is read しげる only as a given name.
    expect(kanji["成"]?.split(",")).not.toContain("しげる");
    for (const [k, readings] of Object.entries(kanji)) {
      expect([...k]).toHaveLength(1);
      expect(readings).toMatch(/^[\p{Script=Hiragana}ー]+(,[\p{Script=Hiragana}ー]+)*$/u);
    }
  });
});

describe("a kanji run that sounds like a catalogue compound", () => {
  it("reads real words glued into a sound-alike as the compound (女性 + 金 → 助成金)", () => {
    const q = "北区の避難所運営委員会の活動女性金について";
    expect(corrected(q).join()).toContain("助成金");
    expect(engine.search(q, { limit: 3 }).results[0]?.id).toBe("kita-f-06");
  });

  it("reads a kanji the lexicon does not know by its sound (異場所 → 居場所)", () => {
    const q = "北区の異場所づくりってなに";
    expect(corrected(q)).toContain("居場所");
    const r = engine.search(q, { limit: 3 });
    expect(r.decision.kind).not.toBe("refuse");
    expect(r.results[0]?.id).toBe("kita-m-02");
  });

  it("reaches compounds with more than one wrong kanji, which one edit does not", () => {
    expect(corrected("中央区のマンション感利組合の講演会")).toContain("管理組合");
    expect(corrected("東区の家庭方問型の子育て支援")).toContain("家庭訪問型");
  });

  it("leaves real words and compounds that sound like nothing the catalogue uses alone", () => {
    expect(corrected("女性の集まりはありますか")).toEqual([]);
    expect(corrected("市内の女性会の活動")).toEqual([]);
    expect(corrected("高齢者の居場所")).toEqual([]);
    // A word the catalogue writes is never read as another (the ward's own compound).
    expect(corrected("北区の避難所運営委員会の活動助成金")).toEqual([]);
  });

  it("needs the stored readings: an index without them reads no unknown kanji by sound", () => {
    const { vocabulary, gazetteer } = loadKnowledgeFor(index);
    const without = createSearchEngine({ ...index, kanjiReadings: undefined }, vocabulary, gazetteer);
    expect(without.analyse("北区の異場所づくりってなに").corrections).toEqual([]);
  });
});
