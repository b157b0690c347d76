/**
 * 「イベント」「今月の予定」「東区の催し」 and the rich menu's イベント button: upcoming confirmed
 * notices for the ward, soonest first, from the notices module. Never past events; when there
 * are none the resident is told so plainly.
 */
import type { Ward } from "../../knowledge/schema.js";
import { listUpcomingEvents } from "../../notices/upcoming.js";
import { buildEventsCarousel } from "../../notices/events-carousel.js";
import { COPY } from "../../replies/copy.js";
import { textMessage, type Message } from "../../replies/flex/parts.js";
import { topicQuickReplies } from "../../replies/flex/quick-replies.js";
import { replies } from "../../replies/messages.js";
import type { Ctx } from "../context.js";
import { topicReply } from "./programs.js";

/** Upcoming event notices for a ward (the one named, else the resident's), or a plain "none". */
export async function eventsReply(
  ctx: Ctx,
  opts: { ward?: Ward | null; thisMonth?: boolean } = {},
): Promise<Message[]> {
  const ward = opts.ward ?? ctx.profile?.ward ?? null;
  let notices;
  try {
    notices = await listUpcomingEvents(ctx.deps.store, {
      ward,
      now: ctx.now,
      thisMonth: opts.thisMonth ?? false,
    });
  } catch (err) {
    ctx.degraded = true;
    ctx.log.warn({ err }, "could not list upcoming events");
    return replies.storeDown();
  }
  const carousel = buildEventsCarousel(notices, { largeText: ctx.style.large });
  if (!carousel) {
    // No event notice: say so, then the catalogue's event programs, so the lookup still answers.
    const programs = topicReply(ctx, "event", ward);
    const [first, ...rest] = programs;
    if (first?.type === "text" && rest.length > 0)
      return [{ ...first, text: `${COPY.events.none(ward)}\n\n${first.text}` }, ...rest];
    return [textMessage(COPY.events.none(ward), topicQuickReplies())];
  }
  carousel.quickReply = { items: topicQuickReplies() };
  return [textMessage(COPY.events.intro(ward, notices.length)), carousel];
}
