/**
 * Loads and validates the catalogue from `knowledge/`. This is an edge (it reads files);
 * everything downstream receives plain `Program[]`.
 */
import { readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { WardFileSchema, type Program, type WardFile } from "./schema.js";
import { loadWardRegistry, type WardRegistry } from "./wards.js";
import { parseFiscalYear } from "./fiscal-year.js";
import { readKnowledgeJson } from "./checked-file.js";

/** The repository's `knowledge/` folder, wherever this module is run from (src or a bundle). */
export const DEFAULT_KNOWLEDGE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../../knowledge");

export interface Catalogue {
  /** The ward files, in the registry's order. */
  wards: WardFile[];
  programs: Program[];
  byId: Map<string, Program>;
  /** Where to ask about an out-of-scope topic, when staff said (the store's live catalogue only). */
  whereToAsk?(topic: string): string | null;
}

/**
 * Programs carry the year their ward file names, so every reply labels the year from the data
 * (「令和2年度」 here, 「令和3年度」 for an imported sheet) and never from a literal.
 */
function withYear(w: WardFile): WardFile {
  const fiscalYear = parseFiscalYear(w.fiscalYear);
  if (fiscalYear === null) return w;
  return {
    ...w,
    programs: w.programs.map((p) => ({ ...p, fiscalYear, fiscalYearLabel: w.fiscalYear })),
  };
}

/**
 * Reads every `knowledge/wards/*.json`, validates it against the schema and the ward registry of
 * the same folder (by default), and checks ids are unique. Throws with the file name on error.
 * `checked`: digests of files checked at build time, keyed `wards/<file>` (checked-file.ts); a
 * file with its digest skips the schema, the registry and id checks run either way.
 */
export function loadCatalogue(
  dir: string = DEFAULT_KNOWLEDGE_DIR,
  registry: WardRegistry = loadWardRegistry(dir),
  checked: Readonly<Record<string, string>> = {},
): Catalogue {
  const wardDir = join(dir, "wards");
  const files = readdirSync(wardDir)
    .filter((f) => f.endsWith(".json"))
    .sort();
  const wards = files.map((f) => {
    const w = readKnowledgeJson(
      join(wardDir, f),
      `knowledge/wards/${f}`,
      WardFileSchema,
      checked[`wards/${f}`],
    );
    if (!registry.has(w.ward) || registry.slugOf(w.ward) !== w.slug)
      throw new Error(
        `knowledge/wards/${f}: ${w.ward} (${w.slug}) is not a ward of gazetteer.json (${registry.names.join(" ")})`,
      );
    const stray = w.programs.find((p) => p.ward !== w.ward);
    if (stray)
      throw new Error(`knowledge/wards/${f}: program ${stray.id} is in ${stray.ward}, not ${w.ward}`);
    return withYear(w);
  });
  wards.sort((a, b) => registry.order(a.ward) - registry.order(b.ward));
  const programs = wards.flatMap((w) => w.programs);
  const byId = new Map<string, Program>();
  for (const p of programs) {
    if (byId.has(p.id)) throw new Error(`knowledge: duplicate program id ${p.id}`);
    byId.set(p.id, p);
  }
  return { wards, programs, byId };
}
