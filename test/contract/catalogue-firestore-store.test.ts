/**
 * The catalogue store contract against Google's Firestore emulator (never a mock), plus what only
 * Firestore brings: a search index larger than one document is split into chunks.
 */
import type { Firestore } from "@google-cloud/firestore";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFirestoreCatalogueStore } from "../../src/store/catalogue-firestore.js";
import { emulatorProject } from "../helpers/firestore-emulator.js";
import { catalogueStoreContract } from "./catalogue-store-contract.js";

const project = emulatorProject("Firestore catalogue store contract", "catalogue");

describe.skipIf(project.host === null)("Firestore catalogue store (emulator)", () => {
  let db: Firestore;
  let db2: Firestore;
  beforeAll(async () => {
    await project.ready();
    db = project.client();
    db2 = project.client();
  });
  afterAll(async () => {
    await project.wipe();
    await db.terminate();
    await db2.terminate();
  });

  catalogueStoreContract("firestore", {
    create: async () => {
      await project.wipe();
      return createFirestoreCatalogueStore({ firestore: db });
    },
    sibling: async () => createFirestoreCatalogueStore({ firestore: db2 }),
  });

  it("cuts a large index into chunks under the document limit", async () => {
    await project.wipe();
    const store = createFirestoreCatalogueStore({ firestore: db });
    await store.putSearchIndex("big", "x".repeat(1_500_000));
    const parent = await db.collection("searchIndexes").doc("big").get();
    expect(parent.get("chunks")).toBeGreaterThan(1);
    expect((await store.getSearchIndex("big"))?.length).toBe(1_500_000);
  });
});
