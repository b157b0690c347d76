/**
 * One set of actions for buttons and typed text. A button's postback parses to a
 * `CurrentPostback`; a text message reads to the same kinds (help, settings, topic, events,
 * office …) plus the few only words can express (where I live, a free question, small talk).
 * The bot handles every one of them in one `dispatch`.
 */
import type { Ward } from "../knowledge/schema.js";
import type { MessageAnalysis, SmallTalk } from "../search/types.js";
import type { Postback } from "../postback.js";
import type { WardFromText } from "./ward-from-text.js";

/** What only a text message can ask for. */
export type TextAction =
  /** The message only says where the resident lives (a ward, a place, a postal code). */
  | { kind: "ward-statement"; found: WardFromText }
  /**
   * A question for the search engine with the message's one analysis; `part`: the clauses of
   * it that ask, when the question was cut out of a longer message (after 「秋津に住んでます。」).
   */
  | { kind: "search"; query: string; analysis: MessageAnalysis; part: readonly string[] | null }
  /** Thanks, 👍, a greeting …: a short kind reply and the menu; never programs, never logged. */
  | { kind: "small-talk"; smallTalk: SmallTalk }
  /** Nothing but spaces or punctuation. */
  | { kind: "empty" };

export type Action = Postback | TextAction;

/** An action with what the message said around it. Postbacks carry no extra context. */
export interface Intent {
  action: Action;
  /** The ward the message names for this request (「西区の地域活動」), found once; null when none. */
  ward: Ward | null;
  /** The message also said where the resident lives: set it, say so in one line, then answer. */
  livesIn: WardFromText | null;
  /** 「今月の予定」: events of this month only. */
  thisMonth: boolean;
}

/** The intent of a button tap. */
export const fromPostback = (action: Postback): Intent => ({
  action,
  ward: null,
  livesIn: null,
  thisMonth: false,
});
