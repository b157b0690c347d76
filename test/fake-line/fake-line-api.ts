/**
 * A local fake of the LINE Messaging API — a TEST DOUBLE of the platform, never shipped and
 * never a stand-in for LINE in production. It is a real HTTP server on 127.0.0.1 (port 0) that
 * implements the endpoints this project calls, with LINE's documented validation and limits, so
 * the bot, the notice sender and the rich menu deployer can be tested, faulted and benchmarked
 * end to end:
 *
 * - POST /v2/bot/message/reply|push|multicast (+ /validate/…): bodies checked against the
 *   official OpenAPI schemas and platform limits (test/line-schema/) → 400 with a LINE-style
 *   `{message, details[]}` body; reply tokens are single-use and expire; multicast ≤ 500 `to`.
 * - `X-Line-Retry-Key`: must be a UUID; a key already accepted → 409 with
 *   `x-line-accepted-request-id`, and nothing is delivered twice.
 * - GET /v2/bot/message/quota and /quota/consumption; a limited quota refuses sends beyond it (429).
 * - Rich menus: create (validated, ≤ 1,000), validate, list, get, delete; image upload on the data
 *   host (png/jpeg, ≤ 1 MB, dimensions equal to the menu's size, once); default set/get/cancel;
 *   aliases (`^[a-z0-9_-]{1,32}$`) create/update/delete/get/list; per-user link/unlink/get.
 * - Bearer token check (401), per-endpoint rate limits with a sliding one-second/one-hour window
 *   (multicast 200/s, rich menu create/delete 100/h, everything else 2,000/s) → 429.
 * - Fault injection, deterministic from a seed: a share of 500s, 429s, hangs (the response never
 *   comes; the client must give up) and dropped connections, optionally after the request was
 *   processed (as on the real platform, a 5xx or a timeout does not prove nothing was sent).
 * - A per-user record of every delivered message, and a log of every request.
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { createLineValidator, type LineValidator } from "../line-schema/line-validator.js";
import { LINE_LIMITS } from "../../src/line/platform-limits.js";
import type { Message } from "../../src/line/messenger.js";
import { seededRandom } from "../helpers/seeded-random.js";

export type FakeEndpoint =
  | "reply"
  | "push"
  | "multicast"
  | "validate"
  | "quota"
  | "richmenu.create"
  | "richmenu.delete"
  | "richmenu.other"
  | "richmenu.image"
  | "other";

export interface FaultOptions {
  /** Share (0–1) of requests answered 500. */
  errorRate?: number;
  /** Share answered 429 (in addition to real rate limiting). */
  rateLimitRate?: number;
  /** Share that never get an answer (the client's timeout must fire). */
  timeoutRate?: number;
  /** Share whose connection is destroyed without an answer. */
  dropRate?: number;
  /** Of the faulted requests, the share that were processed (delivered) before the fault. Default 0.5. */
  processedShare?: number;
  /** Which endpoints faults apply to (default: reply, push, multicast). */
  endpoints?: FakeEndpoint[];
  /** Seed for the deterministic fault sequence (default 1). */
  seed?: number;
}

export interface FakeLineApiOptions {
  /** The only accepted bearer token (default "fake-channel-access-token"). */
  channelAccessToken?: string;
  /** Requests per window, per endpoint; `Infinity` disables a limit. */
  rateLimits?: Partial<Record<FakeEndpoint, { limit: number; windowMs: number }>>;
  /** Reply tokens expire after this long (default 60 s). */
  replyTokenTtlMs?: number;
  /** Accept reply tokens never issued with `issueReplyToken` (still single-use). Default false. */
  acceptUnknownReplyTokens?: boolean;
  /**
   * Keep request bodies and replies for assertions (default true). Load benchmarks turn it off:
   * tens of thousands of parsed 10 KB replies held in the benchmark's own process cost GC time
   * on the cores the measured server shares, which LINE's servers never cost us. Statuses,
   * endpoints and counts are still recorded.
   */
  retainBodies?: boolean;
  /** Require `to` to look like a LINE user ID (`U` + 32 hex). Default true. */
  strictUserIds?: boolean;
  /** Send `Retry-After` (seconds) with 429s. LINE itself sends none; for testing clients that honour it. */
  retryAfterSeconds?: number;
  /** Monthly message quota; null = no limit ("none"). Default null. */
  quota?: number | null;
  maxRichMenus?: number;
  faults?: FaultOptions;
  validator?: LineValidator;
  /** Clock, for expiry tests. */
  now?: () => number;
}

