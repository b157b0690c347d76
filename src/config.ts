/**
 * Configuration: the only module that reads the environment. Everything else receives a
 * `Config` value, so tests pass their own `env` and nothing hides a missing variable behind
 * a default. Errors name the variable and where to set it.
 */
import { z } from "zod";

/** How the process runs: `production` needs real LINE credentials; `local` (npm start, CLI) does not. */
export type AppMode = "production" | "local";

export type StoreSpec = { kind: "memory" } | { kind: "file"; path: string } | { kind: "firestore" };

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
  if (v === "" || v === "memory") return { kind: "memory" };
  if (v === "firestore") return { kind: "firestore" };
  if (v.startsWith("file:") && v.length > "file:".length)
    return { kind: "file", path: v.slice("file:".length) };
  throw new ConfigError(
    `STORE must be "memory", "file:PATH" or "firestore" (got ${JSON.stringify(v)}). ${WHERE}`,
  );
}

function required(env: NodeJS.ProcessEnv, name: string, mode: AppMode, localDefault: string): string {
  const v = env[name]?.trim();
  if (v) return v;
  if (mode === "local") return localDefault;
  throw new ConfigError(
    `${name} is not set. ${name === "LINE_CHANNEL_SECRET" || name === "LINE_CHANNEL_ACCESS_TOKEN" ? "Copy it from the LINE Developers console (Messaging API channel). " : ""}${WHERE} ` +
      `For local use without LINE, set APP_MODE=local.`,
  );
}

export interface LoadConfigOptions {
  /** The mode when APP_MODE is unset: entry points that are local by nature (server, CLI) pass "local". */
  defaultMode?: AppMode;
  /** The store when STORE is unset (Cloud Functions pass "firestore"; default "memory"). */
  defaultStore?: string;
}

/** Reads and validates the configuration; throws `ConfigError` naming the first problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, options: LoadConfigOptions = {}): Config {
  const modeRaw = env.APP_MODE?.trim() || options.defaultMode || "production";
  if (modeRaw !== "production" && modeRaw !== "local")
    throw new ConfigError(
      `APP_MODE must be "production" or "local" (got ${JSON.stringify(modeRaw)}). ${WHERE}`,
    );
  const mode: AppMode = modeRaw;

  const url = (name: string, fallback: string): string => {
    const v = env[name]?.trim() || fallback;
    const r = urlString.safeParse(v);
    if (!r.success)
      throw new ConfigError(`${name} must be an http(s) URL (got ${JSON.stringify(v)}). ${WHERE}`);
    return v.replace(/\/+$/, "");
  };

  const portRaw = env.PORT?.trim() || "3000";
  const port = Number(portRaw);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ConfigError(`PORT must be an integer 0–65535 (got ${JSON.stringify(portRaw)}). ${WHERE}`);

  const levels = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
  const level = env.LOG_LEVEL?.trim() || "info";
  const logLevel = levels.find((l) => l === level);
  if (!logLevel)
    throw new ConfigError(
      `LOG_LEVEL must be one of ${levels.join(", ")} (got ${JSON.stringify(level)}). ${WHERE}`,
    );

  const store = parseStore(env.STORE ?? options.defaultStore);
  const projectId = env.GOOGLE_CLOUD_PROJECT?.trim() || env.GCLOUD_PROJECT?.trim() || null;
  const emulatorHost = env.FIRESTORE_EMULATOR_HOST?.trim() || null;
  if (store.kind === "firestore" && !projectId && !emulatorHost)
    throw new ConfigError(
      `STORE=firestore needs GOOGLE_CLOUD_PROJECT (or FIRESTORE_EMULATOR_HOST for the local emulator). ${WHERE}`,
    );

  const userHashKey = required(env, "USER_HASH_KEY", mode, LOCAL_HASH_KEY);
  if (mode === "production" && userHashKey.length < 16)
    throw new ConfigError(`USER_HASH_KEY must be at least 16 characters (a random secret). ${WHERE}`);

  const adminTokens = (env.ADMIN_TOKENS ?? "")
    .split(",")
    .map((t) => t.trim())
    .filter((t) => t.length > 0);
  if (adminTokens.some((t) => t.length < 16))
    throw new ConfigError(`ADMIN_TOKENS: every token must be at least 16 characters. ${WHERE}`);

  const simulator = parseSimulator(env.SIMULATOR, mode);

  const refreshRaw = env.CATALOGUE_REFRESH_SECONDS?.trim() || "30";
  const refreshSeconds = Number(refreshRaw);
  if (!Number.isFinite(refreshSeconds) || refreshSeconds < 0 || refreshSeconds > 3600)
    throw new ConfigError(
      `CATALOGUE_REFRESH_SECONDS must be a number of seconds 0–3600 (got ${JSON.stringify(refreshRaw)}). ${WHERE}`,
    );

  return {
    mode,
    line: {
      channelSecret: required(env, "LINE_CHANNEL_SECRET", mode, LOCAL_SECRET),
      channelAccessToken: required(env, "LINE_CHANNEL_ACCESS_TOKEN", mode, LOCAL_TOKEN),
      apiBaseUrl: url("LINE_API_BASE_URL", "https://api.line.me"),
      dataApiBaseUrl: url("LINE_DATA_API_BASE_URL", "https://api-data.line.me"),
    },
    store,
    firestore: { projectId, emulatorHost },
    port,
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
    throw new ConfigError(`SIMULATOR must be "on" or "off" (got ${JSON.stringify(raw)}). ${WHERE}`);
  if (on && mode === "production")
    throw new ConfigError(
      `SIMULATOR=on is only allowed with APP_MODE=local: the simulator never talks to LINE. ${WHERE}`,
    );
  return on;
}
