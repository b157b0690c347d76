/**
 * Chinese written by residents from Taiwan, Hong Kong and China, read as the catalogue's
 * Japanese: simplified and traditional characters are folded to the Japanese forms the index
 * can match (防灾训练 and 防災訓練 → 防災訓練, 兒童 → 児童), then the sentence is cut by longest
 * match over the bilingual vocabulary (knowledge/vocabulary.json `chinese`: 志工 → ボランティア,
 * 请问 and 哪里 carry no topic and ask) and the index's own words. The fold table is made at index
 * build time from OpenCC's tables (scripts/build-search-index.ts `chineseFoldTable`) and stored
 * in the prebuilt index, so the service reads Chinese with no converter of its own. Replies stay
 * in やさしい日本語: only the reading changes. Pure.
 */
import type { Vocabulary } from "../knowledge/vocabulary.js";
import { inputHash } from "./prebuilt-index.js";

/** The fold table as the index stores it (strings of code points, one character per entry). */
export interface StoredChineseFold {
  /** {@link chineseFoldOf} the vocabulary the table was made for. */
  of: string;
  /** Simplified, traditional, Taiwan and Hong Kong forms … */
  from: string;
  /** … and the Japanese form of each, one the index's words or the vocabulary write. */
  to: string;
  /**
   * Characters only Chinese writes (variant forms no Japanese word of the dictionary or the
   * catalogue uses: 们, 这, 區, 會): a sentence holding one is Chinese.
   */
  marks: string;
}

/** No fold: Chinese read by the vocabulary alone (an index without a table, or one made for another vocabulary). */
export const NO_FOLD: StoredChineseFold = { of: "", from: "", to: "", marks: "" };

const HAN = /[\u3400-\u9fff\uf900-\ufaff]/gu;
const KANA = /[\u3041-\u309f\u30a1-\u30fa]/u;

/**
 * The Japanese vocabulary's kanji (all but its Chinese and Vietnamese sections: the latter's
 * Japanese words are the catalogue's own), sorted: part of a fold table's targets.
 */
export function vocabularyKanji(vocabulary: Vocabulary): string {
  const { chinese: _chinese, vietnamese: _vietnamese, ...japanese } = vocabulary;
  return [...new Set(JSON.stringify(japanese).match(HAN) ?? [])].sort().join("");
}

/**
 * The fingerprint of what a fold table was made for in a vocabulary: its kanji (a set, so the
 * key order of the file does not matter). The rest of its targets (the lexicon) is the index's own.
 */
export function chineseFoldOf(vocabulary: Vocabulary): string {
  return inputHash("chinese-fold", vocabularyKanji(vocabulary));
}

/** One Chinese sentence read: the catalogue's words in it, and whether it asks. */
export interface ChineseSentence {
  text: string;
  asks: boolean;
}

/** Reads Chinese sentences (see the module comment). */
export interface ChineseReader {
  /** Whether a sentence is Chinese: no kana, and a character or word only Chinese writes. */
  isChinese(sentence: string): boolean;
  read(sentence: string): ChineseSentence;
}

/** Sentence ends that ask in Chinese, whatever the words before them. */
const QUESTION_END = /[吗嗎呢吧][\s。．.！!？?]*$|[?？]\s*$/u;

/**
 * A reader over one fold table and vocabulary. `wordAt` (the lexicon's longest word at a
 * character) keeps the index's words whole: 有料 is a word, not 有 (a Chinese function word) + 料.
 */
export function createChineseReader(
  fold: StoredChineseFold,
  vocabulary: Vocabulary,
  wordAt: (text: string, i: number) => number,
): ChineseReader {
  const from = [...fold.from];
  const to = [...fold.to];
  const folded = new Map(from.map((c, i) => [c, to[i]!]));
  const marks = new Set(fold.marks);
  const foldText = (s: string) => [...s].map((c) => folded.get(c) ?? c).join("");
  const zh = vocabulary.chinese;
  // Every entry in the folded form, so 请问, 請問 and a message in either meet as one.
  const entries = new Map<string, { ja: string | null; asks: boolean }>();
  const asksCue = new Set((zh?.askCues ?? []).map((c) => foldText(c.normalize("NFKC"))));
  for (const w of zh?.stopWords ?? []) {
    const k = foldText(w.normalize("NFKC"));
    entries.set(k, { ja: null, asks: asksCue.has(k) });
  }
  for (const w of zh?.words ?? [])
    for (const z of w.zh) {
      const k = foldText(z.normalize("NFKC"));
      entries.set(k, { ja: w.ja, asks: asksCue.has(k) });
    }
  for (const c of asksCue) if (!entries.has(c)) entries.set(c, { ja: null, asks: true });
  const longest = Math.max(1, ...[...entries.keys()].map((k) => [...k].length));
  // Entries of two characters or more that are no word of the index (请问, 有没有, 志工; not 避難所
  // or 外国人, which Japanese writes too): they mark a sentence as Chinese.
  const markWords = [...entries]
    .filter(([k, e]) => [...k].length >= 2 && e.ja !== k && wordAt(k, 0) < k.length)
    .map(([k]) => k);

  /** The longest vocabulary entry at character `i` of `chars`, or null. */
  function entryAt(chars: string[], i: number): { key: string; len: number } | null {
    let key = "";
    let best: { key: string; len: number } | null = null;
    for (let l = 1; l <= longest && i + l <= chars.length; l++) {
      key += chars[i + l - 1]!;
      if (entries.has(key)) best = { key, len: l };
    }
    return best;
  }

  return {
    isChinese(sentence) {
      if (KANA.test(sentence)) return false;
      const han = sentence.match(HAN) ?? [];
      if (han.length < 2) return false;
      if (han.some((c) => marks.has(c))) return true;
      const text = foldText(sentence);
      return markWords.some((w) => text.includes(w)) || QUESTION_END.test(text);
    },
    read(sentence) {
      const chars = [...foldText(sentence.normalize("NFKC"))];
      const text = chars.join("");
      let asks = QUESTION_END.test(text);
      const out: string[] = [];
      let run = "";
      const flush = () => {
        if (run.trim()) out.push(run.trim());
        run = "";
      };
      for (let i = 0; i < chars.length;) {
        const c = chars[i]!;
        if (/[\p{P}\p{S}\s]/u.test(c)) {
          flush();
          i += 1;
          continue;
        }
        const entry = entryAt(chars, i);
        const word = wordAt(text, i);
        // The index's word when it is longer (有料 over 有), else the vocabulary's entry.
        if (entry && entry.len >= word) {
          flush();
          const e = entries.get(entry.key)!;
          if (e.ja) out.push(e.ja);
          asks ||= e.asks;
          i += entry.len;
        } else if (word > 0) {
          // Kept in its run: the engine cuts the run itself (留学生 stays one, not 留 + 学生).
          run += chars.slice(i, i + word).join("");
          i += word;
        } else {
          run += c;
          i += 1;
        }
      }
      flush();
      return { text: out.join(" "), asks };
    },
  };
}
