import { spawn, type ChildProcess } from "node:child_process";
import { createHmac, randomUUID } from "node:crypto";
import { closeSync, mkdirSync, openSync, readFileSync } from "node:fs";
import { dirname } from "node:path";
import autocannon from "autocannon";
import { createFakeLineApi, type FakeLineApi } from "../test/fake-line/fake-line-api.js";
import type { LineValidator } from "../test/line-schema/line-validator.js";

/**
 * The resident questions the webhook benchmark sends and the in-process bot profile replays,
 * one list so that the profile's per-event figures describe the benchmark's traffic.
 */
export const WEBHOOK_QUESTIONS: readonly string[] = [
  "防災の講座はありますか",
  "子育てサークルを探しています",
  "高齢者の健康づくり",
  "地域のお祭り",
  "補助金を使いたい",
  "東区の防災訓練",
  "外国人との交流",
  "ウォーキングの集まり",
];

/**
 * The i-th event of that traffic: a text message from one of a thousand residents (asking in
 * turn), each event new (its own webhookEventId and reply token).
 */
export function webhookTextEvent(i: number) {
  return {
    type: "message" as const,
    mode: "active" as const,
    timestamp: Date.now(),
    webhookEventId: randomUUID(),
    deliveryContext: { isRedelivery: false },
    replyToken: randomUUID(),
    source: { type: "user" as const, userId: `U${(i % 1000).toString(16).padStart(32, "0")}` },
    message: {
      id: String(i),
      type: "text" as const,
      text: WEBHOOK_QUESTIONS[i % WEBHOOK_QUESTIONS.length]!,
      quoteToken: "q",
    },
  };
}

/** A webhook body carrying {@link webhookTextEvent} `i`, as LINE would POST it. */
export const webhookBody = (i: number): string =>
  JSON.stringify({ destination: "Ubench", events: [webhookTextEvent(i)] });

/**
 * One autocannon run of that traffic against a webhook on loopback (ten connections, each request
 * a new event), signed with the channel secret as LINE signs it — or unsigned (`secret: null`) for
 * the echo baseline. One definition, so the webhook benchmark and the memory-by-stage script load
 * the server the same way.
 */
export function webhookLoad(opts: {
  port: number;
  /** Requests per second over all connections; null: as fast as the server answers. */
  rate: number | null;
  durationSec: number;
  secret: string | null;
}): Promise<autocannon.Result> {
  const { secret } = opts;
  let i = 0;
  return autocannon({
    url: `http://127.0.0.1:${opts.port}/webhook`,
    method: "POST",
    connections: 10,
    duration: opts.durationSec,
    ...(opts.rate ? { overallRate: opts.rate } : {}),
    requests: [
      {
        setupRequest: (req) => {
          const b = webhookBody(i++);
          return {
            ...req,
            body: b,
            headers: {
              "content-type": "application/json",
              ...(secret === null
                ? {}
                : { "x-line-signature": createHmac("sha256", secret).update(b).digest("base64") }),
            },
          };
        },
      },
    ],
  });
}

/**
 * The environment a benchmarked server runs with: production's log level (one JSON line per
 * event is part of the measured cost), the in-memory store, and the real LINE client talking to
 * the local fake LINE API rather than the chat simulator's messenger.
 */
export function benchServerEnv(opts: {
  secret: string;
  token: string;
  fake: { url: string; dataUrl: string };
}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    APP_MODE: "local",
    LINE_CHANNEL_SECRET: opts.secret,
    LINE_CHANNEL_ACCESS_TOKEN: opts.token,
    LINE_API_BASE_URL: opts.fake.url,
    LINE_DATA_API_BASE_URL: opts.fake.dataUrl,
    STORE: "memory",
    SIMULATOR: "off",
    PORT: "0",
    LOG_LEVEL: "info",
  };
}

/**
 * The fake LINE API as the webhook benchmarks run it: any reply token accepted (each event's is
 * new), no rate limit on replies, and no request bodies kept (tens of thousands of parsed 12 KB
 * replies in the benchmark's own process would cost GC time on the cores the server shares).
 */
export function benchFakeLine(token: string, validator?: LineValidator): Promise<FakeLineApi> {
  return createFakeLineApi({
    ...(validator ? { validator } : {}),
    channelAccessToken: token,
    acceptUnknownReplyTokens: true,
    rateLimits: { reply: { limit: Infinity, windowMs: 1000 } },
    retainBodies: false,
  });
}

/**
 * Starts a benchmarked server (`node ARGS…`) and resolves once it logs the port it listens on.
 * Its output goes to `logFile`, not a pipe: a pipe the busy benchmark process reads late would
 * block the server's log writes and show up as latency that production does not have.
 */
export async function spawnBenchServer(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  logFile: string,
): Promise<{ child: ChildProcess; port: number }> {
  mkdirSync(dirname(logFile), { recursive: true });
  const fd = openSync(logFile, "w");
  const child = spawn(process.execPath, args, { env, stdio: ["ignore", fd, fd] });
  closeSync(fd);
  for (const deadline = Date.now() + 30_000; ; await new Promise((r) => setTimeout(r, 5))) {
    const text = readFileSync(logFile, "utf8");
    const m = /"(?:listening|port)":\s*(\d+)/.exec(text);
    if (m && Number(m[1]) > 0) return { child, port: Number(m[1]) };
    if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline)
      throw new Error(
        `node ${args.join(" ")} did not start (exit ${child.exitCode ?? child.signalCode}):\n${text}`,
      );
  }
}
