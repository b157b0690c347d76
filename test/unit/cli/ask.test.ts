/**
 * The `ask` command: argument handling in-process, and the whole pipeline as a real child
 * process with STORE=file:PATH so settings persist between calls.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { PassThrough } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../../src/cli/main.js";
import type { CliIo } from "../../../src/cli/io.js";
import { expectValidLineMessages } from "../../helpers/line-assert.js";

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), "ask-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fakeIo(): CliIo & { outText: () => string; errText: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out: (s) => out.push(s),
    err: (s) => err.push(s),
    stdin: new PassThrough(),
    env: { APP_MODE: "local" },
    outText: () => out.join("\n"),
    errText: () => err.join("\n"),
  };
}

describe("ask", () => {
  it("bad arguments → usage on stderr, exit 2", async () => {
    for (const args of [[], ["--postback"], ["a", "--follow"], ["--bogus", "x"], ["--unblocked", "x"]]) {
      const io = fakeIo();
      expect(await main(["ask", ...args], io)).toBe(2);
      expect(io.errText()).toContain("usage: ask");
    }
  });

  it("runs follow → ward → settings as a child process, persisting in STORE=file:PATH", async () => {
    const env = {
      ...process.env,
      APP_MODE: "local",
      STORE: `file:${join(dir, "store.json")}`,
      LOG_LEVEL: "",
    };
    const ask = async (...args: string[]) => {
      const { stdout } = await run("npx", ["tsx", "src/cli/main.ts", "ask", "--json", ...args], {
        env,
        timeout: 60_000,
      });
      return JSON.parse(stdout) as { outcome: string; messages: unknown[] };
    };
    const follow = await ask("--follow");
    expect(follow.outcome).toBe("replied");
    expectValidLineMessages(follow.messages);
    expect(JSON.stringify(follow.messages)).toContain("友だち追加");
    await ask("--postback", "v1:ward:minami");
    const settings = await ask("--postback", "v1:settings");
    expectValidLineMessages(settings.messages);
    expect(JSON.stringify(settings.messages)).toContain("南区");
    const office = await ask("区役所");
    expect(JSON.stringify(office.messages)).toContain("熊本市南区富合町清藤405-3");
  }, 120_000);
});
