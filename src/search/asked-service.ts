/**
 * Whether the clause that asks asks for a service a catalogue of community programs never
 * offers: a live status — what is open, running or issued at this very moment (今日開いている
 * 避難所, 今 受付している所, 避難指示は出ているか). A yearly catalogue holds what the wards run,
 * never today's state, so such a question is refused with where to ask instead even when the
 * thing it names (避難所) is a program's topic. Only the asking clause is read: a moment or a
 * state in the context (「いまは仮設に住んでいます」) never refuses. Pure.
 */
import type { Vocabulary } from "../knowledge/vocabulary.js";

/** The service asked for that programs never offer (its resident-facing name), or null. */
export type ServiceReader = (head: string) => string | null;

/** 今 starts a compound that names no moment (今年, 今度, 今後, 今月 …): not "now". */
const NOT_NOW = /^[年度後月週回季期更]/u;
const HIRAGANA = /[\u3041-\u309f]/u;

/** Builds the reader from the vocabulary's live-status cues (none: it never refuses). */
export function createServiceReader(vocabulary: Pick<Vocabulary, "liveStatus">): ServiceReader {
  const live = vocabulary.liveStatus;
  if (!live) return () => null;
  const moments = live.moments.map(nfkc);
  const states = live.states.map(nfkc);

  /** A moment word standing as a word: kana ones not inside another word (います, きょうしつ). */
  function saysNow(text: string): boolean {
    for (const m of moments) {
      for (let at = text.indexOf(m); at >= 0; at = text.indexOf(m, at + 1)) {
        const next = text.slice(at + m.length);
        if (m === "今" && NOT_NOW.test(next)) continue;
        if (HIRAGANA.test(m)) {
          const before = text[at - 1] ?? "";
          if (HIRAGANA.test(before)) continue;
          if (HIRAGANA.test(next[0] ?? "") && !/^[はもの、]/u.test(next)) continue;
        }
        return true;
      }
    }
    return false;
  }

  return (head) => {
    const text = nfkc(head);
    if (!text) return null;
    return saysNow(text) && states.some((s) => text.includes(s)) ? live.topic : null;
  };
}

function nfkc(s: string): string {
  return s.normalize("NFKC").toLowerCase();
}
