/**
 * The Firestore adapter of the store port (@google-cloud/firestore), for Cloud Functions.
 *
 * Collections (each name prefixed with `prefix`, default none; see docs/firestore.md):
 * - `profiles/{userId}`: one resident. Every write of a profile also writes the resident's entry
 *   in `audienceBuckets/{00…ff}` in the same commit (firestore-audience.ts): deliveries and counts
 *   read the audience from those 256 documents. Until a deployment whose profiles predate the
 *   buckets has run `audience rebuild`, they query `profiles` by `followed`, `ward`, `topics`.
 * - `events/{webhookEventId}`: processed webhook events; `expiresAt` is a Timestamp so a TTL
 *   policy deletes old claims.
 * - `unanswered/{sha256(normalised text)}`: one document per distinct question with its count and
 *   `askerCount`; `unanswered/{id}/askers/{userHash}` marks who asked (keyed hashes, never LINE
 *   user ids), created in the same commit that increments `askerCount`. Written with server-side
 *   increments and one read, not a transaction (see `recordUnanswered`).
 * - `notices/{id}`: notice records (`data` kept as a JSON string: the store never looks inside).
 * - `notices/{id}/batches/{token}-{index}` + `deliveries/{id}` (`token`, `count`, `pages`, `next`,
 *   `complete`): delivery batches, added one audience page at a time. Each page is one commit:
 *   its batch documents and the delivery document, created for page 0 and updated for later pages
 *   with a last-update-time precondition, so a page is added once and only after the one before
 *   it, without a transaction. Deliveries stored before paging (a random `token`, no `pages`) are
 *   read as one complete page.
 * - `leases/{noticeId}`: who is sending a notice, until when; taken and renewed with plain writes
 *   under preconditions (create if absent, else update if unchanged since read), not transactions,
 *   so a renewal never holds a lock and never waits for one.
 * - `bulletins/{scope}`: the emergency bulletin of one area (a ward name or "all"); `data` kept
 *   as a JSON string like a notice's, `version` checked in a transaction on every write.
 *
 * Every call has a timeout: without a reachable backend the client would retry forever.
 * Document ids that Firestore cannot take as given (`/`, `__x__`, long ids) are replaced by a hash;
 * the original id is kept in a field.
 */
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import type {
  CollectionReference,
  DocumentData,
  DocumentReference,
  DocumentSnapshot,
  Firestore,
  Query,
} from "@google-cloud/firestore";
import type { Ward } from "../knowledge/schema.js";
import type {
  AudienceFilter,
  BulletinRecord,
  DeliveryBatch,
  DeliveryProgress,
  NoticeRecord,
  NoticeState,
  Profile,
  Store,
} from "./port.js";
import { applyProfilePatch } from "./apply-profile-patch.js";
import {
  ALREADY_EXISTS,
  FAILED_PRECONDITION,
  NOT_FOUND,
  callTimeout,
  documentId,
  grpcCode,
  readDocument,
  type StoredDocument,
} from "./firestore-common.js";
import {
  BatchDocument,
  BulletinDocument,
  DeliveryDocument,
  EventDocument,
  LeaseDocument,
  NoticeDocument,
  ProfileDocument,
  UnansweredDocument,
} from "./firestore-documents.js";
import { healthOfError } from "./store-health.js";
import { byBucket, createFirestoreAudience } from "./firestore-audience.js";
import { bucketOf } from "./audience-buckets.js";
import { questionDisplay, questionKey } from "./question-key.js";
import { lazySchema } from "../lazy-schema.js";
import {
  NO_PROGRESS,
  audiencePage,
  checkPageLimit,
  byBatchIndex,
  byCreatedAt,
  byDueTime,
  byString,
  checkBatches,
  sortNotices,
  unansweredLimit,
  unansweredOrder,
  zeroCounts,
} from "./rules.js";

/** Options of {@link createFirestoreStore}. */
export interface FirestoreStoreOptions {
  firestore: Firestore;
  /** Prepended to every top-level collection name (e.g. "staging_"). */
  prefix?: string;
  /** Longest any single store call may take before it fails (default 10 s). */
  timeoutMs?: number;
  /** Terminate the client on `close()` (when the caller created it only for this store). */
  ownsClient?: boolean;
}

/** Firestore took at most 500 writes per commit (and still takes 10 MiB); stay inside both. */
const MAX_WRITES = 500;
/** Import commits in flight at once. */
const IMPORT_COMMITS = 4;

