/** wardFromText: ward names in kanji or kana, Kumamoto City postal codes (Japan Post data) and gazetteer places. */
import { describe, expect, it } from "vitest";
import {
  placesFound,
  wardFromText,
  wardNameIn,
  wardsForPostalCode,
} from "../../../src/bot/ward-from-text.js";
import { findPlaces, loadGazetteer } from "../../../src/knowledge/gazetteer.js";

const gazetteer = loadGazetteer();
/** The gazetteer's lookup of one text, as the bot reads it from a message's analysis. */
const places = (text: string) => placesFound(findPlaces(gazetteer, text))(text);

describe("wardFromText", () => {
  it("reads a ward name in kanji or kana", () => {
    expect(wardFromText("東区に住んでいます", places)).toMatchObject({
      kind: "ward",
      ward: "東区",
      via: "name",
    });
    expect(wardFromText("ひがしくです", null)).toMatchObject({ kind: "ward", ward: "東区" });
    expect(wardNameIn("中央区と北区")).toBeNull();
  });

  it("maps a Kumamoto City postal code to its ward (Japan Post data)", () => {
    const r = wardFromText("862-0950", places);
    expect(r.kind).toBe("ward");
    // 862-0950 is 水前寺 (中央区) in Japan Post's data.
    expect(r).toMatchObject({ ward: "中央区", via: "postal", matched: "862-0950" });
    expect(wardFromText("〒８６１－８００１", places)).toMatchObject({ kind: "ward", ward: "北区" });
  });

  it("asks which ward when a code straddles wards", () => {
    // 861-0000 is the "no address listed" code shared by several wards of the city.
    const r = wardFromText("861-0000", places);
    expect(r.kind).toBe("ambiguous");
    if (r.kind === "ambiguous") expect(r.wards.length).toBeGreaterThan(1);
    expect(wardsForPostalCode("8610000").length).toBeGreaterThan(1);
  });

  it("says so for a code outside the city", () => {
    expect(wardFromText("104-0061", places)).toEqual({ kind: "outside", postal: "104-0061" });
  });

  it("resolves a 校区 or district via the gazetteer", () => {
    const r = wardFromText("秋津", places);
    expect(r).toMatchObject({ kind: "ward", via: "place" });
  });

  it("asks which ward for a place Japan Post lists in two wards, never picking one", () => {
    expect(wardFromText("島崎校区です", places)).toEqual({
      kind: "ambiguous",
      via: "place",
      matched: "島崎",
      wards: ["西区", "中央区"],
    });
    // A ward named with it settles it.
    expect(wardFromText("西区の島崎です", places)).toMatchObject({ kind: "ward", ward: "西区" });
  });

  it("returns none for text without a place", () => {
    expect(wardFromText("こんにちは", places)).toEqual({ kind: "none" });
  });
});
