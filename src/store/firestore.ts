/**
 * The Firestore adapter of the store port (@google-cloud/firestore), for Cloud Functions.
 *
 * Collections (each name prefixed with `prefix`, default none; see docs/firestore.md):
 * - `profiles/{userId}`: one resident; audience queries filter `followed`, `ward`, `topics`.
 * - `events/{webhookEventId}`: processed webhook events; `expiresAt` is a Timestamp so a TTL
 *   policy deletes old claims.
 * - `unanswered/{sha256(normalised text)}`: one document per distinct question with its count and
 *   `askerCount`; `unanswered/{id}/askers/{userHash}` marks who asked (keyed hashes, never LINE
 *   user ids), created in the same transaction that increments `askerCount`.
 * - `notices/{id}`: notice records (`data` kept as a JSON string: the store never looks inside).
 * - `notices/{id}/batches/{token}-{index}` + `deliveries/{id}` (`token`, `count`): delivery
 *   batches. The batches are written first under a fresh token, then `deliveries/{id}` is created
 *   in a transaction; only the batch set whose token won counts. So "create once" holds even for
 *   thousands of batches (more than one write batch can hold) and across crashes.
 * - `leases/{noticeId}`: who is sending a notice, until when.
 * - `bulletins/{scope}`: the emergency bulletin of one area (a ward name or "all"); `data` kept
 *   as a JSON string like a notice's, `version` checked in a transaction on every write.
 *
 * Every call has a timeout: without a reachable backend the client would retry forever.
 * Document ids that Firestore cannot take as given (`/`, `__x__`, long ids) are replaced by a hash;
 * the original id is kept in a field.
 */
