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

const CENSOR = "[redacted]";
/** Fields censored at the top of a line and one level down (in any field's object). */
const NESTED_SECRETS = ["userId", "authorization"] as const;

/**
 * `obj` with every field's own `userId` and `authorization` censored (what the redaction paths
 * `*.userId` and `*.authorization` did): the same object when there is none, else a copy, so
 * the caller's objects are never changed. Run on every line's fields (pino's `log` formatter)
 * and on a child logger's bindings. pino's own wildcard paths did this by
 * calling a redactor for every field of every line, strings included: 7 KB allocated and a
 * few µs per event line, a tenth of a webhook's allocation outside search (docs/benchmarks.md,
 * issue 14 tenth session).
 */
function censorNested(obj: Record<string, unknown>): Record<string, unknown> {
  let out: Record<string, unknown> | null = null;
  for (const key of Object.keys(obj)) {
    const value = obj[key];
    // An error is censored by its serializer (a copy here would lose its message and stack).
    if (key === "err" || typeof value !== "object" || value === null) continue;
    const found = NESTED_SECRETS.filter((k) => Object.hasOwn(value, k));
    if (found.length === 0) continue;
    out ??= { ...obj };
    const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    for (const k of found) copy[k] = CENSOR;
    out[key] = copy;
  }
  return out ?? obj;
}

/**
 * pino's error serializer, with LINE ids scrubbed from message and stack. Some callers log
 * `err: String(e)` or `err.message`: a string is scrubbed too, or it would bypass the scrub.
 * An error's own `userId` or `authorization` property is censored here, as the log fields'
 * are in `censorNested` (which sees the error before it is serialised).
 */
function scrubbedError(err: unknown): unknown {
  if (typeof err === "string") return scrubLineIds(err);
  const e = pino.stdSerializers.err(err as Error) as unknown as Record<string, unknown>;
  if (!e || typeof e !== "object") return e;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(e)) out[k] = typeof v === "string" ? scrubLineIds(v) : v;
  for (const k of NESTED_SECRETS) if (Object.hasOwn(out, k)) out[k] = CENSOR;
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

/**
 * pino's `isoTime` (`,"time":"2026-12-07T14:37:09.123Z"`), with the date and time up to the
 * second formatted once per second: a `Date` and `toISOString` per line were a hundredth of
 * the bot's CPU per event. Same text, millisecond for millisecond.
 */
export function createIsoTime(now: () => number = Date.now): () => string {
  let second = Number.NaN;
  let head = "";
  return () => {
    const t = now();
    const s = Math.floor(t / 1000);
    if (s !== second) {
      second = s;
      // "…T14:37:09.000Z" without its milliseconds and Z.
      head = `,"time":"${new Date(s * 1000).toISOString().slice(0, -4)}`;
    }
    const ms = t - s * 1000;
    return `${head}${ms < 10 ? "00" : ms < 100 ? "0" : ""}${ms}Z"`;
  };
}
const isoTime = createIsoTime();

/** A pino logger writing Cloud Logging–shaped JSON lines to `destination` (stdout by default). */
export function createLogger(options: { level?: string; destination?: DestinationStream } = {}): Logger {
  const root = pino(
    {
      level: options.level ?? "info",
      messageKey: "message",
      base: undefined,
      timestamp: isoTime,
      formatters: {
        level: (label) => ({ severity: SEVERITY[label] ?? "DEFAULT" }),
        // Belt and braces: these fields must never carry a raw LINE user id or a secret, at the
        // top of a line (`redact`) or one level down (here, and in `child` below).
        log: censorNested,
      },
      serializers: { err: scrubbedError },
      redact: { paths: ["userId", "authorization", "token"], censor: CENSOR },
    },
    options.destination,
  );
  // pino passes a child's bindings through no formatter, so they are censored on the way in.
  // A child is made with Object.create(parent), so this own method serves grandchildren too.
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called with each logger's own `this` below
  const child = root.child;
  root.child = function (this: typeof root, bindings, childOptions) {
    return child.call(this, censorNested(bindings), childOptions);
  } as typeof child;
  return root;
}
