/**
 * Each CLI call is a new process. With STORE unset, `notice create` and then `notice dry-run`
 * in a second process must find the same draft (the default file store under .data/, named on
 * stderr); an explicit STORE=memory is refused with the settings that work.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inTokyo } from "../../src/time/tokyo-time.js";

const TSX = fileURLToPath(new URL("../../node_modules/.bin/tsx", import.meta.url));
const MAIN = fileURLToPath(new URL("../../src/cli/main.ts", import.meta.url));
let cwd: string;

/** Runs the CLI as its own process in `cwd`, as `npm run cli` would. */
function cli(env: NodeJS.ProcessEnv, ...args: string[]) {
  return new Promise<{ code: number; out: string; err: string }>((resolve) => {
    const clean = { ...process.env };
    delete clean.STORE;
    execFile(
      TSX,
      [MAIN, ...args],
      { cwd, env: { ...clean, APP_MODE: "local", LOG_LEVEL: "silent", ...env }, timeout: 60_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, out: stdout, err: stderr }),
    );
  });
}

const future = (days: number, hhmm: string) =>
  `${inTokyo(Date.now() + days * 86_400_000).format("YYYY-MM-DD")}T${hhmm}`;
const createArgs = [
  "notice",
  "create",
  "--title",
  "防災訓練",
  "--body",
  "地域の防災訓練です。",
  "--wards",
  "東区",
  "--topics",
  "bousai",
  "--start",
  future(10, "10:00"),
  "--place",
  "東区役所",
  "--author",
  "東区総務企画課",
];

beforeAll(() => {
  cwd = mkdtempSync(join(tmpdir(), "cli-default-store-"));
});
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

describe("the CLI's default store persists between calls", () => {
  it("a draft made by one process is found by the next; the store file is named", async () => {
    const created = await cli({}, ...createArgs);
    expect(created.err).toContain(`store: file:${join(cwd, ".data/store.jsonl")}`);
    expect(created.err).toContain("kept between calls");
    expect(created.code).toBe(0);
    const id = created.out.trim();
    expect(id).toMatch(/^n-[0-9a-f]{12}$/);
    expect(existsSync(join(cwd, ".data/store.jsonl"))).toBe(true);

    const dry = await cli({}, "notice", "dry-run", id, "--json");
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.out)).toMatchObject({ noticeId: id, recipients: { total: 0 } });
  }, 120_000);

  it("STORE=memory is refused, naming STORE=file:…", async () => {
    const r = await cli({ STORE: "memory" }, ...createArgs);
    expect(r.code).toBe(2);
    expect(r.err).toContain("STORE=memory keeps nothing between CLI calls");
    expect(r.err).toContain("STORE=file:.data/store.jsonl");
  }, 60_000);
});
