/**
 * Every action, from a button or from typed text, is answered here and only here. When the
 * message also said where the resident lives, the ward is set first and the reply says so in
 * one line before the answer, so 「秋津に住んでます。子育ての支援は？」 gets both at once.
 */
import { scrubPersonalData } from "../privacy/scrub-personal.js";
import { COPY } from "../replies/copy.js";
import { textMessage, type Message } from "../replies/flex/parts.js";
import { replies } from "../replies/messages.js";
import type { Intent } from "./actions.js";
import type { Ctx } from "./context.js";
import { bulletinReply } from "./handlers/bulletin.js";
import { eventsReply } from "./handlers/events.js";
import {
  detailReply,
  sameTopicReply,
  searchReply,
  topicReply,
  wardProgramsReply,
} from "./handlers/programs.js";
import {
  applyWardLookup,
  askPlace,
  setLargeText,
  settingsReply,
  setWard,
  subscribe,
  toggleLargeText,
} from "./handlers/profile.js";

/** LINE accepts at most 5 messages in one reply. */
const MAX_MESSAGES = 5;

/** Answers one intent. */
export async function dispatch(ctx: Ctx, intent: Intent): Promise<Message[]> {
  let lead: string | null = null;
  if (intent.livesIn?.kind === "ward" && ctx.personal) {
    const { ward, via, matched } = intent.livesIn;
    const saved = await ctx.updateProfile({ ward, awaiting: null });
    lead = saved ? COPY.wardChanged(ward, via === "name" ? undefined : matched) : COPY.storeDown;
  }
  const answer = await act(ctx, intent);
  if (!lead) return answer;
  // The one line goes on top of the answer's first text, or before the answer.
  const [first, ...rest] = answer;
  if (first?.type === "text") return [{ ...first, text: `${lead}\n\n${first.text}` }, ...rest];
  return [textMessage(lead), ...answer].slice(0, MAX_MESSAGES);
}

async function act(ctx: Ctx, intent: Intent): Promise<Message[]> {
  const a = intent.action;
  switch (a.kind) {
    case "ward":
      return setWard(ctx, a.ward);
    case "ward-unknown":
      return askPlace(ctx);
    case "ward-picker":
      return ctx.personal ? replies.wardPicker(ctx.style) : replies.personalOnly();
    case "ward-statement":
      return applyWardLookup(ctx, a.found);
    case "topic":
      if (a.topic === "event") return eventsReply(ctx, { ward: intent.ward ?? a.ward ?? null });
      return topicReply(ctx, a.topic, intent.ward ?? a.ward ?? ctx.profile?.ward ?? null, a.offset ?? 0);
    case "events":
      return eventsReply(ctx, { ward: intent.ward, thisMonth: intent.thisMonth });
    case "detail":
      return detailReply(ctx, a.programId);
    case "ward-programs":
      return wardProgramsReply(ctx, a.ward, a.offset);
    case "same-topic":
      return sameTopicReply(ctx, a.programId);
    case "more":
      return searchReply(ctx, a.query, { offset: a.offset, ward: a.ward });
    case "search":
      return searchReply(ctx, a.query, { analysis: a.analysis, part: a.part });
    case "settings":
      return settingsReply(ctx);
    case "subscribe":
      return subscribe(ctx, a.topic, a.on);
    case "large-text":
      return setLargeText(ctx, a.on);
    case "large-text-toggle":
      return toggleLargeText(ctx);
    case "tab":
      // The rich menu itself changes; a message on every tab switch would only push the talk up.
      return [];
    case "help":
      return replies.help();
    case "office":
      return replies.office(ctx.deps.offices, intent.ward ?? ctx.profile?.ward ?? null, ctx.style);
    case "bulletin":
      return bulletinReply(ctx);
    case "small-talk":
      return replies.smallTalk(a.smallTalk);
    case "empty":
      return replies.emptyText();
    case "outdated":
      // Postback data comes from the client and may carry anything: scrubbed before slicing,
      // so a LINE id, phone number or e-mail address cut in half cannot slip through.
      ctx.log.info({ postback: scrubPersonalData(a.raw).slice(0, 80) }, "outdated postback");
      return replies.outdated();
  }
}
