/**
 * The catalogue store contract against Google's Firestore emulator (never a mock), plus what only
 * Firestore brings: a search index larger than one document is split into chunks.
 */
import { describe, expect, it } from "vitest";
import { BadDocumentError } from "../../src/store/firestore-common.js";
import { createFirestoreCatalogueStore } from "../../src/store/catalogue-firestore.js";
import { emulatorProject, useEmulatorClients } from "../helpers/firestore-emulator.js";
import { catalogueStoreContract } from "./catalogue-store-contract.js";

const project = emulatorProject("Firestore catalogue store contract", "catalogue");

describe.skipIf(project.host === null)("Firestore catalogue store (emulator)", () => {
  const clients = useEmulatorClients(project, (firestore) => createFirestoreCatalogueStore({ firestore }));

  catalogueStoreContract("firestore", clients.adapters);

  it("cuts a large index into chunks under the document limit", async () => {
    await project.wipe();
    const db = clients.db;
    const store = createFirestoreCatalogueStore({ firestore: db });
    await store.putSearchIndex("big", "x".repeat(1_500_000));
    const parent = await db.collection("searchIndexes").doc("big").get();
    expect(parent.get("chunks")).toBeGreaterThan(1);
    expect((await store.getSearchIndex("big"))?.length).toBe(1_500_000);
  });

  it("names a stored document of the wrong shape instead of handing it on as a wrong type", async () => {
    await project.wipe();
    const db = clients.db;
    const store = createFirestoreCatalogueStore({ firestore: db });
    await db.collection("staffTokens").doc("t1").set({ id: "t1", digest: "d1", name: 42 });
    const failure = await store.findStaffToken("d1").catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(BadDocumentError);
    expect(String(failure)).toMatch(/staffTokens\/t1 .*name/);
    await db.collection("catalogueState").doc("current").set({ revision: "seven" });
    await expect(store.getState()).rejects.toThrow(/catalogueState\/current/);
  });
});
