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
import { DomainError } from "../domain-error.js";
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

/** What a staff command's work gets from {@link runOnStaffStore}. */
export interface StaffRun {
  config: Config;
  store: Store;
  /** With --json the value as JSON, else the human lines. */
  print: (value: unknown, human: () => string[]) => void;
}

/**
 * Runs one staff command on the staff store: opens it (or returns the exit code that says why
 * not), turns the core's refusals into exit codes (3: not found, 1: refused; each field's
 * problem listed, and with --json also printed as JSON) and an unreadable --file into a message,
 * and closes the store whatever happens.
 */
export async function runOnStaffStore(
  io: CliIo,
  json: boolean,
  work: (run: StaffRun) => Promise<number>,
): Promise<number> {
  const opened = await openStaffStore(io);
  if (!opened.ok) return opened.code;
  const { config, store } = opened;
  const print = (value: unknown, human: () => string[]) =>
    io.out(json ? JSON.stringify(value, null, 2) : human().join("\n"));
  try {
    return await work({ config, store, print });
  } catch (e) {
    if (e instanceof DomainError) {
      if (json) io.out(JSON.stringify({ error: e.code, message: e.message, issues: e.issues }, null, 2));
      io.err(`${e.message}${e.issues.map((i) => `\n  ${i.path || "(input)"}: ${i.message}`).join("")}`);
      return e.kind === "not-found" ? 3 : 1;
    }
    if (e instanceof SyntaxError) {
      io.err(`--file: not valid JSON (${e.message})`);
      return 1;
    }
    throw e;
  } finally {
    await store.close();
  }
}
