/**
 * `npm run bench:push [-- --store firestore] [--residents N]`: one notice to 100,000 synthetic residents through
 * the local fake LINE API (in a child process, as LINE is remote) with its 200 requests/s multicast limit enforced — once without
 * faults and once with 10% faults (500s, 429s, hangs; half of them after the fake delivered).
 *
 * The store is the memory store by default. With `--store firestore` it is the deployed
 * adapter on Google's Firestore emulator (FIRESTORE_EMULATOR_HOST, or one started here the way
 * vitest's global setup does): the residents are seeded once with batched writes (timed), the
 * audience is read by ward and topic as in production, and the document reads and writes are
 * counted as Firestore bills them (scripts/firestore-usage.ts). A benchmark, not a test: it is
 * not part of `npm test`.
 *
 * The bound is computed in the same run from what LINE allows: batches / 200 requests/s
 * (100,000 residents = 200 batches = 1 s). Reports wall time / bound, requests, retries,
 * store writes and RSS; fails (exit 1) if anyone was missed or got the notice twice.
 * Targets: ≤ 2× the bound without faults, ≤ 4× with faults. Writes docs/benchmarks.md § Push.
 */
import { readFileSync, readdirSync, writeFileSync, existsSync, mkdirSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { Session } from "node:inspector/promises";
import { fork } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { startFakeLineProcess } from "../test/fake-line/fake-line-process.js";
import { createLineMessenger } from "../src/line/line-messenger.js";
import { createEmbeddedStore } from "../src/store/embedded/index.js";
import { createNoticeService } from "../src/notices/notice-service.js";
import { createSender, MULTICAST_MAX } from "../src/notices/sender.js";
import { inTokyo } from "../src/time/tokyo-time.js";
import { KNOWLEDGE_WARDS } from "../src/knowledge/known-wards.js";

const WARDS = KNOWLEDGE_WARDS.names;
import { TOPIC_KEYS } from "../src/knowledge/topics.js";
import type { Profile, Store } from "../src/store/port.js";
import { Firestore } from "@google-cloud/firestore";
import { createFirestoreStore } from "../src/store/firestore.js";
import { startFirestoreEmulator, type EmulatorProcess } from "../test/helpers/emulator-process.js";
import { countFirestoreUsage, type FirestoreUsage } from "./firestore-usage.js";

const args = process.argv.slice(2);
const storeIdx = args.indexOf("--store");
const STORE = storeIdx >= 0 ? args[storeIdx + 1] : "memory";
if (STORE !== "memory" && STORE !== "firestore") throw new Error(`--store memory|firestore, not ${STORE}`);
const residentsIdx = args.indexOf("--residents");
/** `--residents N` (or BENCH_RESIDENTS) for a quicker run while iterating; the recorded figures use 100,000. */
const RESIDENTS = Number(
  (residentsIdx >= 0 ? args[residentsIdx + 1] : process.env.BENCH_RESIDENTS) ?? 100_000,
);
if (!Number.isInteger(RESIDENTS) || RESIDENTS < 1) throw new Error("--residents takes a whole number ≥ 1");
/**
 * `--cold`: measure on the emulator as seeding left it. By default one delivery to the same
 * audience runs first, from a child process (`--warm-up <projectId>`, internal), so that the
 * emulator's JVM has compiled its read and write paths: in a fresh emulator its JIT compiler
 * took 2.2 of the 3.0 CPU seconds the emulator used during the first measured delivery, on the
 * two cores the sender runs on — work Firestore, a service that is always warm, never puts on
 * our machine. The sender's own process is not warmed (the child does that delivery).
 */
const COLD = args.includes("--cold");
/**
 * The JVM options of the emulator this script starts. With the JVM's default tiered compilation
 * its optimising compiler (C2) kept compiling through three deliveries in a row — 2.2, 1.5 and
 * 1.0 of the emulator's 3.5, 2.3 and 1.6 CPU seconds per delivery, on the two cores the sender
 * and the fake LINE API share — so the bench measured the emulator's JIT more than our
 * delivery. With the quick compiler only (C1) the emulator used 1.0, 0.6 and 0.6 CPU seconds,
 * 0.02–0.04 of it compiling (2026-12-06, docs/benchmarks.md). Firestore itself costs our machine
 * nothing. Set FIRESTORE_EMULATOR_HOST to measure on an emulator started otherwise.
 */
const EMULATOR_JAVA_OPTIONS = ["-XX:TieredStopAtLevel=1"];
const warmUpIdx = args.indexOf("--warm-up");
const WARM_UP_PROJECT = warmUpIdx >= 0 ? (args[warmUpIdx + 1] ?? null) : null;
const RATE = 200;
const TOKEN = "bench-token";

/**
 * Counts the store's write calls (each is one write in Firestore terms) and the time spent in
 * each store method (where a slow delivery waits).
 */
function countingStore(store: Store): {
  store: Store;
  writes: () => number;
  timeMs: Map<string, number>;
  calls: StoreCall[];
} {
  let writes = 0;
  const timeMs = new Map<string, number>();
  const calls: StoreCall[] = [];
  const WRITES = new Set([
    "createNotice",
    "updateNotice",
    "addBatches",
    "updateBatches",
    "acquireLease",
    "releaseLease",
  ]);
  const proxy = new Proxy(store, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver) as unknown;
      if (typeof v !== "function") return v;
      const name = String(prop);
      return (...args: unknown[]) => {
        if (WRITES.has(name))
          writes +=
            name === "addBatches"
              ? (args[2] as unknown[]).length + 1
              : name === "updateBatches"
                ? (args[0] as unknown[]).length
                : 1;
        const t0 = performance.now();
        const call: StoreCall = { name, start: epochMs(), end: Number.NaN, size: sizeOf(name, args) };
        calls.push(call);
        const result = (v as (...a: unknown[]) => unknown).apply(target, args);
        const done = () => {
          call.end = epochMs();
          timeMs.set(name, (timeMs.get(name) ?? 0) + performance.now() - t0);
        };
        if (result instanceof Promise) return result.finally(done);
        done();
        return result;
      };
    },
  });
  return { store: proxy, writes: () => writes, timeMs, calls };
}

