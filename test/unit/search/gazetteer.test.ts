/** The gazetteer of places (校区, 町名) and their wards, each with a source. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { findPlaces, loadGazetteer, resolveWard } from "../../../src/knowledge/gazetteer.js";
import { KNOWLEDGE_WARDS } from "../../../src/knowledge/known-wards.js";

const WARDS = KNOWLEDGE_WARDS.names;

const gazetteer = loadGazetteer();
const seedLines = readFileSync(
  new URL("../../fixtures/seeds/000_dfc7a35a737f6b56.txt", import.meta.url),
  "utf8",
).split("\n");

describe("gazetteer", () => {
  it("has the five wards with their readings", () => {
    expect(gazetteer.wards.map((w) => [w.name, w.reading])).toEqual([
      ["中央区", "ちゅうおうく"],
      ["東区", "ひがしく"],
      ["西区", "にしく"],
      ["南区", "みなみく"],
      ["北区", "きたく"],
    ]);
  });

  it("names every place the seed names, each in one of the five wards", () => {
    const names = new Set(gazetteer.places.map((p) => p.name));
    for (const n of [
      "秋津",
      "託麻",
      "幸田",
      "城南",
      "富合",
      "天明",
      "飽田",
      "銭塘",
      "河内",
      "花園",
      "植木",
    ]) {
      expect(names, n).toContain(n);
    }
    for (const p of gazetteer.places) expect(WARDS).toContain(p.ward);
    expect(new Set(gazetteer.places.map((p) => p.name)).size).toBe(gazetteer.places.length);
  });

  it("cites a seed line that really names the place, or general knowledge", () => {
    for (const p of gazetteer.places) {
      const m = /^seed line (\d+)$/.exec(p.source);
      if (!m) {
        expect(p.source, p.name).toMatch(/^general knowledge: /);
        continue;
      }
      const line = seedLines[Number(m[1]) - 1] ?? "";
      const spelled = [p.name, ...p.aliases].some((n) => line.includes(n) || line.includes(n.slice(0, 2)));
      expect(spelled, `${p.name} on seed line ${m[1]}: ${line}`).toBe(true);
    }
  });

  it("finds wards and places by kanji or hiragana reading", () => {
    expect(findPlaces(gazetteer, "東区で子育て").map((f) => [f.name, f.kind])).toEqual([["東区", "区"]]);
    expect(findPlaces(gazetteer, "ひがしくのイベント").map((f) => f.ward)).toEqual(["東区"]);
    expect(findPlaces(gazetteer, "秋津まちづくりセンター").map((f) => [f.name, f.ward])).toEqual([
      ["秋津", "東区"],
    ]);
    expect(findPlaces(gazetteer, "にれのきのお祭り").map((f) => f.ward)).toEqual(["北区"]);
    expect(findPlaces(gazetteer, "防災の講座")).toEqual([]);
  });

  it("resolves a ward: a ward name wins over a place; places in two wards give both, no ward", () => {
    expect(resolveWard(gazetteer, "植木に住んでいます")).toEqual({
      ward: "北区",
      wards: ["北区"],
      leads: false,
      via: "place",
      place: "植木",
    });
    expect(resolveWard(gazetteer, "西区の河内")).toMatchObject({ ward: "西区", via: "ward", place: null });
    expect(resolveWard(gazetteer, "秋津と楡木")).toMatchObject({ ward: null, wards: ["東区", "北区"] });
    expect(resolveWard(gazetteer, "わからない")).toBeNull();
  });
});
