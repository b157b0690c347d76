/**
 * Which knowledge files an instance reads at start, with the schema each passes and what its
 * loader makes of it without the schema: the list `npm run build:index` records digests for
 * (the prebuilt index's `checked`, src/knowledge/checked-file.ts). The keys are the ones the
 * loaders look up: the file's path under knowledge/, and `gazetteer.json (wards)` for the ward
 * registry's view of the gazetteer.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import type * as z from "zod";
import { checkedDigest, type TrustedView } from "./checked-file.js";
import { GazetteerSchema, gazetteerOfJson } from "./gazetteer.js";
import { OfficesSchema } from "./offices.js";
import { WardFileSchema } from "./schema.js";
import { VocabularySchema } from "./vocabulary.js";
import { WARD_REGISTRY_KEY, wardsOfJson, WardsFileSchema } from "./wards.js";

interface KnowledgeCheck {
  key: string;
  file: string;
  schema: z.ZodType;
  trusted?: TrustedView;
}

/** The files of `dir` read at start, each with its schema. */
export function knowledgeChecks(dir: string): KnowledgeCheck[] {
  const wardFiles = readdirSync(join(dir, "wards"))
    .filter((f) => f.endsWith(".json"))
    .sort();
  return [
    { key: "vocabulary.json", file: "vocabulary.json", schema: VocabularySchema },
    { key: "gazetteer.json", file: "gazetteer.json", schema: GazetteerSchema, trusted: gazetteerOfJson },
    { key: WARD_REGISTRY_KEY, file: "gazetteer.json", schema: WardsFileSchema, trusted: wardsOfJson },
    { key: "offices.json", file: "offices.json", schema: OfficesSchema },
    ...wardFiles.map((f) => ({ key: `wards/${f}`, file: `wards/${f}`, schema: WardFileSchema })),
  ];
}

/**
 * Digests of the files of `dir` that pass their schema as they are (build time). A file that
 * fails is left out, and its loader checks it at start and refuses it there, naming it.
 */
export function checkedKnowledgeDigests(dir: string): Record<string, string> {
  const checked: Record<string, string> = {};
  for (const c of knowledgeChecks(dir)) {
    const digest = checkedDigest(join(dir, c.file), c.schema, c.trusted);
    if (digest) checked[c.key] = digest;
  }
  return checked;
}
