/**
 * Spelling and kana correction of the words of a query, against the words the corpus uses:
 * kana typed for a kanji word (ぼうさい → 防災), a homophone typed by the IME (口座 → 講座),
 * a word one edit away from a known one (防災熟 → 防災塾, ウォーキンク → ウォーキング), and
 * kanji runs the lexicon cut into misleading pieces (保助 + 金 → 保助金 → 補助金). A correction
 * always leads to a word some document holds. Pure: built from the lexicon and the scorer's
 * term look-ups, no I/O.
 */
import Fuse from "fuse.js";
import type { Vocabulary } from "../knowledge/vocabulary.js";
import { lexKey, type Lexicon, type Segment } from "./lexicon.js";
import { charClass, isKana } from "./normalise.js";
import type { EngineParams } from "./params.js";
import type { Scoring } from "./scoring.js";

/** Corrections over one lexicon and index. */
export interface Correction {
  /** Kanji words in the corpus that kana typed for them stand for (ぼうさい → 防災), at most three. */
  kanjiFor(seg: Segment): string[];
  /**
   * Corrections of a word the corpus does not hold as typed, best first: a homophone the
   * corpus uses, else (for an unknown word that is not a verb form) the closest known words
   * one edit away. Empty when the corpus holds the word or nothing is close.
   */
  fixesFor(seg: Segment, verbForm: boolean): string[];
  /** Joins an unknown kanji run with neighbouring one-kanji words (see the function). */
  mergeUnknown(segs: Segment[], text: string): Segment[];
  /** Joins a glued kanji run one kanji away from a known compound into one word (see the function). */
  joinMistypedCompounds(segs: Segment[], text: string): Segment[];
  /** Joins a glued kanji run that sounds like a compound the corpus uses into one word (see the function). */
  readAlike(segs: Segment[], text: string): Segment[];
}

/**
 * The lexicon's keys a correction may lead to, in the lexicon's order: two to ten characters,
 * every surface term in the corpus. Checking that for 4,000 keys was most of the first
 * correction's cost (about 100 ms on a quiet machine), so `npm run build:index` stores the list
 * (PrebuiltIndex.correctionKeys). Function words are left out at run time: the vocabulary adds some.
 */
export function correctionKeys(
  lexicon: Pick<Lexicon, "keys">,
  fullyInCorpus: (text: string) => boolean,
): string[] {
  return lexicon.keys().filter((k) => {
    const len = [...k].length;
    return len >= 2 && len <= 10 && fullyInCorpus(k);
  });
}

/**
 * Builds the corrections for a lexicon and the index behind `scoring`; `candidates`: the
 * {@link correctionKeys} stored with the index, when it has them.
 */
