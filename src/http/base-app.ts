/**
 * The express shell every entry point shares (the local server's `createApp` and each Cloud
 * Function): no `x-powered-by`, the proxy setting, then the entry point's routers, then a JSON
 * 404 and the one error handler. One place, so the deployed functions and the tested app cannot
 * differ in how they see clients or answer errors.
 */
import express, { type Express } from "express";
import type { Logger } from "../logging.js";
import { createErrorHandler, HttpError } from "./errors.js";

/**
 * How many proxies in front of the app are trusted to report the client's address. Google's
 * front end before Cloud Functions (2nd gen) and Cloud Run appends the caller's address to
 * X-Forwarded-For, so exactly one hop: `req.ip` is the last entry, which a caller cannot choose.
 * `true` would take the first entry, which the caller writes itself, and let anyone dodge the
 * per-client slow-down of failed staff logins by changing it. Behind a further load balancer,
 * raise this by one.
 */
export const TRUSTED_PROXY_HOPS = 1;

/** An app with the shared settings around what `mount` adds. */
export function createBaseApp(logger: Logger, mount: (app: Express) => void): Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", TRUSTED_PROXY_HOPS);
  mount(app);
  app.use((_req, _res, next) => next(new HttpError(404, "not found")));
  app.use(createErrorHandler(logger));
  return app;
}
