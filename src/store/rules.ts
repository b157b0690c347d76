/**
 * The store port's rules that do not depend on where the data lives: which batch sets are
 * acceptable, the order staff see unanswered questions and notices in, and the shape of audience
 * counts. Every adapter calls these, so the embedded store and Firestore cannot drift apart
 * (the contract suite in test/contract/ checks both against the same expectations). Pure.
 */
import type { Ward } from "../knowledge/schema.js";
import type { TopicKey } from "../knowledge/topics.js";
import type {
  AudienceCounts,
  AudiencePage,
  DeliveryBatch,
  DeliveryProgress,
  NoticeRecord,
  UnansweredGroup,
} from "./port.js";

/** Code-unit order, the same in every locale and adapter (not `localeCompare`). */
export const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Throws unless every batch belongs to `noticeId` and no index is given twice; a bad batch set
 * is a programming error, refused before anything is written.
 */
export function checkBatches(noticeId: string, batches: readonly DeliveryBatch[]): void {
  const seen = new Set<number>();
  for (const b of batches) {
    if (b.noticeId !== noticeId) throw new Error(`batch ${b.index} belongs to notice ${b.noticeId}`);
    if (seen.has(b.index)) throw new Error(`batch index ${b.index} given twice`);
    seen.add(b.index);
  }
}

/** The progress of a delivery nothing has been stored for yet. */
export const NO_PROGRESS: Readonly<DeliveryProgress> = Object.freeze({
  pages: 0,
  next: null,
  complete: false,
});

/** Throws unless `limit` is a whole number ≥ 1 (a programming error, refused before any read). */
export function checkPageLimit(limit: number): void {
  if (!Number.isInteger(limit) || limit < 1) throw new Error(`audience page limit must be ≥ 1, not ${limit}`);
}

/**
 * The first `limit` of `matching` (every match after the cursor, in the store's order, and
 * perhaps a few more read ahead) as a page: the cursor is the last id handed out, and there is
 * no next page when the matches ran out. A limit below 1 is a programming error.
 */
export function audiencePage(matching: readonly string[], limit: number): AudiencePage {
  checkPageLimit(limit);
  const userIds = matching.slice(0, limit);
  return { userIds, next: matching.length > limit ? (userIds.at(-1) ?? null) : null };
}

/** Batches in delivery order (by index). */
export const byBatchIndex = (a: DeliveryBatch, b: DeliveryBatch): number => a.index - b.index;

/** Unanswered groups as staff see them: most asked first, then most recent, then by wording. */
export const unansweredOrder = (
  a: Pick<UnansweredGroup, "count" | "lastAt" | "text">,
  b: Pick<UnansweredGroup, "count" | "lastAt" | "text">,
): number => b.count - a.count || b.lastAt - a.lastAt || byString(a.text, b.text);

/** How many unanswered groups a `limit` asks for: a whole number, never negative. */
export const unansweredLimit = (limit: number): number => {
  const n = Math.floor(limit);
  return n > 0 ? n : 0;
};

/** Sorts notices in place by `key`, ties broken by id, so every adapter lists them alike. */
export function sortNotices(list: NoticeRecord[], key: (n: NoticeRecord) => number): NoticeRecord[] {
  return list.sort((a, b) => key(a) - key(b) || byString(a.id, b.id));
}

/** Notice list order: oldest first. */
export const byCreatedAt = (n: NoticeRecord): number => n.createdAt;

/** Due-notice order: by when it is due (a sending notice without sendAt by its creation). */
export const byDueTime = (n: NoticeRecord): number => n.sendAt ?? n.createdAt;

/** True for a notice `listDueNotices(now)` returns: confirmed and due, or already sending (to resume). */
export const isDue = (n: NoticeRecord, now: number): boolean =>
  (n.state === "confirmed" && n.sendAt !== null && n.sendAt <= now) || n.state === "sending";

/**
 * Audience counts with every asked-for ward and topic present (zero when nobody matches), so
 * staff screens show 「0人」 rather than leaving a ward out.
 */
export function zeroCounts(wards: Iterable<Ward>, topics: Iterable<TopicKey>): AudienceCounts {
  const byWard: Partial<Record<Ward, number>> = {};
  const byTopic: Partial<Record<TopicKey, number>> = {};
  for (const w of wards) byWard[w] = 0;
  for (const t of topics) byTopic[t] = 0;
  return { total: 0, byWard, byTopic };
}
