/**
 * A text message: a pending ward question first (after 「わからない」), then the fixed phrases,
 * then a search. Group chats only get answers that need no personal settings.
 */
import { replies } from "../../replies/messages.js";
import type { Message } from "../../replies/flex/parts.js";
import type { Ctx } from "../context.js";
import { classifyText } from "../intents.js";
import { wardFromText, wardNameIn } from "../ward-from-text.js";
import { eventsReply } from "./events.js";
import { evacuationReply } from "./bulletin.js";
import { searchReply } from "./programs.js";
import { applyWardLookup, setLargeText, settingsReply } from "./profile.js";

/** Resident text longer than this is cut before search (LINE allows 5,000 characters). */
export const MAX_QUERY_CHARS = 200;

/** A resident's text message → the reply messages. */
export async function handleText(ctx: Ctx, raw: string): Promise<Message[]> {
  const text = raw.slice(0, 5000);
  const intent = classifyText(text);
  if (intent.kind === "search" && intent.query.length === 0) return replies.emptyText();

  if (ctx.personal && ctx.profile?.awaiting === "ward-place") {
    const found = wardFromText(text, ctx.deps.places);
    // A real question while we wait for a place: drop the wait and answer the question.
    if (found.kind !== "none" || (intent.kind === "search" && intent.query.length <= 15))
      return applyWardLookup(ctx, found);
    await ctx.updateProfile({ awaiting: null });
  }

  // Disaster mode (a bulletin is published for the resident's area): 避難/避難所 show it first.
  const evacuation = await evacuationReply(ctx, text);
  if (evacuation) return evacuation;

  switch (intent.kind) {
    case "help":
      return replies.help();
    case "large-text":
      return setLargeText(ctx, intent.on);
    case "settings":
      return settingsReply(ctx);
    case "ward-picker":
      return ctx.personal ? replies.wardPicker() : replies.personalOnly();
    case "office":
      return replies.office(
        ctx.deps.offices,
        wardNameIn(text.normalize("NFKC")) ?? ctx.profile?.ward ?? null,
        ctx.style,
      );
    case "events":
      return eventsReply(ctx, { ward: wardNameIn(text.normalize("NFKC")), thisMonth: intent.thisMonth });
    case "ward-statement":
      return applyWardLookup(ctx, wardFromText(text, ctx.deps.places));
    case "search":
      return searchReply(ctx, intent.query.slice(0, MAX_QUERY_CHARS));
  }
}
