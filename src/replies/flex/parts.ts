/**
 * Small pure helpers shared by the Flex builders: text and button components that always carry
 * `scaling: true` (so LINE's font-size setting applies), the two size presets (normal and
 * 「文字を大きく」), and quick-reply items. Keeping them here means no builder can forget scaling.
 */
import type { messagingApi } from "@line/bot-sdk";
import { encodePostback, type CurrentPostback } from "../../postback.js";

export type FlexComponent = messagingApi.FlexComponent;
export type FlexText = messagingApi.FlexText;
export type FlexButton = messagingApi.FlexButton;
export type FlexBox = messagingApi.FlexBox;
export type FlexBubble = messagingApi.FlexBubble;
export type QuickReplyItem = messagingApi.QuickReplyItem;
export type Message = messagingApi.Message;

/** Size presets: `large` is the per-resident 「文字を大きく」 preference. */
export interface TextStyle {
  large: boolean;
  title: string;
  body: string;
  small: string;
  /** Every bubble's size; see BUBBLE_WIDTH_PX. */
  bubble: messagingApi.FlexBubble.SizeEnum;
}

/**
 * LINE's bubble widths (as the Flex Message Simulator draws them): nano 120, micro 160, deca
 * 220, hecto 241, kilo 260, mega 300, giga 386 px. A 320 px phone leaves about 270 px beside
 * the account icon, so every bubble is kilo in both presets: a card is never wider than the
 * screen, and in a carousel the next card peeks in, as LINE intends. Large text needs height,
 * not width (text wraps), which is why 「文字を大きく」 no longer widens the bubble.
 */
export const BUBBLE_WIDTH_PX = {
  nano: 120,
  micro: 160,
  deca: 220,
  hecto: 241,
  kilo: 260,
  mega: 300,
  giga: 386,
} as const satisfies Record<messagingApi.FlexBubble.SizeEnum, number>;

/** The preset for a resident's preference. */
export function textStyle(large: boolean): TextStyle {
  return large
    ? { large, title: "xl", body: "lg", small: "md", bubble: "kilo" }
    : { large, title: "lg", body: "md", small: "sm", bubble: "kilo" };
}

export const COLORS = {
  text: "#1A1A1A",
  muted: "#4D4D4D",
  primary: "#0B5394",
  warn: "#B00020",
  ok: "#1B5E20",
  notice: "#7A4100",
  /** Accent of city notices from ward staff; white on it is 7.9:1 (every pair ≥ 7:1, test/unit/replies/contrast). */
  cityNotice: "#1B5E20",
  rule: "#CCCCCC",
  /** Fill of primary buttons: LINE draws their label white (LINE's own green is only 2.2:1). */
  buttonPrimary: "#0B5394",
  /** Fill of secondary buttons: LINE draws their label near-black. */
  buttonSecondary: "#E3E6EB",
} as const;

/** Where a cut may fall: after punctuation or a space, or where hiragana (a particle) meets another script. */
const BREAK_AFTER = /[、。，．・！？!?）」』】〕)\]\s／/]/u;
const scriptOf = (ch: string): string =>
  /\p{Script=Hiragana}/u.test(ch)
    ? "hira"
    : /[\p{Script=Katakana}ー]/u.test(ch)
      ? "kata"
      : /[0-9０-９.,，．万億千円%％]/u.test(ch)
        ? "num"
        : /\p{Script=Han}|々/u.test(ch)
          ? "han"
          : /[A-Za-zＡ-Ｚａ-ｚ]/u.test(ch)
            ? "latin"
            : "other";

/**
 * Cuts `s` to at most `max` characters with an ellipsis, never inside a word: the cut falls
 * after punctuation or a space when there is one in the last 60%, else where hiragana meets
 * another script (a particle ends there), else between two scripts — never inside a number,
 * a katakana word or a kanji compound when any other place exists. LINE counts characters.
 */
export function clip(s: string, max: number): string {
  // Most texts fit: no more UTF-16 units than `max` means no more characters either, and no copy.
  if (s.length <= max) return s;
  const chars = Array.from(s);
  if (chars.length <= max) return s;
  const limit = max - 1; // room for 「…」
  const floor = Math.max(1, Math.floor(limit * 0.4));
  const cutAt = (ok: (prev: string, next: string) => boolean): number => {
    for (let i = limit; i >= floor; i--) if (ok(chars[i - 1] ?? "", chars[i] ?? "")) return i;
    return -1;
  };
  let at = cutAt((prev) => BREAK_AFTER.test(prev));
  if (at < 0) at = cutAt((prev, next) => scriptOf(prev) === "hira" && scriptOf(next) !== "hira");
  if (at < 0) at = cutAt((prev, next) => scriptOf(prev) !== scriptOf(next));
  if (at < 0) at = limit;
  return `${chars.slice(0, at).join("").trimEnd()}…`;
}

