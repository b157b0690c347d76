/**
 * One place that maps error classes to HTTP status and a JSON body: the SDK's signature and
 * parse errors (401/400), body-parser's size and encoding errors (413/415/400), our own
 * `HttpError`, and anything else as 500 without internals. Operators get the details in the log.
 */
import type { ErrorRequestHandler } from "express";
import { JSONParseError, SignatureValidationFailed } from "@line/bot-sdk";
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

interface BodyParserError {
  type?: unknown;
  status?: unknown;
  expose?: unknown;
}

/** Status and public message for an error. */
export function statusOf(err: unknown): { status: number; message: string } {
  if (err instanceof SignatureValidationFailed)
    return { status: 401, message: "invalid or missing x-line-signature" };
  if (err instanceof JSONParseError) return { status: 400, message: "body is not valid JSON" };
  if (err instanceof HttpError) return { status: err.status, message: err.message };
  const e = (typeof err === "object" && err !== null ? err : {}) as BodyParserError;
  if (e.type === "entity.too.large") return { status: 413, message: "request body too large" };
  if (e.type === "encoding.unsupported" || e.type === "charset.unsupported")
    return { status: 415, message: "unsupported content encoding" };
  if (typeof e.status === "number" && e.status >= 400 && e.status < 500 && e.expose === true)
    return { status: e.status, message: "bad request" };
  return { status: 500, message: "internal error" };
}

/** The app's last middleware. */
export function createErrorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, next) => {
    const { status, message } = statusOf(err);
    if (res.headersSent) {
      next(err);
      return;
    }
    const detail = {
      status,
      path: req.path,
      method: req.method,
      errorName: (err as Error | undefined)?.name,
    };
    if (status >= 500) logger.error({ ...detail, err }, "request failed");
    else logger.warn(detail, `request refused: ${message}`);
    res.status(status).json({ error: message });
  };
}
