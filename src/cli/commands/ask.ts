/**
 * `ask --json [--user ID] "<text>" | --postback DATA | --follow [--unblocked]`: runs one event
 * through the whole bot (router, dedupe, handlers, store from STORE — use STORE=file:PATH so
 * settings persist between calls) and prints the reply exactly as it would be sent to LINE.
 */
import { randomUUID } from "node:crypto";
import { loadConfig } from "../../config.js";
import { createDeps } from "../../deps.js";
import { createBot } from "../../bot/router.js";
import { createRecordingMessenger } from "../../line/recording-messenger.js";
import { createLogger } from "../../logging.js";
import { usageError, type Command } from "../io.js";

const USAGE = 'usage: ask [--json] [--user ID] "<text>" | --postback DATA | --follow [--unblocked]';
const DEFAULT_USER = "U0000000000000000000000000000c11";

type Parsed =
  | {
      ok: true;
      json: boolean;
      user: string;
      event: "text" | "postback" | "follow";
      value: string;
      unblocked: boolean;
    }
  | { ok: false; message: string };

function parseArgs(args: string[]): Parsed {
  let json = false;
  let user = DEFAULT_USER;
  let postback: string | null = null;
  let follow = false;
  let unblocked = false;
  const texts: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? "";
    if (a === "--json") json = true;
    else if (a === "--follow") follow = true;
    else if (a === "--unblocked") unblocked = true;
    else if (a === "--user" || a === "--postback") {
      const v = args[++i];
      if (v === undefined || v.length === 0) return { ok: false, message: `${a} needs a value` };
      if (a === "--user") user = v;
      else postback = v;
    } else if (a.startsWith("--")) return { ok: false, message: `unknown option ${a}` };
    else texts.push(a);
  }
  const chosen = [texts.length > 0, postback !== null, follow].filter(Boolean).length;
  if (chosen !== 1) return { ok: false, message: "give exactly one of: a text, --postback DATA, --follow" };
  if (unblocked && !follow) return { ok: false, message: "--unblocked goes with --follow" };
  if (follow) return { ok: true, json, user, event: "follow", value: "", unblocked };
  if (postback !== null) return { ok: true, json, user, event: "postback", value: postback, unblocked };
  return { ok: true, json, user, event: "text", value: texts.join(" "), unblocked };
}

const run: Command = async (args, io) => {
  const parsed = parseArgs(args);
  if (!parsed.ok) return usageError(io, `${parsed.message}\n${USAGE}`);
  const config = loadConfig(io.env, { defaultMode: "local" });
  const messenger = createRecordingMessenger();
  // Logs go to stderr so stdout carries only the reply.
  const logger = createLogger({
    level: io.env.LOG_LEVEL ? config.logLevel : "warn",
    destination: process.stderr,
  });
  const deps = await createDeps(config, { messenger, logger });
  try {
    const bot = createBot(deps);
    const base = {
      webhookEventId: `cli-${randomUUID()}`,
      timestamp: deps.clock(),
      mode: "active",
      source: { type: "user", userId: parsed.user },
      replyToken: `cli-${randomUUID()}`,
      deliveryContext: { isRedelivery: false },
    };
    const event =
      parsed.event === "text"
        ? {
            ...base,
            type: "message",
            message: { id: "1", type: "text", text: parsed.value, quoteToken: "q" },
          }
        : parsed.event === "postback"
          ? { ...base, type: "postback", postback: { data: parsed.value } }
          : { ...base, type: "follow", follow: { isUnblocked: parsed.unblocked } };
    const result = await bot.handleEvent(event);
    const messages = messenger.replies()[0] ?? [];
    if (parsed.json) {
      io.out(JSON.stringify({ outcome: result.outcome, messages }, null, 2));
    } else {
      for (const m of messages) {
        if (m.type === "text") io.out(m.text);
        else if (m.type === "flex") io.out(`[Flex] ${m.altText}`);
        else io.out(`[${m.type}]`);
      }
      if (messages.length === 0) io.out(`(no reply: ${result.outcome})`);
    }
    return result.outcome === "error" ? 1 : 0;
  } finally {
    await deps.store.close();
  }
};
export default run;
