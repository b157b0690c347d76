/**
 * A text message: read once (the search engine's analysis), turned into the same actions a
 * button sends, and answered by the one dispatch. A pending ward question (after 「わからない」)
 * is settled first; group chats only get answers that need no personal settings.
 */
import type { Message } from "../../replies/flex/parts.js";
import type { Ctx } from "../context.js";
import { dispatch } from "../dispatch.js";
import { readText } from "../read-text.js";
import { placesFound, wardFromText } from "../ward-from-text.js";
import { asksAboutEvacuation, evacuationReply } from "./bulletin.js";
import { applyWardLookup } from "./profile.js";

export { MAX_QUERY_CHARS } from "../read-text.js";

/** A resident's text message → the reply messages. */
export async function handleText(ctx: Ctx, raw: string): Promise<Message[]> {
  const text = raw.slice(0, 5000);
  const analysis = ctx.deps.search.analyseMessage(text);
  const intent = readText(text, analysis, ctx.deps.wards);

  if (ctx.personal && ctx.profile?.awaiting === "ward-place") {
    const found = wardFromText(text, placesFound(analysis.places), ctx.deps.wards);
    // A real question while we wait for a place: drop the wait and answer the question.
    const short = intent.action.kind === "search" && Array.from(intent.action.query).length <= 15;
    if (found.kind !== "none" || short) return applyWardLookup(ctx, found);
    await ctx.updateProfile({ awaiting: null });
  }
  // 避難/避難所: the bulletin in disaster mode, else the official contacts before the answer.
  if (asksAboutEvacuation(text)) return evacuationReply(ctx, () => dispatch(ctx, intent));
  return dispatch(ctx, intent);
}
