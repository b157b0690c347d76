/**
 * POST /webhook. Order matters: a size limit on the raw bytes (413 before anything is
 * parsed), then LINE's signature over those exact bytes (401 for a missing or wrong
 * x-line-signature, checked in constant time by @line/bot-sdk's `validateSignature`), then one
 * JSON parse (400 for bytes that are not JSON) and a shape check (400). Only then do events run,
 * each in its own boundary inside the bot.
 *
 * A plain Node request handler, not express middleware: it runs on every webhook, and express's
 * request set-up, router and body parser cost more CPU per request than the whole HTTP answer
 * (docs/benchmarks.md, issue 14 fourth session), and the webhook Cloud Function need not load
 * express at all. The express app mounts it as it is (app.ts), the local server calls it before
 * express (`createRequestListener`), and the webhook function calls it directly, with the body
 * the Functions Framework already read (`rawBody`).
 *
 * When to answer: LINE wants 2xx within 2 s. We wait for the events up to `ackBudgetMs`
 * (default 1 s) and then answer 200 whether or not they are done. Normally everything is done
 * well before that, so on Cloud Functions/Cloud Run (where CPU may be throttled after the
 * response) the work completes inside the request; a slow LINE API or store can never push
 * the answer past LINE's limit. Work still running is tracked in `inflight` so tests, the
 * simulator and shutdown can wait for it.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { brotliDecompressSync, gunzipSync, inflateSync } from "node:zlib";
import { JSONParseError, SignatureValidationFailed, validateSignature } from "@line/bot-sdk";
import { createBot, type Bot } from "../bot/router.js";
import type { Deps } from "../deps.js";
import type { Logger } from "../logging.js";
import type { Inflight } from "./inflight.js";
import { answerFailure, HttpError, sendJson } from "./errors.js";

export interface WebhookOptions {
  channelSecret: string;
  bot: Bot;
  logger: Logger;
  inflight: Inflight;
  /** Largest accepted body (default 1 MiB; LINE's bodies are far smaller). */
  maxBodyBytes?: number;
  /** Longest wait for the events before answering 200 (default 1000 ms). */
  ackBudgetMs?: number;
}

/** A request as the handler sees it: Node's, or one whose body a framework already read. */
export type WebhookRequest = IncomingMessage & { rawBody?: unknown };

/** Handles one POST to the webhook. Never throws; every failure is answered (and logged). */
export type WebhookHandler = (req: WebhookRequest, res: ServerResponse) => void;

/** Events of one source run in order (follow, then the first message); different sources in parallel. */
function sourceKey(ev: unknown, i: number): string {
  const s = typeof ev === "object" && ev !== null ? (ev as { source?: unknown }).source : undefined;
  if (typeof s === "object" && s !== null) {
    const o = s as Record<string, unknown>;
    const id = o.groupId ?? o.roomId ?? o.userId;
    if (typeof id === "string") return id;
  }
  return `#${i}`;
}

/** Runs a batch: sequential per source, parallel across sources. Never rejects. */
function runBatch(bot: Bot, events: unknown[]): Promise<unknown> {
  const chains = new Map<string, Promise<unknown>>();
  events.forEach((ev, i) => {
    const key = sourceKey(ev, i);
    const prev = chains.get(key) ?? Promise.resolve();
    chains.set(
      key,
      prev.then(() => bot.handleEvent(ev)),
    );
  });
  return Promise.allSettled([...chains.values()]);
}

const tooLarge = (): HttpError => new HttpError(413, "request body too large");

/**
 * The body as sent, decoded from gzip, deflate or br as express's body parser did (the limit
 * applies to the decoded bytes too); any other content-encoding is refused with 415.
 */
