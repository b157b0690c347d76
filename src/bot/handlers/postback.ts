/**
 * Every postback kind of the v1 grammar gets a useful reply; anything else (an old menu, a
 * hand-made payload) gets 「メニューが新しくなりました」 and the current choices.
 */
import { parsePostback, type Postback } from "../../postback.js";
import { replies } from "../../replies/messages.js";
import type { Message } from "../../replies/flex/parts.js";
import type { Ctx } from "../context.js";
import { eventsReply } from "./events.js";
import { bulletinReply } from "./bulletin.js";
import { detailReply, sameTopicReply, searchReply, topicReply, wardProgramsReply } from "./programs.js";
import { askPlace, setLargeText, settingsReply, setWard, subscribe } from "./profile.js";
import { scrubPersonalData } from "../../privacy/scrub-personal.js";

/** A button tap: dispatches on the parsed `v1:` postback; an outdated or unknown payload gets "menu was updated". */
export async function handlePostback(ctx: Ctx, data: unknown): Promise<Message[]> {
  const p: Postback = parsePostback(data);
  switch (p.kind) {
    case "ward":
      return setWard(ctx, p.ward);
    case "ward-unknown":
      return askPlace(ctx);
    case "ward-picker":
      return ctx.personal ? replies.wardPicker() : replies.personalOnly();
    case "topic":
      return p.topic === "event" ? eventsReply(ctx) : topicReply(ctx, p.topic);
    case "events":
      return eventsReply(ctx);
    case "detail":
      return detailReply(ctx, p.programId);
    case "ward-programs":
      return wardProgramsReply(ctx, p.ward, p.offset);
    case "same-topic":
      return sameTopicReply(ctx, p.programId);
    case "more":
      return searchReply(ctx, p.query, { offset: p.offset, ward: p.ward });
    case "settings":
      return settingsReply(ctx);
    case "subscribe":
      return subscribe(ctx, p.topic, p.on);
    case "large-text":
      return setLargeText(ctx, p.on);
    case "help":
      return replies.help();
    case "office":
      return replies.office(ctx.deps.offices, ctx.profile?.ward ?? null, ctx.style);
    case "bulletin":
      return bulletinReply(ctx);
    case "outdated":
      // Postback data comes from the client and may carry anything: scrubbed before slicing,
      // so a LINE id, phone number or e-mail address cut in half cannot slip through.
      ctx.log.info({ postback: scrubPersonalData(p.raw).slice(0, 80) }, "outdated postback");
      return replies.outdated();
  }
}
