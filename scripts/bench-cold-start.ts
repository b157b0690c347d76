/**
 * `npm run bench:cold-start [-- --runs 5]`: how long a fresh Cloud Functions instance of the
 * `webhook` function takes to answer its first LINE request, measured locally on the deployable
 * bundle (functions/lib, rebuilt first) against a baseline measured in the same run.
 *
 * Each run is a new Node process (as a new instance is): it imports the bundle, serves the
 * exported handler behind a Functions Framework–style body parser, and POSTs itself a signed
 * follow event whose reply goes to the local fake LINE API; other processes of the same run
 * POST a resident's question first instead (see FirstEvent). Reported from process start:
 * time to the first 200 (cold), the second request (warm), and RSS after both. The baseline is
 * the same process with a bare express handler instead of the bundle — the floor of starting
 * Node and HTTP here. The memory store is used (a Firestore client adds one round trip). The
 * bundles run with functions/.env's NODE_OPTIONS, as deployed; the baseline without.
 *
 * Cloud Functions gives an instance a fraction of a vCPU below 1 (256 MiB → 1/6, 512 MiB →
 * 1/3 when `cpu` is not set); start-up is CPU-bound, so the report scales the cold start by
 * 1/cpu as a rough projection for each choice. `--before other/lib/index.js` adds another build
 * (e.g. the previous commit's) to the same interleaved runs, for a before/after on one machine.
 */
import { spawn } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { buildFunctions, FUNCTIONS_BUNDLE } from "./build-functions.js";
import { createFakeLineApi } from "../test/fake-line/fake-line-api.js";

const args = process.argv.slice(2);
const runsIdx = args.indexOf("--runs");
const RUNS = runsIdx >= 0 ? Number(args[runsIdx + 1]) : 5;
/** `--before path/to/index.js`: another build (e.g. of an older commit) measured interleaved in the same run. */
const beforeIdx = args.indexOf("--before");
const BEFORE = beforeIdx >= 0 ? args[beforeIdx + 1] : undefined;
/**
 * `--cpu-prof dir`: every child runs under `node --cpu-prof` and writes its profile to `dir`
 * (named by Node with pid and time), to see where a cold start goes; the timings of such runs
 * include the profiler's own cost.
 */
const profIdx = args.indexOf("--cpu-prof");
const PROFILE_DIR = profIdx >= 0 ? resolve(args[profIdx + 1] ?? "dist/cold-start-prof") : undefined;
/** Issue 14's goal for the deployed form, on one full CPU. */
const GOAL_MS = 400;
const SECRET = "bench-channel-secret";
const TOKEN = "bench-access-token";

/**
 * What a new instance's first webhook carries: a follow (the greeting and ward buttons, no
 * search) or a resident's question (read and searched: the search engine is built on its first
 * use, src/search/load-engine.ts, so this one pays for it). Both are measured, each in its own
 * processes, so moving work from start-up to the first question cannot hide.
 */
type FirstEvent = "follow" | "question";
/** A question that names a ward, so a new resident gets programs at once. */
const QUESTION = "東区の防災訓練";

