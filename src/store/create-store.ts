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
import { adapterOptions, openFirestoreClient, type FirestoreConnection } from "./firestore-common.js";

export type { FirestoreConnection, StoreSpec };

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
      const [db, { createFirestoreStore }] = await Promise.all([
        openFirestoreClient(firestore),
        import("./firestore.js"),
      ]);
      const host = firestore.emulatorHost ?? null;
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
        ...adapterOptions(firestore),
      });
    }
  }
}
