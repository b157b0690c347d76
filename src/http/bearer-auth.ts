/**
 * `bearerAuth({ tokens, slowDown })`: express middleware that lets a request through only with
 * `Authorization: Bearer <token>` for one of `tokens`, compared in constant time (every token
 * is compared, always, so timing says nothing about which one matched). Failures are answered
 * 401, logged without the token, and repeated failures from one client are answered ever more
 * slowly, then refused outright (429) until the window passes.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { NextFunction, Request, RequestHandler, Response } from "express";
import type { Logger } from "../logging.js";

/** How repeated failures from one client are slowed down. */
export interface SlowDownOptions {
  /** Failed attempts per client before answers slow down (default 5). */
  freeFailures?: number;
  /** First added delay; doubles per further failure (default 250 ms). */
  baseDelayMs?: number;
  /** Longest added delay (default 5 s). */
  maxDelayMs?: number;
  /** After this many failures in the window, answer 429 at once (default 50). */
  blockAfter?: number;
  /** How long failures are remembered (default 15 min). */
  windowMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export interface BearerAuthOptions {
  /** The accepted tokens; empty refuses every request. */
  tokens: readonly string[];
  slowDown?: SlowDownOptions;
  logger: Pick<Logger, "warn">;
  /** `realm` of the WWW-Authenticate challenge. */
  realm: string;
  /** The bodies of the refusals (the staff API words them in Japanese). */
  messages: { unauthorized: string; tooManyFailures: string };
  /** Who a configured token is (set as `res.locals.identity`). */
  envIdentity?: unknown;
  /**
   * Other tokens, looked up on every request (staff tokens in the store, so a revoked one stops
   * working at once): who it is, or null.
   */
  lookup?: (token: string) => Promise<unknown>;
  /** Distinct clients remembered at once; the oldest is forgotten first (default 10,000). */
  maxClients?: number;
}

const sha256 = (s: string): Buffer => createHash("sha256").update(s, "utf8").digest();

/** The middleware; see the module comment. */
export function bearerAuth(options: BearerAuthOptions): RequestHandler {
  const {
    freeFailures = 5,
    baseDelayMs = 250,
    maxDelayMs = 5000,
    blockAfter = 50,
    windowMs = 15 * 60_000,
    sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms)),
  }: SlowDownOptions = options.slowDown ?? {};
  const { logger, realm, messages, maxClients = 10_000 } = options;
  const tokenDigests = options.tokens.map(sha256);
  // Failed attempts per client; bounded so a flood of addresses cannot grow it without limit.
  const failures = new Map<string, { count: number; first: number }>();

  function tokenOk(header: string | undefined): boolean {
    const m = /^Bearer ([\x21-\x7e]{1,512})$/.exec(header ?? "");
    if (!m?.[1]) return false;
    const given = sha256(m[1]);
    let ok = false;
    for (const d of tokenDigests) ok = timingSafeEqual(given, d) || ok;
    return ok;
  }

  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const client = req.ip ?? req.socket.remoteAddress ?? "unknown";
    const now = Date.now();
    const seen = failures.get(client);
    if (seen && now - seen.first > windowMs) failures.delete(client);
    if (tokenOk(req.headers.authorization)) {
      failures.delete(client);
      res.locals.identity = options.envIdentity;
      return next();
    }
    const bearer = /^Bearer ([\x21-\x7e]{1,512})$/.exec(req.headers.authorization ?? "")?.[1];
    const found = bearer && options.lookup ? await options.lookup(bearer) : null;
    if (found) {
      failures.delete(client);
      res.locals.identity = found;
      return next();
    }
    const f = failures.get(client) ?? { count: 0, first: now };
    f.count += 1;
    if (!failures.has(client)) {
      if (failures.size >= maxClients) failures.delete(failures.keys().next().value as string);
      failures.set(client, f);
    }
    logger.warn(
      {
        event: `${realm}-auth-failed`,
        client,
        path: req.path,
        method: req.method,
        failures: f.count,
        hasHeader: !!req.headers.authorization,
      },
      `${realm} request without a valid token`,
    );
    if (f.count > blockAfter) {
      res.set("Retry-After", String(Math.ceil(windowMs / 1000)));
      res.status(429).json({ error: "too-many-failures", message: messages.tooManyFailures });
      return;
    }
    if (f.count > freeFailures)
      await sleep(Math.min(maxDelayMs, baseDelayMs * 2 ** (f.count - freeFailures - 1)));
    res.set("WWW-Authenticate", `Bearer realm="${realm}"`);
    res.status(401).json({ error: "unauthorized", message: messages.unauthorized });
  };
}
