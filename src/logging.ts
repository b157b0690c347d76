/**
 * Structured JSON logs for Cloud Logging: pino with a `severity` field (Cloud Logging reads it
 * instead of pino's numeric level) and `message` as the text key. User IDs never reach a log
 * in clear: callers log `createUserHasher(key)(userId)` instead.
 */
import { pino, type DestinationStream } from "pino";
import { scrubLineIds } from "./line/line-id.js";

/**
 * The one logger type of the app: structured fields first, then the message. pino's logger is
 * one; a module that logs only some levels asks for `Pick<Logger, …>`, so a test can hand it a
 * small recording fake.
 */
export interface Logger {
  info(obj: Record<string, unknown>, msg: string): void;
  warn(obj: Record<string, unknown>, msg: string): void;
  error(obj: Record<string, unknown>, msg: string): void;
  /** A logger that adds `bindings` to every line (per event, per request). */
  child(bindings: Record<string, unknown>): Logger;
}

const SEVERITY: Record<string, string> = {
  trace: "DEBUG",
  debug: "DEBUG",
  info: "INFO",
  warn: "WARNING",
  error: "ERROR",
  fatal: "CRITICAL",
};

export { scrubLineIds } from "./line/line-id.js";

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

/** Bytes of log lines kept before a write (about ten event lines). */
const BUFFER_BYTES = 4096;
/** Longest a line waits in the buffer when the server is quiet. */
const FLUSH_EVERY_MS = 250;

/** Stdout for pino, written in batches: {@link bufferedStdout}. */
export interface BufferedStdout extends DestinationStream {
  /** Writes what is buffered now (asynchronously). */
  flush(): void;
  /** Writes what is buffered before returning. */
  flushSync(): void;
}

/**
 * Stdout written in batches, for the long-running server: one write per event line (a system
 * call, synchronous so nothing is lost) was a twentieth of the server's CPU per webhook
 * (docs/benchmarks.md, issue 14 fifth session). Lines are kept up to 4 KB and written together,
 * and at most 250 ms after they were logged when the server is quiet. Nothing is lost on the way
 * out: pino's destination writes the buffer synchronously on process exit — `process.exit`, the
 * end of the event loop, and a crash (an uncaught exception or rejection exits through the same
 * `exit` event). Only a SIGKILL loses the last lines (at most 4 KB, a quarter of a second).
 * Short-lived and throttled runtimes (the CLI, Cloud Functions) keep the synchronous default.
 */
export function bufferedStdout(fd: number = 1): BufferedStdout {
  return pino.destination({ dest: fd, sync: false, minLength: BUFFER_BYTES, periodicFlush: FLUSH_EVERY_MS });
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
