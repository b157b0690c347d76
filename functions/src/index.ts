/**
 * Cloud Functions (2nd gen) entry: wiring only. Each function builds the same app as the
 * local server (config → deps → `createApp`, with only its own part mounted) once per instance
 * and reuses it; the bot, the staff API and the notice sender all live in `src/`. Data files (catalogue, gazetteer, vocabulary,
 * offices, the prebuilt search index) and the staff console are copied next to the bundle by
 * `npm run build:functions`, so the deployed folder is self-contained.
 *
 * Sizing, from `npm run bench:cold-start` (see docs/deploy.md): an instance holds ~155 MiB after
 * its first request, so 256 MiB is too tight once the Firestore client is busy → 512 MiB. The
 * first answer takes ~0.4 s of one full CPU; at 512 MiB's default 1/3 vCPU that would be ~1.2 s,
 * so `cpu: 1` (which also allows concurrent requests per instance). One warm webhook instance
 * (WEBHOOK_MIN_INSTANCES, default 1) spares residents the cold start entirely; set 0 to save
 * the idle cost.
 */
import { hostname } from "node:os";
import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import type { Express, Request, Response } from "express";
import { defineInt, defineSecret } from "firebase-functions/params";
import { onRequest } from "firebase-functions/v2/https";
import { onSchedule } from "firebase-functions/v2/scheduler";
import { createApp } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import { createDeps, type Deps } from "../../src/deps.js";
import { createLogger } from "../../src/logging.js";
import { createSender } from "../../src/notices/sender.js";

/** Tokyo: next to the residents and to LINE's Japanese servers. */
const REGION = "asia-northeast1";

// Secrets live in Secret Manager (`firebase functions:secrets:set NAME`); Cloud Functions puts
// them in the environment of the functions that declare them, where loadConfig reads them.
const LINE_CHANNEL_SECRET = defineSecret("LINE_CHANNEL_SECRET");
const LINE_CHANNEL_ACCESS_TOKEN = defineSecret("LINE_CHANNEL_ACCESS_TOKEN");
const USER_HASH_KEY = defineSecret("USER_HASH_KEY");
const ADMIN_TOKENS = defineSecret("ADMIN_TOKENS");
/** Warm webhook instances kept ready (0 saves money, 1 spares residents the cold start). */
const WEBHOOK_MIN_INSTANCES = defineInt("WEBHOOK_MIN_INSTANCES", { default: 1 });

/** Every function needs these: loadConfig refuses production without them. */
const BASE_SECRETS = [LINE_CHANNEL_SECRET, LINE_CHANNEL_ACCESS_TOKEN, USER_HASH_KEY];

/** Copied here by scripts/build-functions.ts; `new URL` resolves against the bundle. */
const DATA_DIR = fileURLToPath(new URL("./data/", import.meta.url));
const KNOWLEDGE_DIR = `${DATA_DIR}knowledge`;
const INDEX_PATH = `${DATA_DIR}search-index.json`;

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

/** Serves requests with an app built once per instance from the deps. */
function lazyApp(build: (deps: Deps) => Express): (req: Request, res: Response) => Promise<void> {
  let app: Promise<Express> | null = null;
  return async (req, res) => {
    try {
      app ??= instanceDeps().then(build);
      const handle = await app;
      handle(req, res);
    } catch (err) {
      app = null;
      // The configuration error names the missing secret; it goes to the log, not the caller.
      createLogger().error({ err }, "function failed to start");
      res.status(500).json({ error: "internal error" });
    }
  };
}

/**
 * LINE's webhook: the function's own URL (…/webhook) is the Webhook URL in the LINE Developers
 * console. Cloud Functions has already read the body; the LINE middleware checks the signature
 * over `req.rawBody`, the exact bytes LINE signed.
 */
export const webhook = onRequest(
  {
    region: REGION,
    secrets: BASE_SECRETS,
    memory: "512MiB",
    cpu: 1,
    concurrency: 80,
    minInstances: WEBHOOK_MIN_INSTANCES,
    maxInstances: 20,
    timeoutSeconds: 60,
  },
  lazyApp((deps) => createApp(deps, { routes: { webhook: ["/"] } })),
);

/**
 * The staff API and console (…/admin/console/). Mounted at the root and at /admin, so it works
 * behind the cloudfunctions.net URL (which strips the function name) and the run.app URL.
 * An import, an edit or a vocabulary change answers after the search index is rebuilt and
 * stored (kuromoji, loaded here and in the scheduled job only — never by the webhook): 1 GiB
 * for the tokenizer's dictionary, and time for a build on one CPU.
 */
export const admin = onRequest(
  {
    region: REGION,
    secrets: [...BASE_SECRETS, ADMIN_TOKENS],
    memory: "1GiB",
    cpu: 1,
    concurrency: 20,
    minInstances: 0,
    maxInstances: 2,
    timeoutSeconds: 300,
  },
  lazyApp((deps) => createApp(deps, { routes: { admin: ["/admin", "/"] } })),
);

/**
 * What the scheduled jobs share: Tokyo time, one instance at a time, no platform retries (each
 * job resumes or catches up on its next run), and the 9 minutes a scheduled function may take.
 */
const JOB = {
  timeZone: "Asia/Tokyo",
  region: REGION,
  secrets: BASE_SECRETS,
  cpu: 1,
  timeoutSeconds: 540,
  retryCount: 0,
  maxInstances: 1,
} as const;

/**
 * Sends confirmed notices that are due. Runs every minute; the sender's lease and retry keys
 * make an overlapping or repeated run harmless, and a run cut short resumes on the next one.
 */
export const sendDueNotices = onSchedule(
  { ...JOB, schedule: "every 1 minutes", memory: "512MiB" },
  async () => {
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
  },
);

/**
 * The safety net of the search rebuild: every 5 minutes, rebuilds the index if the stored one
 * misses a change (an admin instance stopped before its build finished, or a CLI import with
 * --no-rebuild). It reads one state document when nothing changed. Webhook instances pick the
 * new version up through the version stamp within CATALOGUE_REFRESH_SECONDS.
 */
export const rebuildSearchIndex = onSchedule(
  { ...JOB, schedule: "every 5 minutes", memory: "1GiB" },
  async () => {
    const deps = await instanceDeps();
    const version = await deps.rebuilder.runIfStale("定期ジョブ（検索のつくりなおし）");
    if (version !== null)
      deps.logger.info({ event: "search-rebuilt", version }, "scheduled search rebuild stored a new index");
  },
);
