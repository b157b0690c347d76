/**
 * The events list residents get for 「イベント」: one bubble per upcoming notice in a carousel,
 * soonest first. Pure; the bot decides what to say when there is nothing.
 *
 * LINE refuses a carousel over 50 KB, and then the resident gets no answer at all: ten notices
 * at the project's own field limits come to ~53 KB. So the carousel is built to fit: first in
 * full, then with bodies shortened (the full text was pushed to residents and is behind the
 * link), and only as a last resort with fewer bubbles.
 */
import type { messagingApi } from "@line/bot-sdk";
import type { Notice } from "./notice.js";
import { buildNoticeBubble } from "./notice-message.js";
import { NOTICE_COPY } from "../replies/notice-copy.js";

/** LINE allows 12 bubbles per carousel; more than 10 events is too long to read anyway. */
export const EVENTS_CAROUSEL_MAX = 10;

/** LINE's carousel limit ("50 KB"), read as decimal kilobytes, the stricter reading. */
export const CAROUSEL_MAX_BYTES = 50_000;

/** Body lengths tried in turn until the carousel fits (undefined = the whole body). */
const BODY_STEPS: readonly (number | undefined)[] = [undefined, 240, 120, 60];

/** Size of a Flex container as LINE measures it: its JSON in UTF-8 bytes. */
export const flexBytes = (c: unknown): number => Buffer.byteLength(JSON.stringify(c), "utf8");

/** A carousel of upcoming notices, or null when there are none (the caller says so in words). */
export function buildEventsCarousel(
  notices: readonly Notice[],
  opts: { largeText?: boolean; maxBytes?: number } = {},
): messagingApi.FlexMessage | null {
  const maxBytes = opts.maxBytes ?? CAROUSEL_MAX_BYTES;
  let shown = notices.slice(0, EVENTS_CAROUSEL_MAX);
  if (shown.length === 0) return null;
  const carousel = (ns: readonly Notice[], bodyMax: number | undefined): messagingApi.FlexCarousel => ({
    type: "carousel",
    contents: ns.map((n) =>
      buildNoticeBubble(n.data, {
        ...(opts.largeText ? { largeText: true } : {}),
        ...(bodyMax !== undefined ? { bodyMax } : {}),
      }),
    ),
  });
  let contents: messagingApi.FlexCarousel | null = null;
  for (const bodyMax of BODY_STEPS) {
    const c = carousel(shown, bodyMax);
    if (flexBytes(c) <= maxBytes) {
      contents = c;
      break;
    }
  }
  // Still too big (long links and images): drop the latest events until it fits.
  const shortest = BODY_STEPS[BODY_STEPS.length - 1];
  while (contents === null && shown.length > 1) {
    shown = shown.slice(0, -1);
    const c = carousel(shown, shortest);
    if (flexBytes(c) <= maxBytes) contents = c;
  }
  contents ??= carousel(shown, shortest);
  return {
    type: "flex",
    altText: NOTICE_COPY.eventsAltText(contents.contents.length),
    contents,
  };
}
