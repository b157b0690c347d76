/**
 * Hostile input: thousands of bodies — signed random and malformed events (emoji, 5,000-char
 * and empty texts, control characters, unknown fields and types, huge numbers, wrong types,
 * random postback data), signed non-webhook JSON and non-JSON, and unsigned or wrongly signed
 * bodies — against the real app on a loopback port. Never a 5xx, never an unhandled rejection,
 * every reply valid for LINE, and memory flat between the first and second half of the run.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { randomUUID } from "node:crypto";
import v8 from "node:v8";
import vm from "node:vm";
import { encodePostback } from "../../src/postback.js";
import { TOPIC_KEYS } from "../../src/knowledge/topics.js";
import { KNOWLEDGE_WARDS } from "../../src/knowledge/known-wards.js";
import { createLineValidator, formatLineErrors } from "../line-schema/line-validator.js";
import type { Messenger } from "../../src/line/messenger.js";
import { createLogger } from "../../src/logging.js";
import { createTestDeps, type TestDeps } from "../helpers/bot-fixtures.js";
import { startApp, type RunningApp } from "../helpers/app-server.js";
import { sign } from "../helpers/line-events.js";

const WARDS = KNOWLEDGE_WARDS.names;

const validator = createLineValidator();

// A real full GC before each heap reading (vitest does not start workers with --expose-gc).
v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;
function heapAfterGc(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}
const invalidReplies: string[] = [];
let repliesSeen = 0;

/** A LINE stand-in that validates every reply and keeps nothing (so memory stays a fair measure). */
const validatingMessenger: Messenger = {
  async reply(_token, messages) {
    repliesSeen++;
    const errors = validator.validateMessages(messages, { context: "reply" });
    if (errors.length > 0 && invalidReplies.length < 5) invalidReplies.push(formatLineErrors(errors));
    return { ok: true, requestId: null };
  },
  push: async () => ({ ok: true, requestId: null }),
  multicast: async () => ({ ok: true, requestId: null }),
  quota: async () => null,
};

const USERS = Array.from({ length: 16 }, (_, i) => `U${i.toString(16).padStart(32, "0")}`);

const nastyText = fc.oneof(
  fc.string({ maxLength: 200, unit: "grapheme" }),
  fc.string({ maxLength: 50, unit: "binary" }),
  fc.constantFrom(
    "",
    " ",
    "\u0000",
    "\u202e防災",
    "🧯🚒👶🏻‍🍼",
    "あ".repeat(5000),
    "防災".repeat(2500),
    "862-0950",
    "使い方",
  ),
  fc.constantFrom(
    "東区に住んでいます",
    "イベント",
    "今月の予定",
    "区役所",
    "文字を大きく",
    "子育て",
    "ほじょきん",
  ),
  fc.integer({ min: 0, max: 10 }).map((n) => "🎌".repeat(n * 500)),
);

const postbackData = fc.oneof(
  fc.constantFrom(
    ...TOPIC_KEYS.map((topic) => encodePostback({ kind: "topic", topic })),
    ...WARDS.map((ward) => encodePostback({ kind: "ward", ward })),
    "v1:events",
    "v1:settings",
    "v1:help",
    "v1:office",
    "v1:ward:unknown",
    "v1:ward:pick",
    "v1:detail:chuo-f-07",
    "v1:detail:chuo-m-99",
    "v1:same:higashi-m-10",
    "v1:wardp:kita:0",
    "v1:wardp:kita:9999",
    "v1:more:5:all:#bousai",
    "v1:large:on",
    "v1:sub:event:on",
  ),
  fc.string({ maxLength: 400 }),
  fc
    .tuple(fc.constantFrom("v1", "v2", "v0"), fc.array(fc.string({ maxLength: 10 }), { maxLength: 5 }))
    .map(([v, a]) => [v, ...a].join(":")),
  fc.anything(),
);

const source = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...USERS).map((userId) => ({ type: "user", userId })) },
  fc.constantFrom(...USERS).map((userId) => ({ type: "group", groupId: "Cgroup", userId })),
  fc.constant({ type: "room", roomId: "Rroom" }),
  fc.anything(),
);

const common = fc.record(
  {
    mode: fc.oneof({ weight: 8, arbitrary: fc.constant("active") }, fc.constant("standby"), fc.anything()),
    timestamp: fc.oneof(fc.integer(), fc.double(), fc.constant(Number.MAX_SAFE_INTEGER), fc.string()),
    source,
    webhookEventId: fc.oneof({ weight: 8, arbitrary: fc.uuid() }, fc.constant("dup-id"), fc.anything()),
    replyToken: fc.oneof({ weight: 8, arbitrary: fc.uuid() }, fc.anything()),
    deliveryContext: fc.oneof(fc.record({ isRedelivery: fc.boolean() }), fc.anything()),
    unknownField: fc.anything(),
  },
  { requiredKeys: ["source"] },
);

