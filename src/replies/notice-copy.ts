/**
 * Every resident-facing Japanese string of notices and the events list, in one place so it
 * can be reviewed as a whole: short, polite, plain (やさしい日本語). Beside `copy.ts`, which
 * holds the bot's other replies.
 */
import type { Ward } from "../knowledge/schema.js";

export const NOTICE_COPY = {
  kicker: (wards: readonly Ward[]) => `${wards.join("・")}からのお知らせ`,
  when: "日時",
  where: "場所",
  related: (name: string) => `関連する取組：${name}`,
  moreButton: "くわしく見る",
  programButton: "関連する取組",
  programDisplay: "関連する取組を見る",
  settingsButton: "お知らせの設定",
  settingsDisplay: "お知らせの設定",
  altText: (title: string, when: string) => `【お知らせ】${title}（${when}）`,
  eventsAltText: (n: number) => `これからのイベント ${n}件`,
} as const;
