/**
 * The Firestore adapter's audience index, as pure functions: which bucket a resident belongs
 * to, how one resident is written in a bucket, the cursor of an audience walk, and one page cut
 * out of bucket contents. No I/O: src/store/firestore-audience.ts reads and writes the documents.
 *
 * Why buckets: a delivery used to page through a `profiles` query, billed one read per recipient
 * (and, on the emulator, a scan of the whole collection per page). Instead every followed
 * resident with a ward and a topic is also an entry in one of {@link BUCKETS} bucket documents,
 * chosen by a hash of the user id: a walk reads the buckets by id (about one read per bucket,
 * whatever the audience size) and filters ward and topics in memory. The bucket depends on the
 * user id only, so a resident who changes ward or topics stays where they are, and the walk's
 * order — bucket, then document id — is a key that never changes for a resident.
 */
import { createHash } from "node:crypto";
import type { Ward } from "../knowledge/schema.js";
import type { TopicKey } from "../knowledge/topics.js";
import type { AudienceFilter, Profile } from "./port.js";

/** Number of bucket documents. Changing it needs `audience rebuild` (every entry moves). */
export const BUCKETS = 256;

/**
 * One letter per topic in a bucket entry. Append only: the letters are stored, so a topic's
 * letter must never change or be reused. A new topic without a letter fails to compile.
 */
export const TOPIC_LETTERS: Readonly<Record<TopicKey, string>> = {
  bousai: "b",
  kenko: "k",
  kosodate: "s",
  chiiki: "c",
  event: "e",
};
const TOPIC_OF_LETTER = new Map(Object.entries(TOPIC_LETTERS).map(([t, l]) => [l, t as TopicKey]));

/**
 * Most entries a bucket may hold. Firestore's document limit is 1 MiB (1,048,576 bytes); an
 * entry for a LINE user id costs its field name (33 characters + 1) and its value (ward name
 * ≤ 9 bytes, `|`, ≤ 5 topic letters, + 1): at most 50 bytes, so 20,000 entries stay under
 * 1 MB even at that worst case. A hash spreads N residents as N/256 per bucket ± √(N/256), so
 * the fullest of 256 buckets is about N/256 + 3·√(N/256): the supported audience is 4.5 million
 * followed residents (fullest bucket ≈ 18,000, 10% under this capacity). `audience check`
 * reports the fullest bucket against it.
 */
export const BUCKET_CAPACITY = 20_000;

/** The bucket (0 … BUCKETS-1) of a resident: the first byte of SHA-256 of the user id. */
export function bucketOf(userId: string): number {
  return createHash("sha256").update(userId, "utf8").digest().readUInt8(0);
}

/** A bucket's document id: two hex digits, so ids sort in bucket order. */
export const bucketId = (bucket: number): string => bucket.toString(16).padStart(2, "0");

/** A resident as a bucket entry: their ward and topics (and user id, when the key is not it). */
export interface BucketMember {
  ward: Ward;
  topics: TopicKey[];
  userId: string;
}

/**
 * The entry value of a profile in its bucket, or null when it belongs in no audience (not
 * followed, no ward or no topic). `key` is the profile's document id: the user id is stored in
 * the value only when the key is not the user id itself (a hashed document id).
 */
export function memberValue(
  p: Pick<Profile, "userId" | "ward" | "topics" | "followed">,
  key: string,
): string | null {
  if (!p.followed || p.ward === null || p.topics.length === 0) return null;
  const letters = [...new Set(p.topics)].map((t) => TOPIC_LETTERS[t]).join("");
  return key === p.userId ? `${p.ward}|${letters}` : `${p.ward}|${letters}|${p.userId}`;
}

/** Reads an entry back; null for a value this release cannot read (it is then left out). */
export function readMember(key: string, value: unknown): BucketMember | null {
  if (typeof value !== "string") return null;
  const [ward, letters, userId] = value.split("|");
  if (!ward || letters === undefined) return null;
  const topics: TopicKey[] = [];
  // A letter from a later release (a topic this one does not know) is skipped.
  for (const l of letters) {
    const t = TOPIC_OF_LETTER.get(l);
    if (t) topics.push(t);
  }
  return { ward, topics, userId: userId ?? key };
}