/**
 * CPU seconds the emulator's JVM has used so far (Linux /proc; null elsewhere or when the JVM on
 * that port is not found). CPU time, unlike wall time, hardly moves with what else the machine
 * runs, so it compares two runs on a busy machine where wall times do not.
 */
function emulatorPid(host: string): string | null {
  const port = host.split(":").at(-1);
  try {
    for (const pid of readdirSync("/proc")) {
      if (!/^\d+$/.test(pid)) continue;
      let cmd: string;
      try {
        cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8");
      } catch {
        continue;
      }
      if (cmd.includes("CloudFirestore") && cmd.includes(`--port=${port}\0`)) return pid;
    }
  } catch {
    // not Linux
  }
  return null;
}

/** User + system CPU seconds of /proc/…/stat (fields 14 and 15, after the command in parentheses). */
const statCpuS = (path: string): number => {
  const stat = readFileSync(path, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
};

/**
 * CPU seconds the emulator's JVM has used so far, in total and by its JIT compiler and garbage
 * collector threads (Linux /proc; null elsewhere or when the JVM on that port is not found).
 * CPU time, unlike wall time, hardly moves with what else the machine runs, so it compares two
 * runs on a busy machine where wall times do not; the JIT and GC shares say how much of it is
 * the JVM warming up or collecting rather than serving the delivery.
 */
function emulatorCpu(host: string): { total: number; jit: number; gc: number } | null {
  const pid = emulatorPid(host);
  if (pid === null) return null;
  try {
    let jit = 0;
    let gc = 0;
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const name = readFileSync(`/proc/${pid}/task/${tid}/comm`, "utf8");
      if (/Compiler/.test(name)) jit += statCpuS(`/proc/${pid}/task/${tid}/stat`);
      else if (/^(GC|G1)/.test(name)) gc += statCpuS(`/proc/${pid}/task/${tid}/stat`);
    }
    return { total: statCpuS(`/proc/${pid}/stat`), jit, gc };
  } catch {
    return null;
  }
}

