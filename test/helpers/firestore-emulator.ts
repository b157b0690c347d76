/**
 * The Cloud Firestore emulator in tests: where it is, whether it answers, and wiping one
 * project's data between tests. `.ci/run` (or test/helpers/global-setup.ts on a developer
 * machine) starts the emulator; this module only talks to it.
 *
 * Rules: if an emulator host is known the Firestore tests must run; if none is known and
 * FIRESTORE_EMULATOR_REQUIRED=1 they fail loudly; otherwise they are skipped with a loud message.
 */
import { Firestore } from "@google-cloud/firestore";
import { afterAll, beforeAll, inject } from "vitest";
import { waitForEmulator, wipeEmulator } from "./emulator-process.js";

export { waitForEmulator, wipeEmulator };

declare module "vitest" {
  export interface ProvidedContext {
    /** host:port of the emulator started by the global setup, or null. */
    firestoreEmulatorHost: string | null;
  }
}

/** host:port of the emulator, from the environment (CI) or the global setup; null if none. */
export function emulatorHost(): string | null {
  const fromEnv = process.env.FIRESTORE_EMULATOR_HOST;
  if (fromEnv) return fromEnv;
  try {
    return inject("firestoreEmulatorHost") ?? null;
  } catch {
    return null; // outside a vitest worker
  }
}

/**
 * The emulator host for a Firestore test file, or null to skip it (announced loudly).
 * Throws when the emulator is required (FIRESTORE_EMULATOR_REQUIRED=1) but unknown.
 */
export function emulatorHostOrSkip(suite: string): string | null {
  const host = emulatorHost();
  if (host) return host;
  const message =
    `The Cloud Firestore emulator is not available, so "${suite}" cannot run against it. ` +
    `Install the Debian package google-cloud-cli-firestore-emulator (Java 17), or start it with ` +
    `scripts/firestore-emulator.sh and set FIRESTORE_EMULATOR_HOST.`;
  if (process.env.FIRESTORE_EMULATOR_REQUIRED === "1") {
    throw new Error(`FIRESTORE_EMULATOR_REQUIRED=1 but no emulator host is set. ${message}`);
  }
  const bar = "!".repeat(100);
  console.warn(`\n${bar}\n!!! SKIPPED: ${message}\n${bar}\n`);
  return null;
}

/** A project id no other test file uses, so files can run in parallel on one emulator. */
export function uniqueProjectId(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .slice(0, 12);
  return `t-${slug}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
}

/** A Firestore client on the emulator for one project. */
export function emulatorFirestore(host: string, projectId: string): Firestore {
  return new Firestore({ projectId, host, ssl: false, ignoreUndefinedProperties: true });
}

/** One test file's own project on the emulator: the setup every Firestore suite shares. */
export interface EmulatorProject {
  /** host:port, or null when the suite is skipped (`describe.skipIf(project.host === null)`). */
  host: string | null;
  projectId: string;
  /** Waits until the emulator answers (in `beforeAll`). */
  ready(): Promise<void>;
  /** A new client on this project; the caller terminates it. */
  client(): Firestore;
  /** Deletes every document of this project. */
  wipe(): Promise<void>;
}

/**
 * The emulator host for `suite` (or null to skip, see `emulatorHostOrSkip`) and a fresh project
 * named after `name`, so files run in parallel on one emulator without seeing each other's data.
 */
export function emulatorProject(suite: string, name: string): EmulatorProject {
  const host = emulatorHostOrSkip(suite);
  const projectId = uniqueProjectId(name);
  const need = (): string => {
    if (host === null) throw new Error(`"${suite}" is skipped: no Firestore emulator host`);
    return host;
  };
  return {
    host,
    projectId,
    ready: () => waitForEmulator(need(), 30_000),
    client: () => emulatorFirestore(need(), projectId),
    wipe: () => wipeEmulator(need(), projectId),
  };
}

/** What {@link useEmulatorClients} gives a suite. */
export interface EmulatorClients<T> {
  /** The client the adapter under test uses (valid once `beforeAll` ran). */
  readonly db: Firestore;
  /** Another client on the same project: what a second Cloud Functions instance would be. */
  readonly db2: Firestore;
  /** The contract suites' openers: a wiped project and an adapter on `db`; one on `db2`. */
  readonly adapters: { create(): Promise<T>; sibling(): Promise<T> };
}

/**
 * The setup every Firestore adapter suite shares: inside a `describe`, opens two clients on
 * `project` before the suite and wipes and closes them after it. `open` makes the adapter on a
 * client.
 */
export function useEmulatorClients<T>(
  project: EmulatorProject,
  open: (db: Firestore) => T,
): EmulatorClients<T> {
  let db: Firestore | undefined;
  let db2: Firestore | undefined;
  const need = (c: Firestore | undefined): Firestore => {
    if (c === undefined) throw new Error("the emulator clients are opened in beforeAll");
    return c;
  };
  beforeAll(async () => {
    await project.ready();
    db = project.client();
    db2 = project.client();
  });
  afterAll(async () => {
    await project.wipe();
    await db?.terminate();
    await db2?.terminate();
  });
  return {
    get db() {
      return need(db);
    },
    get db2() {
      return need(db2);
    },
    adapters: {
      create: async () => {
        await project.wipe();
        return open(need(db));
      },
      sibling: () => Promise.resolve(open(need(db2))),
    },
  };
}
