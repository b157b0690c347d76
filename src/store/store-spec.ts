/**
 * Which store adapter to open, as written in STORE / `--store`: `memory` | `file:PATH` |
 * `firestore`. The one parser of that text, shared by src/config.ts and the store opener; it
 * loads no adapter, so reading the configuration never pulls in the Firestore client.
 */

/** Which adapter: the same shape as `Config["store"]`. */
export type StoreSpec = { kind: "memory" } | { kind: "file"; path: string } | { kind: "firestore" };

/** The accepted forms, for error messages. */
export const STORE_SPEC_FORMS = '"memory", "file:PATH" or "firestore"';

/** The spec `text` names (blank means memory), or null when it names none of the accepted forms. */
export function readStoreSpec(text: string): StoreSpec | null {
  const v = text.trim();
  if (v === "" || v === "memory") return { kind: "memory" };
  if (v === "firestore") return { kind: "firestore" };
  if (v.startsWith("file:") && v.length > "file:".length)
    return { kind: "file", path: v.slice("file:".length) };
  return null;
}

/** Parses `memory` | `file:PATH` | `firestore`; throws naming the accepted forms. */
export function parseStoreSpec(text: string): StoreSpec {
  const spec = readStoreSpec(text);
  if (spec === null) throw new Error(`store must be ${STORE_SPEC_FORMS} (got ${JSON.stringify(text)})`);
  return spec;
}