/** Wall-clock time with sub-millisecond resolution (the fake LINE API stamps requests with Date.now). */
const epochMs = (): number => performance.timeOrigin + performance.now();

/** One store call of the delivery, for the timeline: when it ran and how many batches it carried. */
interface StoreCall {
  name: string;
  start: number;
  end: number;
  size: number | null;
}

const sizeOf = (name: string, args: unknown[]): number | null =>
  name === "addBatches"
    ? (args[2] as unknown[]).length
    : name === "updateBatches"
      ? (args[0] as unknown[]).length
      : null;

/**
 * Where the delivery's wall time went, from the store calls and the requests the fake LINE API
 * received: before the first request, each audience page (read, then stored), the requests
 * (how long the sender had no batch to send, beyond the rate limit's spacing) and the tail
 * after the last request (outcomes, the notice, the leases).
 */
function timeline(startedAt: number, endedAt: number, calls: StoreCall[], requestTimes: number[]): string[] {
  const s = (t: number) => `${((t - startedAt) / 1000).toFixed(3)}`;
  const span = (c: StoreCall) => `${s(c.start)}–${s(c.end)}`;
  const lines: string[] = [];
  const first = requestTimes[0] ?? endedAt;
  const last = requestTimes.at(-1) ?? endedAt;
  lines.push(`  0.000 start; first multicast ${s(first)}; last multicast ${s(last)}; done ${s(endedAt)}`);
  const setup = calls.filter(
    (c) => c.end <= first && c.name !== "listAudiencePage" && c.name !== "addBatches",
  );
  lines.push(`  before the first request: ${setup.map((c) => `${c.name} ${span(c)}`).join(", ")}`);
  const reads = calls.filter((c) => c.name === "listAudiencePage");
  const adds = calls.filter((c) => c.name === "addBatches");
  adds.forEach((a, i) => {
    const r = reads[i];
    lines.push(
      `  page ${i}: ${a.size} batches; audience read ${r ? span(r) : "?"}, stored ${span(a)}; ` +
        `requests sent by then ${requestTimes.filter((t) => t < a.end).length}`,
    );
  });
  // The limiter spaces starts 5 ms apart; a longer gap is time the sender waited for a batch.
  const spacing = 1000 / RATE;
  let starved = 0;
  for (let i = 1; i < requestTimes.length; i++)
    starved += Math.max(0, (requestTimes[i] ?? 0) - (requestTimes[i - 1] ?? 0) - spacing * 1.5);
  lines.push(
    `  requests: ${requestTimes.length} over ${((last - first) / 1000).toFixed(3)} s ` +
      `(rate limit alone: ${(((requestTimes.length - 1) * spacing) / 1000).toFixed(3)} s; gaps beyond the spacing ${(starved / 1000).toFixed(3)} s)`,
  );
  const updates = calls.filter((c) => c.name === "updateBatches");
  const inTail = updates.filter((c) => c.end > last);
  lines.push(
    `  outcome writes: ${updates.length} calls, ${updates.reduce((n, c) => n + (c.size ?? 0), 0)} outcomes; ` +
      `the last ends ${updates.length ? s(Math.max(...updates.map((c) => c.end))) : "-"} (${inTail.length} still running after the last request)`,
  );
  const tail = calls.filter((c) => c.start >= last && c.name !== "updateBatches");
  lines.push(`  after the last request: ${tail.map((c) => `${c.name} ${span(c)}`).join(", ") || "-"}`);
  return lines;
}

