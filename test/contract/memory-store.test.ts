/** The store contract against the volatile embedded store. */
import { expect, it } from "vitest";
import { createMemoryStore } from "../../src/store/memory.js";
import { storeContract } from "./store-contract.js";

storeContract("memory", { create: async () => createMemoryStore() });

it("says that it keeps nothing across restarts", () => {
  expect(createMemoryStore().kind).toMatch(/volatile/);
});
