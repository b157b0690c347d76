/**
 * What each Cloud Function does once it is called: the app and jobs built from `src/` once per
 * instance. No firebase-functions here — the declaration (region, secrets, schedules) is in
 * declare.ts and the choice between the two in index.ts — so an instance serving the webhook
 * loads only what answering LINE needs.
 */
import { hostname } from "node:os";
import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import type { Express, Request, Response } from "express";
import { createApp } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import { createDeps, type Deps } from "../../src/deps.js";
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

/**
 * Serves requests with an app built once per instance from the deps. Never rejects: a failure
 * to start answers 500 and is logged (the error names the missing secret), and the next request
 * tries again.
 */
function lazyApp(build: (deps: Deps) => Express): HttpHandler {
  let app: Promise<Express> | null = null;
  return async (req, res) => {
    try {
      app ??= instanceDeps().then(build);
      const handle = await app;
      handle(req, res);
    } catch (err) {
      app = null;
      createLogger().error({ err }, "function failed to start");
      if (!res.headersSent) res.status(500).json({ error: "internal error" });
    }
  };
}

/**
 * LINE's webhook: the function's own URL (…/webhook) is the Webhook URL in the LINE Developers
 * console. Cloud Functions has already read the body; the LINE middleware checks the signature
 * over `req.rawBody`, the exact bytes LINE signed.
 */
export const webhookHandler: HttpHandler = lazyApp((deps) => createApp(deps, { routes: { webhook: ["/"] } }));

/**
 * The staff API and console (…/admin/console/). Mounted at the root and at /admin, so it works
 * behind the cloudfunctions.net URL (which strips the function name) and the run.app URL.
 */
export const adminHandler: HttpHandler = lazyApp((deps) =>
  createApp(deps, { routes: { admin: ["/admin", "/"] } }),
);

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
