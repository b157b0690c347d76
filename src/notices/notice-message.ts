/**
 * A notice as residents see it: the notice's data turned into the card the reply layer draws
 * (`src/replies/flex/notice-card.ts`), with the event time written out in Tokyo time. The Flex
 * JSON itself lives with the other Flex builders; this file only maps notice data onto it.
 */
import type { messagingApi } from "@line/bot-sdk";
import { noticeMessage, type NoticeCard } from "../replies/flex/notice-card.js";
import { textStyle } from "../replies/flex/parts.js";
import type { NoticeData } from "./notice.js";
import { formatEventTime } from "./tokyo-time.js";

export interface NoticeMessageOptions {
  largeText?: boolean;
}

/** The card of a notice: its content and its event time as residents read it. */
export function noticeCard(d: NoticeData): NoticeCard {
  return { ...d, when: formatEventTime(d.startsAt, d.endsAt) };
}

/** The push/multicast message for a notice. */
export function buildNoticeMessage(d: NoticeData, opts: NoticeMessageOptions = {}): messagingApi.FlexMessage {
  return noticeMessage(noticeCard(d), textStyle(opts.largeText ?? false));
}
