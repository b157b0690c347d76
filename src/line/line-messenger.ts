/**
 * The production Messenger: LINE's Messaging API (reply, push, multicast, quota) over a small
 * keep-alive HTTP client (line-http.ts; the SDK's fetch cost more CPU per webhook event than
 * the bot's own work). The base URL is configurable (LINE_API_BASE_URL), so any LINE-compatible
 * server — the local fake API in tests and benchmarks, a staging proxy — can stand in.
 *
 * Every outcome is a SendResult value: the notice sender decides what to retry. 429, 5xx,
 * network errors and timeouts are retryable; a 409 on a repeated `X-Line-Retry-Key` carries
 * the id of the request LINE already accepted (the message went out: do not send again).
 */
import { HTTPFetchError } from "@line/bot-sdk";
import { LINE_API_BASE_URL } from "./endpoints.js";
import type { Message, Messenger, SendResult } from "./messenger.js";
import { createLineHttp, type HttpAnswer } from "./line-http.js";
import { toJsonPieces } from "../text/shared-json.js";

export interface LineMessengerOptions {
  channelAccessToken: string;
  /** Defaults to https://api.line.me. */
  apiBaseUrl?: string;
  /** Defaults to https://api-data.line.me (not used for sending; kept for symmetry with config). */
  dataApiBaseUrl?: string;
  /** Give up on one request after this long (default 10 s); the result is retryable. */
  timeoutMs?: number;
}

/** Thrown inside `withTimeout`, turned into a retryable SendResult. */
class LineTimeout extends Error {}

/**
 * Races a call against a timer. The SDK's fetch takes no abort signal, so the socket of a
 * request that timed out is left to the HTTP agent's own timeouts; with a retry key that is safe
 * (if LINE did accept it, the retry gets 409 and counts as delivered).
 */
export async function withTimeout<T>(call: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new LineTimeout(`no answer from LINE within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([call, timeout]);
  } finally {
    clearTimeout(timer);
    // A late rejection of the abandoned call must not become an unhandled rejection.
    call.catch(() => undefined);
  }
}

/** Retry-After is seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/** LINE's error body is `{message, details: [{message, property}]}`; keep it short and readable. */
function describeBody(body: string): string {
  try {
    const parsed = JSON.parse(body) as {
      message?: unknown;
      details?: { message?: unknown; property?: unknown }[];
    };
    const text = (v: unknown): string => (typeof v === "string" ? v : v == null ? "" : JSON.stringify(v));
    const details = (parsed.details ?? []).map((d) => `${text(d.property)}: ${text(d.message)}`);
    return [text(parsed.message), ...details].filter(Boolean).join("; ").slice(0, 500);
  } catch {
    return body.slice(0, 200);
  }
}

/** Maps a non-2xx answer to a SendResult: 429 and 5xx are retryable, a 409 names the accepted request. */
function fromAnswer(a: HttpAnswer): SendResult & { ok: false } {
  return {
    ok: false,
    status: a.status,
    retryable: a.status === 429 || a.status >= 500,
    acceptedRequestId: a.status === 409 ? a.header("x-line-accepted-request-id") : null,
    retryAfterMs: parseRetryAfter(a.header("retry-after")),
    message: `LINE answered ${a.status}: ${describeBody(a.body) || a.statusText}`,
  };
}

/** Maps anything a LINE call can throw to a SendResult. Exported for tests. */
export function toSendResult(error: unknown): SendResult & { ok: false } {
  if (error instanceof HTTPFetchError) {
    const status = error.status;
    return {
      ok: false,
      status,
      retryable: status === 429 || status >= 500,
      acceptedRequestId: status === 409 ? error.headers.get("x-line-accepted-request-id") : null,
      retryAfterMs: parseRetryAfter(error.headers.get("retry-after")),
      message: `LINE answered ${status}: ${describeBody(error.body) || error.statusText}`,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  // A timeout, a refused or dropped connection: nothing says the request failed for good.
  return { ok: false, status: 0, retryable: true, acceptedRequestId: null, retryAfterMs: null, message };
}

/** Creates a Messenger that talks to LINE (or a LINE-compatible server at `apiBaseUrl`). */
export function createLineMessenger(options: LineMessengerOptions): Messenger {
  const http = createLineHttp({
    baseUrl: options.apiBaseUrl ?? LINE_API_BASE_URL,
    channelAccessToken: options.channelAccessToken,
    timeoutMs: options.timeoutMs ?? 10_000,
  });

  const send = async (path: string, body: unknown, retryKey?: string): Promise<SendResult> => {
    try {
      const a = await http.call(
        "POST",
        path,
        toJsonPieces(body),
        retryKey ? { "x-line-retry-key": retryKey } : {},
      );
      if (a.status >= 200 && a.status < 300) return { ok: true, requestId: a.header("x-line-request-id") };
      return fromAnswer(a);
    } catch (error) {
      return toSendResult(error);
    }
  };

  const getJson = async <T>(path: string): Promise<T> => {
    const a = await http.call("GET", path);
    if (a.status !== 200) throw new Error(fromAnswer(a).message);
    return JSON.parse(a.body) as T;
  };

  return {
    reply(replyToken: string, messages: Message[]) {
      return send("/v2/bot/message/reply", { replyToken, messages });
    },
    push(to: string, messages: Message[], retryKey?: string) {
      return send("/v2/bot/message/push", { to, messages }, retryKey);
    },
    multicast(to: string[], messages: Message[], retryKey: string) {
      return send("/v2/bot/message/multicast", { to, messages }, retryKey);
    },
    async quota() {
      try {
        const [quota, consumption] = await Promise.all([
          getJson<{ type: string; value?: number }>("/v2/bot/message/quota"),
          getJson<{ totalUsage: number }>("/v2/bot/message/quota/consumption"),
        ]);
        return {
          limit: quota.type === "limited" ? (quota.value ?? null) : null,
          used: consumption.totalUsage,
        };
      } catch {
        // The dry run shows "quota unknown" rather than failing.
        return null;
      }
    },
  };
}
