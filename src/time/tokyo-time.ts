/**
 * Asia/Tokyo time for notices: parsing staff input and formatting dates for residents
 * (「12月5日(土) 10:00〜12:00」, 「令和8年」). Pure: every function takes the instant it needs.
 */
import dayjs, { type Dayjs } from "dayjs";
import utc from "dayjs/plugin/utc.js";
import timezone from "dayjs/plugin/timezone.js";

dayjs.extend(utc);
dayjs.extend(timezone);

/** The city's time zone; notices are always about local time in Kumamoto. */
export const TOKYO = "Asia/Tokyo";

const WEEKDAYS = ["日", "月", "火", "水", "木", "金", "土"] as const;

/** Local "2026-12-05T10:00" (read as Tokyo time) or an ISO instant with Z / an offset. */
const INPUT = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d{1,3})?(Z|[+-]\d{2}:\d{2})?$/;

/** Tokyo-local view of an instant. */
export const inTokyo = (ms: number): Dayjs => dayjs(ms).tz(TOKYO);

/**
 * Parses a staff-entered date-time. Without an offset the wall-clock time is read in Tokyo,
 * so a server running in UTC does not shift events by nine hours. Returns null for anything
 * that is not a real calendar time (2026-02-30 is refused, not rolled over).
 */
export function parseTokyoDateTime(s: string): number | null {
  const m = INPUT.exec(s.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, sec, zone] = m;
  const wall = `${y}-${mo}-${d}T${h}:${mi}:${sec ?? "00"}`;
  const parsed = zone ? dayjs(s.trim()) : dayjs.tz(wall, TOKYO);
  if (!parsed.isValid()) return null;
  // Round-trip the calendar fields: dayjs silently rolls 02-30 over to 03-02.
  const check = zone ? parsed.utcOffset(zoneMinutes(zone)) : parsed.tz(TOKYO);
  if (check.format("YYYY-MM-DDTHH:mm:ss") !== wall) return null;
  return parsed.valueOf();
}

function zoneMinutes(zone: string): number {
  if (zone === "Z") return 0;
  const sign = zone.startsWith("-") ? -1 : 1;
  const [hh, mm] = zone.slice(1).split(":").map(Number);
  return sign * ((hh ?? 0) * 60 + (mm ?? 0));
}

/** 「令和8年」 for an instant (令和 began on 2019-05-01; earlier dates get 平成). */
export function eraYear(ms: number): string {
  const t = inTokyo(ms);
  const y = t.year();
  if (t.isBefore(dayjs.tz("2019-05-01T00:00:00", TOKYO))) {
    const h = y - 1988;
    return h === 1 ? "平成元年" : `平成${h}年`;
  }
  const r = y - 2018;
  return r === 1 ? "令和元年" : `令和${r}年`;
}

/** 「12月5日(土)」 */
export function formatDay(ms: number): string {
  const t = inTokyo(ms);
  return `${t.month() + 1}月${t.date()}日(${WEEKDAYS[t.day()]})`;
}

/** 「10:00」 */
export const formatClock = (ms: number): string => inTokyo(ms).format("HH:mm");

/**
 * The event time as residents read it: 「12月5日(土) 10:00〜12:00」; an end on another day
 * repeats the day; no end gives 「12月5日(土) 10:00〜」. `era: true` prefixes 「令和8年」.
 */
export function formatEventTime(startMs: number, endMs: number | null, opts: { era?: boolean } = {}): string {
  const head = `${opts.era ? eraYear(startMs) : ""}${formatDay(startMs)} ${formatClock(startMs)}〜`;
  if (endMs === null) return head;
  const sameDay = inTokyo(startMs).format("YYYY-MM-DD") === inTokyo(endMs).format("YYYY-MM-DD");
  return sameDay ? `${head}${formatClock(endMs)}` : `${head}${formatDay(endMs)} ${formatClock(endMs)}`;
}

/** Staff-facing full timestamp, e.g. 「令和8年12月5日(土) 10:00」. */
export const formatStaffTime = (ms: number): string => `${eraYear(ms)}${formatDay(ms)} ${formatClock(ms)}`;
