/**
 * Plain text replies (welcome, help, ward picker, apology, office …) built from the copy and
 * knowledge data. Pure: each function returns the messages to send.
 */
import type { Ward } from "../knowledge/schema.js";
import type { Offices } from "../knowledge/offices.js";
import { COPY } from "./copy.js";
import { textMessage, textStyle, type Message, type TextStyle } from "./flex/parts.js";
import { officeMessages } from "./flex/emergency.js";
import { suggestionQuickReplies, topicQuickReplies, wardQuickReplies } from "./flex/quick-replies.js";

export const replies = {
  welcome: (): Message[] => [textMessage(COPY.welcome, wardQuickReplies())],
  welcomeBack: (ward: Ward | null): Message[] => [textMessage(COPY.welcomeBack(ward), topicQuickReplies())],
  wardPicker: (): Message[] => [textMessage(COPY.askWard, wardQuickReplies())],
  /** The five wards stay at hand: a resident who remembers their ward need not type a place. */
  askPlace: (): Message[] => [textMessage(COPY.askPlace, wardQuickReplies(undefined, false))],
  placeNotFound: (): Message[] => [textMessage(COPY.placeNotFound, wardQuickReplies())],
  placeAmbiguous: (postal: string, wards: Ward[]): Message[] => [
    textMessage(COPY.placeAmbiguous(postal, wards), wardQuickReplies(wards, false)),
  ],
  postalOutside: (postal: string): Message[] => [textMessage(COPY.postalOutside(postal), wardQuickReplies())],
  wardSet: (ward: Ward, from?: string): Message[] => [
    textMessage(COPY.wardSet(ward, from), topicQuickReplies()),
  ],
  help: (): Message[] => [textMessage(COPY.help, topicQuickReplies())],
  /** The abstention: apology, what the bot can answer, topics (and 「もしかして」 when offered). */
  cannotAnswer: (suggestions: string[]): Message[] => {
    const didYouMean =
      suggestions.length > 0 ? `\n${COPY.didYouMean}${suggestions.slice(0, 4).join("、")}` : "";
    return [textMessage(COPY.whatICanAnswer + didYouMean, suggestionQuickReplies(suggestions))];
  },
  outdated: (): Message[] => [textMessage(COPY.outdated, topicQuickReplies())],
  unsupported: (): Message[] => [textMessage(COPY.unsupportedMessage, topicQuickReplies())],
  emptyText: (): Message[] => [textMessage(COPY.emptyText, topicQuickReplies())],
  groupHello: (): Message[] => [textMessage(COPY.groupHello, topicQuickReplies())],
  personalOnly: (): Message[] => [textMessage(COPY.personalOnly, topicQuickReplies())],
  sorry: (): Message[] => [textMessage(COPY.sorry, topicQuickReplies())],
  storeDown: (): Message[] => [textMessage(COPY.storeDown, topicQuickReplies())],
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
