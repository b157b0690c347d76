/**
 * `npm run bench:webhook-instructions -- --before OLD/server.mjs [--before-bare | --before-node-options "…"]
 *   [--app NEW/server.mjs] [--node-options "…"] [--warm 1000] [--requests 400] [--connections 10] [--out DIR]`
 *
 * The webhook's cost per request in machine instructions, counted by valgrind's callgrind, for
 * the app bundle (`src/server.ts` as bench:webhook builds it) against a `--before` bundle in the
 * same run. Wall-clock and CPU-time figures on this shared 2-core machine move by ±30 % with the
 * other engineers' load (docs/benchmarks.md, issue 14); an instruction count does not: callgrind
 * runs the program on a simulated CPU, so what else runs changes only how long it takes.
 *
 * Each server runs under callgrind with production's Node options (src/node-options.ts, or
 * `--node-options`; the before bundle too unless `--before-bare` or `--before-node-options`;
 * `--app` measures another bundle instead of building this checkout's) and gets the
 * benchmark's traffic (signed text events, each new, replying through the local fake LINE API)
 * on `--connections` keep-alive connections: `--warm` requests, then the counters are zeroed
 * (`callgrind_control -z`), then `--requests` requests are counted and dumped. Ten requests in
 * flight, as in bench:webhook, matter: objects of requests still waiting for their reply survive
 * young-generation collections, which sequential traffic never shows.
 *
 * Printed per request: all instructions; those of V8's optimising compiler (TurboFan on its
 * worker threads: the JIT still warming up under valgrind, which runs ~50× slower, so it varies
 * with how far the warm-up got and is left out of the ratio); the rest ("webhook": JavaScript,
 * GC, HTTP, the reply call, the log line); and the garbage collector's part of it. The ratio is
 * app ÷ before of the webhook's instructions. After 200 requests to warm up one bundle's count
 * moved by 8–12 % between runs (the JIT still warming up, how far it got depending on thread
 * and timer scheduling); after 1,000 (the default) one bundle measured twice in one run gave
 * counts 0.7 % apart (docs/benchmarks.md, issue 14 ninth session). Instructions are not
 * time (a cache miss costs more than an add), so a change that moves memory traffic (heap
 * sizes) still needs a bench:webhook before/after; this says whether the code does more or less
 * work.
 * Takes 7 minutes on a quiet machine, 20–40 under load (the two servers run side by side, one
 * core each).
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHmac } from "node:crypto";
import { once } from "node:events";
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { Agent, request } from "node:http";
import { loadavg } from "node:os";
import { resolve } from "node:path";
import { SERVER_NODE_OPTIONS } from "../src/node-options.js";
import { benchFakeLine, benchServerEnv, webhookBody } from "./webhook-questions.js";

const args = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const BEFORE = opt("before");
const WARM = Number(opt("warm") ?? 1000);
const REQUESTS = Number(opt("requests") ?? 400);
const CONNECTIONS = Number(opt("connections") ?? 10);
const words = (s: string | undefined): string[] | undefined => s?.split(/\s+/).filter(Boolean);
const APP_OPTIONS: readonly string[] = words(opt("node-options")) ?? SERVER_NODE_OPTIONS;
const BEFORE_OPTIONS: readonly string[] = args.includes("--before-bare")
  ? []
  : (words(opt("before-node-options")) ?? APP_OPTIONS);
const SECRET = "instructions-secret";
const TOKEN = "instructions-token";
const DIR = resolve(opt("out") ?? "dist/bench-webhook-instructions");

/** Per-request instruction counts of one server's counted requests. */
interface Counts {
  total: number;
  compiler: number;
  gc: number;
  /** Requests resent after the server closed an idle keep-alive connection under them. */
  resent: number;
}

/** Inclusive instruction counts of the functions whose name contains each key, from one dump. */
function inclusiveOf(dump: string, keys: readonly string[]): Map<string, number> {
  const out = execFileSync("callgrind_annotate", ["--inclusive=yes", "--threshold=100", dump], {
    encoding: "utf8",
    maxBuffer: 256 * 2 ** 20,
  });
  const found = new Map<string, number>();
  for (const line of out.split("\n")) {
    const m = /^\s*([\d,]+)\s+\([^)]*\)\s+(.*)$/.exec(line);
    if (!m) continue;
    const n = Number(m[1]!.replace(/,/g, ""));
    for (const k of keys) if (m[2]!.includes(k) && !found.has(k)) found.set(k, n);
  }
  return found;
}

// Callgrind's names for the work that is not the webhook's (the optimising compiler's jobs) and
// for the collector's (the main thread's collections, and the scavenger's and marker's jobs on
// the worker threads, which run outside the main thread's stack).
const TOTAL = "PROGRAM TOTALS";
const COMPILER = "PipelineCompilationJob::ExecuteJobImpl";
const GC_KEYS = [
  "v8::internal::Heap::CollectGarbage(",
  "v8::internal::ScavengerCollector::JobTask::Run(",
  "v8::internal::ConcurrentMarking::RunMajor(",
  "v8::internal::MarkCompactCollector::",
] as const;

