/**
 * The neighbourhoods a document is tied to, and whether a resident's place is one of them.
 * A program of one ward may serve one 校区 or 地区 of it (【富合】防災塾, 銭塘校区の訓練): a
 * resident who names another neighbourhood of that ward is better served by the ward-wide
 * programs and by those of their own place. The places are read at index build time from the
 * document's name, description and listed places with the gazetteer's own lookup (the source
 * of place names), so the service compares names and never reads a program's text again.
 * Pure.
 */
import { findPlaces, type Gazetteer, type PlaceMatch } from "../knowledge/gazetteer.js";
import type { SearchDoc } from "./types.js";

/** Kinds of place a resident lives in and a program may serve: not a facility, river or mountain. */
const NEIGHBOURHOOD_KINDS: ReadonlySet<PlaceMatch["kind"]> = new Set([
  "校区",
  "地区",
  "町",
  "まちづくりセンター",
]);

/** The neighbourhoods among places found in a message or a document, by gazetteer name. */
export function neighbourhoodsOf(found: readonly PlaceMatch[]): string[] {
  return [...new Set(found.filter((pl) => NEIGHBOURHOOD_KINDS.has(pl.kind)).map((pl) => pl.name))];
}

/**
 * The neighbourhoods a document names, sorted: `places`, from its name, description and each of
 * its extra texts on its own (a listed place such as 天明 stands alone there, which the lookup
 * reads as a place even where the name is also an everyday word); and `scope`, those its name
 * names — the neighbourhoods the program is for (【富合】防災塾開催経費, 富合校区地域活動支援事業),
 * where a description may only say where something happens (田崎市場を見学, 秋津まちづくりセンター
 * ロビーを開放) for residents of the whole ward. A label in 【】 heading the name is read on its
 * own, as a place.
 */
export function docPlaces(doc: SearchDoc, gazetteer: Gazetteer): { places: string[]; scope: string[] } {
  const of = (text: string) => neighbourhoodsOf(findPlaces(gazetteer, text));
  const labels = [...doc.name.matchAll(/【([^】]+)】/gu)].map((m) => m[1]!);
  const scope = [...new Set([...of(doc.name), ...labels.flatMap(of)])].sort();
  const texts = [doc.description, ...(doc.extra ?? [])];
  const places = [...new Set([...scope, ...texts.flatMap(of)])].sort();
  return { places, scope };
}

/**
 * Whether a resident's place is a document's: the same name, or one inside the other as Japan
 * Post names its towns (城南町隈庄 lies in 城南; 城南町 is 城南).
 */
export function samePlace(resident: string, doc: string): boolean {
  return resident === doc || resident.startsWith(doc) || doc.startsWith(resident);
}
