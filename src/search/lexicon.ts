/**
 * The runtime word list: surface → reading pairs learned at build time (by kuromoji, from the
 * corpus, the vocabulary and the gazetteer) and shipped inside the prebuilt index. It lets the
 * service cut queries into words and find readings without a morphological analyser: greedy
 * longest match over surfaces, kana readings and function words. Pure.
 */
import { addKeyBeginnings } from "../text/key-beginnings.js";
import { charClass, endsInsideNegative, foldKana, isKana, toHiragana } from "./normalise.js";

/** The lookup key of a word: NFKC, lower case, hiragana, folded kana. */
export const lexKey = (s: string): string =>
  foldKana(toHiragana(alreadyFolded(s) ? s : s.normalize("NFKC").toLowerCase()));

/**
 * Whether NFKC and lower case leave `s` as it is because it holds only kana, common kanji, 々 and
 * lower-case ASCII letters and digits — none of which NFKC changes or composes with its neighbours
 * (the combining sound marks, ゟ and ヿ are outside these ranges). Most words are such: they skip
 * the two calls, which cost more than the rest of the key.
 */
function alreadyFolded(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!(
      (c >= 0x3041 && c <= 0x3096) ||
      (c >= 0x30a1 && c <= 0x30fc) ||
      (c >= 0x4e00 && c <= 0x9fff) ||
      (c >= 0x61 && c <= 0x7a) ||
      (c >= 0x30 && c <= 0x39) ||
      c === 0x3005
    ))
      return false;
  }
  return true;
}

// Per-character keys, memoised: queries are cut character by character. The set of characters
// is bounded, so the cache is too.
const charKeys = new Map<string, string>();
const charKey = (ch: string): string => {
  let k = charKeys.get(ch);
  if (k === undefined) charKeys.set(ch, (k = lexKey(ch)));
  return k;
};

/** Serialised form: normalised surface → hiragana reading ("" when unknown), plus function words. */
export interface LexiconData {
  words: Record<string, string>;
  /** Function words (particles, auxiliaries, intent phrases) that carry no content. */
  stop: string[];
  /** Words seen only as verbs, adjectives or adverbs: weak evidence of what a question is about. */
  weak?: string[];
}

/**
 * Lexicon data read from a packed index (packed-index.ts): the words are parsed on first read
 * (they are only needed to compute tables again or to build another index from this lexicon),
 * and their number is known without parsing them, so stored tables can be checked against it.
 */
