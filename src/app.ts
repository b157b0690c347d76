/**
 * The express app, built by a factory from its dependencies so tests and every entry point
 * wire their own. Mounts the LINE webhook, the staff API, and a health check inside the shared
 * shell (src/http/base-app.ts: proxy setting, JSON 404, one error handler). No global body
 * parser: the webhook must see raw bytes, and each router parses what it needs.
 */
import type { Express, RequestHandler, Router } from "express";
import { createBot } from "./bot/router.js";
import type { Deps } from "./deps.js";
import { createAdminRouter } from "./http/admin.js";
import { createBaseApp } from "./http/base-app.js";
import { createWebhookRouter } from "./http/webhook.js";

export interface AppOptions {
  /** See createWebhookRouter: how long to wait for events before answering. */
  ackBudgetMs?: number;
  maxBodyBytes?: number;
  /** Extra routers to mount (e.g. the local simulator), path → router. */
  mounts?: Array<[string, RequestHandler | Router]>;
}

/** Builds the app from its dependencies (see `createBaseApp` for the shared settings). */
export function createApp(deps: Deps, options: AppOptions = {}): Express {
  return createBaseApp(deps.logger, deps.config.trustProxyHops, (app) => {
    app.use(
      "/webhook",
      createWebhookRouter({
        channelSecret: deps.config.line.channelSecret,
        bot: createBot(deps),
        logger: deps.logger,
        inflight: deps.inflight,
        ...(options.ackBudgetMs !== undefined ? { ackBudgetMs: options.ackBudgetMs } : {}),
        ...(options.maxBodyBytes !== undefined ? { maxBodyBytes: options.maxBodyBytes } : {}),
      }),
    );

    // Staff API and console (src/http/admin.ts): bearer-token auth and its own body parsing.
    app.use("/admin", createAdminRouter(deps));

    for (const [path, handler] of options.mounts ?? []) app.use(path, handler);

    app.get("/healthz", (_req, res) => {
      res.json({ ok: true, store: deps.store.kind, programs: deps.catalogue.programs.length });
    });
  });
}
