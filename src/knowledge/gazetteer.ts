/**
 * The gazetteer in `knowledge/gazetteer.json`: the wards (the ward registry, src/knowledge/wards.ts,
 * reads the same list with its slugs) and the places residents name
 * (校区, 地区, まちづくりセンター, landmarks), each with its ward, a hiragana reading and a source.
 * Search uses it to restrict results to a ward; the webhook uses it to resolve 「わからない」
 * → 校区/町名 → ward. `findPlaces` / `resolveWard` are pure; `loadGazetteer` reads the file.
 */
import { join } from "node:path";
import * as z from "zod";
import { readKnowledgeJson } from "./checked-file.js";
import { DEFAULT_KNOWLEDGE_DIR } from "./load.js";
import { toHiragana } from "../text/kana.js";
import { WardListSchema, type Ward } from "./wards.js";

const Hiragana = z.string().regex(/^[\u3041-\u309fー]+$/, "hiragana only");

/** What kind of place an entry is. */
export const PLACE_KINDS = ["校区", "地区", "まちづくりセンター", "町", "施設", "山・川"] as const;

/** One place with its ward, reading and source. */
export const PlaceSchema = z
  .object({
    name: z.string().min(1),
    reading: Hiragana,
    /** One of the gazetteer's own wards (checked by GazetteerSchema). */
    ward: z.string().min(1),
    kind: z.enum(PLACE_KINDS),
    /** Other spellings residents use (e.g. 秋津まちセン). */
    aliases: z.array(z.string().min(1)).default([]),
    /** "seed line N" or "general knowledge: …". */
    source: z.string().min(1),
  })
  .strict();
/** A gazetteer place. */
export type Place = z.infer<typeof PlaceSchema>;

/** The whole gazetteer file. */
export const GazetteerSchema = z
  .object({
    about: z.string(),
    // Search reads name, reading and aliases; the slug is the registry's (wards.ts). Keeping it out
    // of the parsed gazetteer keeps the search index's input hash a function of what search uses.
    wards: WardListSchema.transform((list) =>
      list.map(({ name, reading, aliases }) => ({ name, reading, aliases })),
    ),
    places: z.array(PlaceSchema),
  })
  .strict()
  .superRefine((g, ctx) => {
    const wards = new Set(g.wards.map((w) => w.name));
    g.places.forEach((p, i) => {
      if (!wards.has(p.ward))
        ctx.addIssue({
          code: "custom",
          path: ["places", i, "ward"],
          message: `${p.name}: unknown ward ${p.ward}`,
        });
    });
  });
/** The gazetteer. */
export type Gazetteer = z.infer<typeof GazetteerSchema>;

/**
 * What `GazetteerSchema` makes of a file that passes it unchanged: the same JSON with each ward
 * cut to the fields search reads (the schema's transform), in the schema's key order.
 */
export const gazetteerOfJson = (json: unknown): unknown => {
  const { about, wards, places } = json as {
    about: unknown;
    wards: { name: unknown; reading: unknown; aliases: unknown }[];
    places: unknown;
  };
  return { about, wards: wards.map(({ name, reading, aliases }) => ({ name, reading, aliases })), places };
};

/**
 * Reads and validates `knowledge/gazetteer.json`. Throws naming the file on error. `checked`: the
 * digest of the file as checked at build time (src/knowledge/checked-file.ts).
 */
export function loadGazetteer(dir: string = DEFAULT_KNOWLEDGE_DIR, checked?: string): Gazetteer {
  return readKnowledgeJson(
    join(dir, "gazetteer.json"),
    "knowledge/gazetteer.json",
    GazetteerSchema,
    checked,
    gazetteerOfJson,
  );
}

/** One place or ward found in a text. */
export interface PlaceMatch {
  /** The canonical name (東区, 秋津 …). */
  name: string;
  ward: Ward;
  kind: "区" | Place["kind"];
  /** The text that matched, as normalised (e.g. ひがしく). */
  matched: string;
  index: number;
}

const toHira = (s: string): string => toHiragana(s.normalize("NFKC"));

/**
 * Every ward and place named in `text`, by surface or hiragana reading, longest first and
 * without overlaps. Readings shorter than three kana are ignored: short kana words are too often
 * something else.
 */
export function findPlaces(gazetteer: Gazetteer, text: string): PlaceMatch[] {
  const hay = toHira(text);
  const keys = placeKeys(gazetteer);
  const taken: boolean[] = [];
  const found: PlaceMatch[] = [];
  for (const k of keys) {
    let from = 0;
    for (;;) {
      const at = hay.indexOf(k.key, from);
      if (at < 0) break;
      from = at + 1;
      let free = true;
      for (let i = at; i < at + k.key.length; i++) if (taken[i]) free = false;
      if (!free) continue;
      for (let i = at; i < at + k.key.length; i++) taken[i] = true;
      found.push({ name: k.name, ward: k.ward, kind: k.kind, matched: k.key, index: at });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

type PlaceKey = { key: string; name: string; ward: Ward; kind: PlaceMatch["kind"] };
// Keys are derived once per gazetteer object; the gazetteer itself stays plain data.
const keyCache = new WeakMap<Gazetteer, PlaceKey[]>();

function placeKeys(gazetteer: Gazetteer): PlaceKey[] {
  const cached = keyCache.get(gazetteer);
  if (cached) return cached;
  const keys: PlaceKey[] = [];
  for (const w of gazetteer.wards) {
    for (const k of [w.name, w.reading, ...w.aliases])
      keys.push({ key: toHira(k), name: w.name, ward: w.name, kind: "区" });
  }
  for (const p of gazetteer.places) {
    for (const k of [p.name, ...p.aliases])
      keys.push({ key: toHira(k), name: p.name, ward: p.ward, kind: p.kind });
    if ([...p.reading].length >= 3) keys.push({ key: p.reading, name: p.name, ward: p.ward, kind: p.kind });
  }
  keys.sort((a, b) => b.key.length - a.key.length);
  keyCache.set(gazetteer, keys);
  return keys;
}

/**
 * The ward a text points to: a ward named outright wins over a place; null when the text names
 * none, or names places in different wards with no ward to settle it.
 */
export function resolveWard(
  gazetteer: Gazetteer,
  text: string,
): { ward: Ward; via: "ward" | "place"; place: string | null } | null {
  const found = findPlaces(gazetteer, text);
  const wards = found.filter((f) => f.kind === "区");
  if (wards.length > 0) return { ward: wards[0]!.ward, via: "ward", place: null };
  const distinct = new Set(found.map((f) => f.ward));
  if (distinct.size !== 1) return null;
  return { ward: found[0]!.ward, via: "place", place: found[0]!.name };
}
