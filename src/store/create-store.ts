/**
 * The one store opener: picks and opens an adapter from a spec (`memory` | `file:PATH` |
 * `firestore`) for the server, Cloud Functions and every CLI command. The environment is read
 * by src/config.ts, which passes the project and emulator host in; this module never looks at
 * `process.env` itself (though the Firestore client library still honours
 * FIRESTORE_EMULATOR_HOST on its own, as Google documents).
 *
 * The Firestore client and adapter are imported only when a Firestore store is opened: they
 * cost a few hundred milliseconds of start-up that the embedded store does not need.
 */
import type { Firestore } from "@google-cloud/firestore";
import { createEmbeddedStore } from "./embedded/index.js";
import { openFileStore } from "./open-file-store.js";
import type { Store } from "./port.js";
import { parseStoreSpec, type StoreSpec } from "./store-spec.js";

export type { StoreSpec };

/** How to reach Firestore (only used for `{ kind: "firestore" }`). */
export interface FirestoreConnection {
  /** Google Cloud project id; on Cloud Functions the client finds it by itself. */
  projectId?: string | null;
  /** host:port of the emulator, e.g. 127.0.0.1:8787; unset for real Firestore. */
  emulatorHost?: string | null;
  /** Named database; "(default)" when unset. */
  databaseId?: string | null;
  /** Prefix of every collection name (e.g. for a staging copy in the same project). */
  prefix?: string;
  /** Longest single store call (default 10 s). */
  timeoutMs?: number;
  /** How long the start-up readiness check may take (default 10 s); 0 skips the check. */
  readyTimeoutMs?: number;
}

async function checkReady(db: Firestore, where: string, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new Error(
            `Firestore at ${where} did not answer within ${timeoutMs} ms. Start the emulator ` +
              `(scripts/firestore-emulator.sh) and set FIRESTORE_EMULATOR_HOST, or check ` +
              `GOOGLE_CLOUD_PROJECT and the service account's Firestore permissions.`,
          ),
        ),
      timeoutMs,
    );
  });
  try {
    // One cheap read of a document that need not exist proves connection and permissions.
    await Promise.race([db.collection("_readiness").doc("check").get(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Opens the store the spec names. For Firestore it creates the client, checks that it answers
 * (the client would otherwise retry for ever), and terminates it again on `close()`.
 */
export async function createStore(
  spec: StoreSpec | string,
  firestore: FirestoreConnection = {},
): Promise<Store> {
  const s = typeof spec === "string" ? parseStoreSpec(spec) : spec;
  switch (s.kind) {
    case "memory":
      return createEmbeddedStore();
    case "file":
      return openFileStore(s.path);
    case "firestore": {
      const [{ Firestore }, { createFirestoreStore }] = await Promise.all([
        import("@google-cloud/firestore"),
        import("./firestore.js"),
      ]);
      const host = firestore.emulatorHost ?? null;
      const db = new Firestore({
        ...(firestore.projectId ? { projectId: firestore.projectId } : {}),
        ...(firestore.databaseId ? { databaseId: firestore.databaseId } : {}),
        ...(host ? { host, ssl: false } : {}),
        ignoreUndefinedProperties: true,
      });
      const readyMs = firestore.readyTimeoutMs ?? 10_000;
      if (readyMs > 0) {
        try {
          await checkReady(db, host ?? `project ${firestore.projectId ?? "(detected)"}`, readyMs);
        } catch (e) {
          void db.terminate().catch(() => undefined);
          throw e;
        }
      }
      return createFirestoreStore({
        firestore: db,
        ownsClient: true,
        ...(firestore.prefix !== undefined ? { prefix: firestore.prefix } : {}),
        ...(firestore.timeoutMs !== undefined ? { timeoutMs: firestore.timeoutMs } : {}),
      });
    }
  }
}
