/**
 * The Firestore adapter's audience buckets on Google's emulator: where the audience is read
 * from, the entries profile writes leave, and the migration of a deployment whose profiles
 * predate the buckets (queries until `rebuild`, a delivery begun on the queries continued on the
 * buckets, rebuild repeated and raced by settings changes). The port's guarantees themselves are
 * in the store contract, which runs on this adapter too.
 */
import type { Firestore } from "@google-cloud/firestore";
import { beforeEach, describe, expect, it } from "vitest";
import { KNOWLEDGE_WARDS } from "../../src/knowledge/known-wards.js";
import { TOPIC_KEYS } from "../../src/knowledge/topics.js";
import { BUCKETS, bucketId, bucketOf } from "../../src/store/audience-buckets.js";
import { createFirestoreStore } from "../../src/store/firestore.js";
import type { AudienceFilter, Profile, Store } from "../../src/store/port.js";
import { emulatorProject, useEmulatorClients } from "../helpers/firestore-emulator.js";
import { residents } from "../helpers/notices.js";

const project = emulatorProject("Firestore audience buckets", "audience");
const WARDS = KNOWLEDGE_WARDS.names;
const EVERYONE: AudienceFilter = { wards: [...WARDS], topics: [...TOPIC_KEYS] };
const uid = (n: number): string => `U${n.toString(16).padStart(32, "0")}`;

/** Resident n: ward n mod 5, topic n mod 5, followed. */
const resident = (n: number, over: Partial<Profile> = {}): Profile => ({
  ...(residents(1)[0] as Profile),
  userId: uid(n),
  ward: WARDS[n % WARDS.length] ?? "東区",
  topics: [TOPIC_KEYS[n % TOPIC_KEYS.length] ?? "bousai"],
  followed: true,
  ...over,
});

/** Every page of a walk from `after`, and the ids in walk order. */
async function walk(store: Store, after: string | null, limit: number): Promise<string[]> {
  const ids: string[] = [];
  for (let cursor = after; ;) {
    const page = await store.listAudiencePage(EVERYONE, cursor, limit);
    ids.push(...page.userIds);
    if (page.next === null) return ids;
    cursor = page.next;
  }
}

