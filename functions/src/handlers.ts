/**
 * What each Cloud Function does once it is called: the app and jobs built from `src/` once per
 * instance. No firebase-functions here — the declaration (region, secrets, schedules) is in
 * declare.ts and the choice between the two in index.ts — so an instance serving the webhook
 * loads only what answering LINE needs.
 */
import { hostname } from "node:os";
import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import type { Request, Response } from "express";
import { loadConfig } from "../../src/config.js";
import { createDeps, type Deps } from "../../src/deps.js";
import { answerFailure, HttpError } from "../../src/http/errors.js";
import { webhookOf, type WebhookHandler } from "../../src/http/webhook.js";
import { createLogger } from "../../src/logging.js";
import { createSender } from "../../src/notices/sender.js";

/** Copied here by scripts/build-functions.ts; `new URL` resolves against the bundle. */
const DATA_DIR = fileURLToPath(new URL("./data/", import.meta.url));
const KNOWLEDGE_DIR = `${DATA_DIR}knowledge`;
const INDEX_PATH = `${DATA_DIR}search-index.bin`;

let depsPromise: Promise<Deps> | null = null;

/** The parts, built on first use and kept for the instance's life; a failure is retried next time. */
function instanceDeps(): Promise<Deps> {
  depsPromise ??= (async () => {
    const config = loadConfig(process.env, {
      defaultMode: "production",
      defaultStore: "firestore",
      // Google's front end is the one proxy in front of every function.
      defaultTrustProxyHops: 1,
    });
    // The catalogue and search come from the store (seeded from the bundled knowledge/ on the
    // first start) and follow staff changes through the version stamp; the bundled files are the
    // seed and the fallback. Changes wait for the search rebuild inside the admin request: once
    // the response is sent, Cloud Functions stops giving the instance CPU.
    return createDeps(config, {
      files: { knowledgeDir: KNOWLEDGE_DIR, indexPath: INDEX_PATH },
      rebuildInline: true,
    });
  })().catch((err: unknown) => {
    depsPromise = null;
    throw err;
  });
  return depsPromise;
}

/** An HTTP function's handler: what Cloud Functions calls with each request. */
export type HttpHandler = (req: Request, res: Response) => Promise<void>;

/** What serves a request once the instance is up: the webhook's handler or an express app. */
type Serve = (req: Request, res: Response) => void;

/**
 * Serves requests with a handler built once per instance from the deps. Never rejects: a failure
 * to start answers 500 and is logged (the error names the missing secret), and the next request
 * tries again.
 */
function lazyHandler(build: (deps: Deps) => Serve | Promise<Serve>): HttpHandler {
  let handler: Promise<Serve> | null = null;
  return async (req, res) => {
    try {
      handler ??= instanceDeps().then(build);
      const handle = await handler;
      handle(req, res);
    } catch (err) {
      handler = null;
      createLogger().error({ err }, "function failed to start");
      if (!res.headersSent) res.status(500).json({ error: "internal error" });
    }
  };
}

/**
 * LINE's webhook: the function's own URL (…/webhook) is the Webhook URL in the LINE Developers
 * console. Cloud Functions has already read the body; the signature is checked over
 * `req.rawBody`, the exact bytes LINE signed. No express app: the handler answers POST / and
 * refuses anything else with 404, as the app's router did, and the instance never loads express's
 * router or the staff API.
 */
export const webhookHandler: HttpHandler = lazyHandler((deps) => {
  const webhook: WebhookHandler = webhookOf(deps);
  return (req: Request, res: Response) => {
    if (req.method === "POST" && (req.path === "/" || req.path === "")) webhook(req, res);
    else answerFailure(deps.logger, req, res, new HttpError(404, "not found"));
  };
});

/**
 * The staff API and console (…/admin/console/). Mounted at the root and at /admin, so it works
 * behind the cloudfunctions.net URL (which strips the function name) and the run.app URL. Loaded
 * on first use, so an instance of the webhook never evaluates it.
 */
export const adminHandler: HttpHandler = lazyHandler(async (deps) => {
  const { createApp } = await import("../../src/app.js");
  return createApp(deps, { routes: { admin: ["/admin", "/"] } });
});

/** Sends confirmed notices that are due (see `sendDueNotices` in declare.ts). */
export async function sendDueNoticesJob(): Promise<void> {
  const deps = await instanceDeps();
  const sender = createSender({
    store: deps.store,
    messenger: deps.messenger,
    clock: deps.clock,
    owner: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
    logger: deps.logger,
  });
  const results = await sender.sendDue();
  if (results.length > 0)
    deps.logger.info(
      { results: results.map((r) => ({ noticeId: r.noticeId, outcome: r.outcome })), stats: sender.stats },
      "notice sender run",
    );
}

/** Rebuilds the search index if the stored one misses a change (see `rebuildSearchIndex`). */
export async function rebuildSearchIndexJob(): Promise<void> {
  const deps = await instanceDeps();
  const version = await deps.rebuilder.runIfStale("定期ジョブ（検索のつくりなおし）");
  if (version !== null)
    deps.logger.info({ event: "search-rebuilt", version }, "scheduled search rebuild stored a new index");
}
