/**
 * `npx tsx scripts/memory-stages.ts [--options "--max-semi-space-size=2"] [--duration 10] [--snapshots 2,6] [bundle]`
 *
 * Where the webhook server's memory goes, stage by stage, on the bundle `bench:webhook` builds
 * (dist/bench-webhook/server.mjs; `npx tsx scripts/bench-webhook.ts --bundle-only` makes it):
 * the server runs with scripts/memory-probe.mjs preloaded and the given Node options (default:
 * production's, src/node-options.ts; `--options ""` for none), and prints `process.memoryUsage()`
 * and V8's heap spaces (committed / used MB) after start, after the first answer, after 8
 * answers, after a warm-up at 50 req/s, after three runs at 500 req/s and after a run at full
 * load — the webhook benchmark's traffic. `--snapshots` writes heap snapshots at those stages
 * (numbered 1–6) under dist/memory-stages/ for DevTools' Memory tab.
 */
import { createHmac } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { SERVER_NODE_OPTIONS } from "../src/node-options.js";
import {
  benchFakeLine,
  benchServerEnv,
  spawnBenchServer,
  webhookBody,
  webhookLoad,
} from "./webhook-questions.js";

const args = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const options = opt("options")?.split(/\s+/).filter(Boolean) ?? [...SERVER_NODE_OPTIONS];
const DURATION = Number(opt("duration") ?? 10);
const bundle =
  args.find((a, i) => !a.startsWith("--") && !args[i - 1]?.startsWith("--")) ??
  "dist/bench-webhook/server.mjs";
const SECRET = "memory-stages-secret";
const TOKEN = "memory-stages-token";
const dir = "dist/memory-stages";
mkdirSync(dir, { recursive: true });
const out = `${dir}/stages.jsonl`;
writeFileSync(out, "");

const body = webhookBody;
const sign = (b: string): string => createHmac("sha256", SECRET).update(b).digest("base64");

const fake = await benchFakeLine(TOKEN);
const { child, port } = await spawnBenchServer(
  [...options, "--import", "./scripts/memory-probe.mjs", bundle],
  {
    ...benchServerEnv({ secret: SECRET, token: TOKEN, fake }),
    MEMORY_PROBE_OUT: out,
    MEMORY_PROBE_SNAPSHOTS: opt("snapshots") ?? "",
  },
  `${dir}/server.log`,
);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Asks the probe for one stage's line and prints it. */
async function stage(name: string): Promise<void> {
  const before = readFileSync(out, "utf8").length;
  child.kill("SIGUSR2");
  for (let k = 0; k < 3000 && readFileSync(out, "utf8").length === before; k++) await sleep(10);
  const s = JSON.parse(readFileSync(out, "utf8").slice(before)) as Record<
    "rss" | "heapTotal" | "heapUsed" | "external",
    number
  > & {
    spaces: Record<string, { committed: number; used: number }>;
  };
  const spaces = Object.entries(s.spaces)
    .map(([k, v]) => `${k.replace(/_space$/, "")} ${v.committed}/${v.used}`)
    .join(", ");
  process.stdout.write(
    `| ${name} | ${s.rss} | ${s.heapTotal} | ${s.heapUsed} | ${s.external} | ${spaces} |\n`,
  );
}
let i = 0;
const post = async (): Promise<void> => {
  const b = body(i++);
  const res = await fetch(`http://127.0.0.1:${port}/webhook`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-line-signature": sign(b) },
    body: b,
  });
  if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
};
const cannon = (rate: number | null) => webhookLoad({ port, rate, durationSec: DURATION, secret: SECRET });

process.stdout.write(
  `Node options: ${options.length > 0 ? options.join(" ") : "none"}; ${bundle}\n\n` +
    "| stage | RSS | heap total | heap used | external | heap spaces: committed/used MB |\n|---|---|---|---|---|---|\n",
);
await stage("1 listening (code, knowledge, catalogue loaded)");
await post();
await stage("2 first answer (search engine built)");
for (let k = 0; k < 7; k++) await post();
await stage("3 after 8 answers");
await cannon(50);
await stage("4 after a warm-up at 50 req/s");
for (let k = 0; k < 3; k++) await cannon(500);
await stage("5 after three runs at 500 req/s");
const max = await cannon(null);
await stage(`6 after a run at full load (${max.requests.average.toFixed(0)} req/s)`);
// What of the RSS is the node binary and other files mapped in, and what is anonymous memory
// (V8's heap pages, malloc).
const rollup = readFileSync(`/proc/${child.pid}/smaps_rollup`, "utf8");
const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(rollup)?.[1] ?? NaN);
process.stdout.write(
  `\nAt the end: RSS ${(kb("Rss") / 1024).toFixed(1)} MB = anonymous ${(kb("Anonymous") / 1024).toFixed(1)} MB ` +
    `(V8's heap, malloc) + files mapped in ${((kb("Rss") - kb("Anonymous")) / 1024).toFixed(1)} MB (the node binary, libraries).\n`,
);
child.kill("SIGTERM");
await fake.close();
