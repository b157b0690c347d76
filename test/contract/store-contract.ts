/**
 * The one contract every store adapter passes (see src/store/port.ts). Each adapter's test file
 * calls `storeContract` with a harness that hands out fresh, empty stores; the Firestore leg runs
 * it against the real emulator.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TOPIC_KEYS, type TopicKey } from "../../src/knowledge/topics.js";
import { type Ward } from "../../src/knowledge/schema.js";
import { KNOWLEDGE_WARDS } from "../../src/knowledge/known-wards.js";
import type {
  AudienceFilter,
  AudiencePage,
  BulletinRecord,
  DeliveryBatch,
  NoticeRecord,
  Profile,
  ProfilePatch,
  Store,
} from "../../src/store/port.js";
import { seededRandom } from "../helpers/seeded-random.js";
import { NOW, expectedAudience, noticeInput, residents } from "../helpers/notices.js";
import { createRecordingMessenger } from "../../src/line/recording-messenger.js";
import { createNoticeService } from "../../src/notices/notice-service.js";
import { createSender } from "../../src/notices/sender.js";

const WARDS = KNOWLEDGE_WARDS.names;

/** How a test file gives the contract its stores. */
export interface StoreHarness {
  /** A fresh, empty store for one test. */
  create(): Promise<Store>;
  /**
   * Another handle on the same data as `store` (another process or client), for races across
   * instances. Omit when the adapter has no such thing (the volatile memory store).
   */
  sibling?(store: Store): Promise<Store>;
}

const T0 = Date.UTC(2026, 10, 1, 0, 0, 0);

/** Asks of one question recorded at once in the race tests (even: half go through a sibling). */
const RACERS = 20;

const profile = (userId: string, over: Partial<Profile> = {}): Profile => ({
  userId,
  ward: "東区",
  topics: ["bousai"],
  largeText: false,
  followed: true,
  awaiting: null,
  createdAt: T0,
  updatedAt: T0,
  ...over,
});

const bulletin = (scope: string, over: Partial<BulletinRecord> = {}): BulletinRecord => ({
  scope,
  data: {
    title: `${scope} の避難所`,
    body: "東部公民館を開けました。\n水を配っています。",
    state: "published",
  },
  updatedAt: T0,
  version: 0,
  ...over,
});

const notice = (id: string, over: Partial<NoticeRecord> = {}): NoticeRecord => ({
  id,
  data: {
    title: `防災訓練 ${id}`,
    wards: ["東区"],
    topics: ["bousai"],
    place: { name: "東区役所", floor: 2 },
  },
  state: "draft",
  sendAt: null,
  version: 0,
  createdAt: T0,
  updatedAt: T0,
  ...over,
});

const batchesFor = (noticeId: string, userIds: string[], size: number): DeliveryBatch[] => {
  const out: DeliveryBatch[] = [];
  for (let i = 0; i * size < userIds.length; i++) {
    out.push({
      noticeId,
      index: i,
      userIds: userIds.slice(i * size, (i + 1) * size),
      retryKey: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
      state: "pending",
      attempts: 0,
      reason: null,
      updatedAt: T0,
    });
  }
  return out;
};

const uid = (n: number): string => `U${n.toString(16).padStart(32, "0")}`;

/**
 * The whole audience, read page by page as the sender reads it, checking every page on the way:
 * at most `limit` ids, nobody twice in the walk, and a cursor to go on with exactly when more
 * follow. The order is the store's own (a key derived from the user id): callers compare sets,
 * or walks of the same store with each other.
 */
async function wholeAudience(store: Store, filter: AudienceFilter, limit = 3): Promise<string[]> {
  const all: string[] = [];
  let after: string | null = null;
  for (let pages = 0; ; pages++) {
    if (pages > 10_000) throw new Error("the audience never ends");
    const page: AudiencePage = await store.listAudiencePage(filter, after, limit);
    expect(page.userIds.length).toBeLessThanOrEqual(limit);
    all.push(...page.userIds);
    expect(new Set(all).size).toBe(all.length);
    if (page.next === null) return all;
    expect(page.userIds.length).toBeGreaterThan(0);
    after = page.next;
  }
}

/** {@link wholeAudience}, sorted: the audience as a set. */
const audienceSet = async (store: Store, filter: AudienceFilter, limit = 3): Promise<string[]> =>
  (await wholeAudience(store, filter, limit)).sort();

