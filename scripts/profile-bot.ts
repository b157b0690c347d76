/**
 * Where a webhook's CPU goes inside the bot, without HTTP: `npm run --silent profile:bot [-- N]`
 * sends N signed-shape text events (default 10,000, after 2,000 to warm up) through the bot built
 * as the server builds it (memory store, a logger that discards its lines, a messenger that
 * serialises each reply as the LINE client would) and prints CPU per event, reply size and RSS.
 * For the breakdown by function (search, serialising the reply, building the carousel …) run it
 * under the profiler: `node --cpu-prof --cpu-prof-dir=dist/prof --import tsx scripts/profile-bot.ts`
 * and open the .cpuprofile in Chrome DevTools. In process, the figures vary far less between
 * runs than bench:webhook's on a shared machine (docs/benchmarks.md, issue 14 third session).
 */
import type { webhook } from "@line/bot-sdk";
import { createBot } from "../src/bot/router.js";
import { loadConfig } from "../src/config.js";
import { createDeps } from "../src/deps.js";
import type { Messenger } from "../src/line/messenger.js";
import { createLogger } from "../src/logging.js";
import { toJsonPieces } from "../src/text/shared-json.js";
import { webhookTextEvent } from "./webhook-questions.js";

const WARM_UP = 2_000;
const events = Number(process.argv[2] ?? 10_000);
if (!Number.isInteger(events) || events < 1) throw new Error("usage: profile-bot.ts [events ≥ 1]");

let replyBytes = 0;
let replies = 0;
const messenger: Messenger = {
  reply: (replyToken, messages) => {
    for (const piece of toJsonPieces({ replyToken, messages })) replyBytes += piece.length;
    replies++;
    return Promise.resolve({ ok: true, requestId: null });
  },
  push: () => Promise.resolve({ ok: true, requestId: null }),
  multicast: () => Promise.resolve({ ok: true, requestId: null }),
  quota: () => Promise.resolve(null),
};
const config = loadConfig(
  {
    APP_MODE: "local",
    STORE: "memory",
    LINE_CHANNEL_SECRET: "s",
    LINE_CHANNEL_ACCESS_TOKEN: "t",
    SIMULATOR: "off",
  },
  { defaultMode: "local" },
);
const deps = await createDeps(config, {
  logger: createLogger({ destination: { write: () => undefined } }),
  messenger,
});
const bot = createBot(deps);

// The webhook benchmark's traffic: a thousand residents asking in turn, each event new.
const textEvent = (i: number): webhook.MessageEvent => webhookTextEvent(i);

for (let i = 0; i < WARM_UP; i++) await bot.handleEvent(textEvent(i));
const cpu0 = process.cpuUsage();
for (let i = 0; i < events; i++) await bot.handleEvent(textEvent(WARM_UP + i));
const cpu = process.cpuUsage(cpu0);
process.stdout.write(
  `${events} events: CPU ${((cpu.user + cpu.system) / events).toFixed(1)} µs per event, ` +
    `reply ${(replyBytes / Math.max(replies, 1)).toFixed(0)} bytes on average, ` +
    `RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB\n`,
);
