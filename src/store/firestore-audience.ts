/**
 * The Firestore adapter's audience index: {@link BUCKETS} documents `audienceBuckets/{00…ff}`,
 * each a map `members` of document id → "ward|topic letters" for the followed residents with a
 * ward and a topic whose user id hashes to that bucket (see audience-buckets.ts), and
 * `audienceBuckets/state` saying the index is complete.
 *
 * Every profile write changes the resident's entry in the same commit (a transaction's write or
 * a batch's), so the index never disagrees with the profiles it was built from. A deployment
 * whose profiles predate the index has no `state` document: audience reads then fall back to
 * the profile queries (as before) until `audience rebuild` has filled the buckets. An empty
 * database is marked complete on its first profile write, since every entry is then written
 * with its profile.
 *
 * Reads: a walk reads buckets by id with `getAll` (no query: nothing scans `profiles`), as many
 * as the matches per bucket seen by the walk's earlier pages say the page needs, plus a margin
 * of about two standard deviations (see bucketsToRead); the first page reads a few first. A
 * delivery reads each bucket about once, plus the bucket each page ended in (read again by the
 * next page, which starts inside it) and the margin's few buckets past a page's end.
 */
import type {
  CollectionReference,
  DocumentData,
  DocumentReference,
  Firestore,
  Transaction,
} from "@google-cloud/firestore";
import type { AudienceCounts, AudienceFilter, AudienceIndexReport, AudiencePage, Profile } from "./port.js";
import {
  BUCKETS,
  BUCKET_CAPACITY,
  bucketId,
  bucketsToRead,
  bucketMatches,
  bucketOf,
  filterSets,
  formatCursor,
  memberMatches,
  memberValue,
  parseCursor,
  readMember,
  type BucketCursor,
} from "./audience-buckets.js";
import { ALREADY_EXISTS, documentId, grpcCode, readDocument } from "./firestore-common.js";
import { ProfileDocument } from "./firestore-documents.js";
import { lazySchema } from "../lazy-schema.js";
import { checkPageLimit, zeroCounts } from "./rules.js";

/** The profile fields an entry is made from (built on first use, as the documents' schemas are). */
const EntrySource = lazySchema(() =>
  ProfileDocument.pick({ userId: true, ward: true, topics: true, followed: true }),
);

/** Buckets a page reads first (before it knows how many matches a bucket holds). */
const FIRST_READ = 4;
/** Buckets per `getAll`, and most buckets read at once (in parallel `getAll`s). */
const MAX_READ = 32;
const MAX_ROUND = 128;
/** Filters whose matches per bucket are remembered (see `rates` in createFirestoreAudience). */
const RATES_KEPT = 16;
/** Profiles read per page while scanning for a check or rebuild. */
const SCAN_PAGE = 1_000;

export interface FirestoreAudienceDeps {
  db: Firestore;
  profiles: CollectionReference;
  buckets: CollectionReference;
  /** `FieldValue.delete()` (the client library is loaded by the adapter, not here). */
  deleteField: () => unknown;
  /** The adapter's per-call timeout. */
  timed: <T>(name: string, work: () => Promise<T>) => Promise<T>;
}

/**
 * A write of bucket entries, for a transaction or a batch: `set(ref, data, { merge: true })`,
 * so the bucket's other entries stay (a deleted entry is `FieldValue.delete()`).
 */
export interface EntryWrite {
  ref: DocumentReference;
  data: DocumentData;
}

export interface FirestoreAudience {
  /**
   * The bucket write that takes `next`'s entry from what `before` had, or null when the entry
   * does not change (a large-text or awaiting change, or a first follow, writes no bucket).
   */
  entryWrite(before: Profile | null, next: Profile): EntryWrite | null;
  /** Bucket writes for many profiles at once (one per bucket touched). */
  entryWrites(list: readonly Profile[]): EntryWrite[];
  /** Before the first profile write of this client: marks an empty database's index complete. */
  beforeFirstWrite(): Promise<void>;
  /** Whether audience reads may use the buckets (re-read until it is). */
  ready(): Promise<boolean>;
  listAudiencePage(filter: AudienceFilter, after: string | null, limit: number): Promise<AudiencePage>;
  countAudience(filter: AudienceFilter): Promise<AudienceCounts>;
  check(): Promise<AudienceIndexReport>;
  rebuild(): Promise<AudienceIndexReport>;
}