/** The child: start, serve, post a signed event twice, print timings as JSON. */
const CHILD = (target: string | null, first: FirstEvent = "follow") => `
import { createHmac, randomUUID } from "node:crypto";
import express from "express";
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const cpuStart = cpu();
const keep = (req, _res, buf) => { req.rawBody = buf; };
let handler;
${
  target
    ? `handler = (await import(${JSON.stringify(target)})).webhook;`
    : `handler = (req, res) => { res.status(200).json({}); };`
}
const cpuImport = cpu() - cpuStart;
const app = express();
app.use(express.json({ verify: keep }));
app.use(handler);
const server = app.listen(0, "127.0.0.1");
await new Promise((r) => server.once("listening", r));
const url = "http://127.0.0.1:" + server.address().port + "/";
const post = async () => {
  const body = JSON.stringify({ destination: "U" + "0".repeat(32), events: [{
    ...${
      first === "follow"
        ? `{ type: "follow", follow: { isUnblocked: false } }`
        : `{ type: "message", message: { id: "1", type: "text", text: ${JSON.stringify(QUESTION)}, quoteToken: "q" } }`
    },
    mode: "active", timestamp: Date.now(),
    source: { type: "user", userId: "U" + randomUUID().replace(/-/g, "") },
    webhookEventId: "01B" + randomUUID().replace(/-/g, "").slice(0, 23).toUpperCase(),
    deliveryContext: { isRedelivery: false }, replyToken: randomUUID().replace(/-/g, ""),
  }] });
  const sig = createHmac("sha256", ${JSON.stringify(SECRET)}).update(body).digest("base64");
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json", "x-line-signature": sig }, body });
  if (res.status !== 200) throw new Error("status " + res.status);
};
await post();
const cold = performance.now();
const cpuFirst = cpu() - cpuStart - cpuImport;
const t = performance.now();
await post();
const warm = performance.now() - t;
process.stdout.write(JSON.stringify({ cold, warm, rssMiB: process.memoryUsage().rss / 2 ** 20, cpuImport, cpuFirst }));
server.close();
process.exit(0);
`;

/**
 * One child's figures: wall times from process start, and its own CPU time (less moved by other
 * work on the machine than wall time) for importing the bundle and for the first answer after it.
 */
interface Run {
  cold: number;
  warm: number;
  rssMiB: number;
  cpuImport: number;
  cpuFirst: number;
}

function runChild(code: string, env: NodeJS.ProcessEnv, name: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const prof = PROFILE_DIR
      ? ["--cpu-prof", `--cpu-prof-dir=${PROFILE_DIR}`, `--cpu-prof-name=${name}.cpuprofile`]
      : [];
    const child = spawn(process.execPath, [...prof, "--input-type=module", "-e", code], {
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.on("exit", (code) => {
      if (code === 0) resolve(JSON.parse(out) as Run);
      else reject(new Error(`child exited ${code}: ${err.slice(0, 2000)}`));
    });
  });
}

/** The NODE_OPTIONS line of functions/.env ("" when there is none). */
function deployedNodeOptions(): string {
  const line = readFileSync(resolve(FUNCTIONS_BUNDLE, "../../.env"), "utf8")
    .split("\n")
    .find((l) => l.startsWith("NODE_OPTIONS="));
  return line ? line.slice("NODE_OPTIONS=".length).trim() : "";
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
};

