/**
 * The ward registry: every per-ward fact the code needs — the name, its URL-safe slug (ids,
 * postback data, file names, URLs), its hiragana reading and other spellings, and the order wards
 * are listed in — read from one place, the `wards` list of `knowledge/gazetteer.json`. Nothing
 * else in the code names a ward: a sixth ward is a new entry there (plus its ward file and office
 * in knowledge/), not a code change. `createWardRegistry` is pure; `loadWardRegistry` reads the
 * file.
 */
import { join } from "node:path";
import * as z from "zod";
import { lazySchema } from "../lazy-schema.js";
import { toHiragana, toKatakana } from "../text/kana.js";
import { readKnowledgeJson } from "./checked-file.js";

/** A ward's name as the registry lists it (「中央区」): any name the registry knows. */
export type Ward = string;

const Hiragana = lazySchema(() => z.string().regex(/^[\u3041-\u309fー]+$/, "hiragana only"));

/** One ward as `knowledge/gazetteer.json` lists it; the list's order is the order wards are shown in. */
export const WardEntrySchema = lazySchema(() =>
  z
    .object({
      name: z.string().regex(/^\S+区$/, "a ward's name ends in 区"),
      /** Lower-case ASCII: program ids, postback data (`v1:ward:chuo`), ward file names, URLs. */
      slug: z.string().regex(/^[a-z]+$/),
      reading: Hiragana,
      /** Other spellings residents use (ちゅうおう区). */
      aliases: z.array(z.string().min(1)).default([]),
    })
    .strict(),
);
export type WardEntry = z.infer<typeof WardEntrySchema>;

/** The wards list with the checks a registry needs (at least one ward; names and slugs unique). */
export const WardListSchema = lazySchema(() =>
  z
    .array(WardEntrySchema)
    .min(1)
    .superRefine((list, ctx) => {
      for (const key of ["name", "slug"] as const) {
        const seen = new Set<string>();
        for (const w of list) {
          if (seen.has(w[key])) ctx.addIssue({ code: "custom", message: `duplicate ward ${key}: ${w[key]}` });
          seen.add(w[key]);
        }
      }
    }),
);

/** The wards, in order, and the lookups every layer needs. */
export interface WardRegistry {
  /** Ward names in display order. */
  readonly names: readonly Ward[];
  readonly entries: readonly WardEntry[];
  /** Is this one of the registry's ward names? */
  has(name: string): boolean;
  /** The slug of a ward; throws for a name the registry does not know (a programming error). */
  slugOf(ward: Ward): string;
  /** The ward with this slug, or undefined. */
  fromSlug(slug: string): Ward | undefined;
  /**
   * A ward as staff or a script type it: the name (中央区), the name without 区 (中央), the slug
   * (chuo) or a reading or alias (ちゅうおうく); undefined when none fits.
   */
  parse(text: string): Ward | undefined;
  /** Every surface form of the ward's name in text: 漢字, its reading in hiragana and katakana, aliases. */
  spellingsOf(ward: Ward): readonly string[];
  /** Position in the display order (the registry's length for an unknown name, so it sorts last). */
  order(ward: string): number;
}

/** Builds the registry from validated entries. Pure. */
export function createWardRegistry(input: readonly WardEntry[]): WardRegistry {
  return registryOf(WardListSchema.parse(input));
}

/**
 * The registry over entries that already passed `WardListSchema` (here, at build time, or in the
 * tests that keep the shipped list valid): no schema is built or run.
 */
export function registryOf(entries: readonly WardEntry[]): WardRegistry {
  const names = entries.map((w) => w.name);
  const byName = new Map(entries.map((w) => [w.name, w]));
  const entry = (ward: Ward): WardEntry => {
    const w = byName.get(ward);
    if (!w) throw new Error(`unknown ward: ${ward} (the registry lists ${names.join(" ")})`);
    return w;
  };
  const spellings = new Map(
    entries.map((w) => [w.name, [w.name, w.reading, toKatakana(w.reading), ...w.aliases] as const]),
  );
  return {
    names,
    entries,
    has: (name) => byName.has(name),
    slugOf: (ward) => entry(ward).slug,
    fromSlug: (slug) => entries.find((w) => w.slug === slug)?.name,
    parse(text) {
      const t = text.normalize("NFKC").trim();
      const hira = toHiragana(t);
      return entries.find(
        (w) =>
          w.name === t ||
          w.name.replace(/区$/, "") === t ||
          w.slug === t.toLowerCase() ||
          w.reading === hira ||
          w.aliases.includes(t),
      )?.name;
    },
    spellingsOf: (ward) => spellings.get(ward) ?? [],
    order: (ward) => {
      const i = names.indexOf(ward);
      return i < 0 ? names.length : i;
    },
  };
}

/** The key of the registry's view of gazetteer.json among the digests checked at build time. */
export const WARD_REGISTRY_KEY = "gazetteer.json (wards)";

/** The registry's view of gazetteer.json: its `wards` list, checked by `WardListSchema`. */
export const WardsFileSchema = lazySchema(() => z.object({ wards: WardListSchema }));

/** What `WardsFileSchema` keeps of gazetteer.json's JSON when it passes unchanged (its `wards`). */
export const wardsOfJson = (json: unknown): unknown => ({ wards: (json as { wards?: unknown }).wards });

/**
 * Reads the registry from `<dir>/gazetteer.json` (its `wards` list); throws naming the file on
 * error. `checked`: the digest of the file as checked at build time (checked-file.ts).
 */
export function loadWardRegistry(dir: string, checked?: string): WardRegistry {
  const { wards } = readKnowledgeJson(
    join(dir, "gazetteer.json"),
    "knowledge/gazetteer.json (wards)",
    WardsFileSchema,
    checked,
    wardsOfJson,
  );
  return registryOf(wards);
}
