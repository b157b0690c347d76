/** STORE=file:PATH that cannot be opened fails with an error naming STORE, not a bare EEXIST. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config.js";
import { createDeps } from "../../../src/deps.js";
import { createStore } from "../../../src/store/create-store.js";

describe("opening STORE=file:PATH", () => {
  it("names STORE and the path when a parent of the file is a file (EEXIST)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "store-open-"));
    writeFileSync(join(dir, "passwd"), "root:x:0:0\n");
    const path = join(dir, "passwd", "x");
    await expect(createStore(`file:${path}`)).rejects.toThrow(
      new RegExp(`^STORE=file:${path}: the store file cannot be opened \\(EEXIST`),
    );
    const config = loadConfig({ STORE: `file:${path}` }, { defaultMode: "local" });
    await expect(createDeps(config)).rejects.toThrow(/STORE=file:.*Set STORE=file:PATH/);
  });
});