/** One server under callgrind: start, warm up, count `REQUESTS` requests, stop. */
async function measure(name: string, bundle: string, options: readonly string[]): Promise<Counts> {
  const dir = `${DIR}/${name}`;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const fake = await benchFakeLine(TOKEN);
  const log = `${dir}/server.log`;
  const fd = openSync(log, "w");
  const child: ChildProcess = spawn(
    "valgrind",
    ["--tool=callgrind", `--callgrind-out-file=${dir}/callgrind.%p`, process.execPath, ...options, bundle],
    { env: benchServerEnv({ secret: SECRET, token: TOKEN, fake }), stdio: ["ignore", fd, fd] },
  );
  closeSync(fd);
  try {
    let port = 0;
    for (const deadline = Date.now() + 600_000; port === 0; await new Promise((r) => setTimeout(r, 100))) {
      const m = /"(?:listening|port)":\s*(\d+)/.exec(readFileSync(log, "utf8"));
      if (m && Number(m[1]) > 0) port = Number(m[1]);
      else if (child.exitCode !== null || Date.now() > deadline)
        throw new Error(`${name}: the server did not start:\n${readFileSync(log, "utf8").slice(-2000)}`);
    }
    let resent = 0;
    const send = (agent: Agent, i: number): Promise<void> =>
      new Promise<void>((done, fail) => {
        const body = webhookBody(i);
        const req = request(
          {
            host: "127.0.0.1",
            port,
            path: "/webhook",
            method: "POST",
            agent,
            headers: {
              "content-type": "application/json",
              "content-length": Buffer.byteLength(body),
              "x-line-signature": createHmac("sha256", SECRET).update(body).digest("base64"),
            },
          },
          (res) => {
            res.resume();
            res.on("end", () =>
              res.statusCode === 200
                ? done()
                : fail(new Error(`${name}: webhook answered ${res.statusCode}`)),
            );
          },
        );
        req.on("error", fail);
        req.end(body);
      }).catch((err: NodeJS.ErrnoException) => {
        // Under valgrind the server can stall for seconds; its keep-alive timer then closes a
        // connection the client has just reused. Nothing was read from it: send again.
        if (err.code !== "ECONNRESET") throw err;
        resent++;
        return send(agent, i);
      });
    const run = async (from: number, n: number): Promise<void> => {
      const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
      let next = from;
      await Promise.all(
        Array.from({ length: CONNECTIONS }, async () => {
          while (next < from + n) await send(agent, next++);
        }),
      );
      agent.destroy();
    };
    await run(0, WARM);
    execFileSync("callgrind_control", ["-z", String(child.pid)], { stdio: "ignore" });
    resent = 0;
    await run(WARM, REQUESTS);
    execFileSync("callgrind_control", ["-d", String(child.pid)], { stdio: "ignore" });
    const dump = readdirSync(dir).find((f) => /^callgrind\.\d+\.1$/.test(f));
    if (!dump) throw new Error(`${name}: callgrind wrote no dump in ${dir}`);
    const found = inclusiveOf(`${dir}/${dump}`, [TOTAL, COMPILER, ...GC_KEYS]);
    const per = (k: string): number => (found.get(k) ?? 0) / REQUESTS;
    return {
      total: per(TOTAL),
      compiler: per(COMPILER),
      gc: GC_KEYS.reduce((s, k) => s + per(k), 0),
      resent,
    };
  } finally {
    child.kill("SIGTERM");
    if (child.exitCode === null) await once(child, "exit");
    await fake.close();
  }
}

/** This checkout's server bundle, exactly as bench:webhook builds it. */
function bundleApp(): string {
  const built = spawnSync(
    process.execPath,
    ["--import", "tsx", "scripts/bench-webhook.ts", "--bundle-only"],
    {
      encoding: "utf8",
    },
  );
  if (built.status !== 0) throw new Error(`bundling failed:\n${built.stderr}`);
  return built.stdout.trim().split("\n").pop()!;
}

async function main(): Promise<void> {
  if (!BEFORE)
    throw new Error("usage: bench-webhook-instructions.ts --before OLD/server.mjs [--before-bare]");
  if (spawnSync("valgrind", ["--version"]).status !== 0)
    throw new Error("valgrind is not installed (Debian: apt-get install valgrind)");
  const load0 = loadavg()[0]!.toFixed(1);
  const app = opt("app") ?? bundleApp();
  const [before, after] = await Promise.all([
    measure("before", BEFORE, BEFORE_OPTIONS),
    measure("app", app, APP_OPTIONS),
  ]);
  const m = (n: number): string => `${(n / 1e6).toFixed(3)} M`;
  const webhook = (c: Counts): number => c.total - c.compiler;
  const row = (label: string, c: Counts, options: readonly string[]): string =>
    `| ${label} | ${m(webhook(c))} | ${m(c.gc)} | ${m(c.compiler)} | ${m(c.total)} | ${c.resent} | \`${options.join(" ") || "(none)"}\` |`;
  process.stdout.write(
    [
      `Instructions per webhook request (callgrind; ${WARM} requests to warm up, then ${REQUESTS} counted, ` +
        `${CONNECTIONS} connections; load average ${load0} → ${loadavg()[0]!.toFixed(1)}):`,
      "",
      "| | webhook (all − compiler) | of it GC | optimising compiler | all | resent | Node options |",
      "|---|---|---|---|---|---|---|",
      row(`before (${BEFORE})`, before, BEFORE_OPTIONS),
      row(`app (${app})`, after, APP_OPTIONS),
      "",
      `Ratio app ÷ before, webhook instructions: ${(webhook(after) / webhook(before)).toFixed(3)}× ` +
        `(GC ${(after.gc / Math.max(before.gc, 1)).toFixed(3)}×)`,
      "",
    ].join("\n"),
  );
}

await main();
