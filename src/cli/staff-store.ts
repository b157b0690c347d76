/**
 * The store for staff commands (`notice`, `residents`, `bulletin`). Each CLI call is a new
 * process, so a store that forgets everything on exit would lose a draft between `notice create`
 * and `notice dry-run`: the default is therefore a file store under `.data/` (the same file
 * `STORE=file:.data/store.jsonl npm start` uses), named on stderr every time, and an explicit
 * `STORE=memory` is refused with the settings that work.
 */
import { resolve } from "node:path";
import { loadConfig, type Config } from "../config.js";
import { createStore } from "../store/create-store.js";
import type { Store } from "../store/port.js";
import type { CliIo } from "./io.js";

/** Relative to the working directory (`npm run` runs in the repository root). */
export const DEFAULT_CLI_STORE = ".data/store.jsonl";

export type StaffStore = { ok: true; config: Config; store: Store } | { ok: false; code: number };

/** Loads the configuration with the CLI's defaults and opens the store, or explains why not. */
export async function openStaffStore(io: CliIo): Promise<StaffStore> {
  const config = loadConfig(io.env, { defaultMode: "local", defaultStore: `file:${DEFAULT_CLI_STORE}` });
  if (config.store.kind === "memory") {
    io.err(
      "STORE=memory keeps nothing between CLI calls (each call is a new process), so what one " +
        "command writes the next cannot find. Use a store that persists: " +
        `STORE=file:${DEFAULT_CLI_STORE} (the CLI's default; start the server with the same ` +
        "setting to share it) or STORE=firestore.",
    );
    return { ok: false, code: 2 };
  }
  if (config.store.kind === "file") {
    const isDefault = config.store.path === DEFAULT_CLI_STORE;
    io.err(
      `store: file:${resolve(config.store.path)}` +
        (isDefault
          ? " (the CLI's default, kept between calls; the server shares it with " +
            `STORE=file:${DEFAULT_CLI_STORE} npm start)`
          : ""),
    );
  } else io.err("store: firestore");
  const store = await createStore(config.store, {
    projectId: config.firestore.projectId,
    emulatorHost: config.firestore.emulatorHost,
  });
  return { ok: true, config, store };
}
