/**
 * The events list residents get for 「イベント」: one compact bubble per upcoming notice in a
 * carousel, soonest first (drawn by `src/replies/flex/notice-card.ts`). Pure; the bot decides
 * what to say when there is nothing.
 */
import type { messagingApi } from "@line/bot-sdk";
import { eventsCarousel } from "../replies/flex/notice-card.js";
import { textStyle } from "../replies/flex/parts.js";
import type { Notice } from "./notice.js";
import { noticeCard } from "./notice-message.js";

/** A carousel of upcoming notices, or null when there are none (the caller says so in words). */
export function buildEventsCarousel(
  notices: readonly Notice[],
  opts: { largeText?: boolean } = {},
): messagingApi.FlexMessage | null {
  return eventsCarousel(
    notices.map((n) => noticeCard(n.data)),
    textStyle(opts.largeText ?? false),
  );
}
