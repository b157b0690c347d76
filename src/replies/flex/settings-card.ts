/**
 * The 受信設定 card: the resident's ward, one toggle per notice topic (the button shows the
 * current state and flips it), and the 「文字を大きく」 switch. Toggles are postbacks, so a tap
 * on an old card simply sets the state the button names — repeats are harmless.
 */
import type { Ward } from "../../knowledge/schema.js";
import { TOPIC_KEYS, TOPICS, type TopicKey } from "../../knowledge/topics.js";
import { COPY } from "../copy.js";
import {
  button,
  COLORS,
  flexMessage,
  hbox,
  separator,
  text,
  vbox,
  type FlexComponent,
  type Message,
  type TextStyle,
} from "./parts.js";
import { topicQuickReplies } from "./quick-replies.js";

export interface SettingsView {
  ward: Ward | null;
  topics: readonly TopicKey[];
  largeText: boolean;
}

/** The settings card for a profile. */
export function settingsCard(view: SettingsView, style: TextStyle): Message {
  const rows: FlexComponent[] = TOPIC_KEYS.map((topic) => {
    const on = view.topics.includes(topic);
    return hbox(
      [
        vbox(
          [
            text(TOPICS[topic], { size: style.body, weight: "bold" }),
            text(on ? COPY.settingsStateOn : COPY.settingsStateOff, {
              size: style.small,
              color: on ? COLORS.ok : COLORS.muted,
            }),
          ],
          { flex: 3, justifyContent: "center" },
        ),
        vbox(
          [
            button(
              on ? COPY.settingsTurnOff : COPY.settingsTurnOn,
              { kind: "subscribe", topic, on: !on },
              {
                style: on ? "secondary" : "primary",
                displayText: `${TOPICS[topic]}を ${on ? COPY.settingsTurnOff : COPY.settingsTurnOn}`,
              },
            ),
          ],
          { flex: 3 },
        ),
      ],
      { margin: "md", spacing: "md" },
    );
  });
  const alt = `${COPY.settingsTitle}：${
    TOPIC_KEYS.filter((t) => view.topics.includes(t))
      .map((t) => TOPICS[t])
      .join("、") || COPY.settingsNone
  }`;
  return flexMessage(
    alt,
    {
      type: "bubble",
      size: style.bubble,
      body: vbox(
        [
          text(COPY.settingsTitle, { size: style.title, weight: "bold" }),
          text(COPY.settingsIntro, { size: style.small, color: COLORS.muted, margin: "sm" }),
          text(COPY.settingsWard(view.ward), { size: style.body, margin: "md" }),
          separator(),
          ...rows,
        ],
        { paddingAll: "lg" },
      ),
      footer: vbox(
        [
          button(COPY.label.pickWard, { kind: "ward-picker" }),
          button(COPY.largeTextLabel(view.largeText), { kind: "large-text", on: !view.largeText }),
        ],
        { spacing: "sm", paddingAll: "md" },
      ),
    },
    // The card is often the last thing on screen: the topics lead back to the programs.
    topicQuickReplies(),
  );
}
