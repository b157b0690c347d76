/** The catalogue store contract against the embedded store: volatile, and shared through a folder. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { createEmbeddedCatalogueStore } from "../../src/store/catalogue-embedded.js";
import { catalogueStoreContract } from "./catalogue-store-contract.js";

const root = mkdtempSync(join(tmpdir(), "catalogue-store-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;

catalogueStoreContract("embedded (memory)", { create: async () => createEmbeddedCatalogueStore() });

const dirs = new Map<object, string>();
catalogueStoreContract("embedded (folder)", {
  create: async () => {
    const dir = join(root, `s${(n += 1)}`);
    const store = createEmbeddedCatalogueStore({ dir });
    dirs.set(store, dir);
    return store;
  },
  // A second handle on the same folder: what the CLI is to a running server.
  sibling: async (store) => createEmbeddedCatalogueStore({ dir: dirs.get(store)! }),
});

it("says that the volatile store keeps nothing across restarts", () => {
  expect(createEmbeddedCatalogueStore().kind).toMatch(/volatile/);
});
