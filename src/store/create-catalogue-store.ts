/**
 * Opens the catalogue store that goes with a resident store spec: volatile memory, a folder
 * beside the file store's journal, or Firestore (its own client on the same project; the
 * Firestore module is imported only then, as in create-store.ts).
 */
import type { CatalogueStores } from "./catalogue-port.js";
import { catalogueDirFor, createEmbeddedCatalogueStore } from "./catalogue-embedded.js";
import type { StoreSpec } from "./create-store.js";
import { adapterOptions, openFirestoreClient, type FirestoreConnection } from "./firestore-common.js";

export async function createCatalogueStore(
  spec: StoreSpec,
  firestore: FirestoreConnection = {},
): Promise<CatalogueStores> {
  if (spec.kind === "memory") return createEmbeddedCatalogueStore();
  if (spec.kind === "file") return createEmbeddedCatalogueStore({ dir: catalogueDirFor(spec.path) });
  const [db, { createFirestoreCatalogueStore }] = await Promise.all([
    openFirestoreClient(firestore),
    import("./catalogue-firestore.js"),
  ]);
  return createFirestoreCatalogueStore({ firestore: db, ownsClient: true, ...adapterOptions(firestore) });
}
