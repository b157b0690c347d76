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
 * An app with the shared settings around what `mount` adds.
 *
 * `trustProxyHops` (config TRUST_PROXY_HOPS) is how many proxies in front of the app are
 * trusted to report the client's address. Google's front end before Cloud Functions (2nd gen)
 * appends the caller's address to X-Forwarded-For, so there it is exactly one hop: `req.ip` is
 * the last entry, which a caller cannot choose. Where nothing is in front (`npm start`), it
 * must be 0: otherwise a caller writes its own X-Forwarded-For and starts a fresh failed-login
 * count with every request. `true` would be wrong everywhere (it takes the caller's first entry).
 */
export function createBaseApp(
  logger: Logger,
  trustProxyHops: number,
  mount: (app: Express) => void,
): Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", trustProxyHops > 0 ? trustProxyHops : false);
  mount(app);
  app.use((_req, _res, next) => next(new HttpError(404, "not found")));
  app.use(createErrorHandler(logger));
  return app;
}
