/**
 * Choices as buttons inside the message. Quick replies do not show in LINE for PC (and vanish
 * once the resident taps elsewhere), so every choice that is not also on the rich menu — the
 * ward picker, 「わからない」, 「もしかして」 and topic choices — is offered here too. The quick
 * replies stay for phones, where they sit by the keyboard.
 */
import type { messagingApi } from "@line/bot-sdk";
import { KNOWLEDGE_WARDS } from "../../knowledge/known-wards.js";
import type { Ward, WardRegistry } from "../../knowledge/wards.js";
import { postbackCodec } from "../../postback.js";
import { TOPICS, type TopicKey } from "../../knowledge/topics.js";
import { COPY } from "../copy.js";
import {
  button,
  clip,
  flexMessage,
  hbox,
  text,
  vbox,
  COLORS,
  type FlexComponent,
  type Message,
  type TextStyle,
} from "./parts.js";

/**
 * Longest label (in characters) that a half-width button shows whole: a 260 px bubble less its
 * padding leaves about 110 px per button, 86 px inside its own padding, five 16 px characters.
 * LINE never wraps a button label, it cuts it with 「…」.
 */
export const HALF_WIDTH_LABEL_CHARS = 5;

/**
 * Buttons two to a row when every label fits half a bubble (the wards, 「わからない」), else one
 * to a row (「地域活動・補助金のこと」): large tap targets, and no label cut.
 */
function grid(buttons: messagingApi.FlexButton[]): FlexComponent[] {
  const fitsHalf = buttons.every((b) => Array.from(b.action.label ?? "").length <= HALF_WIDTH_LABEL_CHARS);
  const perRow = fitsHalf ? 2 : 1;
  const rows: FlexComponent[] = [];
  for (let i = 0; i < buttons.length; i += perRow) {
    const row = buttons.slice(i, i + perRow).map((b) => ({ ...b, flex: 1, margin: "none" as const }));
    rows.push(hbox(row, { spacing: "sm", margin: i === 0 ? "none" : "sm" }));
  }
  return rows;
}

function choiceBubble(
  title: string,
  buttons: messagingApi.FlexButton[],
  style: TextStyle,
  alt: string,
): Message {
  return flexMessage(alt, {
    type: "bubble",
    size: style.bubble,
    body: vbox([text(title, { size: style.body, weight: "bold", color: COLORS.text }), ...grid(buttons)], {
      spacing: "md",
      paddingAll: "lg",
    }),
  });
}

/**
 * The registry's wards (or the ones a postal code straddles) and わからない, as buttons; the
 * postback data carries the registry's slugs.
 */
export function wardChoices(
  style: TextStyle,
  wards?: readonly Ward[],
  withUnknown = true,
  registry: WardRegistry = KNOWLEDGE_WARDS,
): Message {
  const shown = wards ?? registry.names;
  const { encode } = postbackCodec(registry);
  const buttons = shown.map((ward) => button(ward, { kind: "ward", ward }, { encode }));
  if (withUnknown) buttons.push(button(COPY.label.dontKnow, { kind: "ward-unknown" }));
  return choiceBubble(COPY.choices.ward, buttons, style, `${COPY.choices.ward}：${shown.join("、")}`);
}

/** 「もしかして」: each suggestion sends itself as the resident's message. */
export function suggestionChoices(suggestions: readonly string[], style: TextStyle): Message | null {
  const uniq = [...new Set(suggestions.map((s) => s.trim()).filter((s) => s.length > 0))].slice(0, 4);
  if (uniq.length === 0) return null;
  const buttons = uniq.map((s): messagingApi.FlexButton => ({
    type: "button",
    style: "secondary",
    color: COLORS.buttonSecondary,
    height: "md",
    action: { type: "message", label: clip(COPY.didYouMeanChip(s), 20), text: clip(s, 300) },
    scaling: true,
  }));
  return choiceBubble(COPY.didYouMean, buttons, style, `${COPY.didYouMean}${uniq.join("、")}`);
}

/** Topics to choose from (a weak match: 「防災のこと？ 子育てのこと？」), as buttons. */
export function topicChoices(topics: readonly TopicKey[], style: TextStyle): Message | null {
  if (topics.length === 0) return null;
  const buttons = topics.map((topic) =>
    button(
      COPY.choices.topicLabel(TOPICS[topic]),
      topic === "event" ? { kind: "events" } : { kind: "topic", topic },
    ),
  );
  return choiceBubble(
    COPY.choices.topic,
    buttons,
    style,
    `${COPY.choices.topic}${topics.map((t) => TOPICS[t]).join("、")}`,
  );
}
