import { describe, expect, it } from "vitest";
import { seededRandom } from "../../helpers/seeded-random.js";
import { KNOWLEDGE_WARDS } from "../../../src/knowledge/known-wards.js";
import { TOPIC_KEYS } from "../../../src/knowledge/topics.js";
import {
  BUCKETS,
  BUCKET_CAPACITY,
  TOPIC_LETTERS,
  bucketId,
  bucketMatches,
  bucketOf,
  bucketsToRead,
  filterSets,
  formatCursor,
  memberValue,
  parseCursor,
  readMember,
} from "../../../src/store/audience-buckets.js";

const uid = (n: number): string => `U${n.toString(16).padStart(32, "0")}`;
const utf8 = (s: string): number => Buffer.byteLength(s, "utf8");

describe("audience buckets (pure)", () => {
  it("gives every topic its own letter, so an entry reads back as written", () => {
    const letters = TOPIC_KEYS.map((t) => TOPIC_LETTERS[t]);
    expect(new Set(letters).size).toBe(TOPIC_KEYS.length);
    for (const l of letters) expect(l).toMatch(/^[a-z]$/);
    const p = { userId: uid(1), ward: "東区", topics: ["event", "bousai", "event"], followed: true } as const;
    const v = memberValue({ ...p, topics: [...p.topics] }, uid(1));
    expect(v).toBe("東区|eb");
    expect(readMember(uid(1), v)).toEqual({ ward: "東区", topics: ["event", "bousai"], userId: uid(1) });
    // A hashed document id keeps the user id; a letter from a later release is skipped.
    expect(readMember("~ab", memberValue({ ...p, topics: ["kenko"], userId: "a/b" }, "~ab"))).toEqual({
      ward: "東区",
      topics: ["kenko"],
      userId: "a/b",
    });
    expect(readMember(uid(2), "西区|bz")).toEqual({ ward: "西区", topics: ["bousai"], userId: uid(2) });
    expect(readMember(uid(2), 42)).toBeNull();
  });

  it("leaves residents out who belong in no audience", () => {
    const base = { userId: uid(1), ward: "東区", topics: ["bousai" as const], followed: true };
    expect(memberValue({ ...base, followed: false }, uid(1))).toBeNull();
    expect(memberValue({ ...base, ward: null }, uid(1))).toBeNull();
    expect(memberValue({ ...base, topics: [] }, uid(1))).toBeNull();
  });

  it("puts a resident in a bucket by the user id alone, spread evenly", () => {
    expect(bucketOf(uid(7))).toBe(bucketOf(uid(7)));
    const counts = new Array<number>(BUCKETS).fill(0);
    const n = 256 * 200;
    for (let i = 0; i < n; i++) counts[bucketOf(uid(i))] = (counts[bucketOf(uid(i))] ?? 0) + 1;
    // 200 per bucket on average; a fair hash stays within ± 5 standard deviations (√200 ≈ 14).
    expect(Math.max(...counts)).toBeLessThan(200 + 5 * 14);
    expect(Math.min(...counts)).toBeGreaterThan(200 - 5 * 14);
    expect([0, 9, 255].map(bucketId)).toEqual(["00", "09", "ff"]);
  });

  it("fits a full bucket of worst-case entries in one Firestore document (1 MiB)", () => {
    const longestWard = Math.max(...KNOWLEDGE_WARDS.names.map(utf8));
    // Field name (+1) and string value (+1), as Firestore counts document size.
    const worst = utf8(uid(0)) + 1 + longestWard + 1 + TOPIC_KEYS.length + 1;
    expect(worst * BUCKET_CAPACITY).toBeLessThan(1_048_576 - 1_000);
  });

  it("round-trips cursors, and reads a query walk's cursor as a floor", () => {
    const c = { bucket: 171, key: uid(3), floor: null };
    expect(formatCursor(c)).toBe(`b1:ab:${uid(3)}`);
    expect(parseCursor(formatCursor(c))).toEqual(c);
    expect(parseCursor(formatCursor({ ...c, floor: uid(9) }))).toEqual({ ...c, floor: uid(9) });
    expect(parseCursor(uid(5))).toEqual({ bucket: 0, key: "", floor: uid(5) });
    expect(parseCursor(null)).toBeNull();
  });

  it("takes a bucket's matches after the cursor and above the floor, in key order", () => {
    const members = { [uid(4)]: "東区|b", [uid(1)]: "東区|e", [uid(3)]: "西区|b", [uid(2)]: "東区|kb" };
    const sets = filterSets({ wards: ["東区"], topics: ["bousai"] });
    expect(bucketMatches(5, members, sets, null)).toEqual([
      [uid(2), uid(2)],
      [uid(4), uid(4)],
    ]);
    expect(bucketMatches(5, members, sets, { bucket: 5, key: uid(2), floor: null })).toEqual([
      [uid(4), uid(4)],
    ]);
    // A cursor in an earlier bucket does not cut this one; a floor cuts every bucket.
    expect(bucketMatches(5, members, sets, { bucket: 4, key: uid(3), floor: null })).toHaveLength(2);
    expect(bucketMatches(5, members, sets, { bucket: 0, key: "", floor: uid(3) })).toEqual([
      [uid(4), uid(4)],
    ]);
    expect(bucketMatches(5, undefined, sets, null)).toEqual([]);
  });

  it("matches repeated values, hashed keys and damaged entries each on their own", () => {
    const hashed = `~${"a".repeat(64)}`;
    const members: Record<string, unknown> = {
      [uid(1)]: "東区|b",
      [uid(2)]: "東区|b",
      [uid(3)]: "東区|e",
      [hashed]: `東区|b|${uid(9)}`,
      [`~${"b".repeat(64)}`]: `西区|b|${uid(8)}`,
      [uid(4)]: "|b",
      [uid(5)]: 7,
      [uid(6)]: "東区|e",
      [uid(7)]: "東区|b",
    };
    const sets = filterSets({ wards: ["東区"], topics: ["bousai"] });
    expect(bucketMatches(1, members, sets, null)).toEqual([
      [uid(1), uid(1)],
      [uid(2), uid(2)],
      [uid(7), uid(7)],
      [hashed, uid(9)],
    ]);
    // The same values under another filter give another answer (nothing carried between calls).
    expect(bucketMatches(1, members, filterSets({ wards: ["東区"], topics: ["event"] }), null)).toEqual([
      [uid(3), uid(3)],
      [uid(6), uid(6)],
    ]);
  });

  it("sizes a read to fill the page in one round almost always, with few buckets to spare", () => {
    // 100,000 and 3,000 residents hashed into the buckets, as the sender's pages read them.
    for (const residents of [100_000, 3_000]) {
      const random = seededRandom(residents);
      const sizes = new Array<number>(BUCKETS).fill(0);
      for (let i = 0; i < residents; i++) {
        const b = Math.floor(random() * BUCKETS);
        sizes[b] = (sizes[b] ?? 0) + 1;
      }
      const perBucket = residents / BUCKETS;
      let short = 0;
      let spare = 0;
      const trials = 400;
      for (let t = 0; t < trials; t++) {
        const need = 1 + Math.floor(random() * residents * 0.45);
        // The rate as the page before measured it: from up to 64 buckets' matches.
        const start = Math.floor(random() * BUCKETS);
        const measured = Array.from({ length: 64 }, (_, i) => sizes[(start + i) % BUCKETS] ?? 0);
        const seen = measured.reduce((a, b) => a + b, 0);
        const want = bucketsToRead(need, seen / 64, seen);
        let got = 0;
        for (let i = 0; i < want; i++) got += sizes[(start + 64 + i) % BUCKETS] ?? 0;
        if (got < need) short += 1;
        spare += want - need / perBucket;
      }
      // Two standard deviations: a second round trip in well under 5 % of the pages.
      expect(short / trials).toBeLessThan(0.05);
      // A flat 10 % more (what it replaces) read 0.1 × k + 1 buckets past the need: 6.8 on
      // average over these pages, whatever the audience's size.
      expect(spare / trials).toBeLessThan(residents === 100_000 ? 3.5 : 7.5);
    }
    expect(() => bucketsToRead(0, 1, 1)).toThrow();
  });
});
