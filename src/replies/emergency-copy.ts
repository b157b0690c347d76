/**
 * Resident-facing Japanese for the emergency bulletin, the disaster contacts and the ward
 * office card, kept together so they can be reviewed as a whole (やさしい日本語, short lines).
 * Facts (numbers, hours, URLs) never live here: they come from knowledge/offices.json.
 */
import type { Ward } from "../knowledge/schema.js";

export const EMERGENCY_COPY = {
  bulletin: {
    kicker: "緊急のお知らせ",
    /** `scope`: a ward's name, or "all" (the whole city). */
    area: (scope: Ward): string => (scope === "all" ? "熊本市 全体" : scope),
    updated: (when: string): string => `${when} 更新`,
    by: (author: string): string => `発表：${author}`,
    more: "くわしく見る",
    altText: (scope: Ward, title: string): string =>
      `緊急のお知らせ（${scope === "all" ? "熊本市 全体" : scope}）：${title}`,
    none: (ward: Ward | null): string =>
      `いま、${ward ?? "熊本市"}の 緊急のお知らせは 出ていません。\n` +
      "あぶないと 思ったら、まよわず 安全な ところへ にげてください。\n" +
      "下の 連絡先と 市の ページで、最新の 情報を たしかめてください。",
    noneAlt: "緊急のお知らせは 出ていません。連絡先を ご案内します。",
  },
  contacts: {
    title: "こまったときの 連絡先",
    call: (label: string): string => `${label}に電話`,
    officeHeading: (ward: Ward): string => `${ward}の 区役所`,
    altText: "こまったときの 連絡先と 市の ページ",
  },
  office: {
    heading: (ward: Ward): string => `${ward}の 区役所`,
    address: "住所",
    hours: "受付",
    hoursValue: (text: string, scope: string): string => `${text}（${scope}）`,
    phone: "電話",
    phoneUnknown: "まだ ご案内 できません。市の ホームページで たしかめてください。",
    map: "地図を見る",
    hoursSource: "受付時間の お知らせ",
    site: "市のホームページ",
    intro: (ward: Ward | null): string =>
      ward
        ? `${ward}の 区役所です。`
        : "各区の 区役所です。お住まいの区を えらぶと、その区役所を ご案内します。",
    altText: (ward: Ward | null): string => (ward ? `${ward}の 区役所の ご案内` : "各区の 区役所の ご案内"),
  },
} as const;
