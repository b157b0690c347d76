/**
 * `npm run bench:push`: one notice to 100,000 synthetic residents through the local fake LINE
 * API with its 200 requests/s multicast limit enforced, on the memory store — once without
 * faults and once with 10% faults (500s, 429s, hangs; half of them after the fake delivered).
 *
 * The bound is computed in the same run from what LINE allows: batches / 200 requests/s
 * (100,000 residents = 200 batches = 1 s). Reports wall time / bound, requests, retries,
 * store writes and RSS; fails (exit 1) if anyone was missed or got the notice twice.
 * Targets: ≤ 2× the bound without faults, ≤ 4× with faults. Writes docs/benchmarks.md § Push.
 */
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { createFakeLineApi } from "../test/fake-line/fake-line-api.js";
import { createLineMessenger } from "../src/line/line-messenger.js";
import { createEmbeddedStore } from "../src/store/embedded/index.js";
import { createNoticeService } from "../src/notices/notice-service.js";
import { createSender, MULTICAST_MAX } from "../src/notices/sender.js";
import { inTokyo } from "../src/time/tokyo-time.js";
import { KNOWLEDGE_WARDS } from "../src/knowledge/known-wards.js";

const WARDS = KNOWLEDGE_WARDS.names;
import { TOPIC_KEYS } from "../src/knowledge/topics.js";
import type { Profile, Store } from "../src/store/port.js";

const RESIDENTS = Number(process.env.BENCH_RESIDENTS ?? 100_000);
const RATE = 200;
const TOKEN = "bench-token";

/** Counts the store's write calls (each is one write in Firestore terms). */
function countingStore(store: Store): { store: Store; writes: () => number } {
  let writes = 0;
  const WRITES = new Set([
    "createNotice",
    "updateNotice",
    "createBatches",
    "updateBatch",
    "acquireLease",
    "releaseLease",
  ]);
  const proxy = new Proxy(store, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver) as unknown;
      if (typeof v === "function" && WRITES.has(String(prop))) {
        return (...args: unknown[]) => {
          writes += prop === "createBatches" ? (args[1] as unknown[]).length || 1 : 1;
          return (v as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      return v;
    },
  });
  return { store: proxy, writes: () => writes };
}

interface Row {
  scenario: string;
  residents: number;
  batches: number;
  boundS: number;
  wallS: number;
  ratio: number;
  target: number;
  requests: number;
  retries: number;
  status: Record<string, number>;
  storeWrites: number;
  rssMb: number;
  delivered: number;
  missing: number;
  duplicated: number;
  stray: number;
}

async function scenario(name: string, faults: boolean, target: number): Promise<Row> {
  const fake = await createFakeLineApi({
    channelAccessToken: TOKEN,
    ...(faults
      ? { faults: { errorRate: 0.04, rateLimitRate: 0.03, timeoutRate: 0.03, processedShare: 0.5, seed: 42 } }
      : {}),
  });
  const messenger = createLineMessenger({ channelAccessToken: TOKEN, apiBaseUrl: fake.url, timeoutMs: 500 });
  const base = createEmbeddedStore();
  const now = Date.now();
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
  await base.importProfiles([...profiles, ...blocked]);
  const { store, writes } = countingStore(base);
  const service = createNoticeService({ store, messenger, clock: Date.now, findProgram: () => undefined });
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
  await service.dryRun(draft.id);
  await service.confirm(draft.id);
  const writesBefore = writes();

  const sender = createSender({
    store,
    messenger,
    clock: Date.now,
    owner: "bench",
    maxRequestsPerSecond: RATE,
  });
  const t0 = performance.now();
  const results = await sender.sendDue();
  const wallS = (performance.now() - t0) / 1000;
  if (results[0]?.outcome !== "sent") throw new Error(`delivery ended ${JSON.stringify(results)}`);

  let missing = 0;
  let duplicated = 0;
  for (const u of ids) {
    const n = fake.delivered(u).length;
    if (n === 0) missing++;
    else if (n > 1) duplicated++;
  }
  const stray = fake.recipients().length - (ids.length - missing);
  const status: Record<string, number> = {};
  for (const r of fake.requests)
    if (r.endpoint === "multicast") status[String(r.status)] = (status[String(r.status)] ?? 0) + 1;
  const batches = Math.ceil(RESIDENTS / MULTICAST_MAX);
  const boundS = batches / RATE;
  const row: Row = {
    scenario: name,
    residents: RESIDENTS,
    batches,
    boundS,
    wallS,
    ratio: wallS / boundS,
    target,
    requests: sender.stats.requests,
    retries: sender.stats.retries,
    status,
    storeWrites: writes() - writesBefore,
    rssMb: process.memoryUsage().rss / 2 ** 20,
    delivered: ids.length - missing,
    missing,
    duplicated,
    stray,
  };
  await fake.close();
  await base.close();
  return row;
}

