/**
 * Settings a resident changes: ward (by button, postal code or place name), notice topic
 * opt-ins, and 「文字を大きく」. Only in one-to-one chats; a failing store gets an honest
 * 「保存できません」 rather than a pretend success.
 */
import type { Ward } from "../../knowledge/schema.js";
import { TOPIC_KEYS, TOPICS, type TopicKey } from "../../knowledge/topics.js";
import { COPY } from "../../replies/copy.js";
import { settingsCard } from "../../replies/flex/settings-card.js";
import { textStyle, textMessage, type Message } from "../../replies/flex/parts.js";
import { wardQuickReplies } from "../../replies/flex/quick-replies.js";
import { wardChoices } from "../../replies/flex/choices.js";
import { replies } from "../../replies/messages.js";
import type { Ctx } from "../context.js";
import type { WardFromText } from "../ward-from-text.js";

/** Sets the ward (clearing any pending question) and confirms. */
export async function setWard(ctx: Ctx, ward: Ward, from?: string): Promise<Message[]> {
  if (!ctx.personal) return replies.personalOnly();
  const saved = await ctx.updateProfile({ ward, awaiting: null });
  return saved ? replies.wardSet(ward, from) : replies.storeDown();
}

/** 「わからない」: ask for 校区/町名 or postal code and remember that we asked. */
export async function askPlace(ctx: Ctx): Promise<Message[]> {
  if (!ctx.personal) return replies.personalOnly();
  const saved = await ctx.updateProfile({ awaiting: "ward-place" });
  return saved ? replies.askPlace(ctx.style) : replies.storeDown();
}

/** Answers a ward lookup result: set it, ask which of two, or say we could not tell. */
export async function applyWardLookup(ctx: Ctx, found: WardFromText): Promise<Message[]> {
  switch (found.kind) {
    case "ward":
      return setWard(ctx, found.ward, found.via === "name" ? undefined : found.matched);
    case "ambiguous":
      return replies.placeAmbiguous(found.via, found.matched, found.wards, ctx.style);
    case "outside":
      await ctx.updateProfile({ awaiting: null });
      return replies.postalOutside(found.postal, ctx.style);
    case "none":
      await ctx.updateProfile({ awaiting: null });
      return replies.placeNotFound(ctx.style);
  }
}

/** The settings card (ward, topics, text size); creates a default profile for pre-launch friends. */
export async function settingsReply(ctx: Ctx): Promise<Message[]> {
  if (!ctx.personal) return replies.personalOnly();
  // Residents who were friends before launch never sent a follow event, so they have no
  // profile yet: create one with the defaults rather than claiming the store is down.
  const profile = ctx.profile ?? (ctx.degraded ? null : await ctx.updateProfile({}));
  if (!profile) return replies.storeDown();
  return [settingsCard(profile, ctx.style)];
}

/** Turns one notice topic on or off, then shows the updated card. */
export async function subscribe(ctx: Ctx, topic: TopicKey, on: boolean): Promise<Message[]> {
  if (!ctx.personal) return replies.personalOnly();
  const current = ctx.profile?.topics ?? [];
  const next = TOPIC_KEYS.filter((t) => (t === topic ? on : current.includes(t)));
  const saved = await ctx.updateProfile({ topics: next });
  if (!saved) return replies.storeDown();
  const out: Message[] = [textMessage(COPY.subscribed(TOPICS[topic], on)), settingsCard(saved, ctx.style)];
  if (on && !saved.ward) {
    const choices = wardChoices(ctx.style, undefined, true, ctx.deps.wards);
    choices.quickReply = { items: wardQuickReplies(undefined, true, ctx.deps.wards) };
    out.push(textMessage(COPY.subscribeNeedsWard), choices);
  }
  return out;
}

/** 「文字を大きく」 on/off from the settings card; the card comes back drawn at the new size. */
export async function setLargeText(ctx: Ctx, on: boolean): Promise<Message[]> {
  if (!ctx.personal) return replies.personalOnly();
  const saved = await ctx.updateProfile({ largeText: on });
  if (!saved) return replies.storeDown();
  ctx.style = textStyle(on);
  return [textMessage(on ? COPY.largeTextOn : COPY.largeTextOff), settingsCard(saved, ctx.style)];
}

/**
 * The rich menu's 「文字の大きさ」 (and the typed words): flips the setting and says the new
 * state and how to undo it, without reposting the whole settings card.
 */
export async function toggleLargeText(ctx: Ctx): Promise<Message[]> {
  if (!ctx.personal) return replies.personalOnly();
  const on = !(ctx.profile?.largeText ?? false);
  const saved = await ctx.updateProfile({ largeText: on });
  if (!saved) return replies.storeDown();
  ctx.style = textStyle(on);
  return replies.plain(on ? COPY.largeTextToggledOn : COPY.largeTextToggledOff);
}
