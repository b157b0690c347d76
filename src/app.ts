/**
 * The express app, built by a factory from its dependencies so tests and every entry point
 * wire their own. Mounts the LINE webhook, the staff API, and a health check inside the shared
 * shell (src/http/base-app.ts: proxy setting, JSON 404, one error handler). No global body
 * parser: the webhook must see raw bytes, and each router parses what it needs. The local
 * server takes every part; each Cloud Function takes one part at its own paths (`routes`).
 */
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { Router, type Express, type RequestHandler } from "express";
import type { Deps } from "./deps.js";
import { createAdminRouter } from "./http/admin.js";
import { createBaseApp } from "./http/base-app.js";
import { webhookOf, type WebhookHandler } from "./http/webhook.js";
import { healthOfError } from "./store/store-health.js";

export interface AppOptions {
  /** See createWebhookHandler: how long to wait for events before answering. */
  ackBudgetMs?: number;
  maxBodyBytes?: number;
  /** Extra routers to mount (e.g. the local simulator), path → router. */
  mounts?: Array<[string, RequestHandler | Router]>;
  /**
   * Which parts to mount where. Default (the local server): the webhook at /webhook, the staff
   * API at /admin and /healthz. A Cloud Function serves one part, e.g. `{ webhook: ["/"] }`.
   */
  routes?: AppRoutes;
  /** The webhook's handler, when the caller built it (createRequestListener shares one). */
  webhook?: WebhookHandler;
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
      const handler = options.webhook ?? webhookOf(deps, options);
      const webhook = Router();
      webhook.post("/", (req, res) => handler(req, res));
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

/** Whether a request is a POST to one of the webhook's paths, as express would match it. */
function isWebhookPost(req: IncomingMessage, paths: readonly string[]): boolean {
  if (req.method !== "POST") return false;
  const url = req.url ?? "/";
  const q = url.indexOf("?");
  let path = (q < 0 ? url : url.slice(0, q)).toLowerCase();
  if (path.length > 1 && path.endsWith("/")) path = path.slice(0, -1);
  return paths.some((p) => p.toLowerCase() === path);
}

/**
 * The app as a Node request listener (`http.createServer(listener)`): POSTs to the webhook go
 * straight to its plain handler, everything else through express. The same handler is also
 * mounted in the express app, so a request reaches it the same way either route it takes.
 */
export function createRequestListener(deps: Deps, options: AppOptions = {}): RequestListener {
  const paths = options.routes ? (options.routes.webhook ?? []) : LOCAL_ROUTES.webhook;
  const webhook = paths.length > 0 ? webhookOf(deps, options) : null;
  const app = createApp(deps, { ...options, ...(webhook ? { webhook } : {}) });
  return (req: IncomingMessage, res: ServerResponse) => {
    if (webhook && isWebhookPost(req, paths)) webhook(req, res);
    else app(req, res);
  };
}