interface Row {
  scenario: string;
  residents: number;
  batches: number;
  boundS: number;
  wallS: number;
  /** From the start of the delivery run to the first multicast request reaching LINE. */
  firstS: number;
  ratio: number;
  /** Most wall / bound allowed; null for the warm-up (no target). */
  target: number | null;
  requests: number;
  retries: number;
  status: Record<string, number>;
  storeWrites: number;
  /** Documents read and written as Firestore bills them (Firestore only). */
  docReads: number | null;
  docWrites: number | null;
  /** The staff dry run before it (audience counts by ward and topic), and its document reads. */
  dryRunS: number;
  dryRunReads: number | null;
  /** The store calls the delivery spent most time in (summed over concurrent calls). */
  storeTime: string;
  /** Where the wall time went (see {@link timeline}). */
  phases: string[];
  /** CPU seconds used during the delivery by this process (the sender), the fake LINE API's process and the emulator's JVM. */
  cpuS: number;
  fakeCpuS: number;
  emulatorCpuS: number | null;
  rssMb: number;
  delivered: number;
  missing: number;
  duplicated: number;
  stray: number;
}

/** The synthetic residents: every ward and topic, plus 50 unfollowed who must get nothing. */
function residents(now: number): { ids: string[]; all: Profile[] } {
  const ids: string[] = [];
  const profiles: Profile[] = Array.from({ length: RESIDENTS }, (_, i) => {
    const userId = `U${i.toString(16).padStart(32, "0")}`;
    ids.push(userId);
    return {
      userId,
      ward: WARDS[i % WARDS.length] ?? "中央区",
      topics: [TOPIC_KEYS[i % TOPIC_KEYS.length] ?? "event"],
      largeText: false,
      followed: true,
      awaiting: null,
      createdAt: now,
      updatedAt: now,
    };
  });
  // A few unfollowed residents who must not receive anything.
  const blocked = Array.from({ length: 50 }, (_, i) => ({
    ...(profiles[0] as Profile),
    userId: `U${(RESIDENTS + i).toString(16).padStart(32, "f")}`,
    followed: false,
  }));
  return { ids, all: [...profiles, ...blocked] };
}

/** Where the residents are, and how to count what the store did. */
interface Seeded {
  base: Store;
  /** The emulator's host:port (Firestore only), to read its CPU time. */
  host?: string;
  ids: string[];
  usage: FirestoreUsage | null;
}

/**
 * `BENCH_CPU_PROFILE=dir`: a CPU profile of each delivery (sendDue only, not the seeding or the
 * staff steps) is written to dir/<scenario>.cpuprofile, for Chrome DevTools or `--cpu-prof` tools.
 */
const PROFILE_DIR = process.env.BENCH_CPU_PROFILE ?? null;
/** Starts the profiler (when asked for); the returned function stops it and writes the profile. */
async function startProfile(name: string): Promise<() => Promise<void>> {
  if (!PROFILE_DIR) return async () => undefined;
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 500 });
  await session.post("Profiler.start");
  return async () => {
    const { profile } = await session.post("Profiler.stop");
    mkdirSync(PROFILE_DIR, { recursive: true });
    writeFileSync(`${PROFILE_DIR}/${name.replace(/[^a-z0-9]+/gi, "-")}.cpuprofile`, JSON.stringify(profile));
    session.disconnect();
  };
}

