/**
 * The quick-reply rows the bot offers: topics + 区をえらぶ (after an abstention or help),
 * the ward picker (5 wards + わからない), and 「もしかして」 suggestions.
 */
import { KNOWLEDGE_WARDS } from "../../knowledge/known-wards.js";
import type { Ward, WardRegistry } from "../../knowledge/wards.js";
import { postbackCodec } from "../../postback.js";
import { TOPIC_KEYS, TOPICS } from "../../knowledge/topics.js";
import { shareJson } from "../../text/shared-json.js";
import { COPY } from "../copy.js";
import { quickPostback, quickText, type QuickReplyItem } from "./parts.js";

/** The topic row's items: the same for every answer, so built once and shared (frozen, JSON kept). */
let topicItems: readonly QuickReplyItem[] | null = null;

/** 防災, 健康・介護, 子育て, 地域活動・補助金, イベント, 区をえらぶ (a new array of shared, frozen items). */
export function topicQuickReplies(): QuickReplyItem[] {
  topicItems ??= [
    ...TOPIC_KEYS.map((topic) =>
      topic === "event"
        ? quickPostback(TOPICS[topic], { kind: "events" })
        : quickPostback(TOPICS[topic], { kind: "topic", topic }),
    ),
    quickPostback(COPY.label.pickWard, { kind: "ward-picker" }),
  ].map(shareJson);
  return [...topicItems];
}

/** The registry's wards (optionally a subset, e.g. the two a postal code straddles) and わからない. */
export function wardQuickReplies(
  wards?: readonly Ward[],
  withUnknown = true,
  registry: WardRegistry = KNOWLEDGE_WARDS,
): QuickReplyItem[] {
  const { encode } = postbackCodec(registry);
  const items = (wards ?? registry.names).map((ward) => quickPostback(ward, { kind: "ward", ward }, encode));
  if (withUnknown) items.push(quickPostback(COPY.label.dontKnow, { kind: "ward-unknown" }));
  return items;
}

/** 「もしかして」: each suggestion is sent back as text when tapped; topics follow if room remains. */
export function suggestionQuickReplies(suggestions: string[]): QuickReplyItem[] {
  const uniq = [...new Set(suggestions.map((s) => s.trim()).filter((s) => s.length > 0))].slice(0, 4);
  return [...uniq.map((s) => quickText(COPY.didYouMeanChip(s), s)), ...topicQuickReplies()].slice(0, 13);
}
