/**
 * Every resident-facing Japanese string of notices and the events list, in one place so it
 * can be reviewed as a whole: short, polite, plain (やさしい日本語).
 */
import { TOPICS, type TopicKey } from "../knowledge/topics.js";
import type { Ward } from "../knowledge/schema.js";

export const NOTICE_COPY = {
  kicker: (wards: readonly Ward[]) => `${wards.join("・")}からのお知らせ`,
  when: "日時",
  where: "場所",
  topics: (topics: readonly TopicKey[]) => topics.map((t) => TOPICS[t]).join("・"),
  related: (name: string) => `関連する取組：${name}`,
  moreButton: "くわしく見る",
  programButton: "関連する取組",
  programDisplay: "関連する取組を見る",
  settingsButton: "お知らせの設定",
  settingsDisplay: "お知らせの設定",
  altText: (title: string, when: string) => `【お知らせ】${title}（${when}）`,
  eventsAltText: (n: number) => `これからのイベント ${n}件`,
  noEvents: (ward: Ward | null) =>
    ward
      ? `${ward}で、これからのイベントのお知らせは今はありません。`
      : "これからのイベントのお知らせは今はありません。",
} as const;
