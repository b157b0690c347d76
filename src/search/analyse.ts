/**
 * Turns normalised text into index terms: character bigrams of the surface form (`s:`), kanji
 * unigrams (`u:`) so one-character words still match, Latin/digit words (`l:`), and bigrams of
 * the folded reading (`r:`) so kana queries meet kanji text. Character n-grams make the engine
 * independent of a word segmenter at query time and tolerant of one-character typos.
 */
import type { Field, FieldTerms } from "./bm25.js";
import { FIELDS } from "./bm25.js";
import { charClass, foldKana, normalise } from "./normalise.js";

/** Character bigrams of one run of Japanese text (a single character yields itself). */
export function bigrams(run: string): string[] {
  const chars = [...run];
  if (chars.length === 1) return chars;
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}

/** Splits normalised text into runs of Japanese text and Latin/digit words. */
export function runs(text: string): { text: string; latin: boolean }[] {
  const out: { text: string; latin: boolean }[] = [];
  let cur = "";
  let curLatin = false;
  const flush = () => {
    if (cur) out.push({ text: cur, latin: curLatin });
    cur = "";
  };
  for (const ch of text) {
    const cls = charClass(ch);
    if (cls === "other") {
      flush();
      continue;
    }
    const latin = cls === "latin" || cls === "digit";
    if (cur && latin !== curLatin) flush();
    curLatin = latin;
    cur += ch;
  }
  flush();
  return out;
}

/** Surface terms of normalised text: `s:` bigrams, `u:` kanji unigrams, `l:` Latin/digit words. */
export function surfaceTerms(text: string): string[] {
  const out: string[] = [];
  for (const r of runs(foldKana(text))) {
    if (r.latin) {
      out.push(`l:${r.text}`);
      continue;
    }
    for (const b of bigrams(r.text)) out.push(`s:${b}`);
    for (const ch of r.text) if (charClass(ch) === "kanji") out.push(`u:${ch}`);
  }
  return out;
}

/** Reading terms: `r:` bigrams of the folded hiragana reading (spaces separate unknown parts). */
export function readingTerms(reading: string): string[] {
  const out: string[] = [];
  for (const part of foldKana(reading).split(/\s+/)) {
    if ([...part].length < 2) continue;
    for (const b of bigrams(part)) out.push(`r:${b}`);
  }
  return out;
}

/** The terms of each field of a document: surface terms of its text plus terms of its reading. */
export function docFieldTerms(
  texts: Record<Field, string>,
  readings: Partial<Record<Field, string>>,
): FieldTerms {
  const out: FieldTerms = {};
  for (const f of FIELDS) {
    const t = texts[f];
    if (!t) continue;
    const terms = [...surfaceTerms(normalise(t)), ...readingTerms(readings[f] ?? "")];
    // Phrasings (how residents would ask for the document) get terms of their own (`as:`,
    // `ar:` …): the engine tells a match in the document's own text from one in its phrasings.
    out[f] = f === "asked" ? terms.map((x) => `a${x}`) : terms;
  }
  return out;
}
