/**
 * What is coming up in a ward: the confirmed notices whose event has not ended, soonest
 * first. The bot answers 「イベント」「今月の予定」「東区の催し」 and the rich menu's イベント button
 * with this. `selectUpcoming` is pure; `listUpcomingEvents` reads the store.
 */
import type { Ward } from "../knowledge/schema.js";
import type { NoticeRecord, NoticeStore } from "../store/port.js";
import { eventEnd, noticeFromRecord, type Notice } from "./notice.js";
import { inTokyo } from "../time/tokyo-time.js";

/** States whose notices residents may see listed: confirmed by staff and not cancelled. */
export const LISTED_STATES = ["confirmed", "sending", "sent", "partly-failed"] as const;

export interface UpcomingOptions {
  /** The resident's ward; null lists every ward (a resident who has not chosen yet). */
  ward: Ward | null;
  now: number;
  /** At most this many (default 10; a carousel holds 12). */
  limit?: number;
  /** Only events starting within the current Tokyo month (「今月の予定」). */
  thisMonth?: boolean;
}

/**
 * Upcoming confirmed notices for a ward, soonest first. An event is listed until it ends
 * (an event without an end time, until it starts), so a past event never appears.
 */
export function selectUpcoming(records: readonly NoticeRecord[], opts: UpcomingOptions): Notice[] {
  const listed = new Set<string>(LISTED_STATES);
  const month = inTokyo(opts.now).format("YYYY-MM");
  return records
    .filter((r) => listed.has(r.state))
    .map(noticeFromRecord)
    .filter((n): n is Notice => n !== null)
    .filter((n) => eventEnd(n.data) > opts.now)
    .filter((n) => opts.ward === null || n.data.wards.includes(opts.ward))
    .filter((n) => !opts.thisMonth || inTokyo(n.data.startsAt).format("YYYY-MM") === month)
    .sort((a, b) => a.data.startsAt - b.data.startsAt || a.id.localeCompare(b.id))
    .slice(0, opts.limit ?? 10);
}

/** Reads the store and selects the upcoming notices for a ward. */
export async function listUpcomingEvents(
  store: Pick<NoticeStore, "listNotices">,
  opts: UpcomingOptions,
): Promise<Notice[]> {
  const records = await store.listNotices({ states: [...LISTED_STATES] });
  return selectUpcoming(records, opts);
}
