/**
 * The store port: a few small methods per aggregate. Every adapter (embedded, Firestore)
 * passes the same contract suite in test/contract/. The core receives a `Store` and never
 * knows which adapter it has.
 *
 * Times are epoch milliseconds; LINE user IDs are stored as given (they are needed to push),
 * but never logged in clear and never returned through staff interfaces.
 */
import type { Ward } from "../knowledge/schema.js";
import type { TopicKey } from "../knowledge/topics.js";
import type { StoreHealth } from "./store-health.js";

/** What the bot is waiting for from this resident, if anything. */
export type Awaiting = "ward-place" | null;

export interface Profile {
  userId: string;
  ward: Ward | null;
  /** Notice topics the resident opted into. */
  topics: TopicKey[];
  largeText: boolean;
  /** false after unfollow (blocked); preferences are kept. */
  followed: boolean;
  awaiting: Awaiting;
  createdAt: number;
  updatedAt: number;
}

export type ProfilePatch = Partial<Omit<Profile, "userId" | "createdAt" | "updatedAt">>;

export interface ProfileStore {
  getProfile(userId: string): Promise<Profile | null>;
  /** Creates the profile with defaults when missing, applies the patch, returns the result. */
  upsertProfile(userId: string, patch: ProfilePatch, now: number): Promise<Profile>;
  /** Bulk import (residents import); returns how many were written. */
  importProfiles(profiles: Profile[]): Promise<number>;
}

export interface AudienceFilter {
  wards: Ward[];
  topics: TopicKey[];
}

/** Audience counts; every ward and topic of the filter is present, zero when nobody matches. */
export interface AudienceCounts {
  total: number;
  byWard: Partial<Record<Ward, number>>;
  byTopic: Partial<Record<TopicKey, number>>;
}

/** One page of an audience (see {@link AudienceStore.listAudiencePage}). */
export interface AudiencePage {
  userIds: string[];
  /** Pass as `after` to read the next page; null when this page was the last. */
  next: string | null;
}

export interface AudienceStore {
  /**
   * Up to `limit` user IDs of followed residents whose ward is in `wards` and who opted into at
   * least one of `topics`, in the store's order, starting after the cursor `after` (null: from
   * the start). The order is a key derived from the user ID alone, so it never changes for a
   * resident (the embedded store: ascending user ID; Firestore: audience bucket, then document
   * id), and pages read one after another are disjoint even while residents change wards, topics
   * or follow state between reads: nobody is listed twice in one walk, and a resident who no
   * longer matches when their page is read is left out. The cursor is opaque: only the store
   * that handed it out reads it. A page may hold fewer than `limit` with more to come (an
   * adapter reading several queries stops at the first one's end); it is empty only when `next`
   * is null.
   */
  listAudiencePage(filter: AudienceFilter, after: string | null, limit: number): Promise<AudiencePage>;
  /** Counts of that audience per ward and per topic, for dry runs and staff screens. */
  countAudience(filter: AudienceFilter): Promise<AudienceCounts>;
}

/** What `audience check` and `audience rebuild` report: counts only, never a user ID. */
export interface AudienceIndexReport {
  /** Bucket documents the index has. */
  buckets: number;
  /** Whether audience reads use the index (false: the adapter still answers from its profiles). */
  ready: boolean;
  /** Profiles read. */
  profiles: number;
  /** Audience entries those profiles call for (followed, with a ward and a topic). */
  entries: number;
  /** Entries the index lacks, holds with another ward or topics, or holds for nobody. */
  missing: number;
  stale: number;
  extra: number;
  /** Entries in the fullest bucket, and how many one may hold. */
  fullest: number;
  capacity: number;
  /** Bucket documents written (0 for a check). */
  rewritten: number;
}

/**
 * Upkeep of an adapter that keeps its audience in an index beside the profiles (Firestore's
 * audience buckets). Adapters that read the audience straight from their profiles have none.
 */
export interface AudienceIndex {
  /** Compares the index with the profiles; writes nothing. */
  checkAudienceIndex(): Promise<AudienceIndexReport>;
  /**
   * Rewrites every bucket that disagrees with the profiles, then marks the index ready. Safe
   * while residents change settings (each bucket is rewritten in a transaction that re-reads its
   * profiles) and harmless to repeat: a second run rewrites nothing.
   */
  rebuildAudienceIndex(): Promise<AudienceIndexReport>;
}

export interface EventLog {
  /**
   * Claims a webhook event id. Returns true the first time (the caller handles the event)
   * and false for a repeat. The claim expires at `expiresAt` (a TTL field in Firestore).
   */
  claimEvent(webhookEventId: string, now: number, expiresAt: number): Promise<boolean>;
}

export interface UnansweredQuestion {
  /** Keyed hash of the LINE user ID; never the ID itself. */
  userHash: string;
  text: string;
  at: number;
}

/** One group of unanswered questions as staff see it: counts only, never a hash or a user id. */
export interface UnansweredGroup {
  /** The latest wording of the question. */
  text: string;
  /** How many times it was asked. */
  count: number;
  /** How many distinct residents asked it (askers recorded without a hash count as one). */
  askers: number;
  lastAt: number;
}