function table(rows: Row[]): string {
  const head =
    "| scenario | residents | batches | bound (s) | wall (s) | wall / bound | target | requests | retries | multicast answers | store writes | RSS (MB) | missing | duplicated | stray |";
  const sep = `|${"---|".repeat(15)}`;
  const lines = rows.map(
    (r) =>
      `| ${r.scenario} | ${r.residents} | ${r.batches} | ${r.boundS.toFixed(2)} | ${r.wallS.toFixed(2)} | ${r.ratio.toFixed(2)}× ${r.ratio <= r.target ? "✅" : "❌"} | ≤ ${r.target}× | ${r.requests} | ${r.retries} | ${Object.entries(
        r.status,
      )
        .map(([k, v]) => `${k}: ${v}`)
        .join(
          ", ",
        )} | ${r.storeWrites} | ${r.rssMb.toFixed(0)} | ${r.missing} | ${r.duplicated} | ${r.stray} |`,
  );
  return [head, sep, ...lines].join("\n");
}

function writeDocs(rows: Row[]): void {
  const path = "docs/benchmarks.md";
  const section = [
    "## Push",
    "",
    `\`npm run bench:push\` — ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${RESIDENTS.toLocaleString("en")} residents, memory store, fake LINE API on loopback enforcing multicast 200 requests/s (sliding 1 s window).`,
    "The bound is computed in the same run: batches of 500 / 200 requests/s. Faults: 4% 500, 3% extra 429, 3% hangs (client timeout 500 ms); half of the faulted requests were delivered before the fault, so only the retry key prevents doubles.",
    "",
    table(rows),
    "",
    "missing / duplicated: targeted residents who got the notice 0 / more than 1 times; stray: recipients outside the audience (50 unfollowed residents are in the store).",
    "",
  ].join("\n");
  const old = existsSync(path) ? readFileSync(path, "utf8") : "# Benchmarks\n";
  const start = old.indexOf("## Push");
  let next: string;
  if (start === -1) next = `${old.trimEnd()}\n\n${section}`;
  else {
    const after = old.indexOf("\n## ", start + 1);
    next = old.slice(0, start) + section + (after === -1 ? "" : old.slice(after + 1));
  }
  writeFileSync(path, next.endsWith("\n") ? next : `${next}\n`);
}

const rows: Row[] = [];
rows.push(await scenario("no faults", false, 2));
rows.push(await scenario("10% faults", true, 4));
console.log(table(rows));
if (!process.env.BENCH_NO_WRITE) writeDocs(rows);
const lost = rows.some((r) => r.missing > 0 || r.duplicated > 0 || r.stray > 0);
if (lost) console.error("FAIL: someone was missed or got the notice twice");
const slow = rows.filter((r) => r.ratio > r.target);
if (slow.length) console.error(`over target: ${slow.map((r) => r.scenario).join(", ")}`);
process.exitCode = lost ? 1 : 0;
