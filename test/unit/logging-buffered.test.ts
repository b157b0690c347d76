/**
 * The server's batched log output (src/logging.ts `bufferedStdout`): lines kept in a buffer are
 * still written when the process ends — by process.exit, by the event loop running out, by an
 * uncaught exception or an unhandled rejection — and when the server is quiet they appear within
 * the flush interval without any exit. Each case runs in a child process whose stdout is a pipe,
 * as under Cloud Run or a supervisor; LINE user ids stay redacted as with the synchronous output.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const LOGGING = fileURLToPath(new URL("../../src/logging.ts", import.meta.url));
const USER = "U" + "0123456789abcdef".repeat(2);

/** Runs `ending` after logging three lines through the buffered logger; resolves with stdout once the child exits. */
async function run(ending: string): Promise<{ out: string; code: number | null; sawBeforeExit: boolean }> {
  const script = `
    import { writeSync } from "node:fs";
    import { bufferedStdout, createLogger } from ${JSON.stringify(LOGGING)};
    const logger = createLogger({ destination: bufferedStdout() });
    for (let i = 0; i < 3; i++) logger.info({ i, userId: ${JSON.stringify(USER)} }, "line " + i);
    ${ending}
  `;
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let sawBeforeExit = false;
  let exited = false;
  child.stdout.on("data", (d: Buffer) => {
    out += d.toString("utf8");
    if (!exited && out.includes('"line 2"')) sawBeforeExit = true;
  });
  const [code] = (await once(child, "exit")) as [number | null];
  exited = true;
  if (!child.stdout.readableEnded) await once(child.stdout, "end");
  return { out, code, sawBeforeExit };
}

const lines = (out: string) =>
  out
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe("bufferedStdout", () => {
  it.each([
    ["process.exit", "process.exit(0);", 0],
    ["the event loop running out", "", 0],
    ["an uncaught exception", "setTimeout(() => { throw new Error('boom'); }, 0);", 1],
    ["an unhandled rejection", "setTimeout(() => Promise.reject(new Error('boom')), 0);", 1],
  ])(
    "writes every buffered line on %s",
    async (_name, ending, code) => {
      const r = await run(ending);
      expect(r.code).toBe(code);
      expect(lines(r.out).map((l) => l.message)).toEqual(["line 0", "line 1", "line 2"]);
      expect(r.out).not.toContain(USER);
      expect(lines(r.out)[0]!.userId).toBe("[redacted]");
    },
    30_000,
  );

  it("writes lines of a quiet server within the flush interval, without exiting", async () => {
    // The child stays alive for 3 s after logging; its lines must arrive well before it ends.
    const r = await run("setTimeout(() => process.exit(0), 3000);");
    expect(r.sawBeforeExit).toBe(true);
    expect(lines(r.out)).toHaveLength(3);
  }, 30_000);

  it("keeps lines back while fewer than the buffer's size (one write per batch, not per line)", async () => {
    // A marker written straight to the pipe after the three lines arrives before them: they were
    // still in the buffer, and went out together at the exit.
    const r = await run('writeSync(1, "MARK\\n"); process.exit(0);');
    expect(r.out.startsWith("MARK\n")).toBe(true);
    expect(lines(r.out)).toHaveLength(3);
  }, 30_000);
});
