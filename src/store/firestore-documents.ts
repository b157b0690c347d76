/**
 * The shapes of the documents the Firestore adapters write, as schemas the adapters read them
 * back through (`readDocument` in firestore-common.ts). Each is checked against the port's type
 * (`satisfies`), so the port and the stored shape cannot drift apart unnoticed.
 *
 * Fields that older releases did not write are optional here with the value the port expects
 * for "not set" (a profile without `awaiting` is waiting for nothing); a field of the wrong type
 * fails the read with the document's path.
 *
 * Each schema is built on its first use (src/lazy-schema.ts), not when the Firestore adapter is
 * imported: a new instance reads profiles and events on its first webhook and notices, batches,
 * catalogue years or staff tokens much later or never, and building all of them at import was
 * about 9 ms of CPU on every cold start (issue 14, docs/benchmarks.md).
 */
import * as z from "zod";
import { lazySchema } from "../lazy-schema.js";
import { ProgramSchema, WardSchema } from "../knowledge/schema.js";
import { TOPIC_KEYS, type TopicKey } from "../knowledge/topics.js";
import {
  AUDIT_ACTIONS,
  RESOLUTION_ACTIONS,
  type AuditEntry,
  type CatalogueState,
  type CatalogueYear,
  type QuestionResolution,
  type StaffToken,
  type VocabularyAddition,
} from "./catalogue-port.js";
import {
  BATCH_STATES,
  NOTICE_STATES,
  type BulletinRecord,
  type DeliveryBatch,
  type NoticeRecord,
  type Profile,
} from "./port.js";

const int = lazySchema(() => z.number().int());
/** Epoch milliseconds. */
const time = lazySchema(() => z.number());
/** Absent in documents older releases wrote: read as null. */
const orNull = <S extends z.ZodType>(schema: S) =>
  schema
    .nullable()
    .optional()
    .transform((v) => v ?? null);

/** A field stored as a JSON string, read back as the value `accept` recognises. */
const jsonText = <T>(accept: (value: unknown) => value is T, expected: string) =>
  lazySchema(() =>
    z.string().transform((text, ctx): T => {
      try {
        const value: unknown = JSON.parse(text);
        if (accept(value)) return value;
      } catch {
        // reported below
      }
      ctx.addIssue({ code: "custom", message: `not ${expected}` });
      return z.NEVER;
    }),
  );

/** Notice and bulletin content is kept as a JSON string (the store never looks inside). */
const jsonObject = jsonText(
  (v): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v),
  "a JSON object",
);

export const ProfileDocument = lazySchema(() =>
  z.object({
    userId: z.string(),
    ward: orNull(WardSchema),
    topics: z
      .array(z.enum(TOPIC_KEYS as [TopicKey, ...TopicKey[]]))
      .optional()
      .transform((t) => t ?? []),
    largeText: z
      .boolean()
      .optional()
      .transform((v) => v === true),
    followed: z
      .boolean()
      .optional()
      .transform((v) => v !== false),
    awaiting: orNull(z.literal("ward-place")),
    createdAt: time,
    updatedAt: time,
  }),
) satisfies z.ZodType<Profile>;

export const NoticeDocument = lazySchema(() =>
  z.object({
    id: z.string(),
    data: jsonObject,
    state: z.enum(NOTICE_STATES),
    sendAt: orNull(time),
    version: int,
    createdAt: time,
    updatedAt: time,
  }),
) satisfies z.ZodType<NoticeRecord>;

export const BulletinDocument = lazySchema(() =>
  z.object({
    scope: z.string(),
    data: jsonObject,
    updatedAt: time,
    version: int,
  }),
) satisfies z.ZodType<BulletinRecord>;

/** A JSON string holding an array of strings (a batch's recipients, see {@link BatchDocument}). */
const jsonStrings = jsonText(
  (v): v is string[] => Array.isArray(v) && v.every((x) => typeof x === "string"),
  "a JSON array of strings",
);

/**
 * `notices/{id}/batches/{token}-{index}`. `userIds` is one JSON string: as one value a batch of
 * 500 recipients is a single field to encode, send and (where the index exemption is missing, as
 * on the emulator) index, instead of 500 array elements. Batches written before are arrays.
 */
export const BatchDocument = lazySchema(() =>
  z.object({
    token: z.string(),
    noticeId: z.string(),
    index: int,
    userIds: z.union([jsonStrings, z.array(z.string())]),
    retryKey: z.string(),
    state: z.enum(BATCH_STATES),
    attempts: int,
    reason: orNull(z.string()),
    updatedAt: time,
  }),
) satisfies z.ZodType<DeliveryBatch & { token: string }>;

