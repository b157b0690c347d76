/**
 * What the two Firestore adapters (firestore.ts for residents and notices, catalogue-firestore.ts
 * for the catalogue) share: document ids Firestore accepts, a timeout on every call, the gRPC
 * codes they tell apart, opening a client from a connection, and reading a stored document
 * through a schema.
 *
 * Reading through a schema is the adapter's edge: Firestore hands back untyped maps, and a
 * document an older release, a hand edit in the console or a bug wrote in another shape must
 * fail here, naming the document, rather than travel into the core as a wrong type.
 *
 * Only types come from @google-cloud/firestore here: the client library is loaded when a
 * Firestore store is opened (see create-store.ts), never by merely importing this module.
 */
import { createHash } from "node:crypto";
import type { Firestore } from "@google-cloud/firestore";
import type * as z from "zod";

/** gRPC status codes the adapters tell apart. */
export const NOT_FOUND = 5;
export const ALREADY_EXISTS = 6;
export const FAILED_PRECONDITION = 9;

const SAFE_ID = /^[A-Za-z0-9_.-]{1,400}$/;

/** A Firestore document id for any string: as given when allowed, else a hash (marked with `~`). */
export function documentId(id: string): string {
  if (SAFE_ID.test(id) && id !== "." && id !== ".." && !/^__.*__$/.test(id)) return id;
  return `~${createHash("sha256").update(id, "utf8").digest("hex")}`;
}

/** The gRPC status code of a client error, if it carries one. */
export function grpcCode(e: unknown): unknown {
  return typeof e === "object" && e !== null ? (e as { code?: unknown }).code : undefined;
}

/**
 * Runs store calls with a deadline: without a reachable backend the client would retry for ever.
 * `timed(name, work)` rejects after `timeoutMs` with a message naming the call and the fix.
 */
export function callTimeout(timeoutMs: number): <T>(name: string, work: () => Promise<T>) => Promise<T> {
  return <T>(name: string, work: () => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `Firestore ${name} did not answer within ${timeoutMs} ms; ` +
                `check that Firestore (or FIRESTORE_EMULATOR_HOST) is reachable`,
            ),
          ),
        timeoutMs,
      );
      work().then(
        (v) => {
          clearTimeout(timer);
          resolve(v);
        },
        (e: unknown) => {
          clearTimeout(timer);
          reject(e);
        },
      );
    });
}

/** A stored document that does not have the shape the adapter writes. */
export class BadDocumentError extends Error {
  constructor(
    /** The document's path, e.g. `profiles/U123…` (ids are document ids, hashed where needed). */
    readonly path: string,
    /** What is wrong, one line per field. */
    readonly problems: readonly string[],
  ) {
    super(
      `Firestore document ${path} does not have the shape this release writes (${problems.join("; ")}). ` +
        `Fix or delete the document; it was not changed.`,
    );
    this.name = "BadDocumentError";
  }
}

/** The part of a snapshot `readDocument` needs (a DocumentSnapshot or QueryDocumentSnapshot). */
export interface StoredDocument {
  readonly ref: { readonly path: string };
  data(): unknown;
}

/** The document's data parsed by `schema`, or a {@link BadDocumentError} naming the document. */
export function readDocument<S extends z.ZodType>(schema: S, doc: StoredDocument): z.output<S> {
  const parsed = schema.safeParse(doc.data());
  if (parsed.success) return parsed.data;
  throw new BadDocumentError(
    doc.ref.path,
    parsed.error.issues.map((i) => `${i.path.length > 0 ? i.path.join(".") : "(document)"}: ${i.message}`),
  );
}

/** How to reach Firestore (only used for a `{ kind: "firestore" }` store spec). */
export interface FirestoreConnection {
  /** Google Cloud project id; on Cloud Functions the client finds it by itself. */
  projectId?: string | null;
  /** host:port of the emulator, e.g. 127.0.0.1:8787; unset for real Firestore. */
  emulatorHost?: string | null;
  /** Named database; "(default)" when unset. */
  databaseId?: string | null;
  /** Prefix of every collection name (e.g. for a staging copy in the same project). */
  prefix?: string;
  /** Longest single store call (default 10 s). */
  timeoutMs?: number;
  /** How long the start-up readiness check may take (default 10 s); 0 skips the check. */
  readyTimeoutMs?: number;
}

/**
 * A new Firestore client for `connection`, the client library imported only now. The caller
 * owns it (the adapters terminate it on `close()` when told `ownsClient`).
 */
export async function openFirestoreClient(connection: FirestoreConnection): Promise<Firestore> {
  const { Firestore } = await import("@google-cloud/firestore");
  const host = connection.emulatorHost ?? null;
  return new Firestore({
    ...(connection.projectId ? { projectId: connection.projectId } : {}),
    ...(connection.databaseId ? { databaseId: connection.databaseId } : {}),
    ...(host ? { host, ssl: false } : {}),
    ignoreUndefinedProperties: true,
  });
}

/** The adapter options both Firestore adapters take from a connection. */
export function adapterOptions(connection: FirestoreConnection): { prefix?: string; timeoutMs?: number } {
  return {
    ...(connection.prefix !== undefined ? { prefix: connection.prefix } : {}),
    ...(connection.timeoutMs !== undefined ? { timeoutMs: connection.timeoutMs } : {}),
  };
}