describe.skipIf(project.host === null)("Firestore audience buckets (emulator)", () => {
  const clients = useEmulatorClients(project, (firestore) => createFirestoreStore({ firestore }));
  let db: Firestore;
  let db2: Firestore;
  beforeEach(async () => {
    await project.wipe();
    ({ db, db2 } = clients);
  });

  /** Profiles exactly as the release before the buckets wrote them: no entries, no state. */
  const writeOldProfiles = async (list: Profile[]): Promise<void> => {
    const batch = db.batch();
    for (const p of list) batch.set(db.collection("profiles").doc(p.userId), { ...p });
    await batch.commit();
  };

  it("keeps one entry per followed resident with a ward and a topic, in the bucket of the user id", async () => {
    const store = createFirestoreStore({ firestore: db });
    await store.importProfiles([resident(1), resident(2, { followed: false }), resident(3, { ward: null })]);
    await store.upsertProfile("a/b", { ward: "東区", topics: ["bousai", "event"] }, 5);
    const entry = async (userId: string, key = userId): Promise<unknown> =>
      (
        await db
          .collection("audienceBuckets")
          .doc(bucketId(bucketOf(userId)))
          .get()
      ).get("members")?.[key];
    // resident(1): the second ward, topic kenko (letter k).
    expect(await entry(uid(1))).toBe(`${WARDS[1]}|k`);
    expect(await entry(uid(2))).toBeUndefined();
    expect(await entry(uid(3))).toBeUndefined();
    // A document id that had to be hashed keeps the user id in the entry.
    const members = (
      await db
        .collection("audienceBuckets")
        .doc(bucketId(bucketOf("a/b")))
        .get()
    ).get("members") as Record<string, string>;
    expect(Object.values(members)).toContain("東区|be|a/b");
    // Unfollowing takes the entry out; a large-text change leaves the bucket alone.
    await store.upsertProfile(uid(1), { followed: false }, 6);
    expect(await entry(uid(1))).toBeUndefined();
    const before = await db
      .collection("audienceBuckets")
      .doc(bucketId(bucketOf(uid(2))))
      .get();
    await store.upsertProfile(uid(2), { largeText: true }, 7);
    const after = await db
      .collection("audienceBuckets")
      .doc(bucketId(bucketOf(uid(2))))
      .get();
    expect(after.updateTime?.isEqual(before.updateTime ?? after.updateTime)).toBe(true);
    expect((await db.collection("audienceBuckets").doc("state").get()).data()).toMatchObject({
      ready: true,
      buckets: BUCKETS,
      how: "empty",
    });
  }, 30_000); // the file's first test meets a cold emulator

  it("reads deliveries and counts from the buckets, not from the profiles", async () => {
    const store = createFirestoreStore({ firestore: db });
    await store.importProfiles(Array.from({ length: 40 }, (_, i) => resident(i)));
    const ids = (await walk(store, null, 7)).sort();
    expect(ids).toEqual(Array.from({ length: 40 }, (_, i) => uid(i)).sort());
    // With the profiles gone behind the adapter's back, the audience is still there: it is read
    // from the 256 bucket documents (a query on `profiles` would find nobody).
    const snap = await db.collection("profiles").get();
    const batch = db.batch();
    for (const d of snap.docs) batch.delete(d.ref);
    await batch.commit();
    expect((await walk(store, null, 7)).sort()).toEqual(ids);
    expect((await store.countAudience(EVERYONE)).total).toBe(40);
  });

  it("reads each page after the first in one round, sized by the rate the page before saw", async () => {
    // 3,000 residents take a while to import into the emulator on a busy machine.
    const store = createFirestoreStore({ firestore: db, timeoutMs: 60_000 });
    await store.importProfiles(Array.from({ length: 3_000 }, (_, i) => resident(i)));
    // Every getAll of bucket documents, with how many getAlls had answered when it started:
    // calls started before any of them answered are one round trip.
    let answered = 0;
    const calls: Array<{ page: number; answeredBefore: number; docs: number }> = [];
    let page = 0;
    const getAll = db.getAll.bind(db);
    db.getAll = (...args: Parameters<Firestore["getAll"]>) => {
      const docs = args.filter((a) => typeof a === "object" && a !== null && "path" in a).length;
      calls.push({ page, answeredBefore: answered, docs });
      return getAll(...args).finally(() => (answered += 1));
    };
    try {
      // Pages as the sender asks for them: small first, then growing.
      const ids: string[] = [];
      let after: string | null = null;
      for (const limit of [50, 200, 600, 1_000, 1_500]) {
        const p = await store.listAudiencePage(EVERYONE, after, limit);
        ids.push(...p.userIds);
        page += 1;
        after = p.next;
        if (after === null) break;
      }
      expect(after).toBeNull();
      expect(new Set(ids).size).toBe(3_000);
      const rounds = (n: number) =>
        new Set(calls.filter((c) => c.page === n).map((c) => c.answeredBefore)).size;
      // The first page reads a few buckets to learn the rate; the others need no such round
      // (before: a 4-bucket round first on every page).
      expect([1, 2, 3, 4].map(rounds)).toEqual([1, 1, 1, 1]);
      // Each bucket about once, plus per page the bucket it ended in and the margin past it
      // (about 7 buckets at this audience's 12 matches per bucket; 3 at 390).
      const reads = calls.reduce((n, c) => n + c.docs, 0);
      expect(reads).toBeGreaterThanOrEqual(BUCKETS);
      expect(reads).toBeLessThanOrEqual(BUCKETS + 5 * 8);
    } finally {
      db.getAll = getAll;
    }
  }, 120_000);

  it("answers from the profile queries until rebuilt, then continues a walk begun on them", async () => {
    const people = Array.from({ length: 30 }, (_, i) => resident(i));
    await writeOldProfiles(people);
    const store = createFirestoreStore({ firestore: db });
    const index = store.audienceIndex;
    if (!index) throw new Error("the Firestore store has an audience index");
    // Not built: the buckets are empty, the queries still answer.
    expect(await index.checkAudienceIndex()).toMatchObject({
      ready: false,
      profiles: 30,
      entries: 30,
      missing: 30,
    });
    const first = await store.listAudiencePage(EVERYONE, null, 8);
    expect(first.userIds.length).toBeGreaterThan(0); // the query walk may stop short of 8
    expect(first.next).toBe(first.userIds.at(-1)); // a document id: the query walk's cursor
    expect((await store.countAudience(EVERYONE)).total).toBe(30);
    // Settings changes meanwhile write their entries already: one in, one out.
    await store.upsertProfile(uid(29), { ward: WARDS[0] }, 9);
    await store.upsertProfile(uid(28), { followed: false }, 9);

    const built = await index.rebuildAudienceIndex();
    expect(built).toMatchObject({ ready: true, profiles: 30, entries: 29, missing: 28, stale: 0, extra: 0 });
    expect(built.rewritten).toBeGreaterThan(0);
    // The rest of the walk, now on the buckets: nobody of the first page again, nobody missed.
    const rest = await walk(store, first.next, 5);
    const all = [...first.userIds, ...rest];
    expect(new Set(all).size).toBe(all.length);
    expect(all.sort()).toEqual(
      people
        .map((p) => p.userId)
        .filter((u) => u !== uid(28))
        .sort(),
    );

    // Repeating it is harmless: nothing to rewrite, and the check agrees.
    expect(await index.rebuildAudienceIndex()).toMatchObject({
      missing: 0,
      stale: 0,
      extra: 0,
      rewritten: 0,
    });
    expect(await index.checkAudienceIndex()).toMatchObject({
      ready: true,
      entries: 29,
      missing: 0,
      stale: 0,
      extra: 0,
    });
    // Another client sees the index as ready (the state document), and reads the buckets.
    const other = createFirestoreStore({ firestore: db2 });
    expect((await walk(other, null, 10)).sort()).toEqual(all);
  });

  it("finds and repairs entries that disagree with the profiles", async () => {
    const store = createFirestoreStore({ firestore: db });
    await store.importProfiles(Array.from({ length: 12 }, (_, i) => resident(i)));
    const ref = (u: string) => db.collection("audienceBuckets").doc(bucketId(bucketOf(u)));
    // A stale ward, an entry for a resident who unfollowed, one entry missing.
    await ref(uid(1)).set({ members: { [uid(1)]: "北区|b" } }, { merge: true });
    await db.collection("profiles").doc(uid(2)).update({ followed: false });
    const { FieldValue } = await import("@google-cloud/firestore");
    await ref(uid(3)).update({ [`members.${uid(3)}`]: FieldValue.delete() });
    const index = store.audienceIndex;
    if (!index) throw new Error("the Firestore store has an audience index");
    expect(await index.checkAudienceIndex()).toMatchObject({ entries: 11, missing: 1, stale: 1, extra: 1 });
    const fixed = await index.rebuildAudienceIndex();
    expect(fixed).toMatchObject({ missing: 1, stale: 1, extra: 1 });
    expect(fixed.rewritten).toBeLessThanOrEqual(3);
    expect(await index.checkAudienceIndex()).toMatchObject({ entries: 11, missing: 0, stale: 0, extra: 0 });
    expect(await store.countAudience(EVERYONE)).toMatchObject({ total: 11 });
  });

  it("loses no settings change that races a rebuild", async () => {
    await writeOldProfiles(Array.from({ length: 60 }, (_, i) => resident(i)));
    const store = createFirestoreStore({ firestore: db });
    const other = createFirestoreStore({ firestore: db2 });
    const index = store.audienceIndex;
    if (!index) throw new Error("the Firestore store has an audience index");
    const changes = (async () => {
      for (let i = 0; i < 60; i += 3) {
        await other.upsertProfile(uid(i), { followed: false }, 10 + i);
        await other.upsertProfile(uid(i + 1), { ward: "北区", topics: ["kenko"] }, 10 + i);
        await other.upsertProfile(uid(1_000 + i), { ward: "南区", topics: ["event"] }, 10 + i);
      }
    })();
    const [built] = await Promise.all([index.rebuildAudienceIndex(), changes]);
    expect(built.ready).toBe(true);
    expect(await index.checkAudienceIndex()).toMatchObject({ missing: 0, stale: 0, extra: 0 });
    const ids = (await walk(store, null, 25)).sort();
    const expected = [
      ...Array.from({ length: 60 }, (_, i) => i).filter((i) => i % 3 !== 0),
      ...Array.from({ length: 20 }, (_, k) => 1_000 + 3 * k),
    ]
      .map(uid)
      .sort();
    expect(ids).toEqual(expected);
  }, 60_000);
});
