/**
 * Merges a round of program-side phrasings (a file shaped like `knowledge/asked-as/<ward>.json`,
 * e.g. docs/phrasings/round2.json) into `knowledge/asked-as/`:
 * `npx tsx scripts/merge-phrasings.ts docs/phrasings/round2.json [--knowledge DIR] [--styles a,b] [--dry-run]`.
 *
 * A new phrasing is dropped when, after normalising (NFKC, lower case, letters and digits only),
 * it equals or nearly equals (character-bigram Dice ≥ 0.8) a phrasing the program already has or
 * one of the round kept before it: two near-identical messages add weight to the same words
 * without adding a way residents ask. The files keep their shape and order — a program's
 * existing phrasings first, as they were, the new ones after them in the round's order; a
 * program new to a ward's file goes at its end — and are written as they are kept (JSON with a
 * one-space indent; a trailing newline kept or left absent as it was). Running it twice changes nothing: the second run finds every
 * phrasing already there. The merge is pure (`mergePhrasings`); `main` is the edge that reads
 * and writes the files.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { AskedAsFileSchema } from "../src/search/asked-as.js";
import { DEFAULT_KNOWLEDGE_DIR } from "../src/knowledge/load.js";
import { runIfMain } from "./run-if-main.js";

export interface Phrasing {
  readonly text: string;
  readonly style: string;
}
/** Program id → its phrasings, in file order. */
export type PhrasingFile = Readonly<Record<string, readonly Phrasing[]>>;

/** Two phrasings at or above this character-bigram Dice similarity say the same thing. */
export const NEAR_DUPLICATE_DICE = 0.8;

/** The text two phrasings are compared on: NFKC, lower case, letters and digits only (no spaces, punctuation or emoji). */
export function normalisePhrasing(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, "");
}

function bigrams(s: string): Map<string, number> {
  const out = new Map<string, number>();
  const chars = [...s];
  if (chars.length === 1) out.set(s, 1);
  for (let i = 0; i + 1 < chars.length; i++) {
    const b = chars[i]! + chars[i + 1]!;
    out.set(b, (out.get(b) ?? 0) + 1);
  }
  return out;
}

/** Dice coefficient of two normalised texts' character bigrams (multiset), 0–1. */
export function bigramDice(a: string, b: string): number {
  const x = bigrams(a);
  const y = bigrams(b);
  let sizeX = 0;
  let sizeY = 0;
  let shared = 0;
  for (const n of x.values()) sizeX += n;
  for (const [g, n] of y) {
    sizeY += n;
    shared += Math.min(n, x.get(g) ?? 0);
  }
  return sizeX + sizeY === 0 ? 0 : (2 * shared) / (sizeX + sizeY);
}

export interface Dropped {
  readonly id: string;
  readonly text: string;
  readonly reason: "exact" | "near";
  /** The phrasing it repeats. */
  readonly like: string;
}

export interface MergeResult {
  readonly merged: Record<string, Phrasing[]>;
  readonly added: number;
  readonly dropped: readonly Dropped[];
}

/**
 * `existing` with `round`'s phrasings of the same programs appended, minus exact and near
 * duplicates (of the program's phrasings, existing or kept from the round). With `styles`, only
 * the round's phrasings of those styles are merged.
 */
export function mergePhrasings(
  existing: PhrasingFile,
  round: PhrasingFile,
  styles?: ReadonlySet<string>,
): MergeResult {
  const merged: Record<string, Phrasing[]> = {};
  for (const [id, list] of Object.entries(existing)) merged[id] = [...list];
  let added = 0;
  const dropped: Dropped[] = [];
  for (const [id, list] of Object.entries(round)) {
    const kept = merged[id] ?? [];
    const seen = kept.map((p) => ({ text: p.text, norm: normalisePhrasing(p.text) }));
    for (const p of list) {
      if (styles && !styles.has(p.style)) continue;
      const norm = normalisePhrasing(p.text);
      const exact = seen.find((s) => s.norm === norm);
      const near = exact ? undefined : seen.find((s) => bigramDice(s.norm, norm) >= NEAR_DUPLICATE_DICE);
      const twin = exact ?? near;
      if (twin) {
        dropped.push({ id, text: p.text, reason: exact ? "exact" : "near", like: twin.text });
        continue;
      }
      kept.push({ text: p.text, style: p.style });
      seen.push({ text: p.text, norm });
      added++;
    }
    if (kept.length > 0) merged[id] = kept;
  }
  return { merged, added, dropped };
}

const WARDS = ["chuo", "higashi", "nishi", "minami", "kita"] as const;

function parseFile(path: string): PhrasingFile {
  const parsed = AskedAsFileSchema.safeParse(JSON.parse(readFileSync(path, "utf8")));
  if (!parsed.success) throw new Error(`${path}: ${parsed.error.message}`);
  return parsed.data;
}

export interface FolderMerge {
  readonly added: number;
  readonly dropped: readonly Dropped[];
}

/** Merges `roundPath` into `<dir>/asked-as/<ward>.json` (a file is written only when it changes). */
export function mergeIntoFolder(
  roundPath: string,
  dir: string,
  { dryRun = false, styles }: { dryRun?: boolean; styles?: ReadonlySet<string> } = {},
): FolderMerge {
  const round = parseFile(roundPath);
  const unplaced = Object.keys(round).filter((id) => !WARDS.some((w) => id.startsWith(`${w}-`)));
  if (unplaced.length > 0) throw new Error(`no ward file for: ${unplaced.join(", ")}`);
  let added = 0;
  const dropped: Dropped[] = [];
  for (const ward of WARDS) {
    const path = join(dir, "asked-as", `${ward}.json`);
    const text = existsSync(path) ? readFileSync(path, "utf8") : "";
    const current: PhrasingFile = text ? parseFile(path) : {};
    const mine = Object.fromEntries(Object.entries(round).filter(([id]) => id.startsWith(`${ward}-`)));
    const result = mergePhrasings(current, mine, styles);
    added += result.added;
    dropped.push(...result.dropped);
    const out = JSON.stringify(result.merged, null, 1) + (text.endsWith("\n") ? "\n" : "");
    if (!dryRun && result.added > 0 && out !== text) writeFileSync(path, out);
  }
  return { added, dropped };
}

async function main(args: string[]): Promise<number> {
  const dryRun = args.includes("--dry-run");
  const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
  const dir = option("--knowledge") ?? DEFAULT_KNOWLEDGE_DIR;
  const styleList = option("--styles");
  const roundPath = args.find(
    (a, i) => !a.startsWith("--") && !["--knowledge", "--styles"].includes(args[i - 1]!),
  );
  if (!roundPath) {
    console.error("usage: merge-phrasings.ts ROUND.json [--knowledge DIR] [--styles a,b] [--dry-run]");
    return 2;
  }
  const styles = styleList ? new Set(styleList.split(",")) : undefined;
  const { added, dropped } = mergeIntoFolder(roundPath, dir, { dryRun, styles });
  for (const d of dropped) console.log(`dropped (${d.reason}) ${d.id}: ${d.text}  ≈  ${d.like}`);
  console.log(
    `${added} phrasings added, ${dropped.length} dropped as duplicates${dryRun ? " (dry run)" : ""}`,
  );
  return 0;
}

runIfMain(import.meta.url, main);