export class PackedLexicon implements LexiconData {
  #words: Record<string, string> | null = null;
  constructor(
    readonly stop: string[],
    readonly weak: string[] | undefined,
    /** The number of words. */
    readonly size: number,
    private readonly readWords: () => Record<string, string>,
  ) {}
  get words(): Record<string, string> {
    return (this.#words ??= this.readWords());
  }
  /** As JSON, the plain data (the words are a getter, which JSON would leave out). */
  toJSON(): LexiconData {
    return { words: this.words, stop: this.stop, ...(this.weak ? { weak: this.weak } : {}) };
  }
}

/** The number of words of lexicon data (without reading the words of a packed lexicon). */
const wordCount = (data: LexiconData): number =>
  data instanceof PackedLexicon ? data.size : Object.keys(data.words).length;

/** A known word, an unknown run of text, or a function word. */
export type SegmentKind = "word" | "unknown" | "stop";

/** One piece of a query as cut by the lexicon. */
export interface Segment {
  /** The text as it appears in the query (NFKC, lower case). */
  text: string;
  /** The lookup key ({@link lexKey}). */
  key: string;
  kind: SegmentKind;
  /** Hiragana reading when known (kana text is its own reading). */
  reading: string | null;
  /** For kana text that is the reading of known words: those words' surfaces. */
  surfaces: string[];
}

/** Look-ups over the lexicon data (see {@link createLexicon}). */
export interface Lexicon {
  segment(text: string): Segment[];
  /** Reading of a whole text by longest match; unknown kanji become spaces. */
  readingOf(text: string): string;
  /** Known surfaces whose reading is this kana text. */
  surfacesForReading(kana: string): string[];
  readingOfWord(surface: string): string | null;
  /** All lookup keys (for fuzzy correction). */
  keys(): string[];
  /** The surface as written in the corpus for a lookup key (ウォーキング for うおきんぐ). */
  display(key: string): string;
  isStop(text: string): boolean;
  isWeak(text: string): boolean;
  /**
   * Whether kana are an adjective (いい, the spoken 良い; a weak word ending in い: よい, ほしい):
   * its kana are no reading of a noun (いい is not 委員).
   */
  isKanaAdjective(text: string): boolean;
  /** Length (in characters) of the longest known word starting at character `i` of `text`. */
  longestAt(text: string, i: number): number;
  /**
   * A word written in kana as the catalogue spells it: the kanji surface when exactly one word
   * `used` accepts (the corpus uses it) is read so (たいけん → 体験), else its reading or a known
   * kana word as written (いべんと → イベント); otherwise the one known reading of three kana or
   * more it meets with long vowels folded on both sides ({@link foldLongVowels}: ぼさい → 防災,
   * これいしゃ → 高齢者). Null when none or several do, and for function words. For words read
   * from romaji, whose writers drop or double long vowels freely.
   */
  spellingOf(kana: string, used?: (surface: string) => boolean): string | null;
}

const MAX_WORD = 12;

/**
 * A reading without voicing marks (じょ → しよ): compounds are read at build time by joining
 * their parts' readings (避難 + 所 = ひなんしょ), while residents type them as spoken, with the
 * sequential voicing of the later part (ひなんじょ). Only used for readings of four kana or
 * more, where two different words rarely share a devoiced reading, and only when no word has
 * the exact reading.
 */
export const devoice = (key: string): string => key.normalize("NFD").replace(/[\u3099\u309a]/g, "");

/** Kana a devoiced reading must have before it may stand in for an exact one. */
const MIN_DEVOICED = 4;

/** The vowel each large hiragana ends in (keys are {@link lexKey}s: small kana are large there). */
const VOWEL_OF: Record<string, string> = {};
for (const [vowel, row] of Object.entries({
  a: "あかさたなはまやらわがざだばぱ",
  i: "いきしちにひみりぎじぢびぴ",
  u: "うくすつぬふむゆるぐずづぶぷゔ",
  e: "えけせてねへめれげぜでべぺ",
  o: "おこそとのほもよろをごぞどぼぽ",
}))
  for (const ch of row) VOWEL_OF[ch] = vowel;
/** The kana that lengthen a vowel: あ after a, い after i or e, う after u or o, え after e, お after o. */
const LENGTHENS: Record<string, string> = { a: "あ", i: "い", u: "う", e: "えい", o: "うお" };

/**
 * A lookup key with long vowels written short (こうれいしゃ → これいしゃ, ちゅうおう → ちゅお,
 * ぼうさい → ぼさい): a kana that only lengthens the vowel before it is dropped. Romaji writers
 * drop long vowels (bosai, kyoiku), double them (boosai) or write them as spoken (koureisha);
 * all meet on this key.
 */
export function foldLongVowels(key: string): string {
  let out = "";
  let vowel = "";
  for (const ch of key) {
    if (vowel && LENGTHENS[vowel]!.includes(ch)) continue;
    out += ch;
    vowel = VOWEL_OF[ch] ?? "";
  }
  return out;
}

/**
 * Kana a reading must have before a form with its long vowels folded may stand in for it, and
 * kana that folded form must keep: こうざ for koza, never どう for do.
 */
const MIN_FOLDED = 3;
const MIN_FOLDED_KEY = 2;

/**
 * The look-up tables of a lexicon's words: each lookup key with its hiragana reading and the
 * surface as written, and the surfaces of each reading. Keying 4,000 words (NFKC, kana folding)
 * was most of the engine's start-up, so `npm run build:index` stores them in the index
 * ({@link PrebuiltIndex.lexiconTables}) and the service only reads them.
 */
export interface LexiconTables {
  /** How many words the tables were made from (a check that they belong to these words). */
  words: number;
  /** Lookup keys, in the order the words came. */
  keys: string[];
  /** The reading of each key ("" when unknown). */
  readings: string[];
  /** The surface as written for each key, "" when it is the key itself. */
  display: string[];
  /** Reading key → the surfaces read so, shortest first. */
  byReading: [string, string[]][];
}

/** Computes the tables of {@link LexiconTables} from the words. */
export function lexiconTables(words: Record<string, string>): LexiconTables {
  const bySurface = new Map<string, string>();
  const displayOf = new Map<string, string>();
  const byReading = new Map<string, string[]>();
  let count = 0;
  for (const [surface, reading] of Object.entries(words)) {
    count++;
    const key = lexKey(surface);
    if (!key) continue;
    if (!bySurface.has(key) || reading) bySurface.set(key, toHiragana(reading));
    if (!displayOf.has(key)) displayOf.set(key, surface);
    // Kana-only surfaces are their own readings; kanji words are reached by reading.
    if (reading && !isKana(key)) {
      const rk = lexKey(reading);
      const list = byReading.get(rk) ?? [];
      if (!list.includes(surface)) list.push(surface);
      byReading.set(rk, list);
    }
  }
  for (const list of byReading.values()) list.sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
  const keys = [...bySurface.keys()];
  return {
    words: count,
    keys,
    readings: keys.map((k) => bySurface.get(k)!),
    display: keys.map((k) => (displayOf.get(k) === k ? "" : displayOf.get(k)!)),
    byReading: [...byReading],
  };
}

/**
 * Builds the lookup tables once (or reads them from `tables`, computed at build time for these
 * words); segmenting is then a few map look-ups per character. `moreStop`: function words
 * besides the data's own (the vocabulary's intent phrases).
 */
export function createLexicon(
  data: LexiconData,
  tables?: LexiconTables,
  moreStop: readonly string[] = [],
): Lexicon {
  const t = tables && tables.words === wordCount(data) ? tables : lexiconTables(data.words);
  const bySurface = new Map<string, string>();
  const displayOf = new Map<string, string>();
  for (let i = 0; i < t.keys.length; i++) {
    const key = t.keys[i]!;
    bySurface.set(key, t.readings[i]!);
    displayOf.set(key, t.display[i] || key);
  }
  const byReading = new Map<string, string[]>(t.byReading);
  // Keys of the words written with a long-vowel mark, which their keys drop.
  const markedKeys = new Set<string>();
  for (const [key, surface] of displayOf) if (LONG_MARK.test(surface)) markedKeys.add(key);
  // Built on the first look-up that needs it, so start-up stays fast.
  let byDevoiced: Map<string, string[]> | null = null;
  const devoiced = (): Map<string, string[]> => {
    if (byDevoiced) return byDevoiced;
    byDevoiced = new Map();
    for (const [rk, list] of byReading) {
      if ([...rk].length < MIN_DEVOICED) continue;
      const dk = devoice(rk);
      byDevoiced.set(dk, [...(byDevoiced.get(dk) ?? []), ...list]);
    }
    return byDevoiced;
  };
  /** Surfaces read so, exactly or — for long kana — up to voicing marks. */
  const readingSurfaces = (key: string): string[] | undefined =>
    byReading.get(key) ?? ([...key].length >= MIN_DEVOICED ? devoiced().get(devoice(key)) : undefined);
  const stop = new Set([...data.stop, ...moreStop].map(lexKey).filter(Boolean));
  const weak = new Set((data.weak ?? []).map(lexKey));
  // Long-vowel-folded key → the readings (and kana words) folded to it; built on first use.
  let byFolded: Map<string, Set<string>> | null = null;
  const folded = (): Map<string, Set<string>> => {
    if (byFolded) return byFolded;
    byFolded = new Map();
    const add = (key: string) => {
      if ([...key].length < MIN_FOLDED || stop.has(key)) return;
      const fk = foldLongVowels(key);
      const set = byFolded!.get(fk) ?? new Set<string>();
      set.add(key);
      byFolded!.set(fk, set);
    };
    for (const rk of byReading.keys()) add(rk);
    for (const key of bySurface.keys()) if (isKana(key)) add(key);
    return byFolded;
  };
  /**
   * A reading key as written: the one kanji surface read so that `used` accepts (the corpus
   * uses it), else the reading in hiragana (small kana kept), else a kana word as displayed.
   */
  const spelled = (key: string, used: (surface: string) => boolean): string => {
    const surfaces = byReading.get(key) ?? [];
    // A function word in kanji (場所, 何) would drop out of the question; its kana stays a word.
    const inUse = surfaces.filter((w) => used(w) && !stop.has(lexKey(w)));
    if (inUse.length === 1) return inUse[0]!;
    if (surfaces.length > 0) return bySurface.get(lexKey(surfaces[0]!)) || key;
    return displayOf.get(key) ?? key;
  };
  function spellingOf(kana: string, used: (surface: string) => boolean = () => true): string | null {
    const key = lexKey(kana);
    // One kana (hi, ki) is more often an English word or a particle than a word written so.
    if (!isKana(key) || [...key].length < 2 || stop.has(key)) return null;
    if (bySurface.has(key) || byReading.has(key)) return spelled(key, used);
    const fk = foldLongVowels(key);
    if ([...fk].length < MIN_FOLDED_KEY) return null;
    const readings = folded().get(fk);
    return readings && readings.size === 1 ? spelled([...readings][0]!, used) : null;
  }

  // The beginnings of every key a probe can meet (function words, words, readings), and of
  // every devoiced reading: a probe that begins none of them can grow into no match, so the
  // look-up of longer probes stops there instead of trying all MAX_WORD lengths at every
  // position (three look-ups each). Built on the first look-up.
  let beginnings: Set<string> | null = null;
  const beginningsOf = (): Set<string> => {
    if (beginnings) return beginnings;
    // The empty probe too: a character whose key is empty (ー, which keys drop) leads into a word.
    beginnings = new Set([""]);
    for (const keys of [stop, bySurface.keys(), byReading.keys()]) addKeyBeginnings(keys, beginnings);
    return beginnings;
  };
  let devoicedBeginnings: Set<string> | null = null;
  const devoicedBeginningsOf = (): Set<string> => {
    return (devoicedBeginnings ??= addKeyBeginnings(devoiced().keys()));
  };

  function segment(text: string): Segment[] {
    const out: Segment[] = [];
    const begins = beginningsOf();
    const chunks = text.normalize("NFKC").toLowerCase().split(/\s+/).filter(Boolean);
    for (const [c, chunk] of chunks.entries()) {
      const chars = [...chunk];
      const keys = chars.map(charKey);
      const cls = chars.map(charClass);
      // The long-vowel mark belongs to the katakana word it follows.
      for (let i = 1; i < chars.length; i++)
        if (chars[i] === "ー" && cls[i - 1] === "katakana") cls[i] = "katakana";
      const keyOf = (i: number, j: number) => keys.slice(i, j).join("");
      let unknown = "";
      let unknownKey = "";
      const flushUnknown = () => {
        if (!unknown) return;
        const kana = isKana(unknownKey);
        out.push({
          text: unknown,
          key: unknownKey,
          kind: "unknown",
          reading: kana ? unknownKey : null,
          surfaces: kana ? (readingSurfaces(unknownKey) ?? []) : [],
        });
        unknown = "";
        unknownKey = "";
      };
      const longest = (i: number, end: number, test: (key: string) => boolean): number => {
        let best = 0;
        let key = "";
        for (let l = 1; l <= MAX_WORD && i + l <= end; l++) {
          key += keys[i + l - 1];
          if (test(key)) best = l;
          if (!begins.has(key)) break;
        }
        return best;
      };
      let i = 0;
      while (i < chars.length) {
        if (cls[i] === "katakana") {
          // A katakana run is a loanword or a name: never cut by particles, read as itself.
          let j = i;
          while (j < chars.length && cls[j] === "katakana") j++;
          flushUnknown();
          let k = i;
          while (k < j) {
            const whole = bySurface.has(keyOf(k, j)) ? j - k : longest(k, j, (s) => bySurface.has(s));
            const l = whole >= 2 ? whole : j - k;
            const key = keyOf(k, k + l);
            const known = bySurface.has(key);
            out.push({
              text: chars.slice(k, k + l).join(""),
              key,
              kind: known ? "word" : "unknown",
              reading: key,
              surfaces: byReading.get(key) ?? [],
            });
            k += l;
          }
          i = j;
          continue;
        }
        let end = i;
        while (end < chars.length && cls[end] !== "katakana") end++;
        // One pass over the growing key finds the longest function word, word and kana reading.
        // A kana run is read as a kanji word only for three kana or more, or the whole run:
        // two-kana readings (ねん, きん) would cut ねんきん into 年 + 金.
        let runEnd = i;
        while (runEnd < end && cls[runEnd] === "hiragana") runEnd++;
        const runStart = i === 0 || cls[i - 1] !== "hiragana";
        let ls = 0;
        let lw = 0;
        let lr = 0;
        let probe = "";
        // The probe devoiced as `readingSurfaces` devoices it (null once it holds a key that is
        // not one plain hiragana, whose devoiced form is then not known piece by piece).
        let unvoiced: string | null = "";
        let marked = false;
        for (let l = 1; l <= MAX_WORD && i + l <= end; l++) {
          const piece = keys[i + l - 1]!;
          probe += piece;
          marked ||= LONG_MARK.test(chars[i + l - 1]!);
          if (stop.has(probe) && !endsInsideNegative(probe, keys[i + l])) ls = l;
          // A word written with a long-vowel mark (メール, ルート) is keyed without it; kana that
          // do not write it are another word's inflection (進める, 決めると), not that word.
          if (bySurface.has(probe) && (marked || !markedKeys.has(probe))) lw = l;
          const inRun = i + l <= runEnd;
          if (inRun && readingSurfaces(probe) && (l >= 3 || (runStart && i + l === runEnd))) lr = l;
          if (unvoiced !== null) unvoiced = withUnvoiced(unvoiced, piece);
          if (begins.has(probe)) continue;
          // No key begins so: only a devoiced reading, further in the kana run, may still be met.
          if (i + l + 1 > runEnd) break;
          if (unvoiced !== null && !devoicedBeginningsOf().has(unvoiced)) break;
        }
        const best = Math.max(ls, lw, lr);
        // A lone kana that only matches as a reading is more often a particle than a word.
        if (best === 0 || (best === 1 && ls === 0 && cls[i] === "hiragana")) {
          // Kana followed by kanji ends a word (出す|曜日): the usual okurigana boundary.
          const prevHiragana = unknown !== "" && charClass([...unknown].pop()!) === "hiragana";
          if (prevHiragana && cls[i] === "kanji") flushUnknown();
          unknown += chars[i];
          unknownKey += keys[i];
          i += 1;
          continue;
        }
        flushUnknown();
        const surface = chars.slice(i, i + best).join("");
        const key = keyOf(i, i + best);
        const adjective =
          best === lr && best > lw && best > ls
            ? explanatoryN(key, chars.slice(i + best).join("") || (chunks[c + 1] ?? ""))
            : null;
        if (adjective) {
          // An adjective with the explanatory ん before an ending (いいんですか, よいんでしょうか): the
          // adjective and a function word, never the noun its kana also read (いいん: 委員).
          const known = bySurface.has(adjective);
          out.push({
            text: chars.slice(i, i + best - 1).join(""),
            key: adjective,
            kind: known ? "word" : "unknown",
            reading: adjective,
            surfaces: known ? (byReading.get(adjective) ?? []) : [],
          });
          out.push({ text: chars[i + best - 1]!, key: "ん", kind: "stop", reading: null, surfaces: [] });
          i += best;
          continue;
        }
        if (ls === best) out.push({ text: surface, key, kind: "stop", reading: null, surfaces: [] });
        else if (lw === best) {
          const reading = bySurface.get(key) || (isKana(key) ? key : null);
          const surfaces = isKana(key) ? (byReading.get(key) ?? []) : [];
          out.push({ text: surface, key, kind: "word", reading, surfaces });
        } else
          out.push({
            text: surface,
            key,
            kind: "word",
            reading: key,
            surfaces: readingSurfaces(key) ?? [],
          });
        i += best;
      }
      flushUnknown();
    }
    return out;
  }

  /**
   * The adjective of a kana reading that is an adjective with the explanatory ん (いいん = いい + ん)
   * when what follows (in the next chunk when spaces part them: いいん ですか) is an ending (です,
   * でしょう, だ, じゃ, か, よ, ね, けど, やろ …), punctuation (いいん？) or nothing. An adjective here is いい, the spoken form of
   * 良い that the corpus never writes, or a word the lexicon knows only as an inflecting word
   * (weak) and that ends in い as adjectives do (よい, ない, ほしい). Null otherwise: 委員に, 委員会 and
   * 民生委員 keep their noun.
   */
  function explanatoryN(key: string, rest: string): string | null {
    if (!key.endsWith("ん")) return null;
    const adjective = key.slice(0, -1);
    if (!kanaAdjective(adjective)) return null;
    return rest === "" || charClass([...rest][0]!) === "other" || ENDING_AFTER_N.test(lexKey(rest))
      ? adjective
      : null;
  }

  /** いい, or kana the lexicon knows only as an inflecting word that end in い as adjectives do. */
  function kanaAdjective(key: string): boolean {
    return key === SPOKEN_GOOD || (key.endsWith("い") && isKana(key) && weak.has(key));
  }

  function readingOf(text: string): string {
    const parts: string[] = [];
    for (const seg of segment(text)) {
      if (seg.reading) parts.push(seg.reading);
      else if (seg.kind === "stop" && isKana(seg.key)) parts.push(seg.key);
      else parts.push(" ");
    }
    return parts.join("").replace(/ +/g, " ").trim();
  }

  return {
    segment,
    readingOf,
    surfacesForReading: (kana) => byReading.get(lexKey(kana)) ?? [],
    readingOfWord: (surface) => bySurface.get(lexKey(surface)) || null,
    keys: () => [...bySurface.keys()],
    display: (key) => displayOf.get(key) ?? key,
    isStop: (t) => stop.has(lexKey(t)),
    isWeak: (t) => weak.has(lexKey(t)),
    isKanaAdjective: (t) => kanaAdjective(lexKey(t)),
    spellingOf,
    longestAt(text, i) {
      // Characters are code points; a text without surrogates (nearly all) is read in place.
      const chars = SURROGATE.test(text) ? [...text] : null;
      const length = chars ? chars.length : text.length;
      const begins = beginningsOf();
      let best = 0;
      let key = "";
      for (let l = 1; l <= MAX_WORD && i + l <= length; l++) {
        key += charKey(chars ? chars[i + l - 1]! : text[i + l - 1]!);
        if (bySurface.has(key)) best = l;
        if (!begins.has(key)) break;
      }
      return best;
    },
  };
}

/** いい, the spoken form of the adjective 良い (よい). */
const SPOKEN_GOOD = "いい";

/**
 * The endings that follow the explanatory ん of an adjective (lookup keys: small kana folded):
 * the copula and its forms (です, でしょう, だ, じゃ, 熊本弁 や・やろ, ばい), the question and
 * sentence-final particles (か, よ, ね) and けど. Not the case particles (に, を, が, と, で, の, は,
 * も), which follow a noun: いいんに なりたい is 委員.
 */
const ENDING_AFTER_N = /^(?:です|でし|だ|じや|やろ|やけ|ばい|か|よ|ね|けど)/;

/**
 * `unvoiced` + `piece` devoiced as {@link devoice} devoices a whole key, for a piece that is one
 * hiragana letter (ぁ–ゖ: its NFD is the letter or its base and a sound mark, so the whole key's
 * devoiced form is its pieces' one after another); null for any other piece.
 */
function withUnvoiced(unvoiced: string, piece: string): string | null {
  if (piece.length !== 1) return null;
  const c = piece.charCodeAt(0);
  if (c < 0x3041 || c > 0x3096) return null;
  let u = UNVOICED[c - 0x3041];
  if (u === undefined) UNVOICED[c - 0x3041] = u = devoice(piece);
  return unvoiced + u;
}
const UNVOICED: (string | undefined)[] = [];

const SURROGATE = /[\ud800-\udfff]/;

/** The long-vowel mark and the wave dash, which {@link lexKey} drops. */
const LONG_MARK = /[ー〜~]/;
