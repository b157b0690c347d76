/**
 * Recognises the few fixed things a resident may type instead of a question: help and
 * greetings, text size, settings, the ward picker, the ward office, events, and statements of
 * where they live. Anything else is a question for the search engine. Pure.
 */
export type TextIntent =
  | { kind: "help" }
  | { kind: "large-text"; on: boolean }
  | { kind: "settings" }
  | { kind: "ward-picker" }
  | { kind: "office" }
  | { kind: "events"; thisMonth: boolean }
  | { kind: "ward-statement" }
  | { kind: "search"; query: string };

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
const LARGE_ON = /^(文字を?大きく(して(ください)?)?|もじを?おおきく(して)?|大きい文字|文字の?大きさ)$/;
const LARGE_OFF =
  /^(文字を?(小さく|ふつうに|普通に|もとに戻して|元に戻して)(して(ください)?)?|もじを?(ちいさく|ふつうに)(して)?)$/;
const SETTINGS = /^(設定|せってい|受信設定|受け取る情報|通知設定|お知らせ設定|おしらせ設定|配信設定)$/;
const WARD_PICKER = /^(区をえらぶ|区を選ぶ|区を変える|区をかえる|区の変更|区の設定|住んでいる区)$/;
const OFFICE = /(区役所|くやくしょ)/;
const EVENTS = /(イベント|いべんと|催し|もよおし|行事|予定)/;
const LIVES =
  /(に住んで|住んでいます|すんでいます|在住|に住む|住まいは|引っ越(し|して)(ました|てきました)|郵便番号)/;
const POSTAL_ONLY = /^〒?\s*\d{3}\s*[-‐－ー−―]?\s*\d{4}$/;

/** Classifies one text message. Long texts are questions even if they contain a keyword. */
export function classifyText(raw: string): TextIntent {
  const t = normaliseUtterance(raw);
  // 「こんにちはー」: a drawn-out greeting, but keep メニュー's own long vowel.
  if (HELP.test(t) || HELP.test(t.replace(/ー+$/u, ""))) return { kind: "help" };
  if (LARGE_ON.test(t)) return { kind: "large-text", on: true };
  if (LARGE_OFF.test(t)) return { kind: "large-text", on: false };
  if (SETTINGS.test(t)) return { kind: "settings" };
  if (WARD_PICKER.test(t)) return { kind: "ward-picker" };
  if (POSTAL_ONLY.test(t) || (t.length <= 40 && LIVES.test(t))) return { kind: "ward-statement" };
  if (t.length <= 20 && OFFICE.test(t)) return { kind: "office" };
  if (t.length <= 20 && EVENTS.test(t)) return { kind: "events", thisMonth: t.includes("今月") };
  return { kind: "search", query: t };
}