/**
 * Where an audience walk stands: after entry `key` of bucket `bucket`. `floor` is carried over
 * from a cursor of the previous (query) walk, in document-id order: everyone up to it was
 * already listed, so the bucket walk leaves them out.
 */
export interface BucketCursor {
  bucket: number;
  key: string;
  floor: string | null;
}

const CURSOR = /^b1:([0-9a-f]{2}):([^:]*)(?::([^:]+))?$/;

/** The cursor as the port hands it out (document ids never hold `:`). */
export function formatCursor(c: BucketCursor): string {
  return `b1:${bucketId(c.bucket)}:${c.key}${c.floor === null ? "" : `:${c.floor}`}`;
}

/**
 * Reads a cursor. Anything that is not a bucket cursor is a document id from the query walk
 * (a delivery paged before the index was built): it becomes the floor, and the walk starts at
 * the first bucket.
 */
export function parseCursor(after: string | null): BucketCursor | null {
  if (after === null) return null;
  const m = CURSOR.exec(after);
  if (!m) return { bucket: 0, key: "", floor: after };
  return { bucket: Number.parseInt(m[1] as string, 16), key: m[2] as string, floor: m[3] ?? null };
}

/**
 * How many more buckets to read for `need` more matches, at `perBucket` matches per bucket as
 * measured over `seen` matches. Residents hash evenly into buckets, so the matches in k buckets
 * vary like a Poisson count: reading k = need / perBucket buckets falls short about half the
 * time (another round trip). The margin is two standard deviations of the buckets needed — from
 * the count (√(k / perBucket)) and from the estimate of the rate (k / √seen) together — plus
 * one: for a 100,000-resident delivery about 3 buckets past a 50,000 page, where a flat 10 %
 * read 13 (which the next page read again).
 */
export function bucketsToRead(need: number, perBucket: number, seen: number): number {
  if (!(need > 0 && perBucket > 0 && seen > 0)) throw new Error("bucketsToRead needs positive numbers");
  const k = need / perBucket;
  return Math.ceil(k + 2 * Math.sqrt(k / perBucket + (k * k) / seen)) + 1;
}

/** Is a member in the audience of `filter`? (Sets, so a long walk does not search arrays.) */
export function memberMatches(
  m: BucketMember,
  wards: ReadonlySet<string>,
  topics: ReadonlySet<string>,
): boolean {
  return wards.has(m.ward) && m.topics.some((t) => topics.has(t));
}

/** A filter as the sets {@link memberMatches} takes. */
export const filterSets = (f: AudienceFilter): { wards: Set<string>; topics: Set<string> } => ({
  wards: new Set(f.wards),
  topics: new Set(f.topics),
});

/**
 * The matching members of one bucket that come after the cursor, in key order, as
 * `[key, userId]` pairs. `members` is the bucket document's map (absent: an empty bucket).
 */
export function bucketMatches(
  bucket: number,
  members: Readonly<Record<string, unknown>> | undefined,
  sets: { wards: ReadonlySet<string>; topics: ReadonlySet<string> },
  cursor: BucketCursor | null,
): Array<[string, string]> {
  if (!members) return [];
  const after = cursor !== null && cursor.bucket === bucket ? cursor.key : null;
  const floor = cursor?.floor ?? null;
  const out: Array<[string, string]> = [];
  // Most entries are one of a few dozen values ("東区|be"): each is read and matched once.
  const verdicts = new Map<string, boolean>();
  let sorted = true;
  for (const key in members) {
    if (after !== null && key <= after) continue;
    if (floor !== null && key <= floor) continue;
    const value = members[key];
    let userId: string | null = null;
    if (typeof value === "string" && value.indexOf("|", value.indexOf("|") + 1) === -1) {
      let ok = verdicts.get(value);
      if (ok === undefined) {
        const m = readMember(key, value);
        verdicts.set(value, (ok = m !== null && memberMatches(m, sets.wards, sets.topics)));
      }
      if (ok) userId = key;
    } else {
      const m = readMember(key, value);
      if (m && memberMatches(m, sets.wards, sets.topics)) userId = m.userId;
    }
    if (userId === null) continue;
    const last = out[out.length - 1];
    if (last !== undefined && last[0] > key) sorted = false;
    out.push([key, userId]);
  }
  // Maps usually arrive in key order; sort only when they did not.
  if (sorted) return out;
  return out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}