async function scenario(name: string, faults: boolean, target: number | null, seeded: Seeded): Promise<Row> {
  // LINE is a remote platform: the fake runs in a child process of its own, with the same
  // limits, so this process's CPU and event loop are the sender's alone (fake-line-process.ts).
  // It keeps no bodies: the bench reads only who got what, and every request's status and time.
  const fake = await startFakeLineProcess({
    channelAccessToken: TOKEN,
    retainBodies: false,
    ...(faults
      ? { faults: { errorRate: 0.04, rateLimitRate: 0.03, timeoutRate: 0.03, processedShare: 0.5, seed: 42 } }
      : {}),
  });
  const messenger = createLineMessenger({ channelAccessToken: TOKEN, apiBaseUrl: fake.url, timeoutMs: 500 });
  const { base, ids, usage } = seeded;
  const now = Date.now();
  const { store, writes, timeMs, calls } = countingStore(base);
  // The staff steps (draft → dry run → confirm) on the same store the sender reads.
  const service = createNoticeService({
    store,
    messenger,
    clock: Date.now,
    findProgram: () => undefined,
  });
  const day = inTokyo(now + 14 * 86_400_000).format("YYYY-MM-DD");
  const draft = await service.createDraft({
    title: "全区 防災訓練のお知らせ",
    body: "地震にそなえて、みんなで防災訓練をします。",
    wards: [...WARDS],
    topics: [...TOPIC_KEYS],
    startsAt: `${day}T10:00`,
    endsAt: `${day}T12:00`,
    place: "各区役所",
    author: "bench",
  });
  const d0 = performance.now();
  const dryReads0 = usage?.reads ?? 0;
  await service.dryRun(draft.id);
  const dryRunS = (performance.now() - d0) / 1000;
  const dryRunReads = usage ? usage.reads - dryReads0 : null;
  await service.confirm(draft.id);
  const writesBefore = writes();
  timeMs.clear();
  calls.length = 0;
  const usageBefore = usage ? { ...usage } : null;

  const sender = createSender({
    store,
    messenger,
    clock: Date.now,
    owner: "bench",
    maxRequestsPerSecond: RATE,
  });
  const fakeCpu0 = await fake.cpuS();
  const stopProfile = await startProfile(name);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const emu0 = seeded.host ? emulatorCpu(seeded.host) : null;
  const startedAt = epochMs();
  const results = await sender.sendDue();
  const cpu = process.cpuUsage(cpu0);
  const emu1 = seeded.host ? emulatorCpu(seeded.host) : null;
  const wallS = (performance.now() - t0) / 1000;
  const endedAt = epochMs();
  await stopProfile();
  const seen = await fake.report();
  const docReads = usage && usageBefore ? usage.reads - usageBefore.reads : null;
  const docWrites = usage && usageBefore ? usage.writes - usageBefore.writes : null;
  if (results[0]?.outcome !== "sent") throw new Error(`delivery ended ${JSON.stringify(results)}`);

  let missing = 0;
  let duplicated = 0;
  for (const u of ids) {
    const n = seen.deliveries.get(u) ?? 0;
    if (n === 0) missing++;
    else if (n > 1) duplicated++;
  }
  const stray = seen.deliveries.size - (ids.length - missing);
  const multicasts = seen.requests.filter((r) => r.endpoint === "multicast");
  const status: Record<string, number> = {};
  for (const r of multicasts) status[String(r.status)] = (status[String(r.status)] ?? 0) + 1;
  const firstAt = Math.min(...multicasts.map((r) => r.at));
  const batches = Math.ceil(RESIDENTS / MULTICAST_MAX);
  const boundS = batches / RATE;
  const row: Row = {
    scenario: name,
    residents: RESIDENTS,
    batches,
    boundS,
    wallS,
    firstS: (firstAt - startedAt) / 1000,
    ratio: wallS / boundS,
    target,
    requests: sender.stats.requests,
    retries: sender.stats.retries,
    status,
    storeWrites: writes() - writesBefore,
    docReads,
    docWrites,
    dryRunS,
    dryRunReads,
    storeTime: [...timeMs]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 4)
      .map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`)
      .join(", "),
    phases: [
      ...timeline(
        startedAt,
        endedAt,
        calls,
        multicasts.map((r) => r.at).sort((a, b) => a - b),
      ),
      `  CPU s: sender ${((cpu.user + cpu.system) / 1e6).toFixed(2)}, fake LINE ${(seen.cpuS - fakeCpu0).toFixed(2)}` +
        (emu0 && emu1
          ? `, emulator ${(emu1.total - emu0.total).toFixed(2)} (JIT compiler ${(emu1.jit - emu0.jit).toFixed(2)}, GC ${(emu1.gc - emu0.gc).toFixed(2)})`
          : ""),
    ],
    cpuS: (cpu.user + cpu.system) / 1e6,
    fakeCpuS: seen.cpuS - fakeCpu0,
    emulatorCpuS: emu0 !== null && emu1 !== null ? emu1.total - emu0.total : null,
    rssMb: process.memoryUsage().rss / 2 ** 20,
    delivered: ids.length - missing,
    missing,
    duplicated,
    stray,
  };
  await fake.close();
  return row;
}

function table(rows: Row[]): string {
  const fs = rows.some((r) => r.docReads !== null);
  const head =
    "| scenario | residents | batches | bound (s) | first multicast (s) | wall (s) | wall / bound | target | requests | retries | multicast answers | store writes |" +
    (fs ? " document reads | document writes |" : "") +
    (fs
      ? " staff dry run (s) | dry-run reads | time in store calls | CPU s: sender / fake LINE / emulator |"
      : "") +
    " RSS (MB) | missing | duplicated | stray |";
  const sep = `|${"---|".repeat(fs ? 22 : 16)}`;
  const lines = rows.map(
    (r) =>
      `| ${r.scenario} | ${r.residents} | ${r.batches} | ${r.boundS.toFixed(2)} | ${r.firstS.toFixed(2)} | ${r.wallS.toFixed(2)} | ${r.ratio.toFixed(2)}×${r.target === null ? "" : r.ratio <= r.target ? " ✅" : " ❌"} | ${r.target === null ? "—" : `≤ ${r.target}×`} | ${r.requests} | ${r.retries} | ${Object.entries(
        r.status,
      )
        .map(([k, v]) => `${k}: ${v}`)
        .join(
          ", ",
        )} | ${r.storeWrites} |${fs ? ` ${r.docReads} | ${r.docWrites} | ${r.dryRunS.toFixed(1)} | ${r.dryRunReads} | ${r.storeTime} | ${r.cpuS.toFixed(2)} / ${r.fakeCpuS.toFixed(2)} / ${r.emulatorCpuS === null ? "?" : r.emulatorCpuS.toFixed(2)} |` : ""} ${r.rssMb.toFixed(0)} | ${r.missing} | ${r.duplicated} | ${r.stray} |`,
  );
  return [head, sep, ...lines].join("\n");
}

/** The start of the last line this script writes in its section (what follows it is kept). */
const GENERATED_END = "missing / duplicated:";

function writeDocs(rows: Row[], seed: SeedReport | null, load: string): void {
  const path = "docs/benchmarks.md";
  const title = seed ? "## Push on the Firestore emulator" : "## Push";
  const section = [
    title,
    "",
    seed
      ? `\`npm run bench:push -- --store firestore\` — ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus().length} cores (load average ${load}), ${RESIDENTS.toLocaleString("en")} residents in the Firestore adapter on Google's Cloud Firestore emulator (${seed.started ? `started by the script in ${seed.emulatorStartS.toFixed(1)} s, JVM option ${EMULATOR_JAVA_OPTIONS.join(" ")}` : "FIRESTORE_EMULATOR_HOST"}${COLD ? "" : "; one warm-up delivery to the same audience from a child process first"}), fake LINE API in a child process on loopback (test/fake-line/fake-line-process.ts) enforcing multicast 200 requests/s (sliding 1 s window). Seeding ${(RESIDENTS + 50).toLocaleString("en")} residents with one \`importProfiles\` call (sorted by audience bucket; commits of ≤ 500 writes, profiles with their bucket entries, four in flight) took ${seed.seedS.toFixed(1)} s (${seed.seedWrites.toLocaleString("en")} document writes), once for all deliveries. The staff dry run (audience counts by ward and topic) runs on the same store. Document reads and writes are counted during the delivery (sendDue: due notices, lease, audience read by ward and topic from the 256 audience buckets, batches, progress) as Firestore bills them (scripts/firestore-usage.ts). CPU seconds are those of this process (the sender), the fake LINE API's process and the emulator's JVM during the delivery.`
      : `\`npm run bench:push\` — ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${RESIDENTS.toLocaleString("en")} residents, memory store, fake LINE API in a child process on loopback (test/fake-line/fake-line-process.ts) enforcing multicast 200 requests/s (sliding 1 s window).`,
    "The bound is computed in the same run: batches of 500 / 200 requests/s. Faults: 4% 500, 3% extra 429, 3% hangs (client timeout 500 ms); half of the faulted requests were delivered before the fault, so only the retry key prevents doubles.",
    "",
    table(rows),
    "",
    `${GENERATED_END} targeted residents who got the notice 0 / more than 1 times; stray: recipients outside the audience (50 unfollowed residents are in the store).`,
    "",
  ].join("\n");
  const old = existsSync(path) ? readFileSync(path, "utf8") : "# Benchmarks\n";
  const start = old.indexOf(`${title}\n`);
  let next: string;
  if (start === -1) next = `${old.trimEnd()}\n\n${section}`;
  else {
    // Only the generated part is replaced: it ends with the line explaining the last columns.
    // What people wrote below it in the section (comparisons, causes) stays.
    const sectionEnd = old.indexOf("\n## ", start + 1);
    const endOfSection = sectionEnd === -1 ? old.length : sectionEnd + 1;
    const marker = old.indexOf(GENERATED_END, start);
    const generatedEnd =
      marker !== -1 && marker < endOfSection ? old.indexOf("\n", marker) + 1 || old.length : endOfSection;
    const kept = old.slice(generatedEnd, endOfSection).replace(/^\n+/, "");
    next = old.slice(0, start) + section + (kept ? `\n${kept}` : "") + old.slice(endOfSection);
  }
  writeFileSync(path, next.endsWith("\n") ? next : `${next}\n`);
}

