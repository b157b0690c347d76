/**
 * Plain text replies (welcome, help, ward picker, apology, office …) built from the copy and
 * knowledge data. Pure: each function returns the messages to send.
 */
import type { Ward } from "../knowledge/schema.js";
import type { Offices } from "../knowledge/offices.js";
import type { SmallTalk } from "../search/types.js";
import { COPY } from "./copy.js";
import { textMessage, textStyle, type Message, type TextStyle } from "./flex/parts.js";
import { suggestionChoices, wardChoices } from "./flex/choices.js";
import { officeMessages } from "./flex/emergency.js";
import { suggestionQuickReplies, topicQuickReplies, wardQuickReplies } from "./flex/quick-replies.js";

const NORMAL = textStyle(false);

/**
 * Every choice is also a button inside the message (wardChoices, suggestionChoices): quick
 * replies alone would leave LINE for PC without a way on.
 */
export const replies = {
  welcome: (style: TextStyle = NORMAL): Message[] => [textMessage(COPY.welcome), wardChoicesWithQuick(style)],
  welcomeBack: (ward: Ward | null): Message[] => [textMessage(COPY.welcomeBack(ward), topicQuickReplies())],
  wardPicker: (style: TextStyle = NORMAL): Message[] => [wardChoicesWithQuick(style)],
  /** The five wards stay at hand: a resident who remembers their ward need not type a place. */
  askPlace: (style: TextStyle = NORMAL): Message[] => [
    textMessage(COPY.askPlace),
    wardChoicesWithQuick(style, undefined, false),
  ],
  placeNotFound: (style: TextStyle = NORMAL): Message[] => [
    textMessage(COPY.placeNotFound),
    wardChoicesWithQuick(style),
  ],
  placeAmbiguous: (
    via: "postal" | "place",
    matched: string,
    wards: Ward[],
    style: TextStyle = NORMAL,
  ): Message[] => [
    textMessage(COPY.placeAmbiguous(via, matched, wards)),
    wardChoicesWithQuick(style, wards, false),
  ],
  postalOutside: (postal: string, style: TextStyle = NORMAL): Message[] => [
    textMessage(COPY.postalOutside(postal)),
    wardChoicesWithQuick(style),
  ],
  wardSet: (ward: Ward, from?: string): Message[] => [
    textMessage(COPY.wardSet(ward, from), topicQuickReplies()),
  ],
  help: (): Message[] => [textMessage(COPY.help, topicQuickReplies())],
  /**
   * The abstention: apology, what the bot can answer, topics (and 「もしかして」 when offered); with
   * `offices`, where to ask about other city matters (the city's site from knowledge/offices.json):
   * a question refused because the catalogue lacks what it asks is often another desk's.
   */
  cannotAnswer: (
    suggestions: string[],
    style: TextStyle = NORMAL,
    offices?: Pick<Offices, "citySite">,
  ): Message[] => {
    const text = offices
      ? [COPY.whatICanAnswer, COPY.askElsewhereOther, offices.citySite].join("\n")
      : COPY.whatICanAnswer;
    const choices = suggestionChoices(suggestions, style);
    if (!choices) return [textMessage(text, suggestionQuickReplies(suggestions))];
    choices.quickReply = { items: suggestionQuickReplies(suggestions) };
    return [textMessage(text), choices];
  },
  /** Thanks, 👍, はい …: a short kind reply and the menu; never programs. */
  smallTalk: (kind: SmallTalk): Message[] => [textMessage(COPY.smallTalk[kind], topicQuickReplies())],
  /**
   * A question outside what the catalogue covers (ごみ, 住民票 …): said plainly, with where to
   * ask instead — the city's site and the ward office, both from knowledge/offices.json.
   */
  outOfScope: (topic: string, offices: Offices, ward: Ward | null, style: TextStyle = NORMAL): Message[] => {
    const body = [COPY.outOfScope(topic), COPY.askElsewhere, offices.citySite].join("\n");
    if (!ward) return [textMessage(body, topicQuickReplies())];
    // The resident's ward office card: address, hours, map (and phone where knowledge/ has one).
    const office = officeMessages(offices, ward, style);
    const last = office[office.length - 1] as Message;
    last.quickReply = { items: topicQuickReplies() };
    return [textMessage(body), ...office];
  },
  outdated: (): Message[] => [textMessage(COPY.outdated, topicQuickReplies())],
  unsupported: (): Message[] => [textMessage(COPY.unsupportedMessage, topicQuickReplies())],
  emptyText: (): Message[] => [textMessage(COPY.emptyText, topicQuickReplies())],
  groupHello: (): Message[] => [textMessage(COPY.groupHello, topicQuickReplies())],
  personalOnly: (): Message[] => [textMessage(COPY.personalOnly, topicQuickReplies())],
  sorry: (): Message[] => [textMessage(COPY.sorry, topicQuickReplies())],
  storeDown: (): Message[] => [textMessage(COPY.storeDown, topicQuickReplies())],
  /** The same words ahead of another reply (which keeps its own quick replies). */
  storeDownNote: (): Message[] => [textMessage(COPY.storeDown)],
  plain: (t: string, withTopics = true): Message[] => [
    textMessage(t, withTopics ? topicQuickReplies() : undefined),
  ],
  /**
   * The resident's ward office, or all five when the ward is not known: address, reception
   * hours and phone (said to be unknown where knowledge/ has none), with map and source links.
   */
  office: (offices: Offices, ward: Ward | null, style: TextStyle = textStyle(false)): Message[] => {
    const messages = officeMessages(offices, ward, style);
    const last = messages[messages.length - 1] as Message;
    last.quickReply = { items: ward ? topicQuickReplies() : wardQuickReplies() };
    return messages;
  },
};

/** The ward buttons, with the same choices as quick replies for phones. */
function wardChoicesWithQuick(style: TextStyle, wards?: readonly Ward[], withUnknown = true): Message {
  const m = wardChoices(style, wards, withUnknown);
  m.quickReply = { items: wardQuickReplies(wards, withUnknown) };
  return m;
}
