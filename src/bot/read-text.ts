/**
 * A resident's text message → the same action a button would send, decided on the whole
 * message with the one reading the search engine also uses (`MessageAnalysis`: clauses, the
 * asked part, the ward or place named, small talk). The ward is found once, here, and travels
 * with the intent. A keyword alone never decides: 「外国人向けのイベント」 is a question (it names
 * who), while 「東区の催し」 asks for the events list. Pure.
 */
import { KNOWLEDGE_WARDS } from "../knowledge/known-wards.js";
import type { WardRegistry } from "../knowledge/wards.js";
import type { MessageAnalysis } from "../search/types.js";
import type { Intent, TextAction } from "./actions.js";
import { isTopicKey, type TopicKey } from "../knowledge/topics.js";
import { placesFound, wardFromText, type WardFromText } from "./ward-from-text.js";

/** Resident text longer than this is cut before search (LINE allows 5,000 characters). */
export const MAX_QUERY_CHARS = 200;

/** NFKC, trimmed, without trailing punctuation or polite filler, for matching fixed phrases. */
export function normaliseUtterance(raw: string): string {
  return (
    raw
      .normalize("NFKC")
      // Control characters become spaces so they cannot hide a fixed phrase.
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f\u007f]/g, " ")
      .trim()
      .replace(/[!?。、.,!?~〜…\s]+$/u, "")
      .trim()
  );
}

const HELP =
  /^(使い方|使いかた|つかいかた|ヘルプ|へるぷ|help|メニュー|めにゅー|menu|こんにちは|こんにちわ|こんばんは|こんばんわ|おはよう(ございます)?|はじめまして|よろしく(お願いします|おねがいします)?|hello|hi|どう使うの|何ができるの|なにができるの)$/i;
const LARGE_ON = /^(文字を?大きく(して(ください)?)?|もじを?おおきく(して)?|大きい文字)$/;
const LARGE_OFF =
  /^(文字を?(小さく|ふつうに|普通に|もとに戻して|元に戻して)(して(ください)?)?|もじを?(ちいさく|ふつうに)(して)?)$/;
/** 「文字の大きさ」 names the setting, not a direction: it flips it, as the rich-menu button does. */
const LARGE_TOGGLE = /^(文字の?大きさ|もじの?おおきさ)$/;
const SETTINGS = /^(設定|せってい|受信設定|受け取る情報|通知設定|お知らせ設定|おしらせ設定|配信設定)$/;
const WARD_PICKER = /^(区をえらぶ|区を選ぶ|区を変える|区をかえる|区の変更|区の設定|住んでいる区)$/;
const POSTAL_ONLY = /^〒?\s*\d{3}\s*[-‐－ー−―]?\s*\d{4}$/;

/** A clause that says where the resident lives (「秋津に住んでます」「東区在住です」「引っ越してきました」). */
const LIVES =
  /(に住んで|住んでいます|住んでます|すんでいます|すんでます|在住|に住む|住まいは|引っ越(し|して)(ました|てきました))/;

const OFFICE_WORDS = ["区役所", "くやくしょ", "役所"];
const EVENT_WORDS = [
  "イベント",
  "いべんと",
  "催し物",
  "催し",
  "もよおし",
  "行事",
  "予定",
  "お祭り",
  "おまつり",
];
const EVENT_TIME = ["今月", "こんげつ", "今週", "来月", "これから", "今度", "近く", "最近"];
/** The words a resident types for a topic button (longest first when matched). */
const TOPIC_WORDS: Array<[string, TopicKey]> = [
  ["地域活動・補助金", "chiiki"],
  ["地域活動", "chiiki"],
  ["ちいきかつどう", "chiiki"],
  ["健康・介護", "kenko"],
  ["健康", "kenko"],
  ["けんこう", "kenko"],
  ["介護", "kenko"],
  ["防災", "bousai"],
  ["ぼうさい", "bousai"],
  ["子育て", "kosodate"],
  ["こそだて", "kosodate"],
];
/** What is left of a fixed request once its key word is gone: particles and polite asking. */
const FILLER =
  /(について|を教えて(ください)?|教えて(ください)?|はありますか|ありますか|はある|ある|あります|知りたい(です)?|見たい(です)?|を見せて|見せて|の?情報|一覧|の?取組み?|の?取り組み|の?とりくみ|はどこ(ですか)?|どこ(ですか)?|の場所|場所|の?電話(番号)?|です(か)?|の|は|が|を|で|に|って|も|[?？!！。、,.\s・])/gu;

/** What remains of `text` once the named ward or place, the given words and the filler are gone. */
function residue(text: string, words: readonly string[], named: readonly string[]): string {
  let rest = text;
  // Longest first; a word the text does not hold is skipped before any copy is made.
  for (const w of [...named, ...words].filter((w) => w.length > 0).sort((a, b) => b.length - a.length))
    if (rest.includes(w)) rest = rest.split(w).join(" ");
  return rest.replace(FILLER, "").trim();
}

/** The ward's own names in the text (漢字 or かな, from the registry), so they can be set aside. */
function namesOf(found: WardFromText, analysis: MessageAnalysis, wards: WardRegistry): string[] {
  const out: string[] = [];
  if (found.kind === "ward") out.push(found.matched, ...wards.spellingsOf(found.ward));
  if (analysis.ward) out.push(...wards.spellingsOf(analysis.ward));
  if (analysis.place) out.push(analysis.place);
  return out;
}

