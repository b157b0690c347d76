/**
 * Opens the embedded store on a file (`STORE=file:PATH`), turning the file system's bare error
 * (EEXIST when a parent is a file, EACCES, EROFS …) into one that names STORE and what to set.
 */
import { createEmbeddedStore } from "./embedded/index.js";
import type { Store } from "./port.js";

export function openFileStore(path: string): Store {
  try {
    return createEmbeddedStore({ file: path });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const reason = e instanceof Error ? e.message : String(e);
    throw new Error(
      `STORE=file:${path}: the store file cannot be opened (${code ?? reason}${code ? `: ${reason}` : ""}). ` +
        "Set STORE=file:PATH to a file in a directory this process may create and write " +
        "(e.g. STORE=file:.data/store.jsonl), or STORE=memory.",
      { cause: e },
    );
  }
}
