/**
 * Every Japanese sentence the bot says to residents, in one place so it can be reviewed as a
 * whole. Style: やさしい日本語 — short sentences, polite (です・ます), plain words, one idea per
 * line. Numbers and names come from knowledge/ and are passed in; nothing here invents facts.
 */
import type { Ward } from "../knowledge/schema.js";

export const COPY = {
  welcome: [
    "友だち追加ありがとうございます。",
    "熊本市の まちづくりの取組を ご案内します。",
    "はじめに、お住まいの区を えらんでください。",
  ].join("\n"),
  welcomeBack: (ward: Ward | null): string =>
    ward
      ? `おかえりなさい。\nお住まいの区は「${ward}」のままです。\n知りたいことを 書いて送ってください。`
      : "おかえりなさい。\n知りたいことを 書いて送ってください。",
  askWard: "お住まいの区を えらんでください。",
  askPlace: [
    "お住まいの 校区・町の名前、または 郵便番号を 送ってください。",
    "（例：秋津、託麻原、862-0950）",
  ].join("\n"),
  placeNotFound: "ごめんなさい。その場所が わかりませんでした。\n区を えらんでください。",
  placeAmbiguous: (postal: string, wards: Ward[]): string =>
    `郵便番号 ${postal} は ${wards.join("と")}に あります。\nどちらに お住まいですか。`,
  postalOutside: (postal: string): string =>
    `郵便番号 ${postal} は 熊本市の 区では ないようです。\n区を えらんでください。`,
  wardSet: (ward: Ward, from?: string): string =>
    `${from ? `${from}は ${ward}ですね。\n` : ""}お住まいの区を「${ward}」に しました。\n知りたいことを 書いて送るか、下のボタンを おしてください。`,

  help: [
    "使い方",
    "・知りたいことを 書いて送ってください。",
    "　（例：防災の取組はありますか、子育ての集まり）",
    "・下のメニューの ボタンでも さがせます。",
    "・「区をえらぶ」で お住まいの区を かえられます。",
    "・「設定」で お知らせの 受け取りを えらべます。",
  ].join("\n"),
  whatICanAnswer: [
    "ごめんなさい。その質問には 答えられませんでした。",
    "この LINE では、熊本市の各区の まちづくりの取組（令和2年度）を ご案内できます。",
    "下の ボタンから えらぶこともできます。",
  ].join("\n"),
  didYouMean: "もしかして：",
  noResultsTopic: (topic: string, ward: Ward | null): string =>
    `${ward ?? "熊本市"}の「${topic}」の取組は 見つかりませんでした。`,
  noMorePrograms: "これ以上は ありません。",
  programNotFound: "ごめんなさい。その取組は 見つかりませんでした。",

  outdated: "メニューが新しくなりました。\nもう一度 えらんでください。",
  unsupportedMessage:
    "ごめんなさい。文字のメッセージだけ 読むことができます。\n知りたいことを 書いて送ってください。",
  emptyText: "知りたいことを 書いて送ってください。",
  groupHello: ["よんでいただき ありがとうございます。", "くわしい ご案内は、1対1の トークで できます。"].join(
    "\n",
  ),
  personalOnly: "この設定は 1対1の トークで できます。",
  sorry: "ごめんなさい。うまく お答えできませんでした。\nもう一度 おためしください。",
  storeDown: "ただいま 設定を 保存できません。\nしばらくしてから もう一度 おためしください。",

  settingsTitle: "受け取るお知らせ",
  settingsIntro: "区の お知らせを 受け取る 分野を えらべます。",
  settingsWard: (ward: Ward | null): string => `お住まいの区：${ward ?? "まだ えらんでいません"}`,
  settingsOn: "受け取る",
  settingsOff: "受け取らない",
  subscribed: (topic: string, on: boolean): string =>
    on ? `「${topic}」の お知らせを 受け取ります。` : `「${topic}」の お知らせを 止めました。`,
  subscribeNeedsWard: "お知らせは お住まいの区に とどきます。\n区も えらんでください。",
  largeTextOn: "文字を 大きくしました。",
  largeTextOff: "文字の大きさを もとに もどしました。",
  largeTextLabel: (on: boolean): string => (on ? "文字を ふつうに" : "文字を大きく"),

  office: {
    intro: (ward: Ward | null): string =>
      ward
        ? `${ward}の 区役所です。`
        : "各区の 区役所です。お住まいの区を えらぶと、その区役所を ご案内します。",
    line: (name: string, address: string): string => `${name}\n住所：${address}`,
    site: (url: string): string => `くわしくは 熊本市の ホームページを ご覧ください。\n${url}`,
  },

  events: {
    none: (ward: Ward | null): string =>
      `${ward ?? "熊本市"}の これからの 催しは、今は ありません。\nお知らせが 決まったら、設定した方に お送りします。`,
    intro: (ward: Ward | null, n: number): string => `${ward ?? "熊本市"}の これからの 催しは ${n}件です。`,
  },

  // Flex labels (buttons ≤ 20 characters).
  label: {
    detail: "くわしく",
    wardOthers: "この区のほかの取組",
    sameTopic: "ほかの区の同じ分野",
    more: "もっと見る",
    pickWard: "区をえらぶ",
    dontKnow: "わからない",
    settings: "設定",
    help: "使い方",
    office: "区役所",
    events: "イベント",
  },
  // displayText: what appears in the chat as the resident's tap.
  tapped: {
    detail: (name: string): string => `「${name}」を くわしく`,
    wardOthers: (ward: Ward): string => `${ward}の ほかの取組`,
    sameTopic: "ほかの区の 同じ分野",
    more: "もっと見る",
  },

  program: {
    fiscalYear: "令和2年度",
    initial: "当初予算",
    sept: "9月補正後",
    feb: "2月補正後",
    settlement: "決算",
    isNew: "新規",
    budgetLine: "予算",
    places: "場所",
    audience: "対象",
    heading: "分野",
    source: "出典",
    statusLabel: {
      実施: "実施しました",
      一部実施: "一部だけ実施",
      中止: "中止",
      未実施: "実施していません",
      予算外: "予算はありません",
    },
    moreTitle: (rest: number): string => `ほかに ${rest}件 あります`,
    moreBody: "つづきを 見るには ボタンを おしてください。",
    altResults: (label: string, n: number, names: string[]): string =>
      `${label}の取組 ${n}件：${names.join("、")}`,
    altDetail: (name: string): string => `取組のくわしい説明：${name}`,
    notInOwnWard: (ward: Ward): string =>
      `${ward}には 見つかりませんでした。ほかの区の取組を お知らせします。`,
    resultsHeader: (label: string, total: number): string =>
      `${label}に 合う取組が ${total}件 見つかりました。`,
    /** The search matched only part of the question: say these are the closest, not a match. */
    closestHeader: (label: string): string =>
      `${label}に ぴったりの取組は 見つかりませんでしたが、近いものを おしらせします。`,
    /** The question asked for a date, time, contact or place: the catalogue has none of them. */
    detailUnknown: "日にちや 電話番号は ここでは わかりません。区役所に おたずねください。",
    wardProgramsLabel: (ward: Ward): string => `${ward}`,
    sameTopicLabel: (topic: string): string => `ほかの区の「${topic}」`,
  },
} as const;
