/**
 * The emergency bulletin for residents: the disaster menu's 「避難・防災情報」 button, and the
 * words 避難/避難所/ひなんじょ while a bulletin is published for the resident's area (disaster
 * mode). Bulletins come first, then the official contacts from knowledge/offices.json; with
 * none published the reply says so and still gives the contacts (typed words: before the usual
 * answer). A failing store never leaves
 * a resident without the contacts.
 */
import type { Ward } from "../../knowledge/schema.js";
import { bulletinsFor, bulletinFromRecord, type Bulletin } from "../../bulletin/bulletin.js";
import { LINE_LIMITS } from "../../line/platform-limits.js";
import { bulletinMessages } from "../../replies/flex/emergency.js";
import type { Message } from "../../replies/flex/parts.js";
import { topicQuickReplies, wardQuickReplies } from "../../replies/flex/quick-replies.js";
import type { Ctx } from "../context.js";

/** 避難, 避難所, ひなん, ひなんじょ (also in katakana or half-width forms after NFKC). */
const EVACUATION = /避難|ひなん|ヒナン/;

/** Whether a message asks about evacuation (the words that show the bulletin in disaster mode). */
export const asksAboutEvacuation = (text: string): boolean => EVACUATION.test(text.normalize("NFKC"));

async function published(ctx: Ctx, ward: Ward | null): Promise<Bulletin[] | null> {
  try {
    const records = await ctx.deps.store.listBulletins();
    return bulletinsFor(
      records.map(bulletinFromRecord).filter((b): b is Bulletin => b !== null),
      ward,
    );
  } catch (err) {
    ctx.degraded = true;
    ctx.log.warn({ err }, "could not read the emergency bulletins");
    return null;
  }
}

/** The bulletin reply (button): bulletins of the area first, else "none published" and contacts. */
export async function bulletinReply(ctx: Ctx): Promise<Message[]> {
  const ward = ctx.profile?.ward ?? null;
  const bulletins = (await published(ctx, ward)) ?? [];
  const messages = bulletinMessages(bulletins, ctx.deps.offices, ward, ctx.style);
  const last = messages[messages.length - 1] as Message;
  last.quickReply = { items: ward ? topicQuickReplies() : wardQuickReplies() };
  return messages;
}

/**
 * For typed text about evacuation (避難/避難所/ひなんじょ). In disaster mode (a bulletin is
 * published for the resident's area) the bulletin reply is the answer. Otherwise the reply says
 * none is published and gives the official contacts first, then the usual answer: a resident
 * asking where to evacuate never gets only FY2020 budget cards, and one asking about a shelter
 * drill still gets the programs.
 */
export async function evacuationReply(ctx: Ctx, answer: () => Promise<Message[]>): Promise<Message[]> {
  const ward = ctx.profile?.ward ?? null;
  const bulletins = await published(ctx, ward);
  if (bulletins && bulletins.length > 0) return bulletinReply(ctx);
  const usual = await answer();
  // The answer may have changed the ward (「秋津に住んでます。避難所は？」): contacts for the new one.
  const contacts = bulletinMessages([], ctx.deps.offices, ctx.profile?.ward ?? ward, ctx.style);
  return [...contacts, ...usual].slice(0, LINE_LIMITS.messagesPerRequest);
}
