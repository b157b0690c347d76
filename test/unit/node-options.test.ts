/**
 * The Node options production runs with (src/node-options.ts) are the same in every place that
 * starts a production process: `npm start` and the Cloud Functions instances (functions/.env).
 * A flag missing from one of them would leave that process with V8's desktop-sized heap.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SERVER_NODE_OPTIONS } from "../../src/node-options.js";

const read = (path: string): string => readFileSync(new URL(`../../${path}`, import.meta.url), "utf8");

describe("the server's Node options", () => {
  it("are on npm start's node command line, before the entry", () => {
    const start = (JSON.parse(read("package.json")) as { scripts: Record<string, string> }).scripts.start!;
    const words = start.split(/\s+/);
    expect(words[0]).toBe("node");
    const entry = words.indexOf("src/server.ts");
    expect(entry).toBeGreaterThan(0);
    for (const option of SERVER_NODE_OPTIONS) {
      expect(words.indexOf(option)).toBeGreaterThan(0);
      expect(words.indexOf(option)).toBeLessThan(entry);
    }
  });

  it("are the NODE_OPTIONS every function is deployed with (functions/.env)", () => {
    const line = read("functions/.env")
      .split("\n")
      .find((l) => l.startsWith("NODE_OPTIONS="));
    expect(line).toBeDefined();
    expect(line!.slice("NODE_OPTIONS=".length).trim().split(/\s+/)).toEqual([...SERVER_NODE_OPTIONS]);
  });

  it("are accepted by Node in NODE_OPTIONS (it refuses most V8 options there) and size the heap", () => {
    const limitMb = (nodeOptions: string): number => {
      const r = spawnSync(
        process.execPath,
        ["-e", "process.stdout.write(String(require('v8').getHeapStatistics().heap_size_limit))"],
        { env: { ...process.env, NODE_OPTIONS: nodeOptions }, encoding: "utf8" },
      );
      expect(r.stderr).toBe("");
      expect(r.status).toBe(0);
      return Number(r.stdout) / 2 ** 20;
    };
    // The limit is the old generation's ceiling plus three semi-spaces (the young generation).
    expect(limitMb(SERVER_NODE_OPTIONS.join(" "))).toBe(512 + 3 * 2);
  });
});
