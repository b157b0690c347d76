/**
 * A refusal by the core (a notice that cannot be confirmed, a draft that does not validate, an
 * unknown id): what kind of refusal it is, a stable `code` for programs and a message for the
 * person who asked. The core knows nothing of HTTP: `src/http/errors.ts` maps the kind to a
 * status for every router, and the CLI maps it to an exit code.
 */

/** What kind of refusal: the input is wrong, the thing is not there, or the state forbids it. */
export type RefusalKind = "invalid" | "not-found" | "conflict";

/** One problem with one input field (`path` is the field, "" for the input as a whole). */
export interface Issue {
  path: string;
  message: string;
}

/** A refusal with a stable code and a message staff can act on. */
export class DomainError extends Error {
  constructor(
    readonly kind: RefusalKind,
    /** Stable for programs (e.g. "not-found", "conflict", "not-draft"). */
    readonly code: string,
    message: string,
    readonly issues: readonly Issue[] = [],
  ) {
    super(message);
    this.name = "DomainError";
  }
}
