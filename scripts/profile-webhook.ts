/**
 * Where the webhook server's CPU goes under load, HTTP included:
 * `npx tsx scripts/profile-webhook.ts [--duration 10] [--rate N] [--top 40] [bundle]`
 *
 * Runs the bundle `bench:webhook` builds (dist/bench-webhook/server.mjs; `npx tsx
 * scripts/bench-webhook.ts --bundle-only` makes it) with production's Node options and
 * `--cpu-prof`, sends it the benchmark's traffic (50 req/s, then `--warm` seconds at full load,
 * then the profiled run at full load or `--rate`), stops it and prints, for the profiled run only
 * (the server's main thread), the self time by function and the inclusive time of the stages
 * of a request (signature, parse, bot, search, reply call, log line, GC …). The .cpuprofile is
 * left under dist/profile-webhook/ for Chrome DevTools. `scripts/profile-bot.ts` is the same
 * question without HTTP.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { once } from "node:events";
import { SERVER_NODE_OPTIONS } from "../src/node-options.js";
import { benchFakeLine, benchServerEnv, spawnBenchServer, webhookLoad } from "./webhook-questions.js";

const args = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const DURATION = Number(opt("duration") ?? 10);
const RATE = opt("rate") ? Number(opt("rate")) : null;
const TOP = Number(opt("top") ?? 40);
/** Seconds at full load before the profiled run (default 10). */
const WARM = Number(opt("warm") ?? 10);
const bundle =
  args.find((a, i) => !a.startsWith("--") && !args[i - 1]?.startsWith("--")) ??
  "dist/bench-webhook/server.mjs";
const SECRET = "profile-webhook-secret";
const TOKEN = "profile-webhook-token";
const dir = "dist/profile-webhook";
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });

/**
 * CPU time (user + system, ms) of each thread of a process: the main thread (its id is the
 * process id) runs the JavaScript; V8's worker threads compile optimised code and help the GC.
 */
function threadCpuMs(pid: number): Map<number, number> {
  const cpu = new Map<number, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    const fields = readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    cpu.set(Number(tid), (Number(fields[11]) + Number(fields[12])) * 10);
  }
  return cpu;
}

const fake = await benchFakeLine(TOKEN);
const { child, port } = await spawnBenchServer(
  [...SERVER_NODE_OPTIONS, "--cpu-prof", `--cpu-prof-dir=${dir}`, bundle],
  benchServerEnv({ secret: SECRET, token: TOKEN, fake }),
  `${dir}/server.log`,
);
await webhookLoad({ port, rate: 50, durationSec: 3, secret: SECRET });
// Full load before the profiled run: until the JIT has settled, background compilation and
// not-yet-optimised code dominate (a run of a few hundred requests measures start-up, not a webhook).
if (WARM > 0) await webhookLoad({ port, rate: null, durationSec: WARM, secret: SECRET });
// V8's profile clock and process.hrtime are both CLOCK_MONOTONIC: only samples in this window count.
const windowStart = Number(process.hrtime.bigint() / 1000n);
const threads0 = threadCpuMs(child.pid!);
const run = await webhookLoad({ port, rate: RATE, durationSec: DURATION, secret: SECRET });
const windowEnd = Number(process.hrtime.bigint() / 1000n);
const threads1 = threadCpuMs(child.pid!);
child.kill("SIGTERM");
await once(child, "exit");
await fake.close();

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
}
const file = readdirSync(dir).find((f) => f.endsWith(".cpuprofile"));
if (!file) throw new Error("no .cpuprofile written");
const whole = JSON.parse(readFileSync(`${dir}/${file}`, "utf8")) as Profile;
// The samples of the profiled run only (start-up, warm-up and shutdown left out).
const profile: Profile = { ...whole, samples: [], timeDeltas: [] };
let at = whole.startTime;
whole.samples.forEach((id, i) => {
  at += whole.timeDeltas[i] ?? 0;
  if (at < windowStart || at > windowEnd) return;
  profile.samples.push(id);
  profile.timeDeltas.push(whole.timeDeltas[i] ?? 0);
});
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const selfUs = new Map<number, number>();
profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
const idle = [...selfUs].filter(([id]) => byId.get(id)?.callFrame.functionName === "(idle)");
const idleUs = idle.reduce((a, [, t]) => a + t, 0);
const busy = total - idleUs;

