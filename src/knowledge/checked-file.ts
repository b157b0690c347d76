/**
 * Knowledge files checked once, at build time, instead of at every start. A schema check of
 * `vocabulary.json` took a quarter of the search engine's cold start (zod compiles its checks
 * on first use). `npm run build:index` checks the files and records each one's SHA-256 in the
 * prebuilt index — only when the checked value is the file's JSON as written (no defaults
 * filled in, nothing stripped). At start a file whose bytes have that digest is the very file
 * that passed the check and is read as plain JSON; any other bytes (an edit since the build, a
 * different knowledge folder) are checked as before. Hashing 70 KB costs well under a
 * millisecond. Which files and schemas: src/knowledge/checked-knowledge.ts (the vocabulary, the
 * gazetteer and its ward registry, the ward files, the offices: together about a third of the
 * functions bundle's start-up work before it answered its first webhook).
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import type * as z from "zod";

/** SHA-256 of a file's bytes, hex. */
export function digestOf(bytes: Uint8Array | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/**
 * What a loader makes of JSON whose bytes passed the check at build time, without the schema: the
 * JSON itself, or a cheap pure view of it (the part a schema keeps, a field it drops). The build
 * records a digest only when this gives exactly the schema's output.
 */
export type TrustedView = (json: unknown) => unknown;

const asIs: TrustedView = (json) => json;

/**
 * Reads a JSON knowledge file: as plain JSON (through `trusted`) when its bytes have the digest
 * `checked` (they passed `schema` at build time), otherwise through `schema`. Throws naming the
 * file.
 */
export function readKnowledgeJson<S extends z.ZodType>(
  path: string,
  label: string,
  schema: S,
  checked?: string,
  trusted: TrustedView = asIs,
): z.output<S> {
  const bytes = readFileSync(path);
  const text = bytes.toString("utf8");
  if (checked !== undefined && digestOf(bytes) === checked) return trusted(JSON.parse(text)) as z.output<S>;
  const parsed = schema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`${label}: ${parsed.error.message}`);
  return parsed.data;
}

/**
 * The digest to record for a file at build time: its bytes' SHA-256 when the file passes
 * `schema` and the checked value equals `trusted` of its JSON, else undefined (it is then
 * checked at start). Key order may differ (a file may list an object's keys in its own order);
 * nothing compares these values by their serialisation at run time.
 */
export function checkedDigest(
  path: string,
  schema: z.ZodType,
  trusted: TrustedView = asIs,
): string | undefined {
  const bytes = readFileSync(path);
  const json: unknown = JSON.parse(bytes.toString("utf8"));
  const parsed = schema.safeParse(json);
  return parsed.success && isDeepStrictEqual(parsed.data, trusted(json)) ? digestOf(bytes) : undefined;
}
