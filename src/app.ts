/**
 * The express app, built by a factory from its dependencies so tests and every entry point
 * wire their own. Mounts the LINE webhook, the staff API, and a health check inside the shared
 * shell (src/http/base-app.ts: proxy setting, JSON 404, one error handler). No global body
 * parser: the webhook must see raw bytes, and each router parses what it needs. The local
 * server takes every part; each Cloud Function takes one part at its own paths (`routes`).
 */
import type { Express, RequestHandler, Router } from "express";
import { createBot } from "./bot/router.js";
import type { Deps } from "./deps.js";
import { createAdminRouter } from "./http/admin.js";
import { createBaseApp } from "./http/base-app.js";
import { createWebhookRouter } from "./http/webhook.js";
import { healthOfError } from "./store/store-health.js";

export interface AppOptions {
  /** See createWebhookRouter: how long to wait for events before answering. */
  ackBudgetMs?: number;
  maxBodyBytes?: number;
  /** Extra routers to mount (e.g. the local simulator), path → router. */
  mounts?: Array<[string, RequestHandler | Router]>;
  /**
   * Which parts to mount where. Default (the local server): the webhook at /webhook, the staff
   * API at /admin and /healthz. A Cloud Function serves one part, e.g. `{ webhook: ["/"] }`.
   */
  routes?: AppRoutes;
}

/** Paths of each part; a part with no paths is not built at all. */
export interface AppRoutes {
  webhook?: readonly string[];
  admin?: readonly string[];
  health?: boolean;
}

const LOCAL_ROUTES: Required<AppRoutes> = { webhook: ["/webhook"], admin: ["/admin"], health: true };

/** Builds the app from its dependencies (see `createBaseApp` for the shared settings). */
export function createApp(deps: Deps, options: AppOptions = {}): Express {
  const routes = options.routes ? { webhook: [], admin: [], health: false, ...options.routes } : LOCAL_ROUTES;
  return createBaseApp(deps.logger, deps.config.trustProxyHops, (app) => {
    if (routes.webhook.length > 0) {
      const webhook = createWebhookRouter({
        channelSecret: deps.config.line.channelSecret,
        bot: createBot(deps),
        logger: deps.logger,
        inflight: deps.inflight,
        ...(options.ackBudgetMs !== undefined ? { ackBudgetMs: options.ackBudgetMs } : {}),
        ...(options.maxBodyBytes !== undefined ? { maxBodyBytes: options.maxBodyBytes } : {}),
      });
      for (const path of routes.webhook) app.use(path, webhook);
    }

    // Staff API and console (src/http/admin.ts): bearer-token auth and its own body parsing.
    // One router for every path, so failed logins are counted once whichever URL is used.
    if (routes.admin.length > 0) {
      const admin = createAdminRouter(deps);
      for (const path of routes.admin) app.use(path, admin);
    }

    for (const [path, handler] of options.mounts ?? []) app.use(path, handler);

    if (routes.health) {
      // 503 while the store refuses reads and writes (a damaged record: file and line, never its
      // content), so a load balancer or an operator's probe sees what residents cannot.
      app.get("/healthz", async (_req, res) => {
        const health = await deps.store.health().catch(healthOfError);
        const body = { store: deps.store.kind, programs: deps.catalogue.programs.length };
        if (health.ok) res.json({ ok: true, ...body });
        else res.status(503).json({ ok: false, ...body, storeHealth: health });
      });
    }
  });
}