export interface UnansweredStore {
  recordUnanswered(q: UnansweredQuestion): Promise<void>;
  /**
   * Most frequent first (by normalised text), with counts; no user identifiers. `askers` is the
   * number of distinct residents (keyed hashes) who asked, so ten asks by one resident read as 1.
   */
  listUnanswered(limit: number): Promise<UnansweredGroup[]>;
}

export const NOTICE_STATES = ["draft", "confirmed", "sending", "sent", "partly-failed", "cancelled"] as const;
export type NoticeState = (typeof NOTICE_STATES)[number];

export interface NoticeRecord {
  id: string;
  /** The notice content and targeting, validated by src/notices. */
  data: Record<string, unknown>;
  state: NoticeState;
  /** When a confirmed notice is due to be sent. */
  sendAt: number | null;
  /** Optimistic concurrency: incremented on every write. */
  version: number;
  createdAt: number;
  updatedAt: number;
}

export const BATCH_STATES = ["pending", "sent", "failed"] as const;
export type BatchState = (typeof BATCH_STATES)[number];

export interface DeliveryBatch {
  noticeId: string;
  index: number;
  userIds: string[];
  /** X-Line-Retry-Key, stored before the request is sent and reused on every retry. */
  retryKey: string;
  state: BatchState;
  attempts: number;
  /** Reason for a failure, or the accepted request id. */
  reason: string | null;
  updatedAt: number;
}

/** Where a delivery's paging stands (see {@link NoticeStore.addBatches}). */
export interface DeliveryProgress {
  /** Pages stored so far; the next one to add has this number. */
  pages: number;
  /** The audience cursor the next page starts after (null: from the start). */
  next: string | null;
  /** True once the last page is stored: the batches are the whole audience. */
  complete: boolean;
}

export interface NoticeStore {
  createNotice(n: NoticeRecord): Promise<void>;
  getNotice(id: string): Promise<NoticeRecord | null>;
  /**
   * Writes the notice if its stored version equals `expectedVersion`; the stored version
   * becomes expectedVersion + 1. Returns false (and writes nothing) on a version mismatch.
   */
  updateNotice(n: NoticeRecord, expectedVersion: number): Promise<boolean>;
  listNotices(filter?: { states?: NoticeState[] }): Promise<NoticeRecord[]>;
  /** Confirmed notices with sendAt <= now, and sending notices (to resume), oldest first. */
  listDueNotices(now: number): Promise<NoticeRecord[]>;

  /**
   * Stores page `page` (0, 1, 2, …) of a notice's delivery: the batches made from one page of the
   * audience, and the audience cursor after it (`next`, null when it was the last page). All or
   * nothing, and only once: returns false and writes nothing when that page is already stored or
   * the page before it is not, so two senders (or a sender and its own retry) cannot both add it.
   */
  addBatches(noticeId: string, page: number, batches: DeliveryBatch[], next: string | null): Promise<boolean>;
  /** How far the delivery's audience has been paged into stored batches. */
  deliveryProgress(noticeId: string): Promise<DeliveryProgress>;
  /** Every stored batch of a notice, by index. */
  listBatches(noticeId: string): Promise<DeliveryBatch[]>;
  /**
   * Records the outcome of several batches at once (one commit); each must exist. Only the
   * outcome is written (`state`, `attempts`, `reason`, `updatedAt`): a batch's recipients and
   * retry key are fixed when it is stored.
   */
  updateBatches(batches: DeliveryBatch[]): Promise<void>;

  /**
   * Takes or renews the sending lease of a notice, atomically: succeeds when there is no lease,
   * the lease expired, or `owner` already holds it.
   */
  acquireLease(noticeId: string, owner: string, now: number, ttlMs: number): Promise<boolean>;
  releaseLease(noticeId: string, owner: string): Promise<void>;
}

/** One emergency bulletin per area (`scope`: a ward name or "all"); content is opaque to the store. */
export interface BulletinRecord {
  scope: string;
  /** The bulletin content and state, validated by src/bulletin. */
  data: Record<string, unknown>;
  /** The time stamp residents see (last publish or update). */
  updatedAt: number;
  /** Optimistic concurrency, as for notices. */
  version: number;
}

export interface BulletinStore {
  getBulletin(scope: string): Promise<BulletinRecord | null>;
  /**
   * Writes the bulletin if the stored version equals `expectedVersion` (null: only if there is
   * none yet); the stored version becomes expectedVersion + 1 (0 for a new one). Returns false
   * and writes nothing on a mismatch.
   */
  putBulletin(b: BulletinRecord, expectedVersion: number | null): Promise<boolean>;
  /** Every bulletin (a handful: one per area), in no particular order. */
  listBulletins(): Promise<BulletinRecord[]>;
}

export interface Store
  extends ProfileStore, AudienceStore, EventLog, UnansweredStore, NoticeStore, BulletinStore {
  /** Human-readable adapter name for logs ("memory", "file:/path", "firestore"). */
  readonly kind: string;
  /** The audience index's upkeep, where the adapter keeps one (see {@link AudienceIndex}). */
  readonly audienceIndex?: AudienceIndex;
  /**
   * Whether reads and writes work: a damaged record (embedded store) or an unreachable database
   * is reported, never thrown. Served by `/healthz`.
   */
  health(): Promise<StoreHealth>;
  close(): Promise<void>;
}