/** Seeds a fresh memory store (per scenario, as before). */
async function memorySeed(): Promise<Seeded> {
  const base = createEmbeddedStore();
  const { ids, all } = residents(Date.now());
  await base.importProfiles(all);
  return { base, ids, usage: null };
}

/** What seeding the emulator cost: the residents are written once for both scenarios. */
interface SeedReport {
  host: string;
  started: boolean;
  seedS: number;
  seedWrites: number;
  emulatorStartS: number;
}

async function firestoreRun(): Promise<{ rows: Row[]; seed: SeedReport }> {
  const t0 = performance.now();
  let emulator: EmulatorProcess | null = null;
  let host = process.env.FIRESTORE_EMULATOR_HOST ?? null;
  if (!host) {
    const started = await startFirestoreEmulator({
      logPath: "dist/bench-push/firestore-emulator.log",
      javaOptions: EMULATOR_JAVA_OPTIONS,
    });
    if (started === "no-jar" || started === "no-java")
      throw new Error(
        `the Firestore emulator cannot start here (${started}): install google-cloud-cli-firestore-emulator ` +
          "and Java 17, or set FIRESTORE_EMULATOR_HOST",
      );
    emulator = started;
    host = started.host;
  }
  const emulatorStartS = (performance.now() - t0) / 1000;
  process.env.METADATA_SERVER_DETECTION ??= "none";
  const projectId = `bench-push-${Date.now().toString(36)}`;
  const db = new Firestore({ projectId, host, ssl: false, ignoreUndefinedProperties: true });
  const usage = countFirestoreUsage(db);
  // Generous timeouts: the emulator on a shared 2-core machine is far slower than Firestore
  // (its count() aggregations over 100,000 documents take minutes there).
  const base = createFirestoreStore({ firestore: db, ownsClient: true, timeoutMs: 1_800_000 });
  try {
    const { ids, all } = residents(Date.now());
    const s0 = performance.now();
    const w0 = usage.writes;
    // One import: the adapter sorts the residents by audience bucket and commits ≤ 500 writes at
    // a time (profiles with their bucket entries), four commits in flight.
    await base.importProfiles(all);
    const seed: SeedReport = {
      host,
      started: emulator !== null,
      seedS: (performance.now() - s0) / 1000,
      seedWrites: usage.writes - w0,
      emulatorStartS,
    };
    process.stderr.write(
      `seeded ${all.length} residents in ${seed.seedS.toFixed(1)} s (${seed.seedWrites} writes)\n`,
    );
    // Staff preview, dry-run and confirm on the same Firestore store: the dry run's counts read
    // the 256 audience buckets (before them, count() over 100,000 profiles took about 5 minutes
    // on the emulator, and the staff steps ran on a memory copy).
    const seeded = { base, ids, usage, host };
    const rows: Row[] = [];
    if (!COLD) rows.push(await warmUp(host, projectId));
    rows.push(await scenario("no faults", false, 2, seeded));
    rows.push(await scenario("10% faults", true, 4, seeded));
    return { rows, seed };
  } finally {
    await base.close();
    await emulator?.stop();
  }
}

