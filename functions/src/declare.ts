/**
 * The deployment: each function's trigger, region, secrets, size and schedule, declared with
 * firebase-functions around the handlers of handlers.ts. The Firebase CLI reads this (the
 * `__endpoint` of each export) to deploy; Cloud Functions runs it for the scheduled jobs.
 *
 * Sizing, from `npm run bench:cold-start` (see docs/deploy.md): an instance holds ~125 MiB after
 * its first request; 256 MiB is too tight once the Firestore client is busy → 512 MiB. Start-up
 * is CPU-bound and slows in proportion below one vCPU (512 MiB alone gets 1/3), so `cpu: 1`
 * (which also allows concurrent requests per instance). One warm webhook instance
 * (WEBHOOK_MIN_INSTANCES, default 1) spares residents the cold start entirely; set 0 to save
 * the idle cost.
 */
import { defineInt, defineSecret } from "firebase-functions/params";
import { onRequest } from "firebase-functions/v2/https";
import { onSchedule } from "firebase-functions/v2/scheduler";
import { adminHandler, rebuildSearchIndexJob, sendDueNoticesJob, webhookHandler } from "./handlers.js";

/** Tokyo: next to the residents and to LINE's Japanese servers. */
const REGION = "asia-northeast1";

/** Declares every function; index.ts exports the result. */
export function declareFunctions() {
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

  return {
    webhook: onRequest(
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
      webhookHandler,
    ),

    /**
     * An import, an edit or a vocabulary change answers after the search index is rebuilt and
     * stored (kuromoji, loaded here and in the scheduled job only — never by the webhook): 1 GiB
     * for the tokenizer's dictionary, and time for a build on one CPU.
     */
    admin: onRequest(
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
      adminHandler,
    ),

    /**
     * Sends confirmed notices that are due. Runs every minute; the sender's lease and retry keys
     * make an overlapping or repeated run harmless, and a run cut short resumes on the next one.
     */
    sendDueNotices: onSchedule({ ...JOB, schedule: "every 1 minutes", memory: "512MiB" }, sendDueNoticesJob),

    /**
     * The safety net of the search rebuild: every 5 minutes, rebuilds the index if the stored one
     * misses a change (an admin instance stopped before its build finished, or a CLI import with
     * --no-rebuild). It reads one state document when nothing changed. Webhook instances pick the
     * new version up through the version stamp within CATALOGUE_REFRESH_SECONDS.
     */
    rebuildSearchIndex: onSchedule(
      { ...JOB, schedule: "every 5 minutes", memory: "1GiB" },
      rebuildSearchIndexJob,
    ),
  };
}
