/**
 * `npm start` (src/server.ts under tsx, in a child process): on a port another process holds,
 * it fails with a message naming PORT and exits non-zero, instead of printing the URLs of the
 * other process and exiting 0.
 */
import { spawn } from "node:child_process";
import { createServer, type Server } from "node:net";
import { once } from "node:events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let holder: Server;
let port: number;

beforeAll(async () => {
  holder = createServer(() => undefined);
  holder.listen(0, "0.0.0.0");
  await once(holder, "listening");
  port = (holder.address() as { port: number }).port;
});
afterAll(() => new Promise<void>((r) => holder.close(() => r())));

function startServer(env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
    env: { ...process.env, APP_MODE: "local", SIMULATOR: "off", LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr.on("data", (d: Buffer) => (output += d.toString()));
  const timer = setTimeout(() => child.kill("SIGKILL"), 40_000);
  return new Promise((resolve) =>
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    }),
  );
}

describe("npm start on a busy port", () => {
  it("exits non-zero with a message naming PORT, and says nothing about listening", async () => {
    const r = await startServer({ PORT: String(port) });
    expect(r.code).toBe(1);
    expect(r.output).toContain(`server failed to start: PORT=${port} is already in use`);
    expect(r.output).toContain("EADDRINUSE");
    expect(r.output).not.toMatch(/"msg":"listening"/);
    expect(r.output).not.toContain("Webhook: POST");
  }, 60_000);
});
