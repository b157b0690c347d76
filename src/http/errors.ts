/**
 * The one map from errors to HTTP status, shared by every router: the SDK's signature and parse
 * errors (401/400), body-parser's size, encoding and JSON errors (413/415/400), the core's
 * `DomainError` refusals by kind (400/404/409), our own `HttpError`, and anything else as 500
 * without internals. Each router only chooses how to word the body (the webhook answers LINE in
 * English; the staff API answers staff in Japanese); operators get the details in the log.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ErrorRequestHandler } from "express";
import { JSONParseError, SignatureValidationFailed } from "@line/bot-sdk";
import { DomainError, type RefusalKind } from "../domain-error.js";
import type { Logger } from "../logging.js";

/** An error that carries its HTTP status (and a short public message). */
export class HttpError extends Error {
  override name = "HttpError";
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The status of each kind of refusal by the core. */
export const REFUSAL_STATUS: Record<RefusalKind, 400 | 404 | 409> = {
  invalid: 400,
  "not-found": 404,
  conflict: 409,
};

/**
 * What an error means over HTTP: the status, a stable code (`bad-signature`, `bad-json`,
 * `too-large`, `bad-request`, `internal`, or a DomainError's own code) and a short public message.
 */
export interface HttpFailure {
  status: number;
  code: string;
  message: string;
}

interface BodyParserError {
  type?: unknown;
  status?: unknown;
  expose?: unknown;
}

/** Status, code and public message for any error. */
export function httpFailureOf(err: unknown): HttpFailure {
  if (err instanceof SignatureValidationFailed)
    return { status: 401, code: "bad-signature", message: "invalid or missing x-line-signature" };
  if (err instanceof JSONParseError)
    return { status: 400, code: "bad-json", message: "body is not valid JSON" };
  if (err instanceof DomainError)
    return { status: REFUSAL_STATUS[err.kind], code: err.code, message: err.message };
  if (err instanceof HttpError)
    return { status: err.status, code: err.status >= 500 ? "internal" : "bad-request", message: err.message };
  const e = (typeof err === "object" && err !== null ? err : {}) as BodyParserError;
  if (e.type === "entity.parse.failed") return { status: 400, code: "bad-json", message: "bad request" };
  if (e.type === "entity.too.large")
    return { status: 413, code: "too-large", message: "request body too large" };
  if (e.type === "encoding.unsupported" || e.type === "charset.unsupported")
    return { status: 415, code: "bad-request", message: "unsupported content encoding" };
  if (typeof e.status === "number" && e.status >= 400 && e.status < 500 && e.expose === true)
    return { status: e.status, code: "bad-request", message: "bad request" };
  return { status: 500, code: "internal", message: "internal error" };
}

/** Answers `body` as JSON (the content type express's `res.json` gives), on a plain Node response. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(json),
  });
  res.end(json);
}

/** The path without the query, as express's `req.path` gives it at the app's root. */
const pathOf = (req: IncomingMessage): string => {
  const url = req.url ?? "/";
  const q = url.indexOf("?");
  return q < 0 ? url : url.slice(0, q);
};

/**
 * Logs a failed request and answers it with its status and `{ error }` (see `httpFailureOf`):
 * the one way every router and the webhook's plain handler refuse a request.
 */
export function answerFailure(logger: Logger, req: IncomingMessage, res: ServerResponse, err: unknown): void {
  const { status, message } = httpFailureOf(err);
  const detail = {
    status,
    path: pathOf(req),
    method: req.method,
    errorName: (err as Error | undefined)?.name,
  };
  if (status >= 500) logger.error({ ...detail, err }, "request failed");
  else logger.warn(detail, `request refused: ${message}`);
  if (res.headersSent) res.destroy();
  else sendJson(res, status, { error: message });
}

/** The app's last middleware. */
export function createErrorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    answerFailure(logger, req, res, err);
  };
}
