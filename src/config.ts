/**
 * Configuration: the only module that reads the environment. Everything else receives a
 * `Config` value, so tests pass their own `env` and nothing hides a missing variable behind
 * a default. Errors name the variable and where to set it.
 */
import { isIP } from "node:net";
import * as z from "zod";
import { LINE_API_BASE_URL, LINE_DATA_API_BASE_URL } from "./line/endpoints.js";
import { readStoreSpec, STORE_SPEC_FORMS, type StoreSpec } from "./store/store-spec.js";

/** How the process runs: `production` needs real LINE credentials; `local` (npm start, CLI) does not. */
export type AppMode = "production" | "local";

export type { StoreSpec };

export interface Config {
  mode: AppMode;
  line: {
    channelSecret: string;
    channelAccessToken: string;
    /** Messaging API base (reply/push/multicast/quota); a LINE-compatible fake in tests. */
    apiBaseUrl: string;
    /** Data API base (rich menu images, content). */
    dataApiBaseUrl: string;
  };
  store: StoreSpec;
  firestore: { projectId: string | null; emulatorHost: string | null };
  port: number;
  /**
   * Address `npm start` binds to: loopback (127.0.0.1) unless HOST says otherwise, because the
   * local server carries the simulator, which can act as any resident.
   */
  host: string;
  /**
   * Messages per calendar month (Tokyo) that staff notices may use, on top of LINE's own quota
   * (MONTHLY_MESSAGE_QUOTA; null = only LINE's quota applies). Confirm refuses a send over it.
   */
  monthlyMessageQuota: number | null;
  /**
   * Proxies in front of the app trusted to report the client's address (X-Forwarded-For).
   * TRUST_PROXY_HOPS; 1 on Cloud Functions (Google's front end), 0 elsewhere.
   */
  trustProxyHops: number;
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  /** Key for the keyed hash (HMAC-SHA256) of LINE user IDs in logs and staff data. */
  userHashKey: string;
  /** Bearer tokens accepted by /admin (comma-separated in the environment). */
  adminTokens: string[];
  /** LINE user id of a staff member who may receive notice previews (never in requests). */
  previewUserId: string | null;
  /**
   * Serve the local chat simulator at /simulator (replies go to the page, not to LINE).
   * SIMULATOR=on|off; on by default in local mode, refused in production.
   */
  simulator: boolean;
  /**
   * How often each instance checks the store for a new catalogue or search index
   * (CATALOGUE_REFRESH_SECONDS, default 30: a staff change reaches residents within a minute).
   */
  catalogueRefreshMs?: number;
}

/** Thrown when the environment is incomplete or wrong; the message says what to set and where. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

const WHERE =
  "Set it in the environment (locally: export it or put it in .env and `set -a; . ./.env`; " +
  "on Cloud Functions: `firebase functions:secrets:set` or the function's environment settings).";

const LOCAL_SECRET = "local-development-channel-secret";
const LOCAL_TOKEN = "local-development-access-token";
const LOCAL_HASH_KEY = "local-development-user-hash-key";

const urlString = z.url({ protocol: /^https?$/ });

function parseStore(raw: string | undefined): StoreSpec {
  const v = (raw ?? "memory").trim();
  const spec = readStoreSpec(v);
  if (spec === null) throw new ConfigError(`STORE must be ${STORE_SPEC_FORMS} (got ${JSON.stringify(v)}).`);
  return spec;
}

const MISSING_HINT: Record<string, string> = {
  LINE_CHANNEL_SECRET: "copy it from the LINE Developers console (Messaging API channel)",
  LINE_CHANNEL_ACCESS_TOKEN: "issue it in the LINE Developers console (Messaging API channel)",
  USER_HASH_KEY: "a random secret of at least 16 characters",
};

export interface LoadConfigOptions {
  /** The mode when APP_MODE is unset: entry points that are local by nature (server, CLI) pass "local". */
  defaultMode?: AppMode;
  /** The store when STORE is unset (Cloud Functions pass "firestore"; default "memory"). */
  defaultStore?: string;
  /**
   * Proxy hops in front of the app when TRUST_PROXY_HOPS is unset. Cloud Functions pass 1
   * (Google's front end); everything else defaults to 0, so a caller reaching the server
   * directly cannot choose its own address with X-Forwarded-For.
   */
  defaultTrustProxyHops?: number;
}

