/**
 * `npm start` (src/server.ts) binds to loopback unless HOST says otherwise: the simulator it
 * carries can act as any resident, so it must not be reachable from the network by default.
 * The real entry point runs as a child process on a free port (PORT=0).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { connect } from "node:net";
import { networkInterfaces } from "node:os";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const TSX = fileURLToPath(new URL("../../node_modules/.bin/tsx", import.meta.url));
let child: ChildProcess | null = null;

afterEach(() => {
  child?.kill("SIGTERM");
  child = null;
});

/** Starts the server and resolves with its "listening" log line (JSON on stdout). */
function start(env: NodeJS.ProcessEnv): Promise<{ host: string; port: number; banner: string }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(TSX, ["src/server.ts"], {
      cwd: ROOT,
      env: { ...process.env, APP_MODE: "local", PORT: "0", LOG_LEVEL: "info", STORE: "memory", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child = proc;
    let out = "";
    let err = "";
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}\n${err}`)), 60_000);
    proc.stderr?.on("data", (d: Buffer) => (err += d.toString()));
    proc.stdout?.on("data", (d: Buffer) => {
      out += d.toString();
      for (const line of out.split("\n")) {
        if (!line.includes('"listening"')) continue;
        const j = JSON.parse(line) as { host: string; port: number };
        // The banner on stderr follows the log line; give it a moment.
        setTimeout(() => {
          clearTimeout(timer);
          resolve({ host: j.host, port: j.port, banner: err });
        }, 300);
        return;
      }
    });
    proc.once("exit", (code) => reject(new Error(`server exited (${code}):\n${out}\n${err}`)));
  });
}

const reachable = (host: string, port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const s = connect({ host, port });
    s.once("connect", () => {
      s.destroy();
      resolve(true);
    });
    s.once("error", () => resolve(false));
  });

/** A non-loopback IPv4 address of this machine, if it has one. */
const externalAddress = (): string | undefined =>
  Object.values(networkInterfaces())
    .flat()
    .find((i) => i && i.family === "IPv4" && !i.internal)?.address;

describe("npm start binds to loopback by default", () => {
  it("listens on 127.0.0.1, says so, and is not reachable on the machine's network address", async () => {
    const s = await start({});
    expect(s.host).toBe("127.0.0.1");
    expect(s.banner).toContain(`Listening on http://127.0.0.1:${s.port} (this machine only`);
    expect(s.banner).toContain(`Chat simulator: http://127.0.0.1:${s.port}/simulator/`);
    expect(await reachable("127.0.0.1", s.port)).toBe(true);
    const ext = externalAddress();
    if (ext) expect(await reachable(ext, s.port)).toBe(false);
  }, 90_000);

  it("HOST=0.0.0.0 opens it to every interface and warns about the simulator", async () => {
    const s = await start({ HOST: "0.0.0.0" });
    expect(s.host).toBe("0.0.0.0");
    expect(s.banner).toMatch(/reachable from the network, and the simulator can act as any resident/);
    const ext = externalAddress();
    if (ext) expect(await reachable(ext, s.port)).toBe(true);
  }, 90_000);
});
