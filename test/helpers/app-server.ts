/**
 * Starts the real app on 127.0.0.1 port 0 and posts (signed) webhook bodies to it, or starts it
 * with the chat simulator mounted, as the browser tests use it.
 */
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { createApp, type AppOptions } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import { createDeps, type Deps } from "../../src/deps.js";
import { createSimulatorSetup, type SimulatorSetup } from "../../src/http/simulator-setup.js";
import { createLogger } from "../../src/logging.js";
import { sign } from "./line-events.js";

export interface RunningApp {
  url: string;
  server: Server;
  /** POSTs a body to /webhook, signed with the channel secret unless `signature` is given (null = none). */
  post(
    body: string | Buffer,
    opts?: { signature?: string | null; headers?: Record<string, string> },
  ): Promise<Response>;
  /** POSTs {destination, events} signed. */
  postEvents(events: unknown[]): Promise<Response>;
  close(): Promise<void>;
}

export async function startApp(deps: Deps, options: AppOptions = {}): Promise<RunningApp> {
  const app = createApp(deps, options);
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  // fetch keeps sockets alive between a test's requests. When an instance blocks its event loop
  // for seconds (loading a new search index on a busy machine), Node's 5 s keep-alive timer can
  // close a socket just as the next request reuses it (ECONNRESET): a harness race, not the app's.
  server.keepAliveTimeout = 60_000;
  server.headersTimeout = 65_000;
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const secret = deps.config.line.channelSecret;
  const post: RunningApp["post"] = (body, opts = {}) => {
    const signature = opts.signature === undefined ? sign(body, secret) : opts.signature;
    return fetch(`${url}/webhook`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(signature !== null ? { "x-line-signature": signature } : {}),
        ...opts.headers,
      },
      body: typeof body === "string" ? body : new Uint8Array(body),
    });
  };
  return {
    url,
    server,
    post,
    postEvents: (events) => post(JSON.stringify({ destination: "Uxxxxxxxx", events })),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The app with the chat simulator, as `npm start` wires it locally. */
export interface RunningSimulator {
  deps: Deps;
  sim: SimulatorSetup;
  /** http://127.0.0.1:PORT (the simulator is under /simulator/). */
  origin: string;
  /** Waits for a running index rebuild, stops the server, drains replies and closes the store. */
  close(): Promise<void>;
}

/**
 * Starts the app as `npm start` does locally (local config, embedded store, real catalogue and
 * prebuilt index, simulator messenger) on 127.0.0.1 port 0; `env` adds or overrides settings.
 */
export async function startSimulator(env: Record<string, string> = {}): Promise<RunningSimulator> {
  const config = loadConfig({ APP_MODE: "local", LOG_LEVEL: "silent", SIMULATOR: "on", ...env });
  const sim = createSimulatorSetup(config);
  const deps = await createDeps(config, { ...sim.overrides, logger: createLogger({ level: "silent" }) });
  const app = await startApp(deps, { mounts: [["/simulator", sim.router]] });
  sim.listening(Number(new URL(app.url).port));
  return {
    deps,
    sim,
    origin: app.url,
    close: async () => {
      await deps.rebuilder.idle();
      await app.close();
      await deps.inflight.drain();
      await deps.store.close();
    },
  };
}
