/**
 * POST /webhook. Order matters: a size limit on the raw bytes (413 before anything is
 * parsed), then @line/bot-sdk's middleware over those raw bytes (401 for a missing or wrong
 * x-line-signature, 400 for bytes that are not JSON), then a shape check (400). Only then do
 * events run, each in its own boundary inside the bot.
 *
 * When to answer: LINE wants 2xx within 2 s. We wait for the events up to `ackBudgetMs`
 * (default 1 s) and then answer 200 whether or not they are done. Normally everything is done
 * well before that, so on Cloud Functions/Cloud Run (where CPU may be throttled after the
 * response) the work completes inside the request; a slow LINE API or store can never push
 * the answer past LINE's limit. Work still running is tracked in `inflight` so tests, the
 * simulator and shutdown can wait for it.
 */
import express, { type Router } from "express";
import { middleware as lineMiddleware } from "@line/bot-sdk";
import type { Bot } from "../bot/router.js";
import type { Logger } from "../logging.js";
import type { Inflight } from "./inflight.js";
import { HttpError } from "./errors.js";

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

/** Creates the POST /webhook router (mount it at the webhook path only). */
export function createWebhookRouter(opts: WebhookOptions): Router {
  const router = express.Router();
  const budget = opts.ackBudgetMs ?? 1000;
  router.post(
    "/",
    // Raw bytes only: the signature is over the exact body; no JSON parser may run before it.
    express.raw({ type: () => true, limit: opts.maxBodyBytes ?? 1024 * 1024 }),
    lineMiddleware({ channelSecret: opts.channelSecret }),
    async (req, res, next) => {
      const body: unknown = req.body;
      const events =
        typeof body === "object" && body !== null && !Array.isArray(body)
          ? (body as { events?: unknown }).events
          : undefined;
      if (!Array.isArray(events)) {
        next(new HttpError(400, "body must be a JSON object with an events array"));
        return;
      }
      if (events.length === 0) {
        // LINE's "verify" button sends an empty batch.
        res.status(200).json({});
        return;
      }
      const work = runBatch(opts.bot, events);
      opts.inflight.track(work);
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([work, new Promise((r) => (timer = setTimeout(r, budget)))]);
      clearTimeout(timer);
      res.status(200).json({});
    },
  );
  return router;
}