import { createHash, randomUUID } from "node:crypto";
import { createRequire } from "node:module";
import type {
  CollectionReference,
  DocumentData,
  DocumentReference,
  Firestore,
  Query,
} from "@google-cloud/firestore";
import type { Ward } from "../knowledge/schema.js";
import type {
  AudienceFilter,
  BulletinRecord,
  DeliveryBatch,
  NoticeRecord,
  NoticeState,
  Profile,
  Store,
} from "./port.js";
import { applyProfilePatch } from "./apply-profile-patch.js";
import {
  ALREADY_EXISTS,
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
import { questionDisplay, questionKey } from "./question-key.js";
import {
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

/** Firestore takes up to 500 writes and 10 MiB per commit; stay well inside both. */
const MAX_WRITES = 500;
const MAX_BYTES = 4 * 1024 * 1024;

/** An audience query selects only `userId`. */
const AudienceRow = ProfileDocument.pick({ userId: true });

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
  userIds: b.userIds,
  retryKey: b.retryKey,
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
  const { Timestamp: FirestoreTimestamp } = createRequire(import.meta.url)(
    "@google-cloud/firestore",
  ) as typeof import("@google-cloud/firestore");
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
  /** A delivery's token never changes once created, so it can be remembered. */
  const tokens = new Map<string, string>();

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

  /** Writes documents in commits that respect Firestore's per-commit limits. */
  const writeAll = async (docs: Array<{ ref: DocumentReference; data: DocumentData }>): Promise<void> => {
    let batch = db.batch();
    let writes = 0;
    let bytes = 0;
    for (const { ref, data } of docs) {
      const size = JSON.stringify(data).length * 3;
      if (writes > 0 && (writes >= MAX_WRITES || bytes + size > MAX_BYTES)) {
        await batch.commit();
        batch = db.batch();
        writes = 0;
        bytes = 0;
      }
      batch.set(ref, data);
      writes += 1;
      bytes += size;
    }
    if (writes > 0) await batch.commit();
  };

  const removeAll = async (refs: DocumentReference[]): Promise<void> => {
    for (let i = 0; i < refs.length; i += MAX_WRITES) {
      const batch = db.batch();
      for (const ref of refs.slice(i, i + MAX_WRITES)) batch.delete(ref);
      await batch.commit();
    }
  };

  const tokenOf = async (noticeId: string): Promise<string | null> => {
    const known = tokens.get(noticeId);
    if (known !== undefined) return known;
    const snap = await deliveries.doc(documentId(noticeId)).get();
    const token = snap.exists ? readDocument(DeliveryDocument, snap).token : null;
    if (token !== null) tokens.set(noticeId, token);
    return token;
  };

  return {
    kind: prefix === "" ? "firestore" : `firestore (prefix ${prefix})`,

    getProfile: (userId) =>
      timed("getProfile", async () => {
        const snap = await profiles.doc(documentId(userId)).get();
        return snap.exists ? toProfile(snap) : null;
      }),

    upsertProfile: (userId, patch, now) =>
      timed("upsertProfile", () =>
        db.runTransaction(async (tx) => {
          const ref = profiles.doc(documentId(userId));
          const snap = await tx.get(ref);
          const current = snap.exists ? toProfile(snap) : null;
          const next = applyProfilePatch(userId, current, patch, now);
          tx.set(ref, fromProfile(next));
          return next;
        }),
      ),

    importProfiles: (list) =>
      timed("importProfiles", async () => {
        await writeAll(list.map((p) => ({ ref: profiles.doc(documentId(p.userId)), data: fromProfile(p) })));
        return list.length;
      }),

    listAudience: (filter) =>
      timed("listAudience", async () => {
        if (filter.topics.length === 0) return [];
        const snaps = await Promise.all(
          audienceQueries(filter).map(({ query }) => query.select("userId").get()),
        );
        return snaps.flatMap((s) => s.docs.map((d) => readDocument(AudienceRow, d).userId)).sort(byString);
      }),

    countAudience: (filter) =>
      timed("countAudience", async () => {
        const wards = [...new Set(filter.wards)];
        const topics = [...new Set(filter.topics)];
        const counts = zeroCounts(wards, topics);
        const { byWard, byTopic } = counts;
        if (wards.length === 0 || topics.length === 0) return counts;
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
        await db.runTransaction(async (tx) => {
          const [snap, asker] = askerRef ? await tx.getAll(ref, askerRef) : [await tx.get(ref), undefined];
          if (!snap) throw new Error("transaction read returned nothing");
          const newAsker = askerRef !== null && asker?.exists !== true ? 1 : 0;
          if (askerRef && newAsker) tx.create(askerRef, { userHash: q.userHash, firstAt: q.at });
          if (!snap.exists) {
            tx.set(ref, {
              key,
              text,
              count: 1,
              askerCount: newAsker,
              unknownAsker: askerRef === null,
              lastAt: q.at,
            });
            return;
          }
          const group = readDocument(UnansweredDocument, snap);
          const newer = q.at >= group.lastAt;
          const prevAskers = group.askerCount;
          tx.update(ref, {
            count: group.count + 1,
            askerCount: (prevAskers ?? 0) + newAsker,
            // Asks recorded before askers were kept (no askerCount) or without a hash: one unknown asker.
            ...(prevAskers === undefined || askerRef === null ? { unknownAsker: true } : {}),
            ...(newer ? { text, lastAt: q.at } : {}),
          });
        });
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
            text: group.text,
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

    createBatches: (noticeId, batches) =>
      timed("createBatches", async () => {
        checkBatches(noticeId, batches);
        const marker = deliveries.doc(documentId(noticeId));
        if ((await marker.get()).exists) return false;
        const token = randomUUID();
        const docs = batches.map((b) => ({
          ref: batchesOf(noticeId).doc(batchDocId(token, b.index)),
          data: fromBatch(b, token),
        }));
        await writeAll(docs);
        const won = await db.runTransaction(async (tx) => {
          if ((await tx.get(marker)).exists) return false;
          tx.create(marker, { noticeId, token, count: batches.length });
          return true;
        });
        if (won) {
          tokens.set(noticeId, token);
          return true;
        }
        // Another sender created the batches first: drop this attempt's copies.
        await removeAll(docs.map((d) => d.ref));
        return false;
      }),

    listBatches: (noticeId) =>
      timed("listBatches", async () => {
        const token = await tokenOf(noticeId);
        if (token === null) return [];
        const snap = await batchesOf(noticeId).where("token", "==", token).get();
        return snap.docs.map(toBatch).sort(byBatchIndex);
      }),

    updateBatch: (batch) =>
      timed("updateBatch", async () => {
        const token = await tokenOf(batch.noticeId);
        if (token === null) throw new Error(`notice ${batch.noticeId} has no batches`);
        try {
          await batchesOf(batch.noticeId).doc(batchDocId(token, batch.index)).update(fromBatch(batch, token));
        } catch (e) {
          if (grpcCode(e) === NOT_FOUND)
            throw new Error(`notice ${batch.noticeId} has no batch ${batch.index}`);
          throw e;
        }
      }),

    acquireLease: (noticeId, owner, now, ttlMs) =>
      timed("acquireLease", () =>
        db.runTransaction(async (tx) => {
          const ref = leases.doc(documentId(noticeId));
          const snap = await tx.get(ref);
          const lease = snap.exists ? readDocument(LeaseDocument, snap) : null;
          if (lease !== null && lease.expiresAt > now && lease.owner !== owner) return false;
          tx.set(ref, { noticeId, owner, expiresAt: now + ttlMs });
          return true;
        }),
      ),

    releaseLease: (noticeId, owner) =>
      timed("releaseLease", () =>
        db.runTransaction(async (tx) => {
          const ref = leases.doc(documentId(noticeId));
          const snap = await tx.get(ref);
          if (snap.exists && readDocument(LeaseDocument, snap).owner === owner) tx.delete(ref);
        }),
      ),

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