/**
 * The batch-set token of deliveries stored page by page: one commit per page makes a page's
 * creation atomic, so there is no losing attempt's copy to tell apart (older deliveries used a
 * random token per attempt for that).
 */
const PAGED_TOKEN = "paged";

/** An audience query selects only `userId` (built on first use, as the documents' schemas are). */
const AudienceRow = lazySchema(() => ProfileDocument.pick({ userId: true }));

const toProfile = (doc: StoredDocument): Profile => readDocument(ProfileDocument, doc);

const fromProfile = (p: Profile): DocumentData => ({
  userId: p.userId,
  ward: p.ward,
  topics: [...new Set(p.topics)],
  largeText: p.largeText,
  followed: p.followed,
  awaiting: p.awaiting,
  createdAt: p.createdAt,
  updatedAt: p.updatedAt,
});

const fromNotice = (n: NoticeRecord): DocumentData => ({
  id: n.id,
  data: JSON.stringify(n.data),
  state: n.state,
  sendAt: n.sendAt,
  version: n.version,
  createdAt: n.createdAt,
  updatedAt: n.updatedAt,
});

const toNotice = (doc: StoredDocument): NoticeRecord => readDocument(NoticeDocument, doc);

const fromBulletin = (b: BulletinRecord, version: number): DocumentData => ({
  scope: b.scope,
  data: JSON.stringify(b.data),
  updatedAt: b.updatedAt,
  version,
});

const toBulletin = (doc: StoredDocument): BulletinRecord => readDocument(BulletinDocument, doc);

const fromBatch = (b: DeliveryBatch, token: string): DocumentData => ({
  token,
  noticeId: b.noticeId,
  index: b.index,
  userIds: JSON.stringify(b.userIds),
  retryKey: b.retryKey,
  ...outcomeOf(b),
});

/**
 * What a batch's outcome changes. A batch's recipients and retry key never change once stored,
 * so recording an outcome writes only these (a few bytes, not the 500 user ids again).
 */
const outcomeOf = (b: DeliveryBatch): DocumentData => ({
  state: b.state,
  attempts: b.attempts,
  reason: b.reason,
  updatedAt: b.updatedAt,
});

const toBatch = (doc: StoredDocument): DeliveryBatch => {
  const { token: _token, ...batch } = readDocument(BatchDocument, doc);
  return batch;
};

const batchDocId = (token: string, index: number): string => `${token}-${String(index).padStart(6, "0")}`;

