/**
 * The Flex bubble residents receive for a staff notice (and that staff preview, and that the
 * events carousel of src/notices/events-carousel.ts repeats). Pure views over `NoticeCard` — the notice's content with its time
 * already written out — built from the shared parts, so every text scales with the resident's
 * font size and 「文字を大きく」 uses the same sizes as every other reply.
 */
import type { messagingApi } from "@line/bot-sdk";
import type { Ward } from "../../knowledge/schema.js";
import { NOTICE_COPY } from "../notice-copy.js";
import {
  button,
  COLORS,
  separator,
  text,
  vbox,
  type FlexBubble,
  type FlexComponent,
  type TextStyle,
} from "./parts.js";

/** What a notice card shows. `when` is the event time as residents read it (12月5日(土) 10:00〜12:00). */
export interface NoticeCard {
  title: string;
  body: string;
  wards: readonly Ward[];
  when: string;
  place: string;
  url?: string | null | undefined;
  imageUrl?: string | null | undefined;
  programId?: string | null | undefined;
  programName?: string | null | undefined;
}

/** 「日時」「場所」 rows: label and value on one baseline. */
const row = (label: string, value: string, s: TextStyle): FlexComponent => ({
  type: "box",
  layout: "baseline",
  spacing: "md",
  contents: [
    text(label, { size: s.small, color: COLORS.muted, flex: 2, wrap: false }),
    text(value, { size: s.body, flex: 7, weight: "bold" }),
  ],
});

/** The notice as one Flex bubble (alone in a message, or inside the events carousel). */
export function noticeBubble(c: NoticeCard, s: TextStyle): FlexBubble {
  const body: FlexComponent[] = [
    text(NOTICE_COPY.kicker(c.wards), { size: s.small, color: COLORS.cityNotice, weight: "bold" }),
    text(c.title, { size: s.title, weight: "bold" }),
    separator(),
    vbox([row(NOTICE_COPY.when, c.when, s), row(NOTICE_COPY.where, c.place, s)], {
      margin: "md",
      spacing: "sm",
    }),
    text(c.body, { size: s.body, margin: "lg" }),
  ];
  if (c.programName)
    body.push(text(NOTICE_COPY.related(c.programName), { size: s.small, color: COLORS.muted, margin: "md" }));

  const footer: FlexComponent[] = [];
  if (c.url) {
    footer.push({
      type: "button",
      style: "primary",
      color: COLORS.cityNotice,
      height: "md",
      scaling: true,
      action: { type: "uri", label: NOTICE_COPY.moreButton, uri: c.url },
    });
  }
  if (c.programId) {
    footer.push(
      button(
        NOTICE_COPY.programButton,
        { kind: "detail", programId: c.programId },
        { displayText: NOTICE_COPY.programDisplay },
      ),
    );
  }
  footer.push(
    button(
      NOTICE_COPY.settingsButton,
      { kind: "settings" },
      { displayText: NOTICE_COPY.settingsDisplay, style: "link" },
    ),
  );

  const bubble: FlexBubble = {
    type: "bubble",
    size: s.bubble,
    body: vbox(body, { spacing: "sm" }),
    footer: vbox(footer, { spacing: "sm" }),
  };
  if (c.imageUrl) {
    bubble.hero = { type: "image", url: c.imageUrl, size: "full", aspectRatio: "20:13", aspectMode: "cover" };
  }
  return bubble;
}

/** The push/multicast message for a notice. */
export function noticeMessage(c: NoticeCard, s: TextStyle): messagingApi.FlexMessage {
  return { type: "flex", altText: NOTICE_COPY.altText(c.title, c.when), contents: noticeBubble(c, s) };
}
