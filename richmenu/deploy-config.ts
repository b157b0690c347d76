/**
 * The deploy command's configuration, read from an `env` the entry point passes in. It is separate
 * from `src/config.ts` because deploying needs only the access token (no channel secret, store or
 * hash key) and must never fall back to a local placeholder token.
 */
import { LINE_API_BASE_URL, LINE_DATA_API_BASE_URL } from "../src/line/endpoints.js";

export interface DeployConfig {
  channelAccessToken: string;
  apiBaseUrl: string;
  dataApiBaseUrl: string;
}

/** A configuration problem; the message says what to set and where. */
export class DeployConfigError extends Error {
  override name = "DeployConfigError";
}

const url = (env: NodeJS.ProcessEnv, name: string, fallback: string): string => {
  const v = env[name]?.trim() || fallback;
  let u: URL;
  try {
    u = new URL(v);
  } catch {
    throw new DeployConfigError(`${name} must be an http(s) URL (got ${JSON.stringify(v)}).`);
  }
  if (u.protocol !== "https:" && u.protocol !== "http:")
    throw new DeployConfigError(`${name} must be an http(s) URL (got ${JSON.stringify(v)}).`);
  return v.replace(/\/+$/, "");
};

/** Reads LINE_CHANNEL_ACCESS_TOKEN, LINE_API_BASE_URL and LINE_DATA_API_BASE_URL. */
export function loadDeployConfig(env: NodeJS.ProcessEnv): DeployConfig {
  const token = env.LINE_CHANNEL_ACCESS_TOKEN?.trim();
  if (!token) {
    throw new DeployConfigError(
      "LINE_CHANNEL_ACCESS_TOKEN is not set. Issue a long-lived channel access token in LINE Developers " +
        "Console → your Messaging API channel → 「Messaging API設定」 tab, then `export LINE_CHANNEL_ACCESS_TOKEN=...` " +
        "(or put it in .env and `set -a; . ./.env`). --dry-run needs it too: it reads the menus now on LINE.",
    );
  }
  return {
    channelAccessToken: token,
    apiBaseUrl: url(env, "LINE_API_BASE_URL", LINE_API_BASE_URL),
    dataApiBaseUrl: url(env, "LINE_DATA_API_BASE_URL", LINE_DATA_API_BASE_URL),
  };
}
