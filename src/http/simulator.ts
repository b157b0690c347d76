/**
 * The local chat simulator (`npm start` → http://localhost:3000/simulator). The page posts what
 * the resident does; this router turns it into a real LINE webhook body, signs it with the
 * channel secret and POSTs it to the app's own /webhook, so the whole production pipeline runs.
 * Only the messenger differs: replies come back through the simulator messenger.
 */
import { createHmac, randomBytes, randomUUID } from "node:crypto";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import express, { type Router } from "express";
import * as z from "zod";
import type { Message } from "../line/messenger.js";
import type { SimulatorMessenger } from "../line/simulator-messenger.js";
import { sharedAssets } from "./shared-assets.js";

/** A rich menu as the simulator shows it: the image and its tap areas from the same definition. */
export interface SimulatorMenu {
  aliasId: string;
  name: string;
  size: { width: number; height: number };
  imageUrl: string;
  areas: Array<{
    bounds: { x: number; y: number; width: number; height: number };
    action: Record<string, unknown>;
  }>;
}

export interface SimulatorOptions {
  channelSecret: string;
  /** Absolute URL of the app's own webhook (known once the server listens). */
  webhookUrl: () => string;
  messenger: SimulatorMessenger;
  menus: SimulatorMenu[];
  defaultAliasId: string | null;
  /** Folder with the rendered rich menu PNGs, served under /simulator/richmenu/. */
  richMenuImageDir?: string;
  /** How long to wait for a reply after the webhook answered. */
  replyTimeoutMs?: number;
  /**
   * Resolves when the webhook work in flight has finished (the app's `inflight.drain`): once it
   * has and no reply came, none will, so the page is answered at once instead of at the timeout.
   */
  settled?: () => Promise<void>;
}

/** The bot's user id in simulated bodies (`destination`): LINE's shape, never a real account. */
export const SIMULATED_DESTINATION = `U${"0".repeat(31)}1`;

const DONE = Symbol("settled");

const ASSETS = join(dirname(fileURLToPath(import.meta.url)), "simulator-assets");
const USER_ID = /^U[0-9a-f]{32}$/;

/** What the page may post to /api/events: one resident action. */
export const EventInput = z.discriminatedUnion("type", [
  z.object({ type: z.literal("text"), userId: z.string().regex(USER_ID), text: z.string().min(1).max(5000) }),
  z.object({
    type: z.literal("postback"),
    userId: z.string().regex(USER_ID),
    data: z.string().max(300),
    newRichMenuAliasId: z.string().max(32).optional(),
  }),
  z.object({
    type: z.literal("follow"),
    userId: z.string().regex(USER_ID),
    isUnblocked: z.boolean().optional(),
  }),
  z.object({ type: z.literal("unfollow"), userId: z.string().regex(USER_ID) }),
]);
export type EventInput = z.infer<typeof EventInput>;

/** Builds one webhook event the way LINE would send it for this resident action. */
export function simulatedEvent(
  input: EventInput,
  now: number,
): { event: Record<string, unknown>; replyToken: string | null } {
  const base = {
    mode: "active",
    timestamp: now,
    source: { type: "user", userId: input.userId },
    webhookEventId: `01SIM${randomBytes(10).toString("hex").toUpperCase()}`,
    deliveryContext: { isRedelivery: false },
  };
  const replyToken = input.type === "unfollow" ? null : randomBytes(16).toString("hex");
  switch (input.type) {
    case "text":
      return {
        replyToken,
        event: {
          ...base,
          type: "message",
          replyToken,
          message: { id: String(now), type: "text", text: input.text, quoteToken: randomUUID() },
        },
      };
    case "postback":
      return {
        replyToken,
        event: {
          ...base,
          type: "postback",
          replyToken,
          postback: {
            data: input.data,
            ...(input.newRichMenuAliasId
              ? { params: { newRichMenuAliasId: input.newRichMenuAliasId, status: "SUCCESS" } }
              : {}),
          },
        },
      };
    case "follow":
      return {
        replyToken,
        event: { ...base, type: "follow", replyToken, follow: { isUnblocked: !!input.isUnblocked } },
      };
    case "unfollow":
      return { replyToken, event: { ...base, type: "unfollow" } };
  }
}

/** Creates the /simulator router: the page, its assets, the rich menu images and the JSON API. */
export function createSimulatorRouter(opts: SimulatorOptions): Router {
  const router = express.Router();
  const replyTimeoutMs = opts.replyTimeoutMs ?? 10_000;
  // The page uses relative URLs, so it must be served from /simulator/ (with the slash).
  router.get("/", (req, res, next) => {
    const path = req.originalUrl.split("?")[0] ?? "";
    if (!path.endsWith("/")) res.redirect(301, `${path}/`);
    else next();
  });
  router.use("/shared", sharedAssets());
  router.use(express.static(ASSETS, { index: "index.html" }));
  if (opts.richMenuImageDir) router.use("/richmenu", express.static(opts.richMenuImageDir));

  router.get("/api/richmenus", (_req, res) => {
    res.json({ menus: opts.menus, defaultAliasId: opts.defaultAliasId });
  });

  router.get("/api/inbox", (req, res) => {
    const asked = req.query["userId"];
    const userId = typeof asked === "string" ? asked : "";
    const since = Number(req.query["since"] ?? 0);
    if (!USER_ID.test(userId) || !Number.isInteger(since) || since < 0) {
      res.status(400).json({ error: "userId と since を正しく指定してください" });
      return;
    }
    res.json(opts.messenger.inbox(userId, since));
  });

  router.post("/api/events", express.json({ limit: "16kb" }), async (req, res) => {
    const parsed = EventInput.safeParse(req.body);
    if (!parsed.success) {
      res
        .status(400)
        .json({ error: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") });
      return;
    }
    const { event, replyToken } = simulatedEvent(parsed.data, Date.now());
    const body = JSON.stringify({ destination: SIMULATED_DESTINATION, events: [event] });
    const signature = createHmac("sha256", opts.channelSecret).update(body).digest("base64");
    // Wait on the reply token before posting: the webhook may answer 200 before the handler
    // replies (it acknowledges within its budget), and a late reply then lands in the inbox.
    const replyPromise = replyToken
      ? opts.messenger.waitForReply(replyToken, replyTimeoutMs, parsed.data.userId)
      : null;
    let status: number;
    try {
      const hook = await fetch(opts.webhookUrl(), {
        method: "POST",
        headers: { "content-type": "application/json", "x-line-signature": signature },
        body,
        signal: AbortSignal.timeout(replyTimeoutMs),
      });
      status = hook.status;
      await hook.arrayBuffer();
    } catch (e) {
      if (replyToken) opts.messenger.cancelWait(replyToken);
      res.status(502).json({ error: `webhook unreachable: ${e instanceof Error ? e.message : String(e)}` });
      return;
    }
    if (status < 200 || status > 299) {
      if (replyToken) opts.messenger.cancelWait(replyToken);
      res.status(502).json({ error: `webhook answered ${status}` });
      return;
    }
    let messages: Message[] | null = null;
    if (replyPromise) {
      const done = opts.settled?.().then((): typeof DONE => DONE) ?? new Promise<never>(() => undefined);
      const first = await Promise.race([replyPromise, done]);
      if (first === DONE) opts.messenger.cancelWait(replyToken as string);
      messages = first === DONE ? await replyPromise : first;
    }
    // noReply: the bot finished (or the wait timed out) without replying to this event.
    res.json({ messages: messages ?? [], noReply: replyPromise !== null && messages === null });
  });
  return router;
}