/**
 * Reads and validates the configuration. Throws one `ConfigError` naming every problem at
 * once (each variable and what to set), so a first deployment is not fixed one restart at a time.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, options: LoadConfigOptions = {}): Config {
  const problems: string[] = [];
  /** Runs one check; a ConfigError becomes one line of the report, with `fallback` as the value. */
  const check = <T>(read: () => T, fallback: T): T => {
    try {
      return read();
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      problems.push(e.message);
      return fallback;
    }
  };
  const fail = (message: string): never => {
    throw new ConfigError(message);
  };

  const modeRaw = env.APP_MODE?.trim() || options.defaultMode || "production";
  const mode: AppMode = check<AppMode>(
    () =>
      modeRaw === "production" || modeRaw === "local"
        ? modeRaw
        : fail(`APP_MODE must be "production" or "local" (got ${JSON.stringify(modeRaw)}).`),
    "production",
  );

  const missing: string[] = [];
  const required = (name: string, localDefault: string): string => {
    const v = env[name]?.trim();
    if (v) return v;
    if (mode === "local") return localDefault;
    missing.push(name);
    return "";
  };

  const url = (name: string, fallback: string): string =>
    check(() => {
      const v = env[name]?.trim() || fallback;
      if (!urlString.safeParse(v).success) fail(`${name} must be an http(s) URL (got ${JSON.stringify(v)}).`);
      return v.replace(/\/+$/, "");
    }, fallback);

  const integer = (name: string, fallback: number, max: number): number =>
    check(() => {
      const raw = env[name]?.trim() || String(fallback);
      const n = Number(raw);
      if (!/^\d+$/.test(raw) || !Number.isInteger(n) || n > max)
        fail(`${name} must be an integer 0–${max} (got ${JSON.stringify(raw)}).`);
      return n;
    }, fallback);

  const apiBaseUrl = url("LINE_API_BASE_URL", LINE_API_BASE_URL);
  const dataApiBaseUrl = url("LINE_DATA_API_BASE_URL", LINE_DATA_API_BASE_URL);
  const port = integer("PORT", 3000, 65535);
  const trustProxyHops = integer("TRUST_PROXY_HOPS", options.defaultTrustProxyHops ?? 0, 5);

  const host = check(() => {
    const h = env.HOST?.trim() || "127.0.0.1";
    if (!isIP(h) && !/^[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$/.test(h))
      fail(
        `HOST must be an IP address or a host name, e.g. 127.0.0.1 or 0.0.0.0 (got ${JSON.stringify(h)}).`,
      );
    return h;
  }, "127.0.0.1");

  const monthlyMessageQuota = check<number | null>(() => {
    const raw = env.MONTHLY_MESSAGE_QUOTA?.trim() || "";
    if (raw === "") return null;
    if (!/^\d+$/.test(raw) || !Number.isSafeInteger(Number(raw)))
      fail(
        `MONTHLY_MESSAGE_QUOTA must be a whole number of messages, 0 or more (got ${JSON.stringify(raw)}).`,
      );
    return Number(raw);
  }, null);

  const levels = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
  const level = env.LOG_LEVEL?.trim() || "info";
  const logLevel = check<Config["logLevel"]>(
    () =>
      levels.find((l) => l === level) ??
      fail(`LOG_LEVEL must be one of ${levels.join(", ")} (got ${JSON.stringify(level)}).`),
    "info",
  );

  const store = check<StoreSpec>(() => parseStore(env.STORE ?? options.defaultStore), { kind: "memory" });
  const projectId = env.GOOGLE_CLOUD_PROJECT?.trim() || env.GCLOUD_PROJECT?.trim() || null;
  const emulatorHost = env.FIRESTORE_EMULATOR_HOST?.trim() || null;
  if (store.kind === "firestore" && !projectId && !emulatorHost)
    problems.push(
      "STORE=firestore needs GOOGLE_CLOUD_PROJECT (or FIRESTORE_EMULATOR_HOST for the local emulator).",
    );

  const channelSecret = required("LINE_CHANNEL_SECRET", LOCAL_SECRET);
  const channelAccessToken = required("LINE_CHANNEL_ACCESS_TOKEN", LOCAL_TOKEN);
  const userHashKey = required("USER_HASH_KEY", LOCAL_HASH_KEY);
  if (mode === "production" && userHashKey !== "" && userHashKey.length < 16)
    problems.push("USER_HASH_KEY must be at least 16 characters (a random secret).");

  const adminTokens = (env.ADMIN_TOKENS ?? "")
    .split(",")
    .map((t) => t.trim())
    .filter((t) => t.length > 0);
  if (adminTokens.some((t) => t.length < 16))
    problems.push("ADMIN_TOKENS: every token must be at least 16 characters.");

  const simulator = check(() => parseSimulator(env.SIMULATOR, mode), false);

  const refreshRaw = env.CATALOGUE_REFRESH_SECONDS?.trim() || "30";
  const refreshSeconds = Number(refreshRaw);
  if (!Number.isFinite(refreshSeconds) || refreshSeconds < 0 || refreshSeconds > 3600)
    problems.push(
      `CATALOGUE_REFRESH_SECONDS must be a number of seconds 0–3600 (got ${JSON.stringify(refreshRaw)}).`,
    );

  if (missing.length > 0)
    problems.unshift(
      ...missing.map((n) => `${n} is not set: ${MISSING_HINT[n] ?? "it is required"}.`),
      "(For local use without LINE, set APP_MODE=local.)",
    );
  if (problems.length > 0) {
    const list = problems.length === 1 ? problems[0]! : problems.map((p) => `\n  - ${p}`).join("");
    throw new ConfigError(`${list}${problems.length === 1 ? " " : "\n"}${WHERE}`);
  }

  return {
    mode,
    line: {
      channelSecret,
      channelAccessToken,
      apiBaseUrl,
      dataApiBaseUrl,
    },
    store,
    firestore: { projectId, emulatorHost },
    port,
    host,
    monthlyMessageQuota,
    trustProxyHops,
    logLevel,
    userHashKey,
    adminTokens,
    previewUserId: env.STAFF_PREVIEW_USER_ID?.trim() || null,
    simulator,
    catalogueRefreshMs: refreshSeconds * 1000,
  };
}

// The simulator swaps the messenger for one that answers a web page, so it must never run
// against a real channel: refusing it in production keeps a stray variable from doing that.
function parseSimulator(raw: string | undefined, mode: AppMode): boolean {
  const v = raw?.trim().toLowerCase() ?? "";
  if (v === "") return mode === "local";
  const on = ["on", "1", "true", "yes"].includes(v);
  if (!on && !["off", "0", "false", "no"].includes(v))
    throw new ConfigError(`SIMULATOR must be "on" or "off" (got ${JSON.stringify(raw)}).`);
  if (on && mode === "production")
    throw new ConfigError(
      "SIMULATOR=on is only allowed with APP_MODE=local: the simulator never talks to LINE.",
    );
  return on;
}
