/**
 * Structured JSON logs for Cloud Logging: pino with a `severity` field (Cloud Logging reads it
 * instead of pino's numeric level) and `message` as the text key. User IDs never reach a log
 * in clear: callers log `createUserHasher(key)(userId)` instead.
 */
import { pino, type DestinationStream, type Logger } from "pino";

export type { Logger } from "pino";

const SEVERITY: Record<string, string> = {
  trace: "DEBUG",
  debug: "DEBUG",
  info: "INFO",
  warn: "WARNING",
  error: "ERROR",
  fatal: "CRITICAL",
};

/** LINE user, group and room ids: `U`/`C`/`R` + 32 hex digits. */
const LINE_ID = /\b[UCR][0-9a-f]{32}\b/g;

/** Removes LINE ids from free text (error messages from a store may quote a document path). */
export function scrubLineIds(text: string): string {
  return text.replace(LINE_ID, "[line-id]");
}

/**
 * pino's error serializer, with LINE ids scrubbed from message and stack. Some callers log
 * `err: String(e)` or `err.message`: a string is scrubbed too, or it would bypass the scrub.
 */
function scrubbedError(err: unknown): unknown {
  if (typeof err === "string") return scrubLineIds(err);
  const e = pino.stdSerializers.err(err as Error) as unknown as Record<string, unknown>;
  if (!e || typeof e !== "object") return e;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(e)) out[k] = typeof v === "string" ? scrubLineIds(v) : v;
  return out;
}

/** A pino logger writing Cloud Logging–shaped JSON lines to `destination` (stdout by default). */
export function createLogger(options: { level?: string; destination?: DestinationStream } = {}): Logger {
  return pino(
    {
      level: options.level ?? "info",
      messageKey: "message",
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        level: (label) => ({ severity: SEVERITY[label] ?? "DEFAULT" }),
      },
      serializers: { err: scrubbedError },
      // Belt and braces: these fields must never carry a raw LINE user id or a secret.
      redact: {
        paths: ["userId", "*.userId", "authorization", "*.authorization", "token"],
        censor: "[redacted]",
      },
    },
    options.destination,
  );
}