type Members = Record<string, unknown>;

/** Sorts profiles by bucket (stable), so import commits touch few bucket documents. */
export function byBucket<T extends { userId: string }>(list: readonly T[]): T[] {
  return list
    .map((p, i) => ({ p, i, b: bucketOf(p.userId) }))
    .sort((x, y) => x.b - y.b || x.i - y.i)
    .map((x) => x.p);
}

export function createFirestoreAudience(deps: FirestoreAudienceDeps): FirestoreAudience {
  const { db, profiles, buckets, deleteField, timed } = deps;
  const stateRef = buckets.doc("state");
  const bucketRef = (b: number): DocumentReference => buckets.doc(bucketId(b));
  /** Once true it stays true: the state document is never taken back. */
  let known = false;
  /**
   * Matches and buckets read by the last page of each filter: the next page of the walk sizes
   * its read from them instead of first reading a few buckets to learn the rate (a round trip
   * per page). A hint only, never data: a wrong one costs a few reads or one more round trip.
   */
  const rates = new Map<string, { matched: number; read: number }>();
  const rateKey = (sets: { wards: Set<string>; topics: Set<string> }): string =>
    `${[...sets.wards].sort().join(",")}|${[...sets.topics].sort().join(",")}`;
  let firstWrite: Promise<void> | null = null;

  const stateSays = (data: DocumentData | undefined): boolean =>
    data?.ready === true && data.buckets === BUCKETS;

  const ready = async (): Promise<boolean> => {
    if (known) return true;
    const snap = await stateRef.get();
    known = stateSays(snap.data());
    return known;
  };

  const markReady = async (how: "empty" | "rebuilt"): Promise<void> => {
    const state = { ready: true, buckets: BUCKETS, capacity: BUCKET_CAPACITY, how, at: Date.now() };
    if (how === "rebuilt") await stateRef.set(state);
    else
      try {
        await stateRef.create(state);
      } catch (e) {
        if (grpcCode(e) !== ALREADY_EXISTS) throw e;
      }
    known = true;
  };

  const entryData = (key: string, value: string | null): DocumentData => ({
    members: { [key]: value ?? deleteField() },
  });

  /** Reads buckets `from` … `to - 1` (only their members). */
  const readBuckets = async (from: number, to: number): Promise<Array<Members | undefined>> => {
    if (to <= from) return [];
    const refs = Array.from({ length: to - from }, (_, i) => bucketRef(from + i));
    const snaps = await db.getAll(...refs, { fieldMask: ["members"] });
    return snaps.map((s) => s.get("members") as Members | undefined);
  };

  /** Every profile's entry source, by document id, a page at a time (check and rebuild). */
  const scanProfiles = async (): Promise<Map<number, Map<string, string | null>>> => {
    const byBucketId = new Map<number, Map<string, string | null>>();
    let after: string | null = null;
    for (;;) {
      const from = after;
      const snap = await timed("audience scan", () => {
        let q = profiles.orderBy("__name__").select("userId", "ward", "topics", "followed").limit(SCAN_PAGE);
        if (from !== null) q = q.startAfter(from);
        return q.get();
      });
      for (const d of snap.docs) {
        const p = readDocument(EntrySource, d);
        const b = bucketOf(p.userId);
        let entries = byBucketId.get(b);
        if (!entries) byBucketId.set(b, (entries = new Map<string, string | null>()));
        entries.set(d.id, memberValue(p, d.id));
      }
      if (snap.size < SCAN_PAGE) return byBucketId;
      after = snap.docs.at(-1)?.id ?? null;
    }
  };

  interface Diff {
    entries: number;
    missing: number;
    stale: number;
    extra: number;
  }
  const diff = (want: ReadonlyMap<string, string | null>, stored: Members | undefined): Diff => {
    const d: Diff = { entries: 0, missing: 0, stale: 0, extra: 0 };
    for (const [key, value] of want) {
      if (value === null) continue;
      d.entries += 1;
      const have = stored?.[key];
      if (have === undefined) d.missing += 1;
      else if (have !== value) d.stale += 1;
    }
    for (const key of Object.keys(stored ?? {})) if ((want.get(key) ?? null) === null) d.extra += 1;
    return d;
  };

  const report = (
    profilesRead: number,
    diffs: Diff[],
    fullest: number,
    rewritten: number,
    isReady: boolean,
  ): AudienceIndexReport => ({
    buckets: BUCKETS,
    ready: isReady,
    profiles: profilesRead,
    entries: diffs.reduce((n, d) => n + d.entries, 0),
    missing: diffs.reduce((n, d) => n + d.missing, 0),
    stale: diffs.reduce((n, d) => n + d.stale, 0),
    extra: diffs.reduce((n, d) => n + d.extra, 0),
    fullest,
    capacity: BUCKET_CAPACITY,
    rewritten,
  });

  const sizeOf = (m: Members | undefined): number => (m ? Object.keys(m).length : 0);

  return {
    entryWrite(before, next) {
      const key = documentId(next.userId);
      const value = memberValue(next, key);
      // A new resident has no entry until they choose a ward and a topic.
      if ((before === null ? null : memberValue(before, key)) === value) return null;
      return { ref: bucketRef(bucketOf(next.userId)), data: entryData(key, value) };
    },

    entryWrites(list) {
      const per = new Map<number, Members>();
      for (const p of list) {
        const key = documentId(p.userId);
        const b = bucketOf(p.userId);
        let members = per.get(b);
        if (!members) per.set(b, (members = {}));
        members[key] = memberValue(p, key) ?? deleteField();
      }
      return [...per].map(([b, members]) => ({ ref: bucketRef(b), data: { members } }));
    },

    beforeFirstWrite() {
      firstWrite ??= (async () => {
        if (known) return;
        // One read answers both: ready, or a state from another bucket count (a rebuild decides).
        const state = await stateRef.get();
        known = stateSays(state.data());
        if (known || state.exists) return;
        const any = await profiles.limit(1).select().get();
        if (any.empty) await markReady("empty");
      })().catch((e: unknown) => {
        firstWrite = null; // try again with the next write
        throw e;
      });
      return firstWrite;
    },

    ready,

    async listAudiencePage(filter, after, limit) {
      checkPageLimit(limit);
      const cursor = parseCursor(after);
      const sets = filterSets(filter);
      const key = rateKey(sets);
      const hint = rates.get(key);
      const found: Array<{ bucket: number; key: string; userId: string }> = [];
      let next = cursor?.bucket ?? 0;
      let read = 0;
      // Whole buckets are read until the page is full: as many as the matches per bucket say the
      // rest of the page needs (a few first when nothing is known yet), several `getAll`s at
      // once. The rows past the page are read again by the next page, which starts inside the
      // bucket this one ended in.
      while (next < BUCKETS && found.length <= limit) {
        const seen = read > 0 ? found.length : (hint?.matched ?? 0);
        const over = read > 0 ? read : (hint?.read ?? 0);
        const want =
          seen === 0
            ? FIRST_READ * (over === 0 ? 1 : 4)
            : bucketsToRead(limit + 1 - found.length, seen / over, seen);
        const to = Math.min(BUCKETS, next + Math.min(want, MAX_ROUND));
        const chunks: Array<Promise<Array<Members | undefined>>> = [];
        for (let from = next; from < to; from += MAX_READ)
          chunks.push(readBuckets(from, Math.min(to, from + MAX_READ)));
        (await Promise.all(chunks)).flat().forEach((members, i) => {
          const b = next + i;
          for (const [key, userId] of bucketMatches(b, members, sets, cursor))
            found.push({ bucket: b, key, userId });
        });
        read += to - next;
        next = to;
      }
      if (read > 0) {
        rates.delete(key);
        rates.set(key, { matched: found.length, read });
        if (rates.size > RATES_KEPT) rates.delete(rates.keys().next().value as string);
      }
      const page = found.slice(0, limit);
      const last = page.at(-1);
      const more = found.length > limit || next < BUCKETS;
      if (!more || !last) return { userIds: page.map((r) => r.userId), next: null };
      const at: BucketCursor = { bucket: last.bucket, key: last.key, floor: cursor?.floor ?? null };
      return { userIds: page.map((r) => r.userId), next: formatCursor(at) };
    },

    async countAudience(filter) {
      const counts = zeroCounts(new Set(filter.wards), new Set(filter.topics));
      const { wards, topics } = filterSets(filter);
      if (wards.size === 0 || topics.size === 0) return counts;
      const parts = await Promise.all(
        [0, 1, 2, 3].map((q) => readBuckets((q * BUCKETS) / 4, ((q + 1) * BUCKETS) / 4)),
      );
      for (const members of parts.flat())
        for (const [key, value] of Object.entries(members ?? {})) {
          const m = readMember(key, value);
          if (!m || !memberMatches(m, wards, topics)) continue;
          counts.total += 1;
          counts.byWard[m.ward] = (counts.byWard[m.ward] ?? 0) + 1;
          for (const t of new Set(m.topics))
            if (topics.has(t)) counts.byTopic[t] = (counts.byTopic[t] ?? 0) + 1;
        }
      return counts;
    },

    async check() {
      const isReady = await timed("audience state", ready);
      const scanned = await scanProfiles();
      const diffs: Diff[] = [];
      let fullest = 0;
      for (let from = 0; from < BUCKETS; from += MAX_READ) {
        const read = await timed("audience check", () => readBuckets(from, from + MAX_READ));
        read.forEach((members, i) => {
          diffs.push(diff(scanned.get(from + i) ?? new Map<string, string | null>(), members));
          fullest = Math.max(fullest, sizeOf(members));
        });
      }
      const profilesRead = [...scanned.values()].reduce((n, m) => n + m.size, 0);
      return report(profilesRead, diffs, fullest, 0, isReady);
    },

    async rebuild() {
      const scanned = await scanProfiles();
      const diffs: Diff[] = [];
      let fullest = 0;
      let rewritten = 0;
      for (let b = 0; b < BUCKETS; b++) {
        const ref = bucketRef(b);
        const seen = scanned.get(b) ?? new Map<string, string | null>();
        // One transaction per bucket: the bucket is read (and locked) first, so a profile change
        // committing meanwhile either lands before (and is read below) or waits for this one;
        // then every profile the scan found or the bucket names is read again, so the entries
        // written are the profiles' state now, not the scan's.
        const outcome = await timed("audience rebuild", () =>
          db.runTransaction(async (tx: Transaction) => {
            const snap = await tx.get(ref);
            const stored = snap.get("members") as Members | undefined;
            const keys = [...new Set([...seen.keys(), ...Object.keys(stored ?? {})])];
            const want = new Map<string, string | null>();
            if (keys.length > 0) {
              const docs = await tx.getAll(...keys.map((k) => profiles.doc(k)));
              for (const d of docs)
                want.set(d.id, d.exists ? memberValue(readDocument(EntrySource, d), d.id) : null);
            }
            const d = diff(want, stored);
            const members: Members = {};
            for (const [key, value] of want) if (value !== null) members[key] = value;
            const changed = d.missing + d.stale + d.extra > 0;
            if (changed) tx.set(ref, { members });
            return { d, size: Object.keys(members).length, changed };
          }),
        );
        diffs.push(outcome.d);
        fullest = Math.max(fullest, outcome.size);
        if (outcome.changed) rewritten += 1;
      }
      await timed("audience state", () => markReady("rebuilt"));
      const profilesRead = [...scanned.values()].reduce((n, m) => n + m.size, 0);
      return report(profilesRead, diffs, fullest, rewritten, true);
    },
  };
}
