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
  bubble: messagingApi.FlexBubble.SizeEnum;
}

/** The preset for a resident's preference. */
export function textStyle(large: boolean): TextStyle {
  return large
    ? { large, title: "xl", body: "lg", small: "md", bubble: "giga" }
    : { large, title: "lg", body: "md", small: "sm", bubble: "mega" };
}

export const COLORS = {
  text: "#1A1A1A",
  muted: "#4D4D4D",
  primary: "#0B5394",
  warn: "#B00020",
  ok: "#1E6B2E",
  notice: "#8A4B00",
  /** Accent of city notices from ward staff; white on it has a contrast ratio above 4.5:1. */
  cityNotice: "#1B5E20",
  rule: "#CCCCCC",
} as const;

/** LINE counts labels in characters; cut long ones so a catalogue name never breaks a message. */
export function clip(s: string, max: number): string {
  const chars = Array.from(s);
  return chars.length <= max ? s : `${chars.slice(0, max - 1).join("")}…`;
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

/** A postback action carrying an encoded `v1:` payload; label and display text clipped to LINE's limits. */
export function postbackAction(
  p: CurrentPostback,
  label: string,
  displayText?: string,
): messagingApi.PostbackAction {
  const a: messagingApi.PostbackAction = {
    type: "postback",
    label: clip(label, 20),
    data: encodePostback(p),
  };
  if (displayText) a.displayText = clip(displayText, 300);
  return a;
}

/** A postback button (style secondary unless told). */
export function button(
  label: string,
  p: CurrentPostback,
  opts: { displayText?: string; style?: messagingApi.FlexButton.StyleEnum } = {},
): FlexButton {
  return {
    type: "button",
    style: opts.style ?? "secondary",
    height: "md",
    margin: "sm",
    action: postbackAction(p, label, opts.displayText ?? label),
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
export function quickPostback(label: string, p: CurrentPostback): QuickReplyItem {
  return { type: "action", action: postbackAction(p, label, label) };
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
