/** The store contract against the volatile embedded store. */
import { expect, it } from "vitest";
import { createEmbeddedStore } from "../../src/store/embedded/index.js";
import { storeContract } from "./store-contract.js";

storeContract("memory", { create: async () => createEmbeddedStore() });

it("says that it keeps nothing across restarts", () => {
  expect(createEmbeddedStore().kind).toMatch(/volatile/);
});