function decode(req: IncomingMessage, bytes: Buffer, limit: number): Buffer {
  const encoding = (req.headers["content-encoding"] ?? "identity").toLowerCase();
  if (encoding === "identity") return bytes;
  const inflate =
    encoding === "gzip"
      ? gunzipSync
      : encoding === "deflate"
        ? inflateSync
        : encoding === "br"
          ? brotliDecompressSync
          : null;
  if (!inflate) throw new HttpError(415, "unsupported content encoding");
  try {
    return inflate(bytes, { maxOutputLength: limit });
  } catch (err) {
    if ((err as { code?: unknown }).code === "ERR_BUFFER_TOO_LARGE") throw tooLarge();
    throw new HttpError(400, "body could not be decoded");
  }
}

/** Reads the raw body up to `limit` bytes: 413 as soon as it is known to be larger. */
function readBody(req: WebhookRequest, limit: number): Promise<Buffer> {
  // The Functions Framework has read and kept the exact bytes already (its own limit is tens of
  // megabytes); the same limit applies, or an unsigned sender could make us HMAC all of them.
  const raw = typeof req.rawBody === "string" ? Buffer.from(req.rawBody, "utf8") : req.rawBody;
  if (Buffer.isBuffer(raw)) return raw.length > limit ? Promise.reject(tooLarge()) : Promise.resolve(raw);
  const declared = Number(req.headers["content-length"]);
  if (declared > limit) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const fail = (err: Error): void => {
      if (done) return;
      done = true;
      // Stop reading: the rest of an oversized body is left for Node to discard.
      req.removeListener("data", onData);
      reject(err);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) fail(tooLarge());
      else chunks.push(chunk);
    };
    req.on("data", onData);
    req.once("aborted", () => fail(new HttpError(400, "request aborted")));
    req.once("error", () => fail(new HttpError(400, "request aborted")));
    req.once("end", () => {
      if (done) return;
      done = true;
      try {
        resolve(decode(req, chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size), limit));
      } catch (err) {
        reject(err);
      }
    });
  });
}

/** Signature over the exact bytes, then the JSON: the events array, or the error to answer with. */
function eventsOf(req: IncomingMessage, body: Buffer, secret: string): unknown[] {
  const signature = req.headers["x-line-signature"];
  if (typeof signature !== "string" || signature === "") throw new SignatureValidationFailed("no signature");
  if (!validateSignature(body, secret, signature))
    throw new SignatureValidationFailed("signature validation failed", { signature });
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString("utf8"));
  } catch (err) {
    throw new JSONParseError((err as Error).message, { raw: "" });
  }
  const events =
    typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)
      ? (parsed as { events?: unknown }).events
      : undefined;
  if (!Array.isArray(events)) throw new HttpError(400, "body must be a JSON object with an events array");
  return events;
}

/** Creates the webhook's request handler (for POST requests to the webhook path only). */
export function createWebhookHandler(opts: WebhookOptions): WebhookHandler {
  const budget = opts.ackBudgetMs ?? 1000;
  const limit = opts.maxBodyBytes ?? 1024 * 1024;

  async function handle(req: WebhookRequest, res: ServerResponse): Promise<void> {
    const events = eventsOf(req, await readBody(req, limit), opts.channelSecret);
    // LINE's "verify" button sends an empty batch.
    if (events.length > 0) {
      const work = runBatch(opts.bot, events);
      opts.inflight.track(work);
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([work, new Promise((r) => (timer = setTimeout(r, budget)))]);
      clearTimeout(timer);
    }
    sendJson(res, 200, {});
  }

  return (req, res) => {
    handle(req, res).catch((err: unknown) => answerFailure(opts.logger, req, res, err));
  };
}

/** The webhook's handler over the app's deps (one bot per handler: its in-memory de-duplication is per bot). */
export function webhookOf(
  deps: Deps,
  options: Pick<WebhookOptions, "ackBudgetMs" | "maxBodyBytes"> = {},
): WebhookHandler {
  return createWebhookHandler({
    channelSecret: deps.config.line.channelSecret,
    bot: createBot(deps),
    logger: deps.logger,
    inflight: deps.inflight,
    ...(options.ackBudgetMs !== undefined ? { ackBudgetMs: options.ackBudgetMs } : {}),
    ...(options.maxBodyBytes !== undefined ? { maxBodyBytes: options.maxBodyBytes } : {}),
  });
}