export interface DeliveredMessage {
  via: "reply" | "push" | "multicast";
  requestId: string;
  retryKey: string | null;
  message: Message;
  at: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  host: "api" | "data";
  endpoint: FakeEndpoint;
  status: number | "hang" | "drop";
  /** The `x-line-request-id` the fake answered (or would have answered) with. */
  requestId: string;
  retryKey: string | null;
  body: unknown;
  at: number;
}

export interface FakeRichMenu {
  richMenuId: string;
  menu: Record<string, unknown> & { size: { width: number; height: number } };
  image: { contentType: string; bytes: number } | null;
}

export interface FakeLineState {
  richMenus: Map<string, FakeRichMenu>;
  aliases: Map<string, string>;
  defaultRichMenuId: string | null;
  userRichMenus: Map<string, string>;
  /** Retry key → accepted request id. */
  retryKeys: Map<string, string>;
  quota: { limit: number | null; used: number };
  replyTokens: Map<string, { userId: string | null; expiresAt: number; used: boolean }>;
}

export interface FakeLineApi {
  /** Base URL for api.line.me endpoints (LINE_API_BASE_URL). */
  url: string;
  /** Base URL for api-data.line.me endpoints (LINE_DATA_API_BASE_URL). */
  dataUrl: string;
  state: FakeLineState;
  requests: RecordedRequest[];
  /** Everything delivered to one user, in order. */
  delivered(userId: string): DeliveredMessage[];
  /** Users who received anything. */
  recipients(): string[];
  /** Messages sent as replies to a token. */
  replies(replyToken: string): Message[];
  /** Registers a reply token for a user (as if a webhook event carried it); returns the token. */
  issueReplyToken(userId: string | null, token?: string): string;
  setFaults(faults: FaultOptions | null): void;
  /** Counts of what happened, by outcome. */
  stats(): Record<string, number>;
  close(): Promise<void>;
}

const DEFAULT_TOKEN = "fake-channel-access-token";
const USER_ID = /^U[0-9a-f]{32}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_JSON_BYTES = 2 * 1024 * 1024;
const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

const DEFAULT_RATE_LIMITS: Record<FakeEndpoint, { limit: number; windowMs: number }> = {
  reply: { limit: 2000, windowMs: 1000 },
  push: { limit: 2000, windowMs: 1000 },
  multicast: { limit: 200, windowMs: 1000 },
  validate: { limit: 2000, windowMs: 1000 },
  quota: { limit: 2000, windowMs: 1000 },
  "richmenu.create": { limit: 100, windowMs: 3_600_000 },
  "richmenu.delete": { limit: 100, windowMs: 3_600_000 },
  "richmenu.other": { limit: 2000, windowMs: 1000 },
  "richmenu.image": { limit: 2000, windowMs: 1000 },
  other: { limit: 2000, windowMs: 1000 },
};

/** Sliding-window limiter: timestamps of accepted requests in a ring. */
function slidingWindow(limit: number, windowMs: number): (now: number) => boolean {
  if (!Number.isFinite(limit)) return () => true;
  const times: number[] = [];
  let head = 0;
  return (now) => {
    while (head < times.length && (times[head] as number) <= now - windowMs) head++;
    if (head > 1024 && head * 2 > times.length) {
      times.splice(0, head);
      head = 0;
    }
    if (times.length - head >= limit) return false;
    times.push(now);
    return true;
  };
}

