/**
 * A page of programs as a Flex carousel: at most `PAGE_SIZE` program bubbles, then a
 * 「もっと見る」 bubble when more remain. The altText names the programs so a screen reader or a
 * notification preview says something useful.
 */
import type { Program } from "../../knowledge/schema.js";
import type { CurrentPostback } from "../../postback.js";
import { COPY } from "../copy.js";
import { NOT_RUNNING, plainText, programBubble } from "./program-bubble.js";
import {
  button,
  clip,
  flexMessage,
  text,
  vbox,
  type FlexBubble,
  type Message,
  type QuickReplyItem,
  type TextStyle,
} from "./parts.js";

/** Programs per carousel page (LINE allows 12 bubbles; a handful is easier to read). */
export const PAGE_SIZE = 5;

export interface CarouselInput {
  /** The programs of this page (at most PAGE_SIZE are shown). */
  programs: Program[];
  /** Total number of matches (for the 「ほかに N件」 bubble). */
  total: number;
  /** Offset of this page. */
  offset: number;
  /** What the results are for, e.g. 「防災」 or 「東区」 (used in altText). */
  label: string;
  /** The postback for the next page, or null when there is none. */
  next: CurrentPostback | null;
  style: TextStyle;
  quickReply?: QuickReplyItem[];
  /** Bubbles to show (default PAGE_SIZE, at most 11 so the 「もっと見る」 bubble still fits in 12). */
  max?: number;
}

function moreBubble(rest: number, next: CurrentPostback, style: TextStyle): FlexBubble {
  return {
    type: "bubble",
    size: style.bubble,
    body: vbox(
      [
        text(COPY.program.moreTitle(rest), { size: style.title, weight: "bold" }),
        text(COPY.program.moreBody, { size: style.body, margin: "md" }),
      ],
      { paddingAll: "lg" },
    ),
    footer: vbox([button(COPY.label.more, next, { style: "primary", displayText: COPY.tapped.more })], {
      paddingAll: "md",
    }),
  };
}

/** The carousel message for one page of programs. */
export function programCarousel(input: CarouselInput): Message {
  const shown = input.programs.slice(0, Math.min(input.max ?? PAGE_SIZE, 11));
  const bubbles: FlexBubble[] = shown.map((p) => programBubble(p, input.style));
  const rest = input.total - input.offset - shown.length;
  if (input.next && rest > 0) bubbles.push(moreBubble(rest, input.next, input.style));
  const alt = COPY.program.altResults(
    clip(input.label, 40),
    input.total,
    // A screen reader or a notification preview must not make a cancelled program sound running.
    shown.map((p) => `${clip(plainText(p.name), 40)}${NOT_RUNNING.has(p.status) ? `（${p.status}）` : ""}`),
  );
  return flexMessage(alt, { type: "carousel", contents: bubbles }, input.quickReply);
}