/** Runs the warm-up delivery in a child process (see {@link COLD}) and returns its row. */
async function warmUp(host: string, projectId: string): Promise<Row> {
  const child = fork(
    fileURLToPath(import.meta.url),
    ["--warm-up", projectId, "--residents", String(RESIDENTS)],
    {
      execArgv: process.execArgv,
      env: { ...process.env, FIRESTORE_EMULATOR_HOST: host, BENCH_NO_WRITE: "1", BENCH_CPU_PROFILE: "" },
      stdio: ["ignore", "ignore", "inherit", "ipc"],
    },
  );
  const row = new Promise<Row>((resolve, reject) => {
    child.once("message", (m) => resolve(m as Row));
    child.once("exit", (code) => reject(new Error(`the warm-up delivery exited (${code}) without a result`)));
  });
  const r = await row;
  await once(child, "exit");
  return r;
}

/** The child side of {@link warmUp}: one delivery on the seeded project, its row sent back. */
async function warmUpChild(projectId: string): Promise<void> {
  const host = process.env.FIRESTORE_EMULATOR_HOST;
  if (!host) throw new Error("--warm-up needs FIRESTORE_EMULATOR_HOST");
  process.env.METADATA_SERVER_DETECTION ??= "none";
  const db = new Firestore({ projectId, host, ssl: false, ignoreUndefinedProperties: true });
  const usage = countFirestoreUsage(db);
  const base = createFirestoreStore({ firestore: db, ownsClient: true, timeoutMs: 1_800_000 });
  try {
    const { ids } = residents(Date.now());
    const row = await scenario("emulator warm-up (child process)", false, null, { base, ids, usage, host });
    await new Promise<void>((resolve, reject) =>
      process.send?.(row, (e: Error | null) => (e ? reject(e) : resolve())),
    );
  } finally {
    await base.close();
  }
}

