/**
 * Every Japanese sentence the bot says to residents, in one place so it can be reviewed as a
 * whole. Style: やさしい日本語 — short sentences, polite (です・ます), plain words, one idea per
 * line. Numbers and names come from knowledge/ and are passed in; nothing here invents facts.
 */
import type { Ward } from "../knowledge/schema.js";
import type { DetailKind } from "../knowledge/vocabulary.js";
import type { SmallTalk } from "../search/types.js";

/** The details a program card does not carry, in the words the reply names them. */
const DETAIL_NAMES: Record<DetailKind, string> = {
  date: "日にち",
  time: "時間",
  contact: "電話番号や 連絡先",
  place: "場所",
  cost: "お金（参加費）",
  join: "参加の しかた",
};

export const COPY = {
  welcome: [
    "友だち追加ありがとうございます。",
    "熊本市の 区の まちづくりの 取組（とりくみ）を ご案内します。",
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
    "区が わかるときは、下の ボタンから えらべます。",
  ].join("\n"),
  placeNotFound: "ごめんなさい。その場所が わかりませんでした。\n区を えらんでください。",
  /** A postal code or a place name (島崎) that lies in more than one ward. */
  placeAmbiguous: (via: "postal" | "place", matched: string, wards: Ward[]): string =>
    `${via === "postal" ? `郵便番号 ${matched}` : `「${matched}」`} は ${wards.join("と")}に あります。\nどちらに お住まいですか。`,
  postalOutside: (postal: string): string =>
    `郵便番号 ${postal} は 熊本市の 区では ないようです。\n区を えらんでください。`,
  /** One line on top of an answer, when the same message said where the resident lives. */
  wardChanged: (ward: Ward, from?: string): string =>
    `${from ? `${from}は ${ward}ですね。` : ""}お住まいの区を「${ward}」に しました。`,
  wardSet: (ward: Ward, from?: string): string =>
    `${from ? `${from}は ${ward}ですね。\n` : ""}お住まいの区を「${ward}」に しました。\n知りたいことを 書いて送るか、下のボタンを おしてください。`,

  help: [
    "つかいかた",
    "・知りたいことを 書いて 送ってください。",
    "　（例：防災の 取組（とりくみ）は ありますか、子育ての 集まり）",
    "・下の メニューの ボタンでも さがせます。",
    "・「区をえらぶ」で お住まいの区を かえられます。",
    "・「設定・つかいかた」の「受け取る情報」で、お知らせを 受け取るか えらべます。",
    "・「文字の大きさ」で、カードの 文字を 大きく できます。",
  ].join("\n"),
  whatICanAnswer: [
    "ごめんなさい。その質問には 答えられませんでした。",
    "この LINE では、熊本市の 区の まちづくりの 取組を ご案内します。",
    "べつの ことばで 書くか、下の ボタンから えらんでください。",
  ].join("\n"),
  didYouMean: "もしかして：",
  /** A 「もしかして」 chip: the word with a full-width question mark, as Japanese text writes it. */
  didYouMeanChip: (word: string): string => `${word}？`,
  noResultsTopic: (topic: string, ward: Ward | null): string =>
    `${ward ?? "熊本市"}の「${topic}」の取組は 見つかりませんでした。`,
  noMorePrograms: "これ以上は ありません。",
  programNotFound: "ごめんなさい。その取組は 見つかりませんでした。",

  /** Replies to a message that asks nothing (thanks, 👍, はい …): short, kind, and the menu. */
  smallTalk: {
    thanks: "どういたしまして。\nまた いつでも 聞いてください。",
    greeting: "こんにちは。\n知りたいことを 書いて 送るか、下の メニューから えらんでください。",
    ack: "はい。ほかにも 知りたいことが あれば、書いて 送ってください。",
    yes: "はい。知りたいことを 書いて 送ってください。",
    no: "わかりました。また いつでも どうぞ。",
    farewell: "ありがとうございました。また いつでも どうぞ。",
    weather: "お天気の ことは ここでは わかりません。\n区の まちづくりの 取組なら ご案内できます。",
    emoji: "ありがとうございます。\nほかにも 知りたいことが あれば、書いて 送ってください。",
    chat: "ありがとうございます。\nこの LINE では、区の まちづくりの 取組を ご案内しています。",
    apology: "だいじょうぶです。\n知りたいことが あれば、書いて 送ってください。",
  } satisfies Record<SmallTalk, string>,
  /** A question about something the catalogue does not cover: say so, and where to ask instead. */
  outOfScope: (topic: string): string =>
    `ごめんなさい。「${topic}」の ことは、この LINE では ご案内できません。`,
  askElsewhere: "熊本市の ホームページか、区役所に おたずねください。",
  /** After a refusal for no match: the bot's own scope was said; other city matters are asked there. */
  askElsewhereOther: "ほかの 市の ことは、熊本市の ホームページか、区役所に おたずねください。",

  outdated: "メニューが新しくなりました。\nもう一度 えらんでください。",
  unsupportedMessage:
    "ごめんなさい。文字のメッセージだけ 読むことができます。\n知りたいことを 書いて送ってください。",
  emptyText: "知りたいことを 書いて送ってください。",
  groupHello: [
    "よんでいただき ありがとうございます。",
    "知りたいことを 書いて 送ってください。",
    "区の 設定や お知らせは、1対1の トークで できます。",
  ].join("\n"),
  personalOnly: "この 設定は、1対1の トークで できます。",
  sorry: "ごめんなさい。うまく お答えできませんでした。\nもう一度 おためしください。",
  storeDown: "ただいま 設定を 保存できません。\nしばらくしてから もう一度 おためしください。",

  settingsTitle: "お知らせの設定",
  settingsIntro: "区からの お知らせを 受け取るか、分野ごとに えらべます。",
  settingsWard: (ward: Ward | null): string => `お住まいの区：${ward ?? "まだ えらんでいません"}`,
  /** The state line under each topic, and the button that changes it. */
  settingsStateOn: "✓ 受け取っています",
  settingsStateOff: "受け取っていません",
  settingsTurnOn: "受け取る",
  settingsTurnOff: "止める",
  settingsNone: "受け取る 分野は まだ ありません",
  subscribed: (topic: string, on: boolean): string =>
    on ? `「${topic}」の お知らせを 受け取ります。` : `「${topic}」の お知らせを 止めました。`,
  subscribeNeedsWard: "お知らせは お住まいの区に とどきます。\n区も えらんでください。",
  largeTextOn: "文字を 大きくしました。",
  largeTextToggledOn:
    "カードの 文字を 大きくしました。\nもう一度 「文字の大きさ」を おすと、もとの 大きさに もどります。",
  largeTextToggledOff:
    "カードの 文字を もとの 大きさに もどしました。\nもう一度 おすと、また 大きくなります。",
  largeTextOff: "文字の大きさを もとに もどしました。",
  largeTextLabel: (on: boolean): string => (on ? "文字をふつうに" : "文字を大きく"),

  events: {
    none: (ward: Ward | null): string =>
      `${ward ?? "熊本市"}の これからの イベントは、今は ありません。\nイベントが 決まったら、「受け取る情報」で イベントを えらんだ方に お知らせします。`,
    intro: (ward: Ward | null, n: number): string =>
      `${ward ?? "熊本市"}の これからの イベントは ${n}件です。`,
  },

  /** Titles of the button bubbles that repeat a choice inside the message (no quick replies on PC). */
  choices: {
    ward: "お住まいの区を えらんでください",
    topic: "知りたいのは どれですか",
    topicLabel: (topic: string): string => `${topic}のこと`,
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
    help: "つかいかた",
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

  /** An out-of-scope topic staff marked, with the desk they named (staff data, shown as given). */
  askElsewhereDesk: (topic: string, where: string): string =>
    `「${topic}」は この LINE では ご案内して いません。${where}に おたずねください。`,

  program: {
    initial: "当初予算",
    sept: "9月補正後",
    feb: "2月補正後",
    settlement: "決算",
    budgetLine: "予算の名前",
    places: "場所",
    audience: "対象",
    heading: "分野",
    source: "出典",
    statusLabel: {
      実施: "実施しました",
      一部実施: "一部だけ 実施しました",
      中止: "中止（行われませんでした）",
      未実施: "未実施（行われませんでした）",
      予算外: "予算は ありません",
      予定: "実施の 予定です",
    },
    /**
     * Why a program has its status, when the catalogue has no resident note for it. `year` is
     * the program's 和暦 label (「令和3年度」), or null when the data names none.
     */
    statusNote: {
      実施: () => null,
      一部実施: () => "使った お金が 予算の 半分より 少ないので、予定の 一部だけ 行われたと みています。",
      中止: (year) => `${year ?? "この 年度"}は 中止に なりました。理由は 資料に 書かれていません。`,
      未実施: (year) => `${year ?? "この 年度"}は お金が 使われず、行われませんでした。`,
      予算外: () => "市の この 予算を 使わない 取組です。",
      予定: () => null,
    } satisfies Record<
      "実施" | "一部実施" | "中止" | "未実施" | "予算外" | "予定",
      (year: string | null) => string | null
    >,
    ranAsPlanned: (year: string | null): string => `${year ?? "この 年度"}に 行われました。`,
    /** The catalogue's title when a ward file names only a file as its source. */
    sourceTitle: (year: string | null): string =>
      year === null ? "熊本市 各区の まちづくりの取組" : `熊本市 各区の まちづくりの取組（${year}）`,
    noDescription: "くわしい 説明は 資料に ありません。",
    madeOf: (n: number): string => `この取組は ${n}つの 取組に わかれています。`,
    moreTitle: (rest: number): string => `ほかに ${rest}件 あります`,
    moreBody: "つづきを 見るには ボタンを おしてください。",
    altResults: (label: string, n: number, names: string[]): string =>
      `${label}：取組 ${n}件（${names.join("、")}）`,
    altDetail: (name: string, status: string): string => `取組の くわしい 説明：${name}（${status}）`,
    /** A place in several wards and the resident's ward not one of them: programs of each. */
    placeInWards: (place: string, wards: Ward[]): string =>
      `「${place}」は ${wards.join("と")}に あります。どちらの 区の 取組も ご案内します。`,
    notInOwnWard: (ward: Ward): string =>
      `${ward}には 見つかりませんでした。ほかの区の 取組を ご案内します。`,
    /** A long typed question is not repeated back in full: 「ご質問」 reads better than a quote. */
    queryLabel: (query: string, ward: Ward | null): string => {
      const q = Array.from(query).length <= 8 ? `「${query}」` : "ご質問";
      // 「西区の地域活動」 already names its ward: never 「西区の「西区の地域活動」」.
      if (!ward || query.includes(ward)) return q;
      return q === "ご質問" ? `ご質問（${ward}）` : `${ward}の${q}`;
    },
    resultsHeader: (label: string, total: number): string =>
      `${label}に 合う取組が ${total}件 見つかりました。`,
    /** The search matched only part of the question: say these are the closest, not a match. */
    closestHeader: (label: string): string =>
      `${label}に ぴったりの取組は 見つかりませんでしたが、近いものを ご案内します。`,
    /**
     * A message that asked for several things: each one, in the resident's words, with the
     * program that fits it best (the cards below lead with these).
     */
    needsHeader: (groups: { need: string; name: string }[]): string =>
      [
        `${groups.length}つの ことを それぞれ さがしました。`,
        ...groups.map((g, i) => `${"①②③④"[i] ?? "・"}「${needLabel(g.need)}」→ ${g.name}`),
      ].join("\n"),
    /**
     * The question asked for a detail of the programs shown (when, where, what it costs, how to
     * join): the catalogue holds none, so say which ones plainly and where to ask — a
     * まちづくりセンター near the resident, or the ward office knowledge/offices.json names.
     */
    detailUnknown: (details: readonly DetailKind[], office: string | null): string =>
      `${details.map((d) => DETAIL_NAMES[d]).join("や ")}は ここでは わかりません。` +
      `お近くの まちづくりセンターか、${office ?? "区役所"}に おたずねください。`,
    wardProgramsLabel: (ward: Ward): string => `${ward}`,
    /** Shown under the figures when one of them is 「不明」. */
    unknownFigure: "「不明」は、もとの 資料から 金額が 読みとれなかった ところです。",
    /** Shown when the figures were worked out from the sheet's totals (the notes are for staff). */
    derivedFigures: "金額の 一部は、もとの 資料の 合計などから 読みといて のせています。",
    unknownShort: "※不明：資料から 読みとれない 金額です",
    sameTopicLabel: (topic: string): string => `ほかの区の「${topic}」`,
    /** 担当 and 最終更新日, set by staff in the console (imported and edited programs). */
    department: (d: string): string => `担当：${d}`,
    contact: (c: string): string => `連絡先：${c}`,
    updatedOn: (ms: number): string => {
      // Japan has no daylight saving: +9 h gives the date in Tokyo.
      const t = new Date(ms + 9 * 3600_000);
      return `最終更新日：${t.getUTCFullYear()}年${t.getUTCMonth() + 1}月${t.getUTCDate()}日`;
    },
  },
} as const;

/** A particle (not the second kana of をも, には …): what follows it may be only the asking. */
const NEED_PARTICLE = /(?<![をがはもにでと])(?:について|って|を|が|は|も)/gu;

/**
 * A need as the resident wrote it, short: without what only asks (を探しています, も教えて, は
 * ありますか) after its last particle, and at most 20 characters.
 */
export function needLabel(need: string): string {
  const bare = need.replace(/[\s。、.,！!？?]+$/u, "").trim();
  // The last particle after a noun, when only a predicate follows it (no noun: no katakana, no の).
  let cut = bare;
  for (const m of bare.matchAll(NEED_PARTICLE)) {
    const rest = bare.slice(m.index + m[0].length);
    if (!/[\u30a1-\u30fa]|の/u.test(rest)) {
      cut = bare.slice(0, m.index);
      break;
    }
  }
  const label = [...cut].length >= 2 ? cut : bare;
  const chars = [...label];
  return chars.length <= 20 ? label : `${chars.slice(0, 19).join("")}…`;
}
