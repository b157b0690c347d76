/**
 * Opens the catalogue store that goes with a resident store spec: volatile memory, a folder
 * beside the file store's journal, or Firestore (its own client on the same project; the
 * Firestore module is imported only then, as in deps.ts).
 */
import type { CatalogueStores } from "./catalogue-port.js";
import { catalogueDirFor, createEmbeddedCatalogueStore } from "./catalogue-embedded.js";
import type { FirestoreConnection, StoreSpec } from "./create-store.js";

export async function createCatalogueStore(
  spec: StoreSpec,
  firestore: FirestoreConnection = {},
): Promise<CatalogueStores> {
  if (spec.kind === "memory") return createEmbeddedCatalogueStore();
  if (spec.kind === "file") return createEmbeddedCatalogueStore({ dir: catalogueDirFor(spec.path) });
  const [{ Firestore }, { createFirestoreCatalogueStore }] = await Promise.all([
    import("@google-cloud/firestore"),
    import("./catalogue-firestore.js"),
  ]);
  const host = firestore.emulatorHost ?? null;
  const db = new Firestore({
    ...(firestore.projectId ? { projectId: firestore.projectId } : {}),
    ...(firestore.databaseId ? { databaseId: firestore.databaseId } : {}),
    ...(host ? { host, ssl: false } : {}),
    ignoreUndefinedProperties: true,
  });
  return createFirestoreCatalogueStore({
    firestore: db,
    ownsClient: true,
    ...(firestore.prefix !== undefined ? { prefix: firestore.prefix } : {}),
    ...(firestore.timeoutMs !== undefined ? { timeoutMs: firestore.timeoutMs } : {}),
  });
}