/** Runs the store contract against the adapter the harness creates. */
export function storeContract(name: string, harness: StoreHarness): void {
  describe(`store contract: ${name}`, () => {
    let store: Store;
    const extra: Store[] = [];

    beforeEach(async () => {
      store = await harness.create();
    });
    afterEach(async () => {
      for (const s of extra.splice(0)) await s.close();
      await store.close();
    });

    const sibling = async (): Promise<Store | null> => {
      if (!harness.sibling) return null;
      const s = await harness.sibling(store);
      extra.push(s);
      return s;
    };

    it("names its adapter", () => {
      expect(store.kind.length).toBeGreaterThan(0);
    });

    it("reports itself healthy when reads and writes work", async () => {
      expect(await store.health()).toEqual({ ok: true });
      await store.upsertProfile(uid(1), { ward: "東区" }, T0);
      expect(await store.health()).toEqual({ ok: true });
    });

    describe("profiles", () => {
      it("has no profile for an unknown user", async () => {
        expect(await store.getProfile(uid(1))).toBeNull();
      });

      it("creates a profile with defaults on first upsert", async () => {
        const p = await store.upsertProfile(uid(1), {}, T0);
        const expected: Profile = {
          userId: uid(1),
          ward: null,
          topics: [],
          largeText: false,
          followed: true,
          awaiting: null,
          createdAt: T0,
          updatedAt: T0,
        };
        expect(p).toEqual(expected);
        expect(await store.getProfile(uid(1))).toEqual(expected);
      });

      it("applies a patch, keeps the rest and the creation time", async () => {
        await store.upsertProfile(uid(1), { ward: "西区", topics: ["kenko"] }, T0);
        const p = await store.upsertProfile(uid(1), { largeText: true, ward: undefined }, T0 + 5_000);
        expect(p).toMatchObject({ ward: "西区", topics: ["kenko"], largeText: true, followed: true });
        expect(p.createdAt).toBe(T0);
        expect(p.updatedAt).toBe(T0 + 5_000);
        const q = await store.upsertProfile(uid(1), { followed: false, awaiting: "ward-place" }, T0 + 9_000);
        expect(q).toMatchObject({ ward: "西区", followed: false, awaiting: "ward-place", largeText: true });
        expect(await store.getProfile(uid(1))).toEqual(q);
      });

      it("never lets a patch change the user id or the creation time", async () => {
        await store.upsertProfile(uid(3), { ward: "南区" }, T0);
        const sneaky = {
          userId: uid(4),
          createdAt: 1,
          updatedAt: 2,
          ward: "北区",
        } as unknown as ProfilePatch;
        const p = await store.upsertProfile(uid(3), sneaky, T0 + 1);
        expect(p).toMatchObject({ userId: uid(3), createdAt: T0, updatedAt: T0 + 1, ward: "北区" });
        expect(await store.getProfile(uid(4))).toBeNull();
      });

      it("does not let callers change stored profiles through returned objects", async () => {
        const p = await store.upsertProfile(uid(2), { topics: ["event"] }, T0);
        p.topics.push("bousai");
        const got = await store.getProfile(uid(2));
        expect(got?.topics).toEqual(["event"]);
        got?.topics.push("kosodate");
        expect((await store.getProfile(uid(2)))?.topics).toEqual(["event"]);
      });

      it("keeps user ids with unusual characters apart", async () => {
        const ids = ["a/b", "a", "..", "__x__", "日本語", "a".repeat(300)];
        for (const [i, id] of ids.entries())
          await store.upsertProfile(id, { largeText: i % 2 === 0 }, T0 + i);
        for (const [i, id] of ids.entries()) {
          expect(await store.getProfile(id)).toMatchObject({
            userId: id,
            largeText: i % 2 === 0,
            createdAt: T0 + i,
          });
        }
      });

      it("imports profiles in bulk, overwriting existing ones", async () => {
        await store.upsertProfile(uid(0), { ward: "北区" }, T0);
        const list = Array.from({ length: 1_203 }, (_, i) =>
          profile(uid(i), { ward: WARDS[i % 5] as Ward, topics: [TOPIC_KEYS[i % 5] as TopicKey] }),
        );
        expect(await store.importProfiles(list)).toBe(1_203);
        expect(await store.getProfile(uid(0))).toEqual(list[0]);
        expect(await store.getProfile(uid(1_202))).toEqual(list[1_202]);
        const all = await store.countAudience({ wards: [...WARDS], topics: [...TOPIC_KEYS] });
        expect(all.total).toBe(1_203);
      });

      it("imports nothing when given nothing", async () => {
        expect(await store.importProfiles([])).toBe(0);
      });
    });

    describe("audience", () => {
      const fixture = (): Profile[] => [
        profile("U-c", { ward: "東区", topics: ["bousai", "event"] }),
        profile("U-a", { ward: "東区", topics: ["bousai"] }),
        profile("U-b", { ward: "東区", topics: ["bousai"], followed: false }),
        profile("U-e", { ward: "西区", topics: ["event"] }),
        profile("U-d", { ward: "東区", topics: ["kosodate"] }),
        profile("U-f", { ward: null, topics: ["bousai"] }),
        profile("U-g", { ward: "北区", topics: [] }),
      ];

      it("lists followed residents of the wards with a matching topic", async () => {
        await store.importProfiles(fixture());
        expect(await audienceSet(store, { wards: ["東区"], topics: ["bousai"] })).toEqual(["U-a", "U-c"]);
        expect(await audienceSet(store, { wards: ["東区", "西区"], topics: ["event", "kosodate"] })).toEqual([
          "U-c",
          "U-d",
          "U-e",
        ]);
        expect(await wholeAudience(store, { wards: ["南区"], topics: [...TOPIC_KEYS] })).toEqual([]);
        expect(await wholeAudience(store, { wards: [], topics: ["bousai"] })).toEqual([]);
        expect(await wholeAudience(store, { wards: ["東区"], topics: [] })).toEqual([]);
      });

      it("reads the audience in pages of any size, the same residents as in one page", async () => {
        await store.importProfiles(fixture());
        const filter = { wards: ["東区", "西区"] as Ward[], topics: [...TOPIC_KEYS] };
        const whole = await wholeAudience(store, filter, 1_000);
        expect([...whole].sort()).toEqual(["U-a", "U-c", "U-d", "U-e"]);
        // The same order whatever the page size: the order is the store's, not the page's.
        for (const limit of [1, 2, 3, 4, 5]) expect(await wholeAudience(store, filter, limit)).toEqual(whole);
        // A page may stop short of the limit with more to come (only `next: null` says the
        // audience is done), but never comes back empty while more follow.
        const first = await store.listAudiencePage(filter, null, 4);
        expect(first.userIds.length).toBeGreaterThan(0);
        expect(whole.slice(0, first.userIds.length)).toEqual(first.userIds);
        await expect(store.listAudiencePage(filter, null, 0)).rejects.toThrow(/limit/);
      });

      it("never lists a resident twice while profiles change between pages, nor one who left", async () => {
        const people = Array.from({ length: 40 }, (_, i) =>
          profile(uid(i), { ward: WARDS[i % WARDS.length] as Ward, topics: ["bousai"] }),
        );
        await store.importProfiles(people);
        const filter = { wards: [...WARDS], topics: ["bousai" as TopicKey] };
        const seen: string[] = [];
        let ahead: string[] = [];
        let after: string | null = null;
        for (let round = 0; ; round++) {
          const page: AudiencePage = await store.listAudiencePage(filter, after, 7);
          seen.push(...page.userIds);
          if (page.next === null) break;
          after = page.next;
          if (round === 0) {
            // Which residents are still ahead depends on the store's order: ask the first page.
            ahead = people.map((p) => p.userId).filter((u) => !seen.includes(u));
            const [listed0, listed1] = seen as [string, string];
            const [gone, dropped, moved, refollowed] = ahead as [string, string, string, string];
            // Already listed residents move ward or re-follow; ones still ahead unfollow, drop
            // the topic, move ward, or unfollow and follow again (and so still match).
            await store.upsertProfile(listed0, { ward: WARDS[1] }, T0 + 1);
            await store.upsertProfile(listed1, { followed: false }, T0 + 1);
            await store.upsertProfile(listed1, { followed: true }, T0 + 2);
            await store.upsertProfile(gone, { followed: false }, T0 + 1);
            await store.upsertProfile(dropped, { topics: ["event"] }, T0 + 1);
            await store.upsertProfile(moved, { ward: WARDS[2] }, T0 + 1);
            await store.upsertProfile(refollowed, { followed: false }, T0 + 1);
            await store.upsertProfile(refollowed, { followed: true }, T0 + 2);
          }
        }
        expect(new Set(seen).size).toBe(seen.length);
        expect(seen).not.toContain(ahead[0]);
        expect(seen).not.toContain(ahead[1]);
        expect(seen).toContain(ahead[2]);
        expect(seen).toContain(ahead[3]);
        expect(seen).toHaveLength(38);
      });

      it("sees an import between pages as it sees settings changes: left out, let in, never twice", async () => {
        const people = Array.from({ length: 30 }, (_, i) =>
          profile(uid(i), { ward: WARDS[i % WARDS.length] as Ward, topics: ["bousai"] }),
        );
        await store.importProfiles(people.slice(0, 28));
        const filter = { wards: [...WARDS], topics: ["bousai" as TopicKey] };
        const first = await store.listAudiencePage(filter, null, 5);
        expect(first.next).not.toBeNull();
        const ahead = people
          .slice(0, 28)
          .map((p) => p.userId)
          .filter((u) => !first.userIds.includes(u));
        const [unfollowed, moved] = ahead as [string, string];
        // Re-imported: one listed resident in another ward, one ahead unfollowed, one ahead in
        // another ward; and two new residents.
        await store.importProfiles([
          profile(first.userIds[0] as string, { ward: WARDS[3] as Ward }),
          profile(unfollowed, { followed: false }),
          profile(moved, { ward: WARDS[4] as Ward }),
          ...people.slice(28),
        ]);
        const seen = [...first.userIds];
        let after = first.next;
        while (after !== null) {
          const page: AudiencePage = await store.listAudiencePage(filter, after, 4);
          seen.push(...page.userIds);
          after = page.next;
        }
        expect(new Set(seen).size).toBe(seen.length);
        expect(seen).not.toContain(unfollowed);
        expect(seen).toContain(moved);
        // The two new residents may sort before the cursor (then a later walk finds them).
        expect(seen.length).toBeGreaterThanOrEqual(27);
        expect(await audienceSet(store, filter, 10)).toEqual(
          people
            .map((p) => p.userId)
            .filter((u) => u !== unfollowed)
            .sort(),
        );
      });

      it("keeps the audience equal to the profiles through every kind of profile write", async () => {
        const rnd = seededRandom(7);
        const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
        const ids = Array.from({ length: 24 }, (_, i) => uid(500 + i));
        await store.importProfiles(ids.slice(0, 12).map((u) => profile(u)));
        for (let step = 0; step < 60; step++) {
          const u = pick(ids);
          const r = rnd();
          const patch: ProfilePatch =
            r < 0.2
              ? { ward: rnd() < 0.15 ? null : pick(WARDS) }
              : r < 0.4
                ? { topics: TOPIC_KEYS.filter(() => rnd() < 0.4) }
                : r < 0.55
                  ? { followed: rnd() < 0.5 }
                  : r < 0.7
                    ? { largeText: rnd() < 0.5, awaiting: rnd() < 0.5 ? "ward-place" : null }
                    : {};
          if (r < 0.85) await store.upsertProfile(u, patch, T0 + step);
          else
            await store.importProfiles([
              profile(u, { ward: pick(WARDS), topics: [pick(TOPIC_KEYS)], followed: rnd() < 0.7 }),
            ]);
        }
        const now = (await Promise.all(ids.map((u) => store.getProfile(u)))).filter(
          (p): p is Profile => p !== null,
        );
        for (const filter of [
          { wards: [...WARDS], topics: [...TOPIC_KEYS] },
          { wards: [WARDS[0], WARDS[1]] as Ward[], topics: ["bousai", "event"] as TopicKey[] },
        ]) {
          const match = now.filter(
            (p) =>
              p.followed &&
              p.ward !== null &&
              filter.wards.includes(p.ward) &&
              p.topics.some((t) => filter.topics.includes(t)),
          );
          expect(await audienceSet(store, filter, 5)).toEqual(match.map((p) => p.userId).sort());
          expect((await store.countAudience(filter)).total).toBe(match.length);
        }
      });

      it("never includes unfollowed residents, and includes them again after re-follow", async () => {
        await store.importProfiles(fixture());
        const everyone = { wards: [...WARDS], topics: [...TOPIC_KEYS] };
        expect(await wholeAudience(store, everyone)).not.toContain("U-b");
        await store.upsertProfile("U-a", { followed: false }, T0 + 1);
        expect(await wholeAudience(store, everyone)).not.toContain("U-a");
        await store.upsertProfile("U-b", { followed: true }, T0 + 2);
        expect(await wholeAudience(store, everyone)).toContain("U-b");
      });

      it("counts the audience per ward and per topic", async () => {
        await store.importProfiles(fixture());
        expect(await store.countAudience({ wards: ["東区", "西区"], topics: ["bousai", "event"] })).toEqual({
          total: 3,
          byWard: { 東区: 2, 西区: 1 },
          byTopic: { bousai: 2, event: 2 },
        });
        expect(await store.countAudience({ wards: ["南区"], topics: ["kenko"] })).toEqual({
          total: 0,
          byWard: { 南区: 0 },
          byTopic: { kenko: 0 },
        });
      });

      it("agrees with a plain reference filter on random residents", async () => {
        const rnd = seededRandom(20201);
        const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
        const people = Array.from({ length: 400 }, (_, i) =>
          profile(uid(1000 + Math.floor(rnd() * 1e9) * 1000 + i), {
            ward: rnd() < 0.1 ? null : pick(WARDS),
            topics: TOPIC_KEYS.filter(() => rnd() < 0.35),
            followed: rnd() < 0.85,
          }),
        );
        await store.importProfiles(people);
        for (let round = 0; round < 6; round++) {
          const wards = WARDS.filter(() => rnd() < 0.5);
          const topics = TOPIC_KEYS.filter(() => rnd() < 0.5);
          const match = people.filter(
            (p) =>
              p.followed &&
              p.ward !== null &&
              wards.includes(p.ward) &&
              p.topics.some((t) => topics.includes(t)),
          );
          const ids = match.map((p) => p.userId).sort();
          // Pages of 50: several pages per round, without hundreds of emulator round trips
          // (paging at tiny sizes has its own tests above).
          expect(await audienceSet(store, { wards, topics }, 50)).toEqual(ids);
          const counts = await store.countAudience({ wards, topics });
          expect(counts.total).toBe(ids.length);
          for (const w of wards) expect(counts.byWard[w]).toBe(match.filter((p) => p.ward === w).length);
          for (const t of topics)
            expect(counts.byTopic[t]).toBe(match.filter((p) => p.topics.includes(t)).length);
        }
      });
    });

    describe("event de-duplication", () => {
      it("claims an event once, then refuses repeats until the claim expires", async () => {
        const exp = T0 + 60_000;
        expect(await store.claimEvent("01HEVENT1", T0, exp)).toBe(true);
        expect(await store.claimEvent("01HEVENT1", T0 + 1, exp)).toBe(false);
        expect(await store.claimEvent("01HEVENT2", T0 + 1, exp)).toBe(true);
        expect(await store.claimEvent("01HEVENT1", exp - 1, exp + 60_000)).toBe(false);
        expect(await store.claimEvent("01HEVENT1", exp, exp + 60_000)).toBe(true);
        expect(await store.claimEvent("01HEVENT1", exp + 1, exp + 60_000)).toBe(false);
      });

      it("lets exactly one of many concurrent claims win", async () => {
        const other = (await sibling()) ?? store;
        const results = await Promise.all(
          Array.from({ length: 8 }, (_, i) => (i % 2 ? other : store).claimEvent("01HRACE", T0, T0 + 60_000)),
        );
        expect(results.filter(Boolean)).toHaveLength(1);
      });
    });

    describe("unanswered questions", () => {
      it("groups by normalised text, most frequent then most recent first, without user ids", async () => {
        const asks: Array<[string, number]> = [
          ["ゴミ出しの日は？", 1],
          ["ＩＣＴ講座", 2],
          [" ict講座 ", 3],
          ["ICT  講座", 4],
          ["ICT講座", 5],
          ["ごみ出しの日は？", 6],
          ["ゴミ出しの日は？", 7],
          ["犬の登録", 8],
        ];
        for (const [text, i] of asks)
          await store.recordUnanswered({ userHash: `hash-${i}`, text, at: T0 + i });
        const list = await store.listUnanswered(10);
        expect(list).toEqual([
          { text: "ICT講座", count: 3, askers: 3, lastAt: T0 + 5 },
          { text: "ゴミ出しの日は？", count: 2, askers: 2, lastAt: T0 + 7 },
          { text: "犬の登録", count: 1, askers: 1, lastAt: T0 + 8 },
          { text: "ごみ出しの日は？", count: 1, askers: 1, lastAt: T0 + 6 },
          { text: "ICT 講座", count: 1, askers: 1, lastAt: T0 + 4 },
        ]);
        expect(JSON.stringify(list)).not.toContain("hash-");
        expect(await store.listUnanswered(2)).toEqual(list.slice(0, 2));
        expect(await store.listUnanswered(0)).toEqual([]);
      });

      it("stores no phone number, e-mail address or LINE id a resident typed; counts askers by hash", async () => {
        await store.recordUnanswered({ userHash: "u_1", text: "090-1234-5678に電話ください", at: T0 + 1 });
        await store.recordUnanswered({
          userHash: "u_2",
          text: "０９６－３２８－２１１１に電話ください",
          at: T0 + 2,
        });
        await store.recordUnanswered({
          userHash: "u_3",
          text: "taro@example.jp の U0123456789abcdef0123456789abcdef です",
          at: T0 + 3,
        });
        const list = await store.listUnanswered(5);
        expect(list).toEqual([
          { text: "[phone]に電話ください", count: 2, askers: 2, lastAt: T0 + 2 },
          { text: "[email] の [line-id] です", count: 1, askers: 1, lastAt: T0 + 3 },
        ]);
      });

      it("counts distinct residents: the same resident asking twice is one asker", async () => {
        const alice = "u_1a2b3c4d5e6f7a8b";
        const bob = "u_9f8e7d6c5b4a3f2e";
        await store.recordUnanswered({ userHash: alice, text: "ICT講座", at: T0 + 1 });
        await store.recordUnanswered({ userHash: alice, text: "ICT講座", at: T0 + 2 });
        expect(await store.listUnanswered(5)).toEqual([
          { text: "ICT講座", count: 2, askers: 1, lastAt: T0 + 2 },
        ]);
        // Another resident, the same question in other letters (one group).
        await store.recordUnanswered({ userHash: bob, text: " ｉｃｔ講座 ", at: T0 + 3 });
        await store.recordUnanswered({ userHash: alice, text: "空き家の相談", at: T0 + 4 });
        const list = await store.listUnanswered(5);
        expect(list).toEqual([
          { text: "ｉｃｔ講座", count: 3, askers: 2, lastAt: T0 + 3 },
          { text: "空き家の相談", count: 1, askers: 1, lastAt: T0 + 4 },
        ]);
        // Only counts leave the store: neither the hashes nor anything looking like a LINE user id.
        const out = JSON.stringify(list);
        expect(out).not.toContain(alice);
        expect(out).not.toContain(bob);
        expect(out).not.toMatch(/u_[0-9a-f]{16}|U[0-9a-f]{32}/);
      });

      it("counts asks without a hash as one unknown asker per group", async () => {
        await store.recordUnanswered({ userHash: "", text: "ゴミの日", at: T0 + 1 });
        await store.recordUnanswered({ userHash: "", text: "ゴミの日", at: T0 + 2 });
        await store.recordUnanswered({ userHash: "u_00000000000000aa", text: "ゴミの日", at: T0 + 3 });
        expect(await store.listUnanswered(5)).toEqual([
          { text: "ゴミの日", count: 3, askers: 2, lastAt: T0 + 3 },
        ]);
      });

      it("counts the same resident once even when asks race", async () => {
        const other = (await sibling()) ?? store;
        // A popular question: twenty asks at once, half through another instance. Under
        // contention every ask must still land within the store's own timeout.
        await Promise.all(
          Array.from({ length: RACERS }, (_, i) =>
            (i % 2 ? other : store).recordUnanswered({
              userHash: "u_0000000000000001",
              text: "公園の予約",
              at: T0 + i,
            }),
          ),
        );
        expect(await store.listUnanswered(5)).toEqual([
          { text: "公園の予約", count: RACERS, askers: 1, lastAt: T0 + RACERS - 1 },
        ]);
      });

      it("counts every ask and every resident once when many residents race, keeping the newest wording", async () => {
        const other = (await sibling()) ?? store;
        // Ten residents asking twice each plus one ask without a hash, in other wordings of one
        // question, sent in shuffled order with the newest ask first: the group must show that
        // ask's wording and time even though older asks land after it.
        const wordings = ["ICT講座", "ＩＣＴ講座", " ict講座 ", "ｉｃｔ講座"];
        const asks = Array.from({ length: RACERS }, (_, i) => ({
          userHash: `u_${String(i % (RACERS / 2)).padStart(16, "0")}`,
          text: wordings[i % wordings.length] ?? "",
          at: T0 + i,
        }));
        asks.push({ userHash: "", text: "ICT講座", at: T0 + 3 });
        const rnd = seededRandom(1413);
        const [newest, ...rest] = [...asks].sort((a, b) => b.at - a.at);
        const shuffled = rest
          .map((q) => ({ q, r: rnd() }))
          .sort((a, b) => a.r - b.r)
          .map(({ q }) => q);
        const order = newest ? [newest, ...shuffled] : shuffled;
        await Promise.all(order.map((q, i) => (i % 2 ? other : store).recordUnanswered(q)));
        expect(await store.listUnanswered(5)).toEqual([
          {
            text: (wordings[(RACERS - 1) % wordings.length] ?? "").trim(),
            count: RACERS + 1,
            askers: RACERS / 2 + 1,
            lastAt: T0 + RACERS - 1,
          },
        ]);
      });

      it("ignores blank questions", async () => {
        await store.recordUnanswered({ userHash: "h", text: "  \n ", at: T0 });
        expect(await store.listUnanswered(5)).toEqual([]);
      });
    });

    describe("notices", () => {
      it("creates, reads and refuses a second notice with the same id", async () => {
        const n = notice("n1");
        await store.createNotice(n);
        expect(await store.getNotice("n1")).toEqual(n);
        expect(await store.getNotice("nope")).toBeNull();
        await expect(store.createNotice(notice("n1", { state: "confirmed" }))).rejects.toThrow();
        expect(await store.getNotice("n1")).toEqual(n);
      });

      it("updates only with the expected version (optimistic concurrency)", async () => {
        await store.createNotice(notice("n1"));
        const cur = (await store.getNotice("n1")) as NoticeRecord;
        const confirmed = { ...cur, state: "confirmed" as const, sendAt: T0 + 3_600_000, updatedAt: T0 + 10 };
        expect(await store.updateNotice(confirmed, 0)).toBe(true);
        expect(await store.getNotice("n1")).toEqual({ ...confirmed, version: 1 });
        expect(await store.updateNotice({ ...cur, state: "cancelled" }, 0)).toBe(false);
        expect((await store.getNotice("n1"))?.state).toBe("confirmed");
        expect(await store.updateNotice(notice("ghost"), 0)).toBe(false);
        expect(await store.getNotice("ghost")).toBeNull();
      });

      it("lets exactly one of two concurrent writers of the same version win", async () => {
        await store.createNotice(notice("n1"));
        const other = (await sibling()) ?? store;
        const results = await Promise.all([
          store.updateNotice(notice("n1", { state: "confirmed", sendAt: T0 }), 0),
          other.updateNotice(notice("n1", { state: "cancelled" }), 0),
          store.updateNotice(notice("n1", { state: "sending" }), 0),
        ]);
        expect(results.filter(Boolean)).toHaveLength(1);
        expect((await store.getNotice("n1"))?.version).toBe(1);
      });

      it("lists notices by state, oldest first", async () => {
        await store.createNotice(notice("b", { createdAt: T0 + 2 }));
        await store.createNotice(notice("a", { createdAt: T0 + 3, state: "sent" }));
        await store.createNotice(notice("c", { createdAt: T0 + 1, state: "confirmed", sendAt: T0 }));
        expect((await store.listNotices()).map((n) => n.id)).toEqual(["c", "b", "a"]);
        expect((await store.listNotices({ states: ["sent", "confirmed"] })).map((n) => n.id)).toEqual([
          "c",
          "a",
        ]);
        expect(await store.listNotices({ states: ["cancelled"] })).toEqual([]);
        expect(await store.listNotices({ states: [] })).toEqual([]);
      });

      it("lists due notices: confirmed and due, or sending, oldest first", async () => {
        const now = T0 + 1_000_000;
        await store.createNotice(notice("due-late", { state: "confirmed", sendAt: now }));
        await store.createNotice(notice("due-early", { state: "confirmed", sendAt: now - 500 }));
        await store.createNotice(notice("future", { state: "confirmed", sendAt: now + 1 }));
        await store.createNotice(notice("resume", { state: "sending", sendAt: now - 100 }));
        for (const state of ["draft", "sent", "partly-failed", "cancelled"] as const) {
          await store.createNotice(notice(state, { state, sendAt: now - 1_000 }));
        }
        expect((await store.listDueNotices(now)).map((n) => n.id)).toEqual([
          "due-early",
          "resume",
          "due-late",
        ]);
        expect((await store.listDueNotices(now - 501)).map((n) => n.id)).toEqual(["resume"]);
      });
    });

    describe("delivery batches", () => {
      const ids = Array.from({ length: 1_234 }, (_, i) => uid(i));
      /** Batches `from`… of a page, indexes continuing the pages before. */
      const pageOf = (noticeId: string, userIds: string[], size: number, from: number): DeliveryBatch[] =>
        batchesFor(noticeId, userIds, size).map((b) => ({ ...b, index: b.index + from }));

      it("creates the batches of a one-page delivery only once", async () => {
        const first = batchesFor("n1", ids, 500);
        expect(await store.deliveryProgress("n1")).toEqual({ pages: 0, next: null, complete: false });
        expect(await store.addBatches("n1", 0, first, null)).toBe(true);
        expect(await store.addBatches("n1", 0, batchesFor("n1", ids.slice(0, 10), 5), null)).toBe(false);
        expect(await store.addBatches("n1", 1, batchesFor("n1", ids.slice(0, 10), 5), null)).toBe(false);
        expect(await store.listBatches("n1")).toEqual(first);
        expect(await store.deliveryProgress("n1")).toEqual({ pages: 1, next: null, complete: true });
        expect(await store.listBatches("n2")).toEqual([]);
      });

      it("adds pages in order only, each once, keeping the cursor after the last", async () => {
        const p0 = pageOf("n1", ids.slice(0, 700), 500, 0);
        const p1 = pageOf("n1", ids.slice(700, 1_000), 500, 2);
        const p2 = pageOf("n1", ids.slice(1_000), 500, 3);
        expect(await store.addBatches("n1", 1, p1, uid(999))).toBe(false);
        expect(await store.addBatches("n1", 0, p0, uid(699))).toBe(true);
        expect(await store.deliveryProgress("n1")).toEqual({ pages: 1, next: uid(699), complete: false });
        expect(await store.addBatches("n1", 0, p0, uid(699))).toBe(false);
        expect(await store.addBatches("n1", 2, p2, null)).toBe(false);
        expect(await store.addBatches("n1", 1, p1, uid(999))).toBe(true);
        expect(await store.deliveryProgress("n1")).toEqual({ pages: 2, next: uid(999), complete: false });
        expect(await store.listBatches("n1")).toEqual([...p0, ...p1]);
        expect(await store.addBatches("n1", 2, p2, null)).toBe(true);
        expect(await store.deliveryProgress("n1")).toEqual({ pages: 3, next: null, complete: true });
        expect(await store.addBatches("n1", 3, [], null)).toBe(false);
        expect((await store.listBatches("n1")).flatMap((b) => b.userIds)).toEqual(ids);
      });

      it("keeps many batches in index order", async () => {
        const many = batchesFor("n1", ids, 2).reverse();
        expect(many).toHaveLength(617);
        expect(await store.addBatches("n1", 0, many.slice(0, 300), uid(633))).toBe(true);
        expect(await store.addBatches("n1", 1, many.slice(300), null)).toBe(true);
        const got = await store.listBatches("n1");
        expect(got.map((b) => b.index)).toEqual(many.map((b) => b.index).reverse());
        expect(got.flatMap((b) => b.userIds)).toEqual(ids);
      });

      it("remembers that a notice had no one to send to", async () => {
        expect(await store.addBatches("n0", 0, [], null)).toBe(true);
        expect(await store.addBatches("n0", 0, batchesFor("n0", ids, 500), null)).toBe(false);
        expect(await store.listBatches("n0")).toEqual([]);
        expect(await store.deliveryProgress("n0")).toEqual({ pages: 1, next: null, complete: true });
      });

      it("lets exactly one of concurrent creators of a page win", async () => {
        const other = (await sibling()) ?? store;
        for (const page of [0, 1]) {
          const a = pageOf("n1", ids.slice(page * 600, page * 600 + 600), 500, page * 2);
          const b = pageOf("n1", ids.slice(page * 600 + 100, page * 600 + 600), 300, page * 2);
          const results = await Promise.all([
            store.addBatches("n1", page, a, uid(page * 600 + 599)),
            other.addBatches("n1", page, b, uid(page * 600 + 599)),
          ]);
          expect(results.filter(Boolean)).toHaveLength(1);
          expect((await store.listBatches("n1")).slice(page * 2)).toEqual(results[0] ? a : b);
        }
        expect(await other.deliveryProgress("n1")).toEqual({ pages: 2, next: uid(1_199), complete: false });
      });

      it("updates batches and leaves the others alone", async () => {
        const list = batchesFor("n1", ids, 500);
        await store.addBatches("n1", 0, list, null);
        const sent: DeliveryBatch = {
          ...(list[1] as DeliveryBatch),
          state: "sent",
          attempts: 2,
          reason: "req-accepted-123",
          updatedAt: T0 + 7,
        };
        await store.updateBatches([sent]);
        const failed: DeliveryBatch = {
          ...(list[2] as DeliveryBatch),
          state: "failed",
          attempts: 1,
          reason: "400",
        };
        await store.updateBatches([failed, { ...sent, reason: "req-accepted-124" }]);
        expect(await store.listBatches("n1")).toEqual([
          list[0],
          { ...sent, reason: "req-accepted-124" },
          failed,
        ]);
        await store.updateBatches([]);
        // Recipients and retry key are fixed when stored: an outcome never rewrites them.
        await store.updateBatches([{ ...sent, userIds: ["Uother"], retryKey: "other-key", attempts: 3 }]);
        expect((await store.listBatches("n1"))[1]).toEqual({ ...sent, attempts: 3 });
        await expect(store.updateBatches([{ ...sent, index: 99 }])).rejects.toThrow();
        await expect(store.updateBatches([{ ...sent, noticeId: "nx" }])).rejects.toThrow();
      });
    });

    describe("a delivery read in pages (the sender on this store)", () => {
      it("resumes after being killed mid-page and right after storing a page: everyone once, no stray", async () => {
        const people = residents(3_000);
        await store.importProfiles(people);
        const messenger = createRecordingMessenger();
        const service = createNoticeService({
          store,
          messenger,
          clock: () => NOW,
          findProgram: () => undefined,
        });
        const all = { wards: [...WARDS], topics: [...TOPIC_KEYS] };
        const draft = await service.createDraft(noticeInput(all));
        await service.dryRun(draft.id);
        await service.confirm(draft.id);
        const expected = expectedAudience(people, all.wards, all.topics);
        const run = (owner: string, at: number, s: Store, signal?: AbortSignal) =>
          createSender({
            store: s,
            messenger,
            clock: () => at,
            owner,
            batchSize: 100,
            pageBatches: { first: 1, max: 3 },
            concurrency: 1,
            leaseTtlMs: 1_000,
            maxRequestsPerSecond: 100_000,
            ...(signal ? { signal } : {}),
          }).sendDue(at);

        // 1: killed after its 4th request went out (page 1), before recording it.
        const first = new AbortController();
        const inner = messenger.multicast.bind(messenger);
        messenger.multicast = async (...a) => {
          const r = await inner(...a);
          if (messenger.calls.length === 4) first.abort();
          return r;
        };
        expect((await run("sender-1", NOW, store, first.signal))[0]?.outcome).toBe("aborted");
        messenger.multicast = inner;
        const afterFirst = await store.deliveryProgress(draft.id);
        expect(afterFirst.complete).toBe(false);

        // 2: killed right after storing its first new page, before sending any of it.
        const second = new AbortController();
        const killing = new Proxy(store, {
          get(target, prop, receiver) {
            if (prop !== "addBatches") return Reflect.get(target, prop, receiver) as unknown;
            return async (...a: Parameters<Store["addBatches"]>) => {
              const stored = await target.addBatches(...a);
              second.abort();
              return stored;
            };
          },
        });
        const callsBefore = messenger.calls.length;
        expect((await run("sender-2", NOW + 2_000, killing, second.signal))[0]?.outcome).toBe("aborted");
        expect((await store.deliveryProgress(draft.id)).pages).toBe(afterFirst.pages + 1);

        // 3: finishes.
        expect((await run("sender-3", NOW + 4_000, store))[0]?.outcome).toBe("sent");
        expect(messenger.calls.length).toBeGreaterThan(callsBefore);

        // Every resident went out under exactly one retry key; a key sent twice carried the same ids.
        const byKey = new Map<string, string>();
        const keyOf = new Map<string, string>();
        for (const c of messenger.calls) {
          if (c.kind !== "multicast") continue;
          const ids = [...c.to].sort().join();
          expect(byKey.get(c.retryKey) ?? ids).toBe(ids);
          byKey.set(c.retryKey, ids);
          for (const u of c.to) {
            expect(keyOf.get(u) ?? c.retryKey).toBe(c.retryKey);
            keyOf.set(u, c.retryKey);
          }
        }
        expect([...keyOf.keys()].sort()).toEqual(expected);
        const batches = await store.listBatches(draft.id);
        expect(batches.map((b) => b.index)).toEqual(batches.map((_, i) => i));
        expect(batches.every((b) => b.state === "sent")).toBe(true);
        expect(batches.flatMap((b) => b.userIds).sort()).toEqual(expected);
        expect(await store.deliveryProgress(draft.id)).toMatchObject({ complete: true });
      }, 60_000);
    });

    describe("sending leases", () => {
      it("grants a free lease, refuses another owner, renews for the holder", async () => {
        expect(await store.acquireLease("n1", "sender-a", T0, 30_000)).toBe(true);
        expect(await store.acquireLease("n1", "sender-b", T0 + 1, 30_000)).toBe(false);
        expect(await store.acquireLease("n1", "sender-a", T0 + 20_000, 30_000)).toBe(true);
        // Renewed until T0 + 50,000: still held at T0 + 40,000.
        expect(await store.acquireLease("n1", "sender-b", T0 + 40_000, 30_000)).toBe(false);
        expect(await store.acquireLease("n2", "sender-b", T0, 30_000)).toBe(true);
      });

      it("lets another owner take an expired lease", async () => {
        expect(await store.acquireLease("n1", "sender-a", T0, 1_000)).toBe(true);
        expect(await store.acquireLease("n1", "sender-b", T0 + 999, 1_000)).toBe(false);
        expect(await store.acquireLease("n1", "sender-b", T0 + 1_000, 1_000)).toBe(true);
        expect(await store.acquireLease("n1", "sender-a", T0 + 1_001, 1_000)).toBe(false);
      });

      it("releases only the holder's lease", async () => {
        expect(await store.acquireLease("n1", "sender-a", T0, 60_000)).toBe(true);
        await store.releaseLease("n1", "sender-b");
        expect(await store.acquireLease("n1", "sender-b", T0 + 1, 60_000)).toBe(false);
        await store.releaseLease("n1", "sender-a");
        expect(await store.acquireLease("n1", "sender-b", T0 + 2, 60_000)).toBe(true);
        await store.releaseLease("n-unknown", "sender-a");
      });

      it("lets exactly one of racing owners win", async () => {
        const other = (await sibling()) ?? store;
        const owners = Array.from({ length: 6 }, (_, i) => `sender-${i}`);
        const results = await Promise.all(
          owners.map((o, i) => (i % 2 ? other : store).acquireLease("n1", o, T0, 30_000)),
        );
        expect(results.filter(Boolean)).toHaveLength(1);
        const winner = owners[results.indexOf(true)] as string;
        // Only the winner can renew.
        for (const o of owners) expect(await store.acquireLease("n1", o, T0 + 1, 30_000)).toBe(o === winner);
      });
    });

    describe("emergency bulletins", () => {
      it("creates a bulletin once, then updates it only at the expected version", async () => {
        expect(await store.getBulletin("東区")).toBeNull();
        expect(await store.putBulletin(bulletin("東区"), null)).toBe(true);
        expect(await store.getBulletin("東区")).toEqual(bulletin("東区"));
        // Creating again is refused: another staff member published first.
        expect(await store.putBulletin(bulletin("東区", { updatedAt: T0 + 1 }), null)).toBe(false);

        const updated = bulletin("東区", {
          data: { title: "更新", state: "published" },
          updatedAt: T0 + 60_000,
        });
        expect(await store.putBulletin(updated, 0)).toBe(true);
        expect(await store.getBulletin("東区")).toEqual({ ...updated, version: 1 });
        // A stale version writes nothing.
        expect(await store.putBulletin(bulletin("東区", { updatedAt: T0 + 5 }), 0)).toBe(false);
        expect((await store.getBulletin("東区"))?.updatedAt).toBe(T0 + 60_000);
      });

      it("keeps one bulletin per area and lists them all, the content as given", async () => {
        for (const scope of ["all", "北区", "中央区"])
          expect(await store.putBulletin(bulletin(scope), null)).toBe(true);
        const list = await store.listBulletins();
        expect(list.map((b) => b.scope).sort()).toEqual(["all", "中央区", "北区"].sort());
        expect(list.find((b) => b.scope === "北区")?.data).toEqual(bulletin("北区").data);
        // Lists are copies: changing one does not change the store.
        (list[0] as BulletinRecord).data.title = "changed";
        expect((await store.listBulletins()).map((b) => b.data.title)).not.toContain("changed");
      });

      it("lets exactly one of racing writers of the same version win", async () => {
        expect(await store.putBulletin(bulletin("南区"), null)).toBe(true);
        const other = (await sibling()) ?? store;
        const results = await Promise.all(
          Array.from({ length: 6 }, (_, i) =>
            (i % 2 ? other : store).putBulletin(bulletin("南区", { updatedAt: T0 + i }), 0),
          ),
        );
        expect(results.filter(Boolean)).toHaveLength(1);
        expect((await store.getBulletin("南区"))?.version).toBe(1);
      });
    });
  });
}
