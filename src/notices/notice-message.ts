/**
 * The Flex message residents receive for a staff notice (and that staff preview). A pure
 * view: notice data in, LINE message JSON out. Every text and button has `scaling: true` so
 * the LINE app's font-size setting applies; the large-text variant is bigger still.
 */
import type { messagingApi } from "@line/bot-sdk";
import { encodePostback } from "../postback.js";
import type { NoticeData } from "./notice.js";
import { NOTICE_COPY } from "./copy.js";
import { formatEventTime } from "./tokyo-time.js";

type FlexBubble = messagingApi.FlexBubble;
type FlexComponent = messagingApi.FlexComponent;
type FlexText = messagingApi.FlexText;

/** Accent colour of city notices; white on it has a contrast ratio above 4.5:1. */
const ACCENT = "#1B5E20";
const MUTED = "#555555";

interface Sizes {
  kicker: FlexText["size"];
  title: FlexText["size"];
  label: FlexText["size"];
  text: FlexText["size"];
}
const NORMAL: Sizes = { kicker: "sm", title: "lg", label: "sm", text: "md" };
const LARGE: Sizes = { kicker: "md", title: "xl", label: "md", text: "lg" };

const text = (t: string, extra: Partial<FlexText> = {}): FlexText => ({
  type: "text",
  text: t,
  wrap: true,
  scaling: true,
  ...extra,
});

const row = (label: string, value: string, s: Sizes): FlexComponent => ({
  type: "box",
  layout: "baseline",
  spacing: "md",
  contents: [
    text(label, { size: s.label, color: MUTED, flex: 2, wrap: false }),
    text(value, { size: s.text, flex: 7, weight: "bold" }),
  ],
});

export interface NoticeMessageOptions {
  largeText?: boolean;
  /**
   * Longest body shown, in UTF-16 units (a longer one is cut with "…"). For listings that must
   * fit LINE's carousel byte limit; a pushed notice always carries the whole body.
   */
  bodyMax?: number;
}

/** `s` cut to at most `max` UTF-16 units, ending in "…", never splitting a surrogate pair. */
function clip(s: string, max: number | undefined): string {
  if (max === undefined || s.length <= max) return s;
  let cut = s.slice(0, Math.max(0, max - 1));
  if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}

/** The notice as one Flex bubble (used alone in a message, or inside the events carousel). */
export function buildNoticeBubble(d: NoticeData, opts: NoticeMessageOptions = {}): FlexBubble {
  const s = opts.largeText ? LARGE : NORMAL;
  const when = formatEventTime(d.startsAt, d.endsAt);
  const body: FlexComponent[] = [
    text(NOTICE_COPY.kicker(d.wards), { size: s.kicker, color: ACCENT, weight: "bold" }),
    text(d.title, { size: s.title, weight: "bold" }),
    { type: "separator", margin: "md" },
    {
      type: "box",
      layout: "vertical",
      margin: "md",
      spacing: "sm",
      contents: [row(NOTICE_COPY.when, when, s), row(NOTICE_COPY.where, d.place, s)],
    },
    text(clip(d.body, opts.bodyMax), { size: s.text, margin: "lg" }),
  ];
  if (d.programName)
    body.push(text(NOTICE_COPY.related(d.programName), { size: s.label, color: MUTED, margin: "md" }));

  const footer: FlexComponent[] = [];
  if (d.url) {
    footer.push({
      type: "button",
      style: "primary",
      color: ACCENT,
      height: "md",
      scaling: true,
      action: { type: "uri", label: NOTICE_COPY.moreButton, uri: d.url },
    });
  }
  if (d.programId) {
    footer.push({
      type: "button",
      style: "secondary",
      height: "md",
      scaling: true,
      action: {
        type: "postback",
        label: NOTICE_COPY.programButton,
        data: encodePostback({ kind: "detail", programId: d.programId }),
        displayText: NOTICE_COPY.programDisplay,
      },
    });
  }
  footer.push({
    type: "button",
    style: "link",
    height: "md",
    scaling: true,
    action: {
      type: "postback",
      label: NOTICE_COPY.settingsButton,
      data: encodePostback({ kind: "settings" }),
      displayText: NOTICE_COPY.settingsDisplay,
    },
  });

  const bubble: FlexBubble = {
    type: "bubble",
    size: opts.largeText ? "giga" : "mega",
    body: { type: "box", layout: "vertical", spacing: "sm", contents: body },
    footer: { type: "box", layout: "vertical", spacing: "sm", contents: footer },
  };
  if (d.imageUrl) {
    bubble.hero = { type: "image", url: d.imageUrl, size: "full", aspectRatio: "20:13", aspectMode: "cover" };
  }
  return bubble;
}

/** The push/multicast message for a notice. */
export function buildNoticeMessage(d: NoticeData, opts: NoticeMessageOptions = {}): messagingApi.FlexMessage {
  return {
    type: "flex",
    altText: NOTICE_COPY.altText(d.title, formatEventTime(d.startsAt, d.endsAt)),
    contents: buildNoticeBubble(d, opts),
  };
}
