/**
 * The emergency bulletin: what staff publish during a disaster (open shelters, evacuation
 * orders, where to get water), one per ward plus one for the whole city, each with the time it
 * was last updated. Pure: zod schemas for staff input and the stored form, and the rules for
 * which bulletins a resident sees. A published bulletin also means "disaster mode" for its
 * area: the words 避難/避難所/ひなんじょ then answer with it first.
 */
import * as z from "zod";
import { lazySchema } from "../lazy-schema.js";
import { KNOWLEDGE_WARDS } from "../knowledge/known-wards.js";
import type { Ward, WardRegistry } from "../knowledge/wards.js";
import type { BulletinRecord } from "../store/port.js";
import { lineHttpsUrl, textProblem } from "../notices/notice-text.js";

/**
 * A bulletin's area: one ward's name, or "all" for the whole city. Ward names are the
 * registry's data (a string type), so the type cannot tell the two apart; parseScope does.
 */
export type BulletinScope = Ward;

/** Every area in a fixed order: the city first, then the registry's wards. */
export const bulletinScopes = (wards: WardRegistry = KNOWLEDGE_WARDS): BulletinScope[] => [
  "all",
  ...wards.names,
];

/** Staff-facing name of a scope. */
export const scopeLabel = (s: BulletinScope): string => (s === "all" ? "熊本市全体" : s);

/** ASCII slugs for URLs and the CLI (`all`, then each ward's registry slug), so no path carries Japanese. */
export function scopeSlugs(wards: WardRegistry = KNOWLEDGE_WARDS): Record<BulletinScope, string> {
  return Object.fromEntries(bulletinScopes(wards).map((s) => [s, s === "all" ? "all" : wards.slugOf(s)]));
}

/** A scope from its slug or its Japanese name; undefined when neither. */
export function parseScope(s: string, wards: WardRegistry = KNOWLEDGE_WARDS): BulletinScope | undefined {
  const t = s.trim();
  if (t === "全体" || t === "熊本市全体" || t === "all") return "all";
  return wards.has(t) ? t : wards.fromSlug(t);
}

/** Short enough to read at a glance on a phone in an emergency; refused above, never cut. */
export const BULLETIN_LIMITS = { title: 40, body: 500, bodyLines: 20, author: 40, url: 1000 } as const;

/**
 * Refuses text a phone would show empty, reversed or broken (invisible-only, bidi and C0/C1
 * controls, line separators in one-line fields, lone surrogates), saying why: the same rules as
 * a notice's text. Lengths are UTF-16 units (`.max` counts `length`), as LINE counts them.
 */
const shownWhole = (label: string, multiLine: boolean) => (s: string, ctx: z.RefinementCtx) => {
  const problem = textProblem(s, label, { multiLine });
  if (problem !== null) ctx.addIssue({ code: "custom", message: problem });
};

const oneLine = (label: string, max: number) =>
  z
    .string({ error: `${label}を入れてください。` })
    .transform((s) => s.trim())
    .pipe(
      z
        .string()
        .min(1, `${label}を入れてください。`)
        .max(max, `${label}は${max}文字までです。`)
        .superRefine(shownWhole(label, false)),
    );

/** Staff input for publishing or updating a bulletin. */
export const BulletinInputSchema = lazySchema(() =>
  z
    .object({
      title: oneLine("見出し", BULLETIN_LIMITS.title),
      body: z
        .string({ error: "本文を入れてください。" })
        .transform((s) => s.replace(/\r\n?/g, "\n").trim())
        .pipe(
          z
            .string()
            .min(1, "本文を入れてください。")
            .max(BULLETIN_LIMITS.body, `本文は${BULLETIN_LIMITS.body}文字までです。`)
            .refine(
              (s) => s.split("\n").length <= BULLETIN_LIMITS.bodyLines,
              `本文は${BULLETIN_LIMITS.bodyLines}行までです。`,
            )
            .superRefine(shownWhole("本文", true)),
        ),
      // Stored in the form LINE accepts (kana and spaces percent-encoded, as a notice's link):
      // a raw one would make LINE refuse the reply that shows the bulletin.
      url: z
        .string()
        .trim()
        .transform((s, ctx) => {
          if (s === "") return null;
          const r = lineHttpsUrl(s, "リンク", BULLETIN_LIMITS.url);
          if (r.ok) return r.href;
          ctx.addIssue({ code: "custom", message: r.message });
          return z.NEVER;
        })
        .nullish(),
      author: oneLine("発表した課", BULLETIN_LIMITS.author),
    })
    .strict(),
);
export type BulletinInput = z.input<typeof BulletinInputSchema>;

/** The stored content of a bulletin (`BulletinRecord.data`). */
export const BulletinDataSchema = lazySchema(() =>
  z
    .object({
      title: z.string(),
      body: z.string(),
      url: z.string().nullable(),
      author: z.string(),
      /** "published": residents see it; "withdrawn": the emergency is over for this area. */
      state: z.enum(["published", "withdrawn"]),
      /** When this episode was first published (kept across updates). */
      publishedAt: z.number(),
    })
    .strict(),
);
export type BulletinData = z.infer<typeof BulletinDataSchema>;

/** A bulletin with its content parsed. */
export interface Bulletin extends BulletinData {
  scope: BulletinScope;
  /** The time stamp residents see: the last publish or update. */
  updatedAt: number;
  version: number;
}

/** Parses a stored record; null for a foreign or corrupt one. */
export function bulletinFromRecord(r: BulletinRecord): Bulletin | null {
  const scope = r.scope === "all" || KNOWLEDGE_WARDS.has(r.scope) ? r.scope : null;
  const data = BulletinDataSchema.safeParse(r.data);
  if (scope === null || !data.success) return null;
  return { ...data.data, scope, updatedAt: r.updatedAt, version: r.version };
}

/** The store form. */
export function bulletinToRecord(b: Bulletin): BulletinRecord {
  const { scope, updatedAt, version, ...data } = b;
  return { scope, data: { ...data }, updatedAt, version };
}

/**
 * The bulletins a resident sees, most specific first: their ward's, then the city-wide one.
 * Without a known ward only the city-wide one applies.
 */
export function bulletinsFor(all: readonly Bulletin[], ward: Ward | null): Bulletin[] {
  const live = all.filter((b) => b.state === "published");
  return [...(ward ? live.filter((b) => b.scope === ward) : []), ...live.filter((b) => b.scope === "all")];
}
