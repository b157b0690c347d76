/** Choosing and opening a store adapter from STORE's forms. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createStore } from "../../../src/store/create-store.js";
import { parseStoreSpec } from "../../../src/store/store-spec.js";
import { emulatorHost, uniqueProjectId, wipeEmulator } from "../../helpers/firestore-emulator.js";

const dir = mkdtempSync(join(tmpdir(), "create-store-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("parseStoreSpec", () => {
  it("accepts memory, file:PATH and firestore", () => {
    expect(parseStoreSpec("memory")).toEqual({ kind: "memory" });
    expect(parseStoreSpec("")).toEqual({ kind: "memory" });
    expect(parseStoreSpec(" firestore ")).toEqual({ kind: "firestore" });
    expect(parseStoreSpec("file:.data/store.jsonl")).toEqual({ kind: "file", path: ".data/store.jsonl" });
  });

  it("names the accepted forms when given something else", () => {
    for (const bad of ["file:", "redis", "Memory", "firestore:x"]) {
      expect(() => parseStoreSpec(bad)).toThrow(/"memory", "file:PATH" or "firestore"/);
    }
  });
});

describe("createStore", () => {
  it("opens the volatile memory store", async () => {
    const store = await createStore("memory");
    expect(store.kind).toMatch(/^memory/);
    await store.close();
  });

  it("opens a file store that a second opening shares", async () => {
    const path = join(dir, "shared.jsonl");
    const a = await createStore({ kind: "file", path });
    const b = await createStore(`file:${path}`);
    await a.upsertProfile("U1", { ward: "南区" }, 1);
    expect((await b.getProfile("U1"))?.ward).toBe("南区");
    expect(b.kind).toBe(`file:${path}`);
  });

  it("fails fast, naming the fix, when Firestore does not answer", async () => {
    // The client library prefers FIRESTORE_EMULATOR_HOST over its settings: hide it until the
    // opening has settled, since createStore loads the client lazily (after an await).
    const saved = process.env.FIRESTORE_EMULATOR_HOST;
    delete process.env.FIRESTORE_EMULATOR_HOST;
    let opening: Promise<unknown>;
    try {
      opening = createStore(
        { kind: "firestore" },
        { projectId: "nowhere", emulatorHost: "127.0.0.1:9", readyTimeoutMs: 300 },
      );
      await opening.catch(() => undefined);
    } finally {
      if (saved !== undefined) process.env.FIRESTORE_EMULATOR_HOST = saved;
    }
    await expect(opening).rejects.toThrow(/did not answer within 300 ms.*FIRESTORE_EMULATOR_HOST/s);
  });

  const host = emulatorHost();
  it.skipIf(host === null)("opens Firestore on the emulator after a readiness check", async () => {
    const projectId = uniqueProjectId("create");
    const store = await createStore("firestore", { projectId, emulatorHost: host, prefix: "t_" });
    expect(store.kind).toContain("firestore");
    await store.upsertProfile("U1", { ward: "北区" }, 1);
    expect((await store.getProfile("U1"))?.ward).toBe("北区");
    await store.close();
    await wipeEmulator(host as string, projectId);
  });
});