const short = (url: string): string =>
  url.replace(/^file:\/\/.*node_modules\//, "").replace(/^file:\/\/.*\/dist\/[^/]+\//, "") || "(native)";
const label = (n: Node): string =>
  `${n.callFrame.functionName || "(anonymous)"} ${short(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;

const selfBy = new Map<string, number>();
for (const [id, t] of selfUs) {
  const n = byId.get(id)!;
  if (n.callFrame.functionName === "(idle)") continue;
  selfBy.set(label(n), (selfBy.get(label(n)) ?? 0) + t);
}
const pct = (t: number) => `${((100 * t) / busy).toFixed(1).padStart(5)} %`;
const perReq = (t: number) => `${(t / Math.max(1, run.requests.total)).toFixed(1).padStart(6)} µs/req`;

/** Inclusive time of every sample whose stack holds a frame matching `test` (counted once per sample). */
function inclusive(test: (n: Node) => boolean): number {
  let t = 0;
  profile.samples.forEach((id, i) => {
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      if (test(byId.get(cur)!)) {
        t += profile.timeDeltas[i] ?? 0;
        return;
      }
    }
  });
  return t;
}
const fn = (name: string) => (n: Node) => n.callFrame.functionName === name;
const stages: [string, (n: Node) => boolean][] = [
  ["webhook handler (handle)", fn("handle")],
  ["signature (validateSignature)", fn("validateSignature")],
  ["bot.handleEvent", fn("handleEvent")],
  ["  search (searchReply)", fn("searchReply")],
  ["  reply call (messenger send)", fn("send")],
  ["    reply body bytes (toJsonPieces)", fn("toJsonPieces")],
  ["  store claimEvent", fn("claimEvent")],
  ["pino log line (LOG)", (n) => n.callFrame.url.includes("pino") && n.callFrame.functionName === "LOG"],
  ["pino (any)", (n) => n.callFrame.url.includes("/pino")],
  ["node:_http_server", (n) => n.callFrame.url === "node:_http_server"],
  ["node:_http_client", (n) => n.callFrame.url === "node:_http_client"],
  ["(garbage collector)", fn("(garbage collector)")],
  ["(program)", fn("(program)")],
];

let mainMs = 0;
let otherMs = 0;
for (const [tid, ms] of threads1) {
  const used = ms - (threads0.get(tid) ?? 0);
  if (tid === child.pid) mainMs += used;
  else otherMs += used;
}
const perReqMs = (ms: number) => `${((1000 * ms) / Math.max(1, run.requests.total)).toFixed(0)} µs/req`;
const out: string[] = [
  `server CPU over the profiled run: main thread ${perReqMs(mainMs)}, other threads (V8's compiler ` +
    `and GC helpers, libuv) ${perReqMs(otherMs)}`,
  `profiled run: ${run.requests.total} requests in ${DURATION} s (${run.requests.average.toFixed(0)} req/s, ` +
    `p99 ${run.latency.p99} ms), profile ${(total / 1e3).toFixed(0)} ms, busy ${(busy / 1e3).toFixed(0)} ms ` +
    `(${perReq(busy).trim()}), idle ${(idleUs / 1e3).toFixed(0)} ms; ${dir}/${file}`,
  "",
  "inclusive time by stage:",
  ...stages.map(([name, test]) => {
    const t = inclusive(test);
    return `  ${pct(t)} ${perReq(t)}  ${name}`;
  }),
  "",
  `self time, top ${TOP}:`,
  ...[...selfBy]
    .sort((a, b) => b[1] - a[1])
    .slice(0, TOP)
    .map(([name, t]) => `  ${pct(t)} ${perReq(t)}  ${name}`),
];
process.stdout.write(`${out.join("\n")}\n`);