/** Reads PNG / JPEG dimensions from the header bytes; null if neither. */
export function imageDimensions(buf: Buffer): { type: "png" | "jpeg"; width: number; height: number } | null {
  if (buf.length >= 24 && buf.readUInt32BE(0) === 0x89504e47 && buf.toString("ascii", 12, 16) === "IHDR") {
    return { type: "png", width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
  }
  if (buf.length >= 4 && buf[0] === 0xff && buf[1] === 0xd8) {
    let i = 2;
    while (i + 9 < buf.length) {
      if (buf[i] !== 0xff) return null;
      const marker = buf[i + 1] as number;
      const len = buf.readUInt16BE(i + 2);
      // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { type: "jpeg", height: buf.readUInt16BE(i + 5), width: buf.readUInt16BE(i + 7) };
      }
      i += 2 + len;
    }
  }
  return null;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details: { message: string; property: string }[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

function fail(status: number, message: string, details: { message: string; property: string }[] = []): never {
  throw new HttpError(status, message, details);
}

/** Starts the fake on 127.0.0.1 with an OS-chosen port. */
export async function createFakeLineApi(options: FakeLineApiOptions = {}): Promise<FakeLineApi> {
  const token = options.channelAccessToken ?? DEFAULT_TOKEN;
  const now = options.now ?? Date.now;
  const validator = options.validator ?? createLineValidator();
  const replyTtl = options.replyTokenTtlMs ?? 60_000;
  const strictUserIds = options.strictUserIds ?? true;
  const maxRichMenus = options.maxRichMenus ?? 1000;
  const limiters = new Map<FakeEndpoint, (now: number) => boolean>();
  for (const [endpoint, def] of Object.entries({ ...DEFAULT_RATE_LIMITS, ...options.rateLimits })) {
    limiters.set(endpoint as FakeEndpoint, slidingWindow(def.limit, def.windowMs));
  }

  const state: FakeLineState = {
    richMenus: new Map(),
    aliases: new Map(),
    defaultRichMenuId: null,
    userRichMenus: new Map(),
    retryKeys: new Map(),
    quota: { limit: options.quota ?? null, used: 0 },
    replyTokens: new Map(),
  };
  const requests: RecordedRequest[] = [];
  const deliveredByUser = new Map<string, DeliveredMessage[]>();
  const repliesByToken = new Map<string, Message[]>();
  const counters = new Map<string, number>();
  const count = (key: string): void => void counters.set(key, (counters.get(key) ?? 0) + 1);
  let faults: Required<FaultOptions> | null = null;
  let random = seededRandom(1);
  const setFaults = (f: FaultOptions | null): void => {
    faults = f
      ? {
          errorRate: f.errorRate ?? 0,
          rateLimitRate: f.rateLimitRate ?? 0,
          timeoutRate: f.timeoutRate ?? 0,
          dropRate: f.dropRate ?? 0,
          processedShare: f.processedShare ?? 0.5,
          endpoints: f.endpoints ?? ["reply", "push", "multicast"],
          seed: f.seed ?? 1,
        }
      : null;
    random = seededRandom(f?.seed ?? 1);
  };
  setFaults(options.faults ?? null);

  const deliver = (
    userId: string,
    messages: Message[],
    via: DeliveredMessage["via"],
    requestId: string,
    retryKey: string | null,
  ): void => {
    let list = deliveredByUser.get(userId);
    if (!list) deliveredByUser.set(userId, (list = []));
    const at = now();
    for (const message of messages) list.push({ via, requestId, retryKey, message, at });
  };

  const checkMessages = (context: "reply" | "push" | "multicast", body: unknown): void => {
    const errors = validator.validateRequest(context, body);
    if (errors.length > 0) {
      fail(
        400,
        "The request body has " + errors.length + " error(s)",
        errors.map((e) => ({
          message: e.message,
          property: e.pointer.replace(/^\//, "").replaceAll("/", "."),
        })),
      );
    }
  };
  const checkUserId = (id: string, property: string): void => {
    if (strictUserIds && !USER_ID.test(id))
      fail(400, `The property, '${property}', in the request body is invalid`);
  };
  const consumeQuota = (n: number): void => {
    if (state.quota.limit !== null && state.quota.used + n > state.quota.limit)
      fail(429, "You have reached your monthly limit.");
    state.quota.used += n;
  };
  const retryKeyOf = (req: IncomingMessage): string | null => {
    const raw = req.headers["x-line-retry-key"];
    if (raw === undefined) return null;
    const key = Array.isArray(raw) ? (raw[0] ?? "") : raw;
    if (!UUID.test(key)) fail(400, "The retry key is invalid; it must be a UUID in hexadecimal form");
    return key.toLowerCase();
  };
  const richMenu = (id: string): FakeRichMenu => state.richMenus.get(id) ?? fail(404, "Not found");
  const requireImage = (m: FakeRichMenu): void => {
    if (!m.image) fail(400, "must upload richmenu image before applying it to user");
  };

  /** Processes one request; returns [status, body]. Throws HttpError for LINE-style errors. */
  const handle = (
    host: "api" | "data",
    method: string,
    path: string,
    req: IncomingMessage,
    raw: Buffer,
    requestId: string,
  ): [number, unknown] => {
    const json = (): Record<string, unknown> => {
      try {
        const v = JSON.parse(raw.toString("utf8")) as unknown;
        if (typeof v !== "object" || v === null || Array.isArray(v)) throw new Error("not an object");
        return v as Record<string, unknown>;
      } catch {
        return fail(400, "The request body has 1 error(s)", [{ message: "Invalid JSON", property: "" }]);
      }
    };
    let m: RegExpMatchArray | null;
    if (host === "data") {
      if ((m = path.match(/^\/v2\/bot\/richmenu\/([^/]+)\/content$/))) {
        const menu = richMenu(decodeURIComponent(m[1] as string));
        if (method === "GET") {
          if (!menu.image) fail(404, "Not found");
          return [200, { contentType: menu.image?.contentType, bytes: menu.image?.bytes }];
        }
        if (method !== "POST") fail(405, "Method not allowed");
        const type = String(req.headers["content-type"] ?? "")
          .split(";")[0]
          ?.trim();
        if (type !== "image/png" && type !== "image/jpeg")
          fail(415, "Content-Type must be image/jpeg or image/png");
        if (raw.length > LINE_LIMITS.richMenu.imageBytes)
          fail(
            413,
            `Image is too large: ${raw.length} bytes, at most ${LINE_LIMITS.richMenu.imageBytes} (1 MB)`,
          );
        const dims = imageDimensions(raw);
        if (!dims || `image/${dims.type}` !== type) fail(400, "Image is not a valid " + type);
        const { width, height } = menu.menu.size;
        if (dims && (dims.width !== width || dims.height !== height))
          fail(
            400,
            `Image size ${dims.width}x${dims.height} does not match the rich menu size ${width}x${height}`,
          );
        if (menu.image) fail(400, "An image has already been uploaded to the richmenu");
        menu.image = { contentType: type, bytes: raw.length };
        return [200, {}];
      }
      return fail(404, "Not found");
    }

    if (method === "POST" && path === "/v2/bot/message/reply") {
      const body = json();
      checkMessages("reply", body);
      const t = String(body.replyToken);
      let entry = state.replyTokens.get(t);
      if (!entry && options.acceptUnknownReplyTokens) {
        entry = { userId: null, expiresAt: now() + replyTtl, used: false };
        state.replyTokens.set(t, entry);
      }
      if (!entry || entry.used || entry.expiresAt <= now()) fail(400, "Invalid reply token");
      const messages = body.messages as Message[];
      entry.used = true;
      if (options.retainBodies !== false) repliesByToken.set(t, messages);
      if (entry.userId) deliver(entry.userId, messages, "reply", requestId, null);
      return [200, { sentMessages: messages.map(() => ({ id: randomUUID() })) }];
    }
    if (method === "POST" && (path === "/v2/bot/message/push" || path === "/v2/bot/message/multicast")) {
      const multicast = path.endsWith("multicast");
      const retryKey = retryKeyOf(req);
      const body = json();
      checkMessages(multicast ? "multicast" : "push", body);
      const to = multicast ? [...new Set(body.to as string[])] : [String(body.to)];
      to.forEach((id, i) => checkUserId(id, multicast ? `to[${i}]` : "to"));
      if (retryKey) {
        const accepted = state.retryKeys.get(retryKey);
        if (accepted) {
          throw new HttpError(409, "The retry key is already accepted", [], {
            "x-line-accepted-request-id": accepted,
          });
        }
      }
      const messages = body.messages as Message[];
      consumeQuota(to.length * messages.length);
      if (retryKey) state.retryKeys.set(retryKey, requestId);
      for (const userId of to)
        deliver(userId, messages, multicast ? "multicast" : "push", requestId, retryKey);
      return [200, multicast ? {} : { sentMessages: messages.map(() => ({ id: randomUUID() })) }];
    }
    if ((m = path.match(/^\/v2\/bot\/message\/validate\/(reply|push|multicast)$/)) && method === "POST") {
      const body = json();
      const kind = m[1] as "reply" | "push" | "multicast";
      // The validate endpoints take only `messages`.
      checkMessages(kind, {
        ...body,
        ...(kind === "reply" ? { replyToken: "x" } : { to: kind === "push" ? "x" : ["x"] }),
      });
      return [200, {}];
    }
    if (method === "GET" && path === "/v2/bot/message/quota") {
      return [
        200,
        state.quota.limit === null ? { type: "none" } : { type: "limited", value: state.quota.limit },
      ];
    }
    if (method === "GET" && path === "/v2/bot/message/quota/consumption") {
      return [200, { totalUsage: state.quota.used }];
    }

    // Rich menus.
    if (path === "/v2/bot/richmenu" && method === "POST") {
      const body = json();
      const errors = validator.validateRichMenu(body);
      if (errors.length > 0)
        fail(
          400,
          "The request body has " + errors.length + " error(s)",
          errors.map((e) => ({ message: e.message, property: e.pointer })),
        );
      if (state.richMenus.size >= maxRichMenus)
        fail(400, `Reached the maximum number of rich menus (${maxRichMenus})`);
      const richMenuId = `richmenu-${randomUUID().replaceAll("-", "")}`;
      state.richMenus.set(richMenuId, { richMenuId, menu: body as FakeRichMenu["menu"], image: null });
      return [200, { richMenuId }];
    }
    if (path === "/v2/bot/richmenu/validate" && method === "POST") {
      const errors = validator.validateRichMenu(json());
      if (errors.length > 0)
        fail(
          400,
          "The request body has " + errors.length + " error(s)",
          errors.map((e) => ({ message: e.message, property: e.pointer })),
        );
      return [200, {}];
    }
    if (path === "/v2/bot/richmenu/list" && method === "GET") {
      return [
        200,
        { richmenus: [...state.richMenus.values()].map((r) => ({ richMenuId: r.richMenuId, ...r.menu })) },
      ];
    }
    if (path === "/v2/bot/richmenu/alias/list" && method === "GET") {
      return [
        200,
        {
          aliases: [...state.aliases].map(([richMenuAliasId, richMenuId]) => ({
            richMenuAliasId,
            richMenuId,
          })),
        },
      ];
    }
    if (path === "/v2/bot/richmenu/alias" && method === "POST") {
      const body = json();
      const alias = typeof body.richMenuAliasId === "string" ? body.richMenuAliasId : "";
      if (!LINE_LIMITS.richMenuAliasId.test(alias))
        fail(400, "richMenuAliasId must match ^[a-z0-9_-]{1,32}$", [
          { message: "invalid", property: "richMenuAliasId" },
        ]);
      if (state.aliases.has(alias)) fail(400, "conflict richmenu alias id");
      if (!state.richMenus.has(String(body.richMenuId))) fail(400, "richmenu not found");
      requireImage(richMenu(String(body.richMenuId)));
      state.aliases.set(alias, String(body.richMenuId));
      return [200, {}];
    }
    if ((m = path.match(/^\/v2\/bot\/richmenu\/alias\/([^/]+)$/))) {
      const alias = decodeURIComponent(m[1] as string);
      if (!state.aliases.has(alias)) fail(404, "richmenu alias not found");
      if (method === "GET") return [200, { richMenuAliasId: alias, richMenuId: state.aliases.get(alias) }];
      if (method === "DELETE") {
        state.aliases.delete(alias);
        return [200, {}];
      }
      if (method === "POST") {
        const id = String(json().richMenuId);
        if (!state.richMenus.has(id)) fail(400, "richmenu not found");
        requireImage(richMenu(id));
        state.aliases.set(alias, id);
        return [200, {}];
      }
    }
    if (path === "/v2/bot/user/all/richmenu") {
      if (method === "GET") {
        if (!state.defaultRichMenuId) fail(404, "no default richmenu");
        return [200, { richMenuId: state.defaultRichMenuId }];
      }
      if (method === "DELETE") {
        state.defaultRichMenuId = null;
        return [200, {}];
      }
    }
    if ((m = path.match(/^\/v2\/bot\/user\/all\/richmenu\/([^/]+)$/)) && method === "POST") {
      const menu = richMenu(decodeURIComponent(m[1] as string));
      requireImage(menu);
      state.defaultRichMenuId = menu.richMenuId;
      return [200, {}];
    }
    if ((m = path.match(/^\/v2\/bot\/user\/([^/]+)\/richmenu(?:\/([^/]+))?$/))) {
      const userId = decodeURIComponent(m[1] as string);
      checkUserId(userId, "userId");
      if (m[2] !== undefined && method === "POST") {
        const menu = richMenu(decodeURIComponent(m[2]));
        requireImage(menu);
        state.userRichMenus.set(userId, menu.richMenuId);
        return [200, {}];
      }
      if (m[2] === undefined && method === "DELETE") {
        state.userRichMenus.delete(userId);
        return [200, {}];
      }
      if (m[2] === undefined && method === "GET") {
        const id = state.userRichMenus.get(userId) ?? state.defaultRichMenuId;
        if (!id) fail(404, "the user has no richmenu");
        return [200, { richMenuId: id }];
      }
    }
    // Batch re-link of per-user menus (added for the rich menu deployer): applied at once, 202 like LINE.
    if (path === "/v2/bot/richmenu/batch" && method === "POST") {
      const ops = json().operations;
      if (!Array.isArray(ops) || ops.length === 0 || ops.length > 1000)
        fail(400, "operations must be an array of 1 to 1000 items", [
          { message: "invalid", property: "operations" },
        ]);
      const list = ops as { type?: unknown; from?: unknown; to?: unknown }[];
      for (const op of list) {
        if (op.type === "link") {
          richMenu(String(op.from));
          requireImage(richMenu(String(op.to)));
        } else if (op.type === "unlink") richMenu(String(op.from));
        else if (op.type !== "unlinkAll") fail(400, "operation type must be link, unlink or unlinkAll");
      }
      for (const op of list) {
        for (const [user, linked] of state.userRichMenus) {
          if (op.type === "unlinkAll" || (op.type === "unlink" && linked === op.from))
            state.userRichMenus.delete(user);
          else if (op.type === "link" && linked === op.from) state.userRichMenus.set(user, String(op.to));
        }
      }
      return [202, {}];
    }
    if (path === "/v2/bot/richmenu/progress/batch" && method === "GET") {
      const at = new Date(now()).toISOString();
      return [200, { phase: "succeeded", acceptedTime: at, completedTime: at }];
    }
    if ((m = path.match(/^\/v2\/bot\/richmenu\/([^/]+)$/))) {
      const id = decodeURIComponent(m[1] as string);
      const menu = richMenu(id);
      if (method === "GET") return [200, { richMenuId: id, ...menu.menu }];
      if (method === "DELETE") {
        state.richMenus.delete(id);
        if (state.defaultRichMenuId === id) state.defaultRichMenuId = null;
        for (const [user, linked] of state.userRichMenus) if (linked === id) state.userRichMenus.delete(user);
        for (const [alias, target] of state.aliases) if (target === id) state.aliases.delete(alias);
        return [200, {}];
      }
    }
    return fail(404, "Not found");
  };

  const endpointOf = (host: "api" | "data", method: string, path: string): FakeEndpoint => {
    if (host === "data") return "richmenu.image";
    if (path === "/v2/bot/message/reply") return "reply";
    if (path === "/v2/bot/message/push") return "push";
    if (path === "/v2/bot/message/multicast") return "multicast";
    if (path.startsWith("/v2/bot/message/validate/")) return "validate";
    if (path.startsWith("/v2/bot/message/quota")) return "quota";
    if (path === "/v2/bot/richmenu" && method === "POST") return "richmenu.create";
    if (/^\/v2\/bot\/richmenu\/[^/]+$/.test(path) && method === "DELETE" && !path.includes("/alias/"))
      return "richmenu.delete";
    if (path.includes("richmenu")) return "richmenu.other";
    return "other";
  };

  const rateLimited = (): HttpError =>
    new HttpError(
      429,
      "The API rate limit has been exceeded. Try again later.",
      [],
      options.retryAfterSeconds === undefined ? {} : { "retry-after": String(options.retryAfterSeconds) },
    );
  const sockets = new Set<Socket>();

  const listener = (host: "api" | "data") => (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const limit = host === "data" ? MAX_UPLOAD_BYTES : MAX_JSON_BYTES;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size <= limit) chunks.push(c);
    });
    req.on("end", () => {
      const method = req.method ?? "GET";
      const path = new URL(req.url ?? "/", "http://fake").pathname;
      const endpoint = endpointOf(host, method, path);
      const requestId = randomUUID();
      const raw = Buffer.concat(chunks);
      const record: RecordedRequest = {
        method,
        path,
        host,
        endpoint,
        status: 0,
        requestId,
        retryKey: (req.headers["x-line-retry-key"] as string | undefined) ?? null,
        body: null,
        at: now(),
      };
      if (
        options.retainBodies !== false &&
        String(req.headers["content-type"] ?? "").startsWith("application/json")
      ) {
        try {
          record.body = JSON.parse(raw.toString("utf8"));
        } catch {
          record.body = raw.toString("utf8").slice(0, 1000);
        }
      }
      requests.push(record);
      const send = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
        record.status = status;
        count(`${endpoint}.${status}`);
        const text = JSON.stringify(body);
        res.writeHead(status, {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(text),
          "x-line-request-id": requestId,
          ...headers,
        });
        res.end(text);
      };
      const sendError = (e: unknown): void => {
        if (e instanceof HttpError) {
          send(
            e.status,
            e.details.length > 0 ? { message: e.message, details: e.details } : { message: e.message },
            e.headers,
          );
        } else {
          send(500, { message: `fake LINE API bug: ${(e as Error).message}` });
        }
      };

      if (req.headers.authorization !== `Bearer ${token}`) {
        return sendError(
          new HttpError(
            401,
            "Authentication failed. Confirm that the access token in the authorization header is valid.",
          ),
        );
      }
      if (size > limit) return sendError(new HttpError(413, `Request body is too large (${size} bytes)`));
      if (!(limiters.get(endpoint) ?? (() => true))(now())) {
        return sendError(rateLimited());
      }

      // Fault injection: decide before processing; some faults happen after the work was done.
      let fault: "error" | "ratelimit" | "hang" | "drop" | null = null;
      let processedFirst = false;
      const f = faults;
      if (f && f.endpoints.includes(endpoint)) {
        const r = random();
        const cuts: [number, "error" | "ratelimit" | "hang" | "drop"][] = [
          [f.errorRate, "error"],
          [f.rateLimitRate, "ratelimit"],
          [f.timeoutRate, "hang"],
          [f.dropRate, "drop"],
        ];
        let acc = 0;
        for (const [share, kind] of cuts) {
          acc += share;
          if (r < acc) {
            fault = kind;
            break;
          }
        }
        processedFirst = fault !== null && fault !== "ratelimit" && random() < f.processedShare;
      }
      if (fault) count(`fault.${fault}${processedFirst ? ".processed" : ""}`);

      let result: [number, unknown] | null = null;
      let error: unknown = null;
      if (!fault || processedFirst) {
        try {
          result = handle(host, method, path, req, raw, requestId);
        } catch (e) {
          error = e;
        }
      }
      switch (fault) {
        case "error":
          return sendError(new HttpError(500, "Internal server error"));
        case "ratelimit":
          return sendError(rateLimited());
        case "hang":
          record.status = "hang";
          return;
        case "drop":
          record.status = "drop";
          req.socket.destroy();
          return;
      }
      if (error) return sendError(error);
      if (result) send(result[0], result[1]);
    });
  };

  const start = (server: Server): Promise<string> =>
    new Promise((resolve, reject) => {
      server.on("connection", (s: Socket) => {
        sockets.add(s);
        s.on("close", () => sockets.delete(s));
      });
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () =>
        resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
      );
    });
  const api = createServer(listener("api"));
  const data = createServer(listener("data"));
  // LINE's servers keep connections alive; so does the fake, with a short idle timeout.
  api.keepAliveTimeout = data.keepAliveTimeout = 5_000;
  const [url, dataUrl] = await Promise.all([start(api), start(data)]);

  return {
    url,
    dataUrl,
    state,
    requests,
    delivered: (userId) => deliveredByUser.get(userId) ?? [],
    recipients: () => [...deliveredByUser.keys()],
    replies: (t) => repliesByToken.get(t) ?? [],
    issueReplyToken(userId, t = randomUUID().replaceAll("-", "")) {
      state.replyTokens.set(t, { userId, expiresAt: now() + replyTtl, used: false });
      return t;
    },
    setFaults,
    stats: () => Object.fromEntries(counters),
    async close() {
      for (const s of sockets) s.destroy();
      await Promise.all([api, data].map((s) => new Promise<void>((r) => s.close(() => r()))));
    },
  };
}