export function createCorrection(
  lexicon: Lexicon,
  scoring: Pick<Scoring, "bm25" | "surfaceOnly" | "dfOf" | "inCorpus" | "fullyInCorpus">,
  vocabulary: Vocabulary,
  p: Pick<EngineParams, "fuzzyThreshold">,
  candidates?: readonly string[],
  kanjiReadings: () => Readonly<Record<string, string>> | undefined = () => undefined,
): Correction {
  const { bm25, surfaceOnly, dfOf, inCorpus, fullyInCorpus } = scoring;
  const n = bm25.size;
  // Every word the vocabulary names: the topics residents ask about.
  const vocabularyKeys = new Set(
    [
      ...vocabulary.synonyms.flatMap((g) => g.terms),
      ...vocabulary.needs.flatMap((nd) => [...nd.cues, ...nd.expand, ...nd.audience]),
    ].map(lexKey),
  );
  // Fuzzy correction candidates: words the corpus knows (two characters or more), so a
  // correction always leads somewhere. A one-deletion neighbourhood finds every known word
  // within one edit in a few look-ups; fuse.js then ranks those few short strings.
  const deletions = (key: string) => {
    const chars = [...key];
    return chars.map((_, i) => [...chars.slice(0, i), ...chars.slice(i + 1)].join(""));
  };
  // Built on the first query that needs a correction, so start-up stays fast.
  let neighbourhoodCache: Map<string, string[]> | null = null;
  const neighbourhood = () => {
    if (neighbourhoodCache) return neighbourhoodCache;
    const map = new Map<string, string[]>();
    for (const k of candidates ?? correctionKeys(lexicon, fullyInCorpus)) {
      if (lexicon.isStop(k)) continue;
      for (const v of [k, ...deletions(k)]) {
        const list = map.get(v) ?? [];
        list.push(k);
        map.set(v, list);
      }
    }
    return (neighbourhoodCache = map);
  };

  function kanjiFor(seg: Segment): string[] {
    return seg.surfaces.filter(inCorpus).slice(0, 3);
  }

  function fixesFor(seg: Segment, verbForm: boolean): string[] {
    // A loanword the corpus does not know is most likely mistyped (ウォーキンク), even when its
    // syllable pairs all occur somewhere.
    const katakanaSlip = seg.kind === "unknown" && [...seg.text].some((c) => charClass(c) === "katakana");
    const surfaceMissing = katakanaSlip || surfaceOnly(seg.text, 1).some((t) => dfOf(t) === 0);
    if (!surfaceMissing) return [];
    // A real word the corpus does not use but that sounds like one it does: an IME slip (口座 → 講座).
    const homophones =
      seg.kind === "word" && seg.reading && !isKana(seg.key)
        ? lexicon.surfacesForReading(seg.reading).filter((s) => lexKey(s) !== seg.key && fullyInCorpus(s))
        : [];
    // A verb or adjective form (習える, 暮らし) is not a typo of a noun: never "correct" it.
    return homophones[0] ? [homophones[0]] : seg.kind === "unknown" && !verbForm ? correct(seg) : [];
  }

  /**
   * Fuzzy correction of a word the corpus does not know, against words it does (one edit away):
   * the closest few, best first.
   */
  function correct(seg: Segment): string[] {
    const len = [...seg.key].length;
    if (len < 3 && !(len === 2 && seg.kind === "unknown" && !isKana(seg.key))) return [];
    const found = new Set<string>();
    for (const v of [seg.key, ...deletions(seg.key)])
      for (const k of neighbourhood().get(v) ?? []) found.add(k);
    const near = [...found].filter((k) => k !== seg.key && editDistance(k, seg.key) <= 1);
    // A slip replaces a character far more often than it adds or drops one (防災熟 is 防災塾, not 防災).
    const substitutions = near.filter((k) => [...k].length === len);
    const candidates = substitutions.length > 0 ? substitutions : near;
    if (candidates.length === 0) return [];
    const ranked = new Fuse(candidates, { includeScore: true, threshold: p.fuzzyThreshold }).search(seg.key);
    const best = ranked[0]?.score ?? 1;
    // Among equally close words, one the vocabulary names is what residents ask about (認知症,
    // not 認知度); then the rarer, more specific compound (防災塾, not 防災力).
    const rarity = (w: string) => Math.min(...surfaceOnly(w, 1).map((t) => dfOf(t) || n));
    return ranked
      .filter((r) => (r.score ?? 1) <= best + 1e-9)
      .map((r) => lexicon.display(r.item))
      .sort(
        (x, y) =>
          Number(vocabularyKeys.has(lexKey(y))) - Number(vocabularyKeys.has(lexKey(x))) ||
          rarity(x) - rarity(y),
      )
      .slice(0, MAX_CORRECTIONS);
  }

  /**
   * Joins an unknown kanji run with neighbouring one-kanji words (保助 + 金 → 保助金) before
   * correcting, and adjacent one-kanji words into the compound they spell (年 + 金 → 年金): the
   * lexicon holds every compound of the corpus, so one it cuts into single kanji is a word the
   * corpus does not use, and its kanji alone (金 of 補助金) would match the wrong programs.
   */
  function mergeUnknown(segs: Segment[], text: string): Segment[] {
    const out: Segment[] = [];
    const oneKanji = (s: Segment) =>
      s.kind === "word" && [...s.key].length === 1 && charClass(s.key) === "kanji";
    const unknownKanji = (s: Segment) => s.kind === "unknown" && !isKana(s.key);
    for (const seg of segs) {
      const prev = out[out.length - 1];
      const glued = prev !== undefined && text.includes(prev.text + seg.text);
      if (
        prev &&
        ((unknownKanji(prev) && oneKanji(seg)) ||
          (oneKanji(prev) && unknownKanji(seg)) ||
          (glued && oneKanji(prev) && oneKanji(seg)))
      ) {
        out[out.length - 1] = {
          text: prev.text + seg.text,
          key: prev.key + seg.key,
          kind: "unknown",
          reading: null,
          surfaces: [],
        };
      } else out.push(seg);
    }
    return out;
  }

  /** A segment whose key is all kanji. */
  function isKanjiKey(s: Segment): boolean {
    return [...s.key].every((c) => charClass(c) === "kanji");
  }

  /**
   * The run of segments from `start` that `fits` and that the message writes glued together (no
   * space or punctuation between them): where it ends and its text.
   */
  function gluedRun(
    segs: Segment[],
    start: number,
    text: string,
    fits: (s: Segment) => boolean,
  ): { end: number; joined: string } {
    let end = start;
    let joined = "";
    while (
      end < segs.length &&
      fits(segs[end]!) &&
      (end === start || text.includes(joined + segs[end]!.text))
    ) {
      joined += segs[end]!.text;
      end++;
    }
    return { end, joined };
  }

  /**
   * A kanji compound with one wrong kanji (防災熟, 認知証, 多文化強生, 災害行営住宅) is cut by the
   * lexicon into known pieces and a stray kanji, and each piece alone misleads. A glued run of
   * kanji segments that the corpus never writes, but that is one kanji away from a compound it
   * does, becomes one unknown word, which fuzzy correction then fixes.
   */
  function joinMistypedCompounds(segs: Segment[], text: string): Segment[] {
    const kanjiOnly = (s: Segment) => s.kind !== "stop" && isKanjiKey(s);
    const out: Segment[] = [];
    let i = 0;
    while (i < segs.length) {
      const { end: j, joined } = gluedRun(segs, i, text, kanjiOnly);
      const len = [...joined].length;
      if (j - i >= 2 && len >= 3 && len <= 10 && !fullyInCorpus(joined) && substitutionOf(lexKey(joined))) {
        out.push({ text: joined, key: lexKey(joined), kind: "unknown", reading: null, surfaces: [] });
        i = j;
      } else {
        out.push(segs[i]!);
        i++;
      }
    }
    return out;
  }

  /** Whether the corpus has a compound of the same length that differs in exactly one character. */
  function substitutionOf(key: string): boolean {
    const chars = [...key];
    for (let k = 0; k < chars.length; k++) {
      const del = [...chars.slice(0, k), ...chars.slice(k + 1)].join("");
      for (const cand of neighbourhood().get(del) ?? []) {
        const c = [...cand];
        if (c.length === chars.length && c.every((ch, m) => m === k || ch === chars[m])) return true;
      }
    }
    return false;
  }

  /** The readings of a kanji from the index's table (PrebuiltIndex.kanjiReadings). */
  const kanjiCache = new Map<string, string[]>();
  const readingsOfKanji = (ch: string): string[] => {
    let rs = kanjiCache.get(ch);
    if (!rs) kanjiCache.set(ch, (rs = kanjiReadings()?.[ch]?.split(",").map(lexKey) ?? []));
    return rs;
  };

  /**
   * The ways a segment of kanji may be read: the lexicon's reading of a word, and (for one
   * kanji, or a run the lexicon does not know) every combination of its kanji's readings.
   */
  function readingsOf(seg: Segment): string[] {
    const chars = [...seg.text];
    const known = seg.reading ?? lexicon.readingOfWord(seg.text);
    const out = new Set<string>(known ? [lexKey(known)] : []);
    if (chars.length === 1 || !known) {
      let combos = [""];
      for (const ch of chars) {
        const rs = readingsOfKanji(ch);
        if (rs.length === 0) return [...out];
        combos = combos.flatMap((c) => rs.map((r) => c + r));
        if (combos.length > MAX_READINGS) return [...out];
      }
      for (const c of combos) out.add(c);
    }
    return [...out];
  }

  /**
   * Voice input and the IME write a wrong kanji with the right sound (女性金 for 助成金, 異場所
   * for 居場所, 保助金 for 補助金): the lexicon cuts such a run into real but unrelated words
   * (女性 + 金) or leaves a kanji it does not know (異). A glued run of kanji segments that the
   * corpus never writes, read with the lexicon's readings and the index's per-kanji readings,
   * that sounds exactly like a compound of as many kanji the corpus does use becomes one word
   * with that reading; {@link fixesFor} then corrects it to the compound as an IME homophone,
   * weighted below an exact match. Longest run first. Readings of fewer than
   * {@link MIN_READ_ALIKE} kana are left alone: short sounds are shared by too many words.
   */
  function readAlike(segs: Segment[], text: string): Segment[] {
    if (!kanjiReadings()) return segs;
    const out: Segment[] = [];
    let i = 0;
    while (i < segs.length) {
      const { end: j, joined } = gluedRun(segs, i, text, isKanjiKey);
      // A run the corpus writes whole holds no part it does not write.
      const found = j > i && !fullyInCorpus(joined) ? soundAlike(segs.slice(i, j)) : null;
      if (!found) {
        // No part of the run sounds like a compound: none of a shorter run does either.
        const end = Math.max(j, i + 1);
        out.push(...segs.slice(i, end));
        i = end;
        continue;
      }
      out.push(...segs.slice(i, i + found.from), found.seg);
      i += found.to;
    }
    return out;
  }

  /** The longest (then first) part of a glued kanji run that sounds like a corpus compound. */
  function soundAlike(run: Segment[]): { from: number; to: number; seg: Segment } | null {
    const segReadings = run.map(readingsOf);
    for (let len = run.length; len >= 1; len--) {
      for (let from = 0; from + len <= run.length; from++) {
        const part = run.slice(from, from + len);
        // One known word is a homophone of the dictionary's or none (fixesFor reads it).
        if (len === 1 && part[0]!.kind === "word") continue;
        const joined = part.map((s) => s.text).join("");
        const size = [...joined].length;
        if (size < 2) continue;
        let readings = [""];
        for (let k = from; k < from + len; k++) {
          const rs = segReadings[k]!;
          readings = readings.flatMap((r) => rs.map((x) => r + x));
          if (readings.length === 0 || readings.length > MAX_READINGS) break;
        }
        if (readings.length > MAX_READINGS) continue;
        for (const reading of readings) {
          if ([...reading].length < MIN_READ_ALIKE) continue;
          const alike = lexicon
            .surfacesForReading(reading)
            .some(
              (w) =>
                [...w].length === size &&
                lexKey(w) !== lexKey(joined) &&
                fullyInCorpus(w) &&
                !lexicon.isStop(w),
            );
          // Checked last: most runs sound like nothing, and this asks the corpus.
          if (alike && !fullyInCorpus(joined))
            return {
              from,
              to: from + len,
              seg: { text: joined, key: lexKey(joined), kind: "word", reading, surfaces: [] },
            };
        }
      }
    }
    return null;
  }

  return { kanjiFor, fixesFor, mergeUnknown, joinMistypedCompounds, readAlike };
}

/** Readings of one glued kanji run tried at most (every kanji has a few). */
const MAX_READINGS = 256;

/** Kana a run's reading must have before it may be read as a compound that sounds alike. */
const MIN_READ_ALIKE = 4;

/** Equally close corrections kept as alternatives for one word. */
const MAX_CORRECTIONS = 3;

/** Levenshtein distance over code points. */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[y.length]!;
}
