/**
 * Local entry (`npm start`): the embedded store (STORE, default memory), the real LINE
 * messenger (LINE_API_BASE_URL may point at a fake), and the app on PORT. Secrets are not
 * needed locally (APP_MODE defaults to local here). Shuts down cleanly on SIGINT/SIGTERM,
 * waiting for webhook work still in flight.
 */
import { createServer } from "node:http";
import { loadConfig } from "./config.js";
import { createDeps } from "./deps.js";
import { bufferedStdout, createLogger } from "./logging.js";
import { createRequestListener } from "./app.js";
import { createSimulatorSetup } from "./http/simulator-setup.js";

const isLoopback = (host: string): boolean =>
  host === "::1" || host === "localhost" || host.startsWith("127.");

/** An address as it goes into a URL: IPv6 in brackets, the wildcard as the loopback address. */
function urlHost(host: string): string {
  if (host === "0.0.0.0") return "127.0.0.1";
  if (host === "::") return "[::1]";
  return host.includes(":") ? `[${host}]` : host;
}

async function main(): Promise<void> {
  const startedAt = performance.now();
  const config = loadConfig(undefined, { defaultMode: "local" });
  // Local chat simulator (SIMULATOR, on by default in local mode): replies go to the page.
  const sim = config.simulator ? createSimulatorSetup(config) : null;
  // Log lines written in batches (flushed on exit and on a crash): see bufferedStdout.
  const logOut = bufferedStdout();
  const logger = createLogger({ level: config.logLevel, destination: logOut });
  const deps = await createDeps(config, { ...sim?.overrides, logger });
  // The webhook's POSTs skip express (its per-request cost); everything else goes through it.
  const listener = createRequestListener(deps, sim ? { mounts: [["/simulator", sim.router]] } : {});
  const stopSender = sim?.startNoticeSender(deps);
  const server = createServer(listener);
  // Without this, a busy port would be reported by nothing: the process would print the
  // URLs of whichever server holds the port and exit 0.
  server.once("error", (err: NodeJS.ErrnoException) => {
    stopSender?.();
    const why =
      err.code === "EADDRINUSE"
        ? `PORT=${config.port} is already in use by another process. Stop that process, or set PORT ` +
          "to a free port (PORT=0 picks any free one)."
        : err.code === "EACCES"
          ? `PORT=${config.port} needs privileges this process does not have; set PORT to 1024 or above.`
          : `cannot listen on HOST=${config.host} PORT=${config.port}: ${err.message}`;
    process.stderr.write(`server failed to start: ${why} (${err.code ?? "error"})\n`);
    void deps.store.close().finally(() => process.exit(1));
  });
  // Loopback unless HOST says otherwise: the simulator on this server can act as any resident.
  server.listen(config.port, config.host, () => {
    const addr = server.address();
    const port = typeof addr === "object" && addr ? addr.port : config.port;
    const host = typeof addr === "object" && addr ? addr.address : config.host;
    sim?.listening(port, host);
    const base = `http://${urlHost(host)}:${port}`;
    deps.logger.info(
      {
        host,
        port,
        store: deps.store.kind,
        mode: config.mode,
        startupMs: Math.round(performance.now() - startedAt),
      },
      "listening",
    );
    // Whoever waits for the server (a supervisor, the benchmarks) reads this line now.
    logOut.flush();
    // A damaged store is said at start, not only at the first resident's failed write.
    void deps.store.health().then((health) => {
      if (!health.ok)
        deps.logger.error(
          { storeHealth: health },
          "store refuses reads and writes: residents get answers but nothing is saved; see /healthz",
        );
    });
    if (config.mode === "local") {
      process.stderr.write(
        [
          "",
          isLoopback(host)
            ? `Listening on ${base} (this machine only; HOST=0.0.0.0 would open it to the network)`
            : `Listening on ${host}:${port}: reachable from the network${sim ? ", and the simulator can act as any resident" : ""}`,
          ...(sim ? [`Chat simulator: ${base}/simulator/`, ""] : []),
          `Webhook: POST ${base}/webhook (signed with LINE_CHANNEL_SECRET)`,
          "Try the bot without LINE:",
          '  npm run --silent cli -- ask "防災の取組はありますか"',
          "  npm run --silent cli -- ask --follow",
          "  npm run --silent cli -- ask --postback v1:topic:kosodate",
          "(set STORE=file:.data/store.jsonl to share settings between the server and the CLI)",
          "",
        ].join("\n"),
      );
    }
  });
  let stopping = false;
  const stop = (): void => {
    // A SIGTERM after a SIGINT (each listened to once) must not close the server and store twice.
    if (stopping) return;
    stopping = true;
    stopSender?.();
    server.close(() => {
      void deps.inflight
        .drain()
        .then(() => deps.rebuilder.idle())
        .then(() => Promise.all([deps.store.close(), deps.catalogueStore.close()]))
        .finally(() => process.exit(0));
    });
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`server failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