/** Creates the Firestore store. The client is given (a factory, not a module singleton). */
export function createFirestoreStore(options: FirestoreStoreOptions): Store {
  const db = options.firestore;
  // The one value this module needs from the client library, loaded when a Firestore store is
  // made: a static import would be hoisted into every bundle that merely contains this module.
  const {
    Timestamp: FirestoreTimestamp,
    FieldPath,
    FieldValue,
  } = createRequire(import.meta.url)("@google-cloud/firestore") as typeof import("@google-cloud/firestore");
  const prefix = options.prefix ?? "";
  const timeoutMs = options.timeoutMs ?? 10_000;
  const col = (name: string): CollectionReference => db.collection(`${prefix}${name}`);
  const profiles = col("profiles");
  const events = col("events");
  const unanswered = col("unanswered");
  const notices = col("notices");
  const deliveries = col("deliveries");
  const leases = col("leases");
  const bulletins = col("bulletins");
  const audience = createFirestoreAudience({
    db,
    profiles,
    buckets: col("audienceBuckets"),
    deleteField: () => FieldValue.delete(),
    timed: callTimeout(timeoutMs),
  });
  /** A delivery's token never changes once created, so it can be remembered. */
  const tokens = new Map<string, string>();
  const byDocumentId = FieldPath.documentId();

  const timed = callTimeout(timeoutMs);

  const batchesOf = (noticeId: string): CollectionReference =>
    notices.doc(documentId(noticeId)).collection("batches");

  const audienceQueries = ({ wards, topics }: AudienceFilter): Array<{ ward: Ward; query: Query }> =>
    // One query per ward: `in` and `array-contains-any` may not share a query in every
    // Firestore release, and per-ward queries give the per-ward counts for free.
    [...new Set(wards)].map((ward) => ({
      ward,
      query: profiles
        .where("followed", "==", true)
        .where("ward", "==", ward)
        .where("topics", "array-contains-any", [...new Set(topics)]),
    }));

  const tokenOf = async (noticeId: string): Promise<string | null> => {
    const known = tokens.get(noticeId);
    if (known !== undefined) return known;
    const snap = await deliveries.doc(documentId(noticeId)).get();
    const token = snap.exists ? readDocument(DeliveryDocument, snap).token : null;
    if (token !== null) tokens.set(noticeId, token);
    return token;
  };

  const progressOf = (snap: DocumentSnapshot): DeliveryProgress => {
    if (!snap.exists) return { ...NO_PROGRESS };
    const d = readDocument(DeliveryDocument, snap);
    tokens.set(d.noticeId, d.token);
    // Stored before paging: the one batch set is the whole audience.
    if (d.pages === undefined) return { pages: 1, next: null, complete: true };
    return { pages: d.pages, next: d.next, complete: d.complete ?? d.next === null };
  };

  /**
   * Takes, renews or releases a lease with plain writes under preconditions: `decide` looks at
   * the stored lease and returns what to write (or false to refuse). A write that lost a race
   * (the document appeared, or changed since it was read) is decided again on a fresh read.
   */
  const changeLease = async (
    noticeId: string,
    decide: (lease: { owner: string; expiresAt: number } | null) => DocumentData | "delete" | false,
  ): Promise<boolean> => {
    const ref = leases.doc(documentId(noticeId));
    for (let attempt = 0; ; attempt++) {
      const snap = await ref.get();
      const lease = snap.exists ? readDocument(LeaseDocument, snap) : null;
      const write = decide(lease);
      if (write === false) return false;
      try {
        if (write === "delete") {
          if (snap.updateTime) await ref.delete({ lastUpdateTime: snap.updateTime });
        } else if (!snap.updateTime) await ref.create(write);
        else await ref.update(write, { lastUpdateTime: snap.updateTime });
        return true;
      } catch (e) {
        const code = grpcCode(e);
        const raced = code === ALREADY_EXISTS || code === FAILED_PRECONDITION || code === NOT_FOUND;
        if (!raced || attempt >= 4) throw e;
      }
    }
  };

  /** One audience query per ward, each read from `after` on in document-id order. */
  const audienceRows = async (
    filter: AudienceFilter,
    after: string | null,
    perWard: number,
  ): Promise<Array<Array<{ id: string; userId: string }>>> =>
    Promise.all(
      audienceQueries(filter).map(async ({ query }) => {
        let q = query.orderBy(byDocumentId).select("userId");
        if (after !== null) q = q.startAfter(after);
        const snap = await q.limit(perWard).get();
        return snap.docs.map((d) => ({ id: d.id, userId: readDocument(AudienceRow, d).userId }));
      }),
    );

  return {
    kind: prefix === "" ? "firestore" : `firestore (prefix ${prefix})`,

    audienceIndex: {
      checkAudienceIndex: () => audience.check(),
      rebuildAudienceIndex: () => audience.rebuild(),
    },

    getProfile: (userId) =>
      timed("getProfile", async () => {
        const snap = await profiles.doc(documentId(userId)).get();
        return snap.exists ? toProfile(snap) : null;
      }),

    upsertProfile: (userId, patch, now) =>
      timed("upsertProfile", async () => {
        await audience.beforeFirstWrite();
        return db.runTransaction(async (tx) => {
          const ref = profiles.doc(documentId(userId));
          const snap = await tx.get(ref);
          const current = snap.exists ? toProfile(snap) : null;
          const next = applyProfilePatch(userId, current, patch, now);
          tx.set(ref, fromProfile(next));
          // The audience entry changes in the same commit, or not at all.
          const entry = audience.entryWrite(current, next);
          if (entry) tx.set(entry.ref, entry.data, { merge: true });
          return next;
        });
      }),

    importProfiles: (list) =>
      timed("importProfiles", async () => {
        await audience.beforeFirstWrite();
        // The last of repeated user ids wins, as it would written one after another.
        const latest = [...new Map(list.map((p) => [documentId(p.userId), p])).values()];
        // Each commit holds profiles and their bucket entries together (≤ MAX_WRITES writes).
        // Sorted by bucket, a large import's commit touches one or two bucket documents; the
        // commits are blind writes, so a few go at once.
        const chunks: Profile[][] = [];
        let chunk: Profile[] = [];
        let touched = new Set<number>();
        for (const p of byBucket(latest)) {
          const b = bucketOf(p.userId);
          if (chunk.length + touched.size + (touched.has(b) ? 1 : 2) > MAX_WRITES) {
            chunks.push(chunk);
            chunk = [];
            touched = new Set();
          }
          chunk.push(p);
          touched.add(b);
        }
        if (chunk.length > 0) chunks.push(chunk);
        const commitNext = async (): Promise<void> => {
          for (let c = chunks.shift(); c; c = chunks.shift()) {
            const commit = db.batch();
            for (const p of c) commit.set(profiles.doc(documentId(p.userId)), fromProfile(p));
            for (const e of audience.entryWrites(c)) commit.set(e.ref, e.data, { merge: true });
            await commit.commit();
          }
        };
        await Promise.all(Array.from({ length: IMPORT_COMMITS }, commitNext));
        return list.length;
      }),

    listAudiencePage: (filter, after, limit) =>
      timed("listAudiencePage", async () => {
        if (filter.topics.length === 0 || filter.wards.length === 0) return audiencePage([], limit);
        checkPageLimit(limit);
        if (await audience.ready()) return audience.listAudiencePage(filter, after, limit);
        // Profiles that predate the audience buckets (no `audience rebuild` yet): the queries.
        // Each ward's query reads its share of the page plus one: where a ward has more to come,
        // the page may only run up to that ward's last row, or a resident of that ward between
        // there and another ward's last row would be skipped. Rows read past the cut are read
        // again with the next page (a few per ward), so reads stay about one per recipient.
        const wards = new Set(filter.wards).size;
        const perWard = Math.ceil(limit / wards);
        const rows = await audienceRows(filter, after, perWard + 1);
        let cut: string | null = null;
        for (const r of rows) {
          if (r.length <= perWard) continue;
          const last = (r[perWard - 1] as { id: string }).id;
          if (cut === null || last < cut) cut = last;
        }
        const merged = rows
          .flat()
          .filter((r) => cut === null || r.id <= cut)
          .sort((a, b) => byString(a.id, b.id));
        const page = merged.slice(0, limit);
        const more = cut !== null || merged.length > limit;
        return { userIds: page.map((r) => r.userId), next: more ? (page.at(-1)?.id ?? null) : null };
      }),

    countAudience: (filter) =>
      timed("countAudience", async () => {
        const wards = [...new Set(filter.wards)];
        const topics = [...new Set(filter.topics)];
        const counts = zeroCounts(wards, topics);
        const { byWard, byTopic } = counts;
        if (wards.length === 0 || topics.length === 0) return counts;
        if (await audience.ready()) return audience.countAudience(filter);
        const count = async (q: Query): Promise<number> => (await q.count().get()).data().count;
        const [wardCounts, topicCounts] = await Promise.all([
          Promise.all(audienceQueries(filter).map(({ query }) => count(query))),
          Promise.all(
            topics.map((t) =>
              count(
                profiles
                  .where("followed", "==", true)
                  .where("ward", "in", wards)
                  .where("topics", "array-contains", t),
              ),
            ),
          ),
        ]);
        wards.forEach((w, i) => (byWard[w] = wardCounts[i] ?? 0));
        topics.forEach((t, i) => (byTopic[t] = topicCounts[i] ?? 0));
        counts.total = wardCounts.reduce((s, n) => s + n, 0);
        return counts;
      }),

    claimEvent: (webhookEventId, now, expiresAt) =>
      timed("claimEvent", async () => {
        const ref = events.doc(documentId(webhookEventId));
        const data = {
          id: webhookEventId,
          claimedAt: now,
          expiresAt: FirestoreTimestamp.fromMillis(expiresAt),
        };
        try {
          // Fast path: one write for an event seen the first time.
          await ref.create(data);
          return true;
        } catch (e) {
          if (grpcCode(e) !== ALREADY_EXISTS) throw e;
        }
        return db.runTransaction(async (tx) => {
          const snap = await tx.get(ref);
          if (snap.exists && readDocument(EventDocument, snap).expiresAt.toMillis() > now) return false;
          tx.set(ref, data);
          return true;
        });
      }),

    recordUnanswered: (q) =>
      timed("recordUnanswered", async () => {
        const key = questionKey(q.text);
        if (key === "") return;
        const ref = unanswered.doc(createHash("sha256").update(key, "utf8").digest("hex"));
        const text = questionDisplay(q.text);
        // The keyed hash is kept (in a subcollection, never in the group document that staff
        // queries read) so a resident asking ten times counts as one asker.
        const askerRef = q.userHash === "" ? null : ref.collection("askers").doc(documentId(q.userHash));
        // One read and one commit of blind writes, not a transaction: a popular question asked
        // by many residents at once made transactions wait for each other's locks and back off
        // for seconds, past the timeout (docs/benchmarks.md, thirteenth session, E7). Counts are
        // server-side increments and `lastAt` a server-side maximum, which never conflict; the
        // wording of each ask goes into `texts` under its time, so the newest wording is
        // `texts[lastAt]` whatever order the commits land in. Entries older than this ask are
        // dropped (never the newest: this ask's own entry is newer), so `texts` stays small.
        let askerKnown = askerRef === null;
        for (let attempt = 0; ; attempt++) {
          const [snap, asker] = askerKnown
            ? [await ref.get()]
            : await db.getAll(ref, askerRef as DocumentReference);
          if (!snap) throw new Error("a read of the question returned nothing");
          // An asker document is never removed, so once seen it need not be read again.
          if (asker?.exists === true) askerKnown = true;
          const newAsker = askerKnown ? 0 : 1;
          const group = snap.exists ? readDocument(UnansweredDocument, snap) : null;
          const texts: DocumentData = { [String(q.at)]: text };
          for (const at of Object.keys(group?.texts ?? {}))
            if (Number(at) < q.at) texts[at] = FieldValue.delete();
          const commit = db.batch();
          // Created only if absent, in the same commit as the count: a lost race writes nothing.
          if (askerRef && newAsker) commit.create(askerRef, { userHash: q.userHash, firstAt: q.at });
          commit.set(
            ref,
            {
              key,
              count: FieldValue.increment(1),
              askerCount: FieldValue.increment(newAsker),
              lastAt: FieldValue.maximum(q.at),
              texts,
              // `text` is the wording of groups stored before `texts`; a new group gets one too.
              ...(group === null ? { text } : {}),
              // Asks recorded before askers were kept (no askerCount; the first writer since reads
              // it so) or without a hash: one unknown asker.
              ...(askerRef === null || (group !== null && group.askerCount === undefined)
                ? { unknownAsker: true }
                : {}),
            },
            { merge: true },
          );
          try {
            await commit.commit();
            return;
          } catch (e) {
            // Another ask of this resident created the asker document first: read again, once.
            if (grpcCode(e) !== ALREADY_EXISTS || attempt > 0) throw e;
          }
        }
      }),

    listUnanswered: (limit) =>
      timed("listUnanswered", async () => {
        const n = unansweredLimit(limit);
        if (n === 0) return [];
        const snap = await unanswered.orderBy("count", "desc").orderBy("lastAt", "desc").limit(n).get();
        const rows = snap.docs.map((d) => {
          const group = readDocument(UnansweredDocument, d);
          const known = group.askerCount;
          const unknown = known === undefined || group.unknownAsker === true;
          return {
            // Groups stored before `texts` (or whose newest ask predates it) keep it in `text`.
            text: group.texts?.[String(group.lastAt)] ?? group.text,
            count: group.count,
            askers: (known ?? 0) + (unknown ? 1 : 0),
            lastAt: group.lastAt,
          };
        });
        // Same order as the embedded store, down to ties on count and time.
        return rows.sort(unansweredOrder);
      }),

    createNotice: (n) =>
      timed("createNotice", async () => {
        try {
          await notices.doc(documentId(n.id)).create(fromNotice(n));
        } catch (e) {
          if (grpcCode(e) === ALREADY_EXISTS) throw new Error(`notice ${n.id} already exists`);
          throw e;
        }
      }),

    getNotice: (id) =>
      timed("getNotice", async () => {
        const snap = await notices.doc(documentId(id)).get();
        return snap.exists ? toNotice(snap) : null;
      }),

    updateNotice: (n, expectedVersion) =>
      timed("updateNotice", () =>
        db.runTransaction(async (tx) => {
          const ref = notices.doc(documentId(n.id));
          const snap = await tx.get(ref);
          if (!snap.exists) return false;
          const stored = toNotice(snap);
          if (stored.version !== expectedVersion) return false;
          tx.set(ref, { ...fromNotice(n), version: expectedVersion + 1, createdAt: stored.createdAt });
          return true;
        }),
      ),

    listNotices: (filter?: { states?: NoticeState[] }) =>
      timed("listNotices", async () => {
        const states = filter?.states;
        if (states !== undefined && states.length === 0) return [];
        const q: Query = states === undefined ? notices : notices.where("state", "in", [...new Set(states)]);
        const snap = await q.get();
        return sortNotices(snap.docs.map(toNotice), byCreatedAt);
      }),

    listDueNotices: (now) =>
      timed("listDueNotices", async () => {
        const [due, sending] = await Promise.all([
          notices.where("state", "==", "confirmed").where("sendAt", "<=", now).get(),
          notices.where("state", "==", "sending").get(),
        ]);
        return sortNotices([...due.docs, ...sending.docs].map(toNotice), byDueTime);
      }),

    addBatches: (noticeId, page, batches, next) =>
      timed("addBatches", async () => {
        checkBatches(noticeId, batches);
        if (batches.length >= MAX_WRITES) throw new Error(`a page holds at most ${MAX_WRITES - 1} batches`);
        const marker = deliveries.doc(documentId(noticeId));
        const snap = await marker.get();
        const progress = progressOf(snap);
        if (progress.complete || progress.pages !== page) return false;
        const token = snap.exists ? readDocument(DeliveryDocument, snap).token : PAGED_TOKEN;
        const count = (snap.exists ? readDocument(DeliveryDocument, snap).count : 0) + batches.length;
        const commit = db.batch();
        for (const b of batches)
          commit.create(batchesOf(noticeId).doc(batchDocId(token, b.index)), fromBatch(b, token));
        const state = { noticeId, token, count, pages: page + 1, next, complete: next === null };
        if (snap.updateTime) commit.update(marker, state, { lastUpdateTime: snap.updateTime });
        else commit.create(marker, state);
        try {
          await commit.commit();
        } catch (e) {
          const code = grpcCode(e);
          // Another sender (or this one's earlier attempt) stored this page first.
          if (code === ALREADY_EXISTS || code === FAILED_PRECONDITION) return false;
          throw e;
        }
        tokens.set(noticeId, token);
        return true;
      }),

    deliveryProgress: (noticeId) =>
      timed("deliveryProgress", async () => progressOf(await deliveries.doc(documentId(noticeId)).get())),

    listBatches: (noticeId) =>
      timed("listBatches", async () => {
        const token = await tokenOf(noticeId);
        if (token === null) return [];
        const snap = await batchesOf(noticeId).where("token", "==", token).get();
        return snap.docs.map(toBatch).sort(byBatchIndex);
      }),

    updateBatches: (list) =>
      timed("updateBatches", async () => {
        for (let i = 0; i < list.length; i += MAX_WRITES) {
          const commit = db.batch();
          for (const batch of list.slice(i, i + MAX_WRITES)) {
            const token = await tokenOf(batch.noticeId);
            if (token === null) throw new Error(`notice ${batch.noticeId} has no batches`);
            commit.update(batchesOf(batch.noticeId).doc(batchDocId(token, batch.index)), outcomeOf(batch));
          }
          try {
            await commit.commit();
          } catch (e) {
            if (grpcCode(e) === NOT_FOUND) throw new Error(`a notice has no such batch: ${String(e)}`);
            throw e;
          }
        }
      }),

    acquireLease: (noticeId, owner, now, ttlMs) =>
      timed("acquireLease", () =>
        changeLease(noticeId, (lease) =>
          lease !== null && lease.expiresAt > now && lease.owner !== owner
            ? false
            : { noticeId, owner, expiresAt: now + ttlMs },
        ),
      ),

    releaseLease: (noticeId, owner) =>
      timed("releaseLease", async () => {
        await changeLease(noticeId, (lease) => (lease?.owner === owner ? "delete" : false));
      }),

    getBulletin: (scope) =>
      timed("getBulletin", async () => {
        const snap = await bulletins.doc(documentId(scope)).get();
        return snap.exists ? toBulletin(snap) : null;
      }),

    putBulletin: (b, expectedVersion) =>
      timed("putBulletin", () =>
        db.runTransaction(async (tx) => {
          const ref = bulletins.doc(documentId(b.scope));
          const snap = await tx.get(ref);
          const ok =
            expectedVersion === null
              ? !snap.exists
              : snap.exists && toBulletin(snap).version === expectedVersion;
          if (!ok) return false;
          tx.set(ref, fromBulletin(b, expectedVersion === null ? 0 : expectedVersion + 1));
          return true;
        }),
      ),

    listBulletins: () =>
      timed("listBulletins", async () => {
        const snap = await bulletins.get();
        return snap.docs.map(toBulletin).sort((a, b) => byString(a.scope, b.scope));
      }),

    // One document read (a missing one costs the same): proves the database answers in time.
    health: async () => {
      try {
        await timed("health", () => leases.doc("_health").get());
        return { ok: true };
      } catch (e) {
        return healthOfError(e);
      }
    },

    close: async () => {
      if (options.ownsClient) await db.terminate();
    },
  };
}
