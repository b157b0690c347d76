/**
 * What the store can say about itself: healthy, or damaged at a named file and line (the
 * embedded store's journal holds a record it cannot read). A damaged store refuses every read
 * and write with {@link StoreDamagedError} instead of carrying on without the record: the
 * server keeps answering what needs no store, `/healthz` answers 503 naming file and line, and
 * the operator restores the file. Nothing here carries a record's content (it may hold a LINE
 * user id): only where it is and what kind of problem it has.
 */

/** Why a record could not be read. */
export type StoreDamage = "not-a-store-file" | "not-json" | "not-a-record" | "invalid-record";

/** The store's state as `/healthz` reports it. */
export type StoreHealth =
  | { ok: true }
  | { ok: false; state: "damaged"; file: string; line: number; problem: StoreDamage }
  /** Reads fail for another reason (Firestore unreachable, a permission): `reason` is the error's class. */
  | { ok: false; state: "unavailable"; reason: string };

/** A record of the store file cannot be read: every read and write is refused until it is restored. */
export class StoreDamagedError extends Error {
  readonly code = "store-damaged";
  constructor(
    readonly file: string,
    readonly line: number,
    readonly problem: StoreDamage,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "StoreDamagedError";
  }
}

/** The health a failed store call reveals (`err` is whatever it threw). */
export function healthOfError(err: unknown): StoreHealth {
  if (err instanceof StoreDamagedError)
    return { ok: false, state: "damaged", file: err.file, line: err.line, problem: err.problem };
  return { ok: false, state: "unavailable", reason: err instanceof Error ? err.name : "unknown" };
}

/** Log fields for a failed store call: file and line when the store is damaged. */
export function storeFailureFields(err: unknown): Record<string, unknown> {
  return err instanceof StoreDamagedError
    ? { err, storeFile: err.file, storeLine: err.line, storeProblem: err.problem }
    : { err };
}
