/**
 * `npm test` on a machine without Chromium: the browser test files skip with a loud message
 * instead of failing, unless BROWSER_TESTS_REQUIRED=1 (what .ci/run sets), which fails them.
 * Runs vitest itself on one e2e file in a child process with CHROMIUM_PATH pointing nowhere.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { chromiumOrSkip } from "../helpers/chromium.js";

const MISSING = "/nonexistent/chromium";

function runE2e(extra: NodeJS.ProcessEnv) {
  const r = spawnSync(
    process.execPath,
    ["node_modules/vitest/vitest.mjs", "run", "test/e2e/admin-console.test.ts", "--reporter=default"],
    {
      encoding: "utf8",
      timeout: 90_000,
      // No emulator is needed by the e2e file; keep the child from starting one.
      env: { ...process.env, FIRESTORE_EMULATOR_JAR: "/nonexistent.jar", CHROMIUM_PATH: MISSING, ...extra },
    },
  );
  return { status: r.status, output: `${r.stdout}\n${r.stderr}` };
}

describe("browser tests without Chromium", () => {
  it("skip loudly when Chromium is absent", () => {
    const r = runE2e({ BROWSER_TESTS_REQUIRED: "" });
    expect(r.output).toContain("SKIPPED: Chromium is not installed at /nonexistent/chromium");
    expect(r.output).toMatch(/1 skipped/);
    expect(r.status).toBe(0);
  }, 120_000);

  it("fail when BROWSER_TESTS_REQUIRED=1, as .ci/run sets it", () => {
    const r = runE2e({ BROWSER_TESTS_REQUIRED: "1" });
    expect(r.output).toContain("BROWSER_TESTS_REQUIRED=1 but Chromium is missing");
    expect(r.status).not.toBe(0);
  }, 120_000);

  it("chromiumOrSkip answers the path when the binary is there", () => {
    expect(chromiumOrSkip("x", { CHROMIUM_PATH: process.execPath })).toBe(process.execPath);
    expect(chromiumOrSkip("x", { CHROMIUM_PATH: MISSING })).toBeNull();
    expect(() => chromiumOrSkip("x", { CHROMIUM_PATH: MISSING, BROWSER_TESTS_REQUIRED: "1" })).toThrow(
      /BROWSER_TESTS_REQUIRED=1/,
    );
  });

  it(".ci/run requires both the browser and the Firestore tests", () => {
    const ci = readFileSync(".ci/run", "utf8");
    expect(ci).toMatch(/^export BROWSER_TESTS_REQUIRED=1$/m);
    expect(ci).toMatch(/export FIRESTORE_EMULATOR_REQUIRED=1/);
  });
});
