/**
 * A new instance builds its search engine on the first message it reads, not at start: its first
 * webhook is often a follow or a tap, which needs no search (issue 14, cold start).
 */
import { describe, expect, it, vi } from "vitest";
import { memoryStoreConfig } from "../../helpers/bot-fixtures.js";
import { createDeps } from "../../../src/deps.js";
import { lazySearchEngine } from "../../../src/search/load-engine.js";
import { createSearchEngine } from "../../../src/search/search-engine.js";
import type { SearchEngine } from "../../../src/search/types.js";

vi.mock("../../../src/search/search-engine.js", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../../src/search/search-engine.js")>();
  return { ...real, createSearchEngine: vi.fn(real.createSearchEngine) };
});

describe("lazySearchEngine", () => {
  it("builds on first use, once, and tries again after a build that threw", () => {
    const search = vi.fn();
    const engine = { search, analyseMessage: vi.fn() } as unknown as SearchEngine;
    let calls = 0;
    const lazy = lazySearchEngine(() => {
      calls++;
      if (calls === 1) throw new Error("index unreadable");
      return engine;
    });
    expect(calls).toBe(0);
    expect(lazy.built()).toBe(false);
    expect(() => lazy.analyseMessage("防災")).toThrow(/index unreadable/);
    lazy.analyseMessage("防災");
    lazy.search("防災", { ward: "東区" });
    expect(calls).toBe(2);
    expect(lazy.built()).toBe(true);
    expect(search).toHaveBeenCalledWith("防災", { ward: "東区" });
  });
});

describe("createDeps", () => {
  it("starts without building the engine, and builds it once when a message is first read", async () => {
    const built = vi.mocked(createSearchEngine);
    built.mockClear();
    const config = memoryStoreConfig();
    const deps = await createDeps(config);
    expect(built).not.toHaveBeenCalled();
    const analysis = deps.search.analyseMessage("東区の防災訓練");
    expect(analysis).toBeTruthy();
    expect(deps.search.search("防災訓練").results.length).toBeGreaterThan(0);
    expect(built).toHaveBeenCalledTimes(1);
  });
});