const event = fc.oneof(
  {
    weight: 5,
    arbitrary: fc
      .tuple(common, nastyText)
      .map(([c, text]) => ({ ...c, type: "message", message: { id: "1", type: "text", text } })),
  },
  {
    weight: 3,
    arbitrary: fc
      .tuple(common, postbackData)
      .map(([c, data]) => ({ ...c, type: "postback", postback: { data } })),
  },
  fc
    .tuple(common, fc.boolean())
    .map(([c, isUnblocked]) => ({ ...c, type: "follow", follow: { isUnblocked } })),
  common.map((c) => ({ ...c, type: "unfollow" })),
  fc
    .tuple(common, fc.constantFrom("image", "sticker", "location", "audio", "file", "video", "brandNew"))
    .map(([c, t]) => ({
      ...c,
      type: "message",
      message: { id: "2", type: t },
    })),
  fc.tuple(common, fc.string({ maxLength: 20 })).map(([c, type]) => ({ ...c, type })),
  fc.tuple(common, fc.anything()).map(([c, junk]) => ({ ...c, type: "message", message: junk })),
  fc.anything(),
);

const signedBody = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .array(event, { maxLength: 6 })
      .map((events) => JSON.stringify({ destination: "U1", events })),
  },
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 300 }),
  fc.constant('{"events":[{"type":"message"'),
  fc.constant(
    JSON.stringify({
      events: [{ type: "message", timestamp: 1e308, message: { type: "text", text: 1e308 } }],
    }),
  ),
);

let deps: TestDeps;
let app: RunningApp;
const unhandled: unknown[] = [];
const onUnhandled = (e: unknown): void => {
  unhandled.push(e);
};

beforeAll(async () => {
  process.on("unhandledRejection", onUnhandled);
  deps = await createTestDeps({
    messenger: validatingMessenger,
    // Logs are checked elsewhere; here they would only grow the captured buffer.
    logger: createLogger({ level: "silent" }),
  });
  app = await startApp(deps);
});
afterAll(async () => {
  process.off("unhandledRejection", onUnhandled);
  await app.close();
});

async function round(runs: number, seed: number): Promise<Map<number, number>> {
  const statuses = new Map<number, number>();
  const count = (s: number) => statuses.set(s, (statuses.get(s) ?? 0) + 1);
  await fc.assert(
    fc.asyncProperty(signedBody, fc.integer({ min: 0, max: 9 }), async (body, mode) => {
      // 1 in 10 unsigned, 1 in 10 signed with the wrong secret.
      const signature = mode === 0 ? null : mode === 1 ? sign(body, `wrong-${randomUUID()}`) : undefined;
      const r = await app.post(body, { signature });
      await r.arrayBuffer();
      count(r.status);
      expect(r.status).toBeLessThan(500);
      if (mode <= 1) expect(r.status).toBe(401);
    }),
    { numRuns: runs, seed },
  );
  await deps.inflight.drain();
  return statuses;
}

describe("webhook fuzz", () => {
  it("never 5xx, no unhandled rejection, every reply valid, memory flat", async () => {
    // Three rounds; heap is measured after a full GC so garbage does not count as growth.
    // The first round warms up (JIT, lazily built data); the next two must not grow the heap
    // beyond what the store legitimately keeps (event claims, unanswered questions).
    const first = await round(1000, 42);
    const heap1 = heapAfterGc();
    const second = await round(1000, 4242);
    const heap2 = heapAfterGc();
    const third = await round(1000, 424242);
    const heap3 = heapAfterGc();
    expect(unhandled).toEqual([]);
    expect(invalidReplies).toEqual([]);
    expect(repliesSeen).toBeGreaterThan(500);
    for (const s of [first, second, third]) {
      expect(s.get(200) ?? 0).toBeGreaterThan(300);
      expect(s.get(401) ?? 0).toBeGreaterThan(80);
      expect(s.get(400) ?? 0).toBeGreaterThan(10);
    }
    const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
    const growth = [heap2 - heap1, heap3 - heap2];
    // A leak of even 1 KB per request would add ≥ 1 MB per round; the store's own growth is far below 8 MB.
    expect(growth[1], `heap ${mb(heap1)} → ${mb(heap2)} → ${mb(heap3)}`).toBeLessThan(8 * 1024 * 1024);
    expect(growth[0], `heap ${mb(heap1)} → ${mb(heap2)} → ${mb(heap3)}`).toBeLessThan(8 * 1024 * 1024);
  }, 120_000);
});
