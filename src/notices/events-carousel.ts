/**
 * The events list residents get for 「イベント」: one compact bubble per upcoming notice in a
 * carousel, soonest first. Pure; the bot decides what to say when there is nothing.
 */
import type { messagingApi } from "@line/bot-sdk";
import type { Notice } from "./notice.js";
import { buildNoticeBubble } from "./notice-message.js";
import { NOTICE_COPY } from "./copy.js";

/** LINE allows 12 bubbles per carousel; more than 10 events is too long to read anyway. */
export const EVENTS_CAROUSEL_MAX = 10;

/** A carousel of upcoming notices, or null when there are none (the caller says so in words). */
export function buildEventsCarousel(
  notices: readonly Notice[],
  opts: { largeText?: boolean } = {},
): messagingApi.FlexMessage | null {
  const shown = notices.slice(0, EVENTS_CAROUSEL_MAX);
  if (shown.length === 0) return null;
  return {
    type: "flex",
    altText: NOTICE_COPY.eventsAltText(shown.length),
    contents: {
      type: "carousel",
      contents: shown.map((n) => buildNoticeBubble(n.data, opts)),
    },
  };
}