async function main(): Promise<void> {
  const built = await buildFunctions();
  const fake = await createFakeLineApi({ channelAccessToken: TOKEN, acceptUnknownReplyTokens: true });
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    LINE_CHANNEL_SECRET: SECRET,
    LINE_CHANNEL_ACCESS_TOKEN: TOKEN,
    USER_HASH_KEY: "bench-user-hash-key-0123456789",
    LINE_API_BASE_URL: fake.url,
    LINE_DATA_API_BASE_URL: fake.dataUrl,
    STORE: "memory",
    LOG_LEVEL: "warn",
    METADATA_SERVER_DETECTION: "none",
    // What Cloud Run sets in an instance of the webhook function (functions/src/bare-target.ts).
    FUNCTION_TARGET: "webhook",
    K_SERVICE: "webhook",
  };
  // A function instance runs with the NODE_OPTIONS of functions/.env (deployed by the Firebase
  // CLI); the bare baseline without.
  const fnEnv = { ...env, NODE_OPTIONS: deployedNodeOptions() };
  const target = pathToFileURL(FUNCTIONS_BUNDLE).href;
  const base: Run[] = [];
  const fn: typeof base = [];
  const before: typeof base = [];
  const fnQ: typeof base = [];
  const beforeQ: typeof base = [];
  const loadAtStart = loadavg();
  try {
    // Interleaved, so all see the same machine load.
    for (let i = 0; i < RUNS; i++) {
      base.push(await runChild(CHILD(null), env, `baseline-${i}`));
      fn.push(await runChild(CHILD(target), fnEnv, `follow-${i}`));
      if (BEFORE)
        before.push(await runChild(CHILD(pathToFileURL(resolve(BEFORE)).href), fnEnv, `before-follow-${i}`));
      fnQ.push(await runChild(CHILD(target, "question"), fnEnv, `question-${i}`));
      if (BEFORE)
        beforeQ.push(
          await runChild(
            CHILD(pathToFileURL(resolve(BEFORE)).href, "question"),
            fnEnv,
            `before-question-${i}`,
          ),
        );
    }
  } finally {
    await fake.close();
  }
  const load = (l: number[]) => l.map((x) => x.toFixed(1)).join(" / ");
  const b = median(base.map((r) => r.cold));
  const c = median(fn.map((r) => r.cold));
  const w = median(fn.map((r) => r.warm));
  const rss = Math.max(...fn.map((r) => r.rssMiB));
  const kib = (n: number) => `${(n / 1024).toFixed(0)} KiB`;
  const coldOf = (rs: typeof base) => {
    const m = median(rs.map((r) => r.cold));
    return `first answer ${m.toFixed(0)} ms (ratio to baseline ${(m / b).toFixed(2)}), warm request ${median(rs.map((r) => r.warm)).toFixed(1)} ms`;
  };
  const cpuOf = (rs: Run[]) =>
    `${median(rs.map((r) => r.cpuImport)).toFixed(0)} + ${median(rs.map((r) => r.cpuFirst)).toFixed(0)} ms`;
  const lines = [
    `runs: ${RUNS} (median), ${cpus().length} cores, Node ${process.version}, ` +
      `load average ${load(loadAtStart)} → ${load(loadavg())}`,
    `bundle: functions/lib/index.js and its static chunks ${kib(built.bytes)} loaded at start ` +
      `(${kib(built.totalBytes)} with the chunks loaded on first use)`,
    `baseline (node + express, no bundle): first answer ${b.toFixed(0)} ms after process start`,
    `webhook bundle, first webhook a follow: first answer ${c.toFixed(0)} ms (ratio to baseline ${(c / b).toFixed(2)}), ` +
      `warm request ${w.toFixed(1)} ms, RSS ${rss.toFixed(0)} MiB`,
    `goal: first answer ≤ ${GOAL_MS} ms — ${c <= GOAL_MS ? "met" : "NOT met"}`,
    ...(BEFORE
      ? [
          `before (${BEFORE}, ${kib(statSync(BEFORE).size)}), a follow: first answer ` +
            `${median(before.map((r) => r.cold)).toFixed(0)} ms (ratio to baseline ` +
            `${(median(before.map((r) => r.cold)) / b).toFixed(2)}), RSS ` +
            `${Math.max(...before.map((r) => r.rssMiB)).toFixed(0)} MiB`,
        ]
      : []),
    `first webhook a question (「${QUESTION}」, searched): webhook bundle ${coldOf(fnQ)}` +
      (BEFORE ? `; before ${coldOf(beforeQ)}` : ""),
    `CPU of the child (import of the bundle + first answer, medians): follow ${cpuOf(fn)}, question ${cpuOf(fnQ)}` +
      (BEFORE ? `; before: follow ${cpuOf(before)}, question ${cpuOf(beforeQ)}` : "") +
      `; baseline ${cpuOf(base)}`,
    "projected first answer on Cloud Functions (start-up is CPU-bound; scaled by 1/vCPU):",
    ...[
      ["256MiB (1/6 vCPU)", 1 / 6],
      ["512MiB (1/3 vCPU)", 1 / 3],
      ["1GiB (7/12 vCPU)", 7 / 12],
      ["512MiB with cpu: 1", 1],
    ].map(([name, cpu]) => `  ${String(name).padEnd(20)} ~${(c / Number(cpu) / 1000).toFixed(1)} s`),
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:cold-start failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
