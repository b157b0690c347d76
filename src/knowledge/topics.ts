/**
 * The five resident-facing topics — the shared vocabulary of menus, quick replies, notice opt-ins,
 * the store (a resident's subscribed topics) and staff screens — and the catalogue tags behind
 * each. It lives with the knowledge because every layer speaks it and it depends on nothing but
 * the catalogue's tag names.
 */
import type { TopicTag } from "./schema.js";

/** The five resident-facing topics used by menus, quick replies and notice opt-ins. */
export const TOPICS = {
  bousai: "防災",
  kenko: "健康・介護",
  kosodate: "子育て",
  chiiki: "地域活動・補助金",
  event: "イベント",
} as const;
export type TopicKey = keyof typeof TOPICS;
export const TOPIC_KEYS = Object.keys(TOPICS) as TopicKey[];
export const isTopicKey = (s: string): s is TopicKey => Object.hasOwn(TOPICS, s);

/** Catalogue tags behind each resident topic button. */
export const TOPIC_TAG_MAP: Record<TopicKey, readonly TopicTag[]> = {
  bousai: ["防災", "復興・被災者支援", "防犯・交通安全"],
  kenko: ["健康", "介護・高齢者", "福祉", "スポーツ"],
  kosodate: ["子育て"],
  chiiki: ["地域活動", "補助金", "担い手育成", "交流"],
  event: ["イベント"],
};