if (WARM_UP_PROJECT !== null) {
  await warmUpChild(WARM_UP_PROJECT);
  process.exit(0);
}

const loadAtStart = loadavg();
const rows: Row[] = [];
let seed: SeedReport | null = null;
if (STORE === "firestore") {
  const r = await firestoreRun();
  rows.push(...r.rows);
  seed = r.seed;
} else {
  for (const [name, faults, target] of [
    ["no faults", false, 2],
    ["10% faults", true, 4],
  ] as const) {
    const seeded = await memorySeed();
    rows.push(await scenario(name, faults, target, seeded));
    await seeded.base.close();
  }
}
const load = (l: number[]) => l.map((x) => x.toFixed(1)).join(" / ");
console.log(table(rows));
for (const r of rows)
  console.log(`\n${r.scenario} — where the time went (s from the start of sendDue):\n${r.phases.join("\n")}`);
if (seed)
  console.log(
    `\nFirestore emulator at ${seed.host} (${seed.started ? `started here in ${seed.emulatorStartS.toFixed(1)} s` : "given"}); ` +
      `seeding ${RESIDENTS + 50} residents: ${seed.seedS.toFixed(1)} s, ${seed.seedWrites} document writes`,
  );
console.log(
  `${cpus().length} cores, Node ${process.version}, load average ${load(loadAtStart)} → ${load(loadavg())}`,
);
if (!process.env.BENCH_NO_WRITE) writeDocs(rows, seed, `${load(loadAtStart)} → ${load(loadavg())}`);
const lost = rows.some((r) => r.missing > 0 || r.duplicated > 0 || r.stray > 0);
if (lost) console.error("FAIL: someone was missed or got the notice twice");
const slow = rows.filter((r) => r.target !== null && r.ratio > r.target);
if (slow.length) console.error(`over target: ${slow.map((r) => r.scenario).join(", ")}`);
process.exitCode = lost ? 1 : 0;
