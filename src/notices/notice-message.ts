/**
 * A notice as residents see it: the notice's data turned into the card the reply layer draws
 * (`src/replies/flex/notice-card.ts`), with the event time written out in Tokyo time. The Flex
 * JSON itself lives with the other Flex builders; this file only maps notice data onto it.
 */
import type { messagingApi } from "@line/bot-sdk";
import { noticeBubble, noticeMessage, type NoticeCard } from "../replies/flex/notice-card.js";
import { textStyle } from "../replies/flex/parts.js";
import type { NoticeData } from "./notice.js";
import { formatEventTime } from "../time/tokyo-time.js";

export interface NoticeMessageOptions {
  largeText?: boolean;
  /**
   * Longest body shown, in UTF-16 units (a longer one is cut with "…"). For listings that must
   * fit LINE's carousel byte limit; a pushed notice always carries the whole body.
   */
  bodyMax?: number;
}

/** `s` cut to at most `max` UTF-16 units, ending in "…", never splitting a surrogate pair. */
function clip(s: string, max: number | undefined): string {
  if (max === undefined || s.length <= max) return s;
  let cut = s.slice(0, Math.max(0, max - 1));
  if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}

/** The card of a notice: its content (body cut to `bodyMax`) and its event time as residents read it. */
export function noticeCard(d: NoticeData, opts: NoticeMessageOptions = {}): NoticeCard {
  return { ...d, body: clip(d.body, opts.bodyMax), when: formatEventTime(d.startsAt, d.endsAt) };
}

/** The notice as one Flex bubble (used alone in a message, or inside the events carousel). */
export function buildNoticeBubble(d: NoticeData, opts: NoticeMessageOptions = {}): messagingApi.FlexBubble {
  return noticeBubble(noticeCard(d, opts), textStyle(opts.largeText ?? false));
}

/** The push/multicast message for a notice. */
export function buildNoticeMessage(d: NoticeData, opts: NoticeMessageOptions = {}): messagingApi.FlexMessage {
  return noticeMessage(noticeCard(d, opts), textStyle(opts.largeText ?? false));
}