/** A Flex text that wraps and scales with the resident's font size. */
export function text(t: string, opts: Partial<Omit<FlexText, "type" | "text">> = {}): FlexText {
  return {
    type: "text",
    text: t.length > 0 ? t : " ",
    wrap: true,
    color: COLORS.text,
    ...opts,
    scaling: true,
  };
}

/** Turns a postback into its `v1:` data; the shipped registry's unless a builder is given another. */
export type PostbackEncoder = (p: CurrentPostback) => string;

/** A postback action carrying an encoded `v1:` payload; label and display text clipped to LINE's limits. */
export function postbackAction(
  p: CurrentPostback,
  label: string,
  displayText?: string,
  encode: PostbackEncoder = encodePostback,
): messagingApi.PostbackAction {
  const a: messagingApi.PostbackAction = {
    type: "postback",
    label: clip(label, 20),
    data: encode(p),
  };
  if (displayText) a.displayText = clip(displayText, 300);
  return a;
}

/** A postback button (style secondary unless told). */
export function button(
  label: string,
  p: CurrentPostback,
  opts: { displayText?: string; style?: "primary" | "secondary" | "link"; encode?: PostbackEncoder } = {},
): FlexButton {
  const style = opts.style ?? "secondary";
  return {
    type: "button",
    style,
    // Every fill (or, for a link, the label colour) is set here, never left to LINE's defaults,
    // so each pair is known to be ≥ 7:1.
    color:
      style === "primary" ? COLORS.buttonPrimary : style === "link" ? COLORS.primary : COLORS.buttonSecondary,
    height: "md",
    margin: "sm",
    action: postbackAction(p, label, opts.displayText ?? label, opts.encode),
    scaling: true,
  };
}

/** A thin rule between sections. */
export function separator(): messagingApi.FlexSeparator {
  return { type: "separator", margin: "md", color: COLORS.rule };
}

/** A vertical box. */
export function vbox(
  contents: FlexComponent[],
  opts: Partial<Omit<FlexBox, "type" | "layout" | "contents">> = {},
): FlexBox {
  return { type: "box", layout: "vertical", contents, ...opts };
}

/** A horizontal box. */
export function hbox(
  contents: FlexComponent[],
  opts: Partial<Omit<FlexBox, "type" | "layout" | "contents">> = {},
): FlexBox {
  return { type: "box", layout: "horizontal", contents, ...opts };
}

/** A quick-reply item sending a postback (with the label shown as the resident's message). */
export function quickPostback(
  label: string,
  p: CurrentPostback,
  encode: PostbackEncoder = encodePostback,
): QuickReplyItem {
  return { type: "action", action: postbackAction(p, label, label, encode) };
}

/** A quick-reply item that sends `text` as if the resident typed it (「もしかして」). */
export function quickText(label: string, t: string): QuickReplyItem {
  return { type: "action", action: { type: "message", label: clip(label, 20), text: clip(t, 300) } };
}

/** A text message; LINE allows 5,000 UTF-16 units, kept well below. */
export function textMessage(t: string, quickReply?: QuickReplyItem[]): messagingApi.TextMessage {
  const body = t.length > 4900 ? `${t.slice(0, 4899)}…` : t;
  const m: messagingApi.TextMessage = { type: "text", text: body.length > 0 ? body : " " };
  if (quickReply && quickReply.length > 0) m.quickReply = { items: quickReply.slice(0, 13) };
  return m;
}

/** A Flex message; altText is cut to LINE's 1,500 limit (we aim for much shorter). */
export function flexMessage(
  altText: string,
  contents: messagingApi.FlexContainer,
  quickReply?: QuickReplyItem[],
): messagingApi.FlexMessage {
  const m: messagingApi.FlexMessage = { type: "flex", altText: clip(altText, 400), contents };
  if (quickReply && quickReply.length > 0) m.quickReply = { items: quickReply.slice(0, 13) };
  return m;
}