/**
 * `deliveries/{noticeId}`: the delivery's batch set (`token`, part of every batch document's id)
 * and how far its audience has been paged. Deliveries stored before paging have no `pages`: their
 * one batch set is the whole audience.
 */
export const DeliveryDocument = lazySchema(() =>
  z.object({
    noticeId: z.string(),
    token: z.string(),
    count: int,
    pages: int.optional(),
    next: orNull(z.string()),
    complete: z.boolean().optional(),
  }),
);

/** `unanswered/{hash}`: one question group (askerCount and unknownAsker are absent in older ones). */
export const UnansweredDocument = lazySchema(() =>
  z.object({
    key: z.string(),
    text: z.string(),
    count: int,
    askerCount: int.optional(),
    unknownAsker: z.boolean().optional(),
    lastAt: z.number(),
    /** Wording by time of ask (ms, as a string); the newest is the group's wording. */
    texts: z.record(z.string(), z.string()).optional(),
  }),
);

/** `leases/{noticeId}`. */
export const LeaseDocument = lazySchema(() =>
  z.object({ noticeId: z.string(), owner: z.string(), expiresAt: z.number() }),
);

/** `events/{id}`: only the expiry is read back (a Firestore Timestamp, for the TTL policy). */
export const EventDocument = lazySchema(() =>
  z.object({
    expiresAt: z.custom<{ toMillis(): number }>(
      (v) =>
        typeof v === "object" && v !== null && typeof (v as { toMillis?: unknown }).toMillis === "function",
      "not a Timestamp",
    ),
  }),
);

export const CatalogueStateDocument = lazySchema(() =>
  z.object({
    currentYear: int.nullable(),
    indexVersion: z.string().nullable(),
    revision: int,
    changedAt: z.number(),
  }),
) satisfies z.ZodType<CatalogueState>;

/** `catalogueYears/{year}`: the year record and `revision`, the id of its active program set. */
export const CatalogueYearDocument = lazySchema(() =>
  z.object({
    year: int,
    label: z.string(),
    wards: z.array(z.object({ ward: WardSchema, source: z.string(), notes: z.array(z.string()) })),
    programCount: int,
    source: z.string(),
    importedAt: z.number(),
    importedBy: z.string(),
    revision: z.string(),
  }),
);
/** The year record without the adapter's `revision` field. */
export const CatalogueYearRecord = lazySchema(() =>
  CatalogueYearDocument.omit({
    revision: true,
  }),
) satisfies z.ZodType<CatalogueYear>;

export const ProgramDocument = ProgramSchema;

export const VocabularyDocument = lazySchema(() =>
  z.discriminatedUnion("kind", [
    z.object({
      id: z.string(),
      kind: z.literal("synonym"),
      word: z.string(),
      of: z.string(),
      by: z.string(),
      at: z.number(),
    }),
    z.object({
      id: z.string(),
      kind: z.literal("out-of-scope"),
      topic: z.string(),
      terms: z.array(z.string()),
      where: z.string(),
      by: z.string(),
      at: z.number(),
    }),
  ]),
) satisfies z.ZodType<VocabularyAddition>;

export const ResolutionDocument = lazySchema(() =>
  z.object({
    key: z.string(),
    text: z.string(),
    action: z.enum(RESOLUTION_ACTIONS),
    target: z.string(),
    by: z.string(),
    at: z.number(),
  }),
) satisfies z.ZodType<QuestionResolution>;

export const StaffTokenDocument = lazySchema(() =>
  z.object({
    id: z.string(),
    digest: z.string(),
    name: z.string(),
    scope: z.discriminatedUnion("kind", [
      z.object({ kind: z.literal("city") }),
      z.object({ kind: z.literal("ward"), ward: WardSchema }),
    ]),
    createdAt: z.number(),
    createdBy: z.string(),
    revokedAt: z.number().nullable(),
  }),
) satisfies z.ZodType<StaffToken>;

export const AuditDocument = lazySchema(() =>
  z
    .object({
      id: z.string(),
      at: z.number(),
      who: z.string(),
      action: z.enum(AUDIT_ACTIONS),
      target: z.string(),
      ward: WardSchema.nullable(),
      // JSON (the adapter writes plain data): `undefined` was dropped on the way in.
      before: z.unknown(),
      after: z.unknown(),
    })
    .transform((d): AuditEntry => ({ ...d, before: d.before, after: d.after })),
);

/** The search index's parent document, written after its chunks. */
export const SearchIndexDocument = lazySchema(() =>
  z.object({ version: z.string(), chunks: int, chars: int }),
);
export const SearchIndexChunk = lazySchema(() => z.object({ text: z.string() }));
