/**
 * The emergency bulletin for residents: the disaster menu's 「避難・防災情報」 button, and the
 * words 避難/避難所/ひなんじょ while a bulletin is published for the resident's area (disaster
 * mode). Bulletins come first, then the official contacts from knowledge/offices.json; with
 * none published the reply says so and still gives the contacts. A failing store never leaves
 * a resident without the contacts.
 */
import type { Ward } from "../../knowledge/schema.js";
import { bulletinsFor, bulletinFromRecord, type Bulletin } from "../../bulletin/bulletin.js";
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
 * For typed text: the bulletin reply when the message is about evacuation and a bulletin is
 * published for the resident's area (disaster mode); null otherwise, so the text goes on to
 * the usual search.
 */
export async function evacuationReply(ctx: Ctx, text: string): Promise<Message[] | null> {
  if (!asksAboutEvacuation(text)) return null;
  const bulletins = await published(ctx, ctx.profile?.ward ?? null);
  if (!bulletins || bulletins.length === 0) return null;
  return bulletinReply(ctx);
}