/** 「東区役所」 → 「東区 区役所」: the ward and the office are two words, not 東 + 区役所. */
function splitWardOffice(text: string, wards: WardRegistry): string {
  // Most messages name no office: one look instead of a split per ward.
  if (!text.includes("役所")) return text;
  let out = text;
  for (const w of wards.names) out = out.split(`${w}役所`).join(`${w} 区役所`);
  return out;
}

/** Is this clause only a statement of where the resident lives (or a place name alone)? */
function isStatement(
  clause: string,
  found: WardFromText,
  analysis: MessageAnalysis,
  wards: WardRegistry,
): boolean {
  const c = normaliseUtterance(clause);
  if (POSTAL_ONLY.test(c)) return true;
  if (found.kind === "none") return false;
  const rest = residue(c, [], namesOf(found, analysis, wards))
    .replace(LIVES, "")
    .replace(
      /(住んで(い)?ます|すんで(い)?ます|住み|住んでる|から来ました|から|出身|です|だよ|よ|ね|〒|\d|-)/gu,
      "",
    )
    .trim();
  return rest === "";
}

/**
 * Reads a message. `analysis` is the search engine's reading of the same text: the places it
 * found (校区, 町名) are the only place lookup of the message, its clauses the only split.
 * Returns the action, the ward the message names, and — when the message also says where the
 * resident lives — that statement, to be applied first.
 */
export function readText(
  raw: string,
  analysis: MessageAnalysis,
  wards: WardRegistry = KNOWLEDGE_WARDS,
): Intent {
  const t = normaliseUtterance(raw);
  const plain = (action: TextAction | Intent["action"]): Intent => ({
    action,
    ward: null,
    livesIn: null,
    thisMonth: false,
  });
  if (t.length === 0) return plain({ kind: "empty" });
  // 「こんにちはー」: a drawn-out greeting, but keep メニュー's own long vowel.
  if (HELP.test(t) || HELP.test(t.replace(/ー+$/u, ""))) return plain({ kind: "help" });
  if (LARGE_ON.test(t)) return plain({ kind: "large-text", on: true });
  if (LARGE_OFF.test(t)) return plain({ kind: "large-text", on: false });
  if (LARGE_TOGGLE.test(t)) return plain({ kind: "large-text-toggle" });
  if (SETTINGS.test(t)) return plain({ kind: "settings" });
  if (WARD_PICKER.test(t)) return plain({ kind: "ward-picker" });

  // Where they live: the whole message, or some of its clauses (then the rest is answered).
  // Each text is read once: a one-clause message is the clause, the rest often the message.
  const places = placesFound(analysis.places);
  const looked = new Map<string, WardFromText>();
  const wardIn = (text: string): WardFromText => {
    let w = looked.get(text);
    if (!w) looked.set(text, (w = wardFromText(text, places, wards)));
    return w;
  };
  const found = wardIn(t);
  const clauses = analysis.clauses.length > 0 ? analysis.clauses : [t];
  const statements = clauses.filter((c) => LIVES.test(c) || isStatement(c, wardIn(c), analysis, wards));
  if (statements.length === clauses.length && found.kind !== "none")
    return plain({ kind: "ward-statement", found });
  const livesIn: WardFromText | null =
    statements.length > 0 && found.kind !== "none" ? wardIn(statements.join(" ")) : null;
  const restClauses = clauses.filter((c) => !statements.includes(c));
  const restRaw = livesIn ? normaliseUtterance(restClauses.join("")) : t;
  if (livesIn && restRaw.length === 0) return plain({ kind: "ward-statement", found: livesIn });

  // The ward the question is about (not where they live): named in the asked part.
  const restFound = livesIn ? wardIn(restRaw) : found;
  const ward = restFound.kind === "ward" ? restFound.ward : null;
  const named = namesOf(restFound, livesIn ? { ...analysis, ward: null, place: null } : analysis, wards);
  const base = { ward, livesIn, thisMonth: false };

  if (analysis.smallTalk !== null && !livesIn)
    return { ...base, action: { kind: "small-talk", smallTalk: analysis.smallTalk } };

  // A place in several wards (保田窪: 中央区, 東区) goes to the search, which knows its wards;
  // the topic, event and office lists know one ward or all.
  const short = Array.from(restRaw).length <= 30 && restFound.kind !== "ambiguous";
  const rest = splitWardOffice(restRaw, wards);
  if (short && OFFICE_WORDS.some((w) => rest.includes(w)) && residue(rest, OFFICE_WORDS, named) === "")
    return { ...base, action: { kind: "office" } };
  if (short) {
    const topic = TOPIC_WORDS.find(([w]) => rest.includes(w));
    if (
      topic &&
      residue(
        rest,
        TOPIC_WORDS.map(([w]) => w),
        named,
      ) === "" &&
      isTopicKey(topic[1])
    )
      return { ...base, action: { kind: "topic", topic: topic[1], offset: 0 } };
    if (
      EVENT_WORDS.some((w) => rest.includes(w)) &&
      residue(rest, [...EVENT_WORDS, ...EVENT_TIME], named) === ""
    )
      return { ...base, thisMonth: rest.includes("今月"), action: { kind: "events" } };
  }
  return {
    ...base,
    action: {
      kind: "search",
      query: restRaw.slice(0, MAX_QUERY_CHARS),
      analysis,
      // The question cut out of a longer message is that part of the one analysis.
      part: livesIn ? restClauses : null,
    },
  };
}
