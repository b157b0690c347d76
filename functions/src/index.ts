/**
 * Cloud Functions (2nd gen) entry: wiring only. The functions are declared in declare.ts
 * (firebase-functions: triggers, region, secrets, sizes) around the handlers of handlers.ts
 * (the same app as the local server, built once per instance from `src/`).
 *
 * An instance that serves one of the HTTP functions exports the bare handlers instead:
 * firebase-functions' `v2/https` loads firebase-admin's auth and App Check modules at import
 * (for callable functions, which this project has none of) — about a fifth of the webhook's
 * cold start (`npm run bench:cold-start`, docs/benchmarks.md). Its wrapper adds nothing the
 * handlers need: they contain their own errors, and logging is pino's, not the functions logger.
 */
import { bareTarget } from "./bare-target.js";
import { adminHandler, rebuildSearchIndexJob, sendDueNoticesJob, webhookHandler } from "./handlers.js";

// In a serving instance only its own export is ever called; the others are exported too so the
// module's shape does not depend on the environment.
export const { webhook, admin, sendDueNotices, rebuildSearchIndex } =
  bareTarget(process.env) !== null
    ? {
        webhook: webhookHandler,
        admin: adminHandler,
        sendDueNotices: sendDueNoticesJob,
        rebuildSearchIndex: rebuildSearchIndexJob,
      }
    : (await import("./declare.js")).declareFunctions();
