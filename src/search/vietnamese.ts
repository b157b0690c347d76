/**
 * Vietnamese written by residents (technical interns, students, families: the largest group of
 * Kumamoto's foreign residents), read as the catalogue's Japanese: a sentence is cut by longest
 * match over the bilingual vocabulary (knowledge/vocabulary.json `vietnamese`: lễ hội → 祭り,
 * trẻ em → 子ども, tình nguyện → ボランティア), with the tone marks and đ folded on both sides, so
 * a resident typing without a Vietnamese keyboard (le hoi cho tre em) is read as one who types
 * them. Replies stay in やさしい日本語: only the reading changes. Pure.
 */
import type { Vocabulary } from "../knowledge/vocabulary.js";
import { stripVietnameseMarks } from "../text/vietnamese-marks.js";

/**
 * Letters only Vietnamese writes among the Latin scripts residents use (ă, đ, ơ, ư and the
 * vowels with a tone mark under or over a circumflex or breve): one marks a sentence as Vietnamese.
 */
const VIETNAMESE_LETTER = /[ăđơưĩũạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/u;

/** Sentence ends that ask, whatever the words before them. */
const QUESTION_END = /[?？]\s*$/u;

/** A Vietnamese word or phrase without its tone marks, đ as d, in lower case (Lễ hội → le hoi). */
export function foldVietnamese(text: string): string {
  return stripVietnameseMarks(text).toLowerCase();
}

/** One Vietnamese sentence read: the catalogue's words in it, and whether it asks. */
export interface VietnameseSentence {
  text: string;
  asks: boolean;
}

/** Reads Vietnamese sentences (see the module comment). */
export interface VietnameseReader {
  /**
   * Whether a Latin sentence is Vietnamese: a letter only Vietnamese writes, or, typed without
   * marks, two words of the vocabulary of three letters or more that are no English word.
   */
  isVietnamese(sentence: string): boolean;
  /**
   * The sentence in the catalogue's words. A word the vocabulary does not hold is passed to
   * `other` (a name: a place, a ward already read), which returns what to keep of it, or null.
   */
  read(sentence: string, other: (word: string) => string | null): VietnameseSentence;
}

/**
 * A reader over one vocabulary. `englishWords` (the English vocabulary's words and function
 * words) are not counted as Vietnamese when a sentence has no marks: tour, visa, ok.
 */
export function createVietnameseReader(
  vocabulary: Vocabulary,
  englishWords: ReadonlySet<string>,
): VietnameseReader {
  const vi = vocabulary.vietnamese;
  const entries = new Map<string, { ja: string | null; asks: boolean }>();
  const asksCue = new Set((vi?.askCues ?? []).map(foldVietnamese));
  for (const w of vi?.stopWords ?? []) {
    const k = foldVietnamese(w);
    entries.set(k, { ja: null, asks: asksCue.has(k) });
  }
  for (const w of vi?.words ?? [])
    for (const v of w.vi) {
      const k = foldVietnamese(v);
      entries.set(k, { ja: w.ja, asks: asksCue.has(k) });
    }
  for (const c of asksCue) if (!entries.has(c)) entries.set(c, { ja: null, asks: true });
  const longest = Math.max(1, ...[...entries.keys()].map((k) => k.split(" ").length));
  const words = (sentence: string) =>
    sentence
      .normalize("NFKC")
      .split(/[\s,.;:!?？。、()（）"“”]+/u)
      .filter((w) => w.replace(/[\p{P}\p{S}]/gu, "") !== "");

  /** The longest entry at word `i` of folded words, as its key and length in words. */
  function entryAt(folded: string[], i: number): { key: string; len: number } | null {
    let best: { key: string; len: number } | null = null;
    for (let l = 1; l <= longest && i + l <= folded.length; l++) {
      const key = folded.slice(i, i + l).join(" ");
      if (entries.has(key)) best = { key, len: l };
    }
    return best;
  }

  return {
    isVietnamese(sentence) {
      const lower = sentence.normalize("NFKC").toLowerCase();
      if (VIETNAMESE_LETTER.test(lower)) return true;
      const folded = words(lower).map(foldVietnamese);
      const found = new Set<string>();
      for (let i = 0; i < folded.length; i++) {
        const e = entryAt(folded, i);
        if (!e) continue;
        if (e.key.replace(/\s/gu, "").length >= 3 && !e.key.split(" ").every((w) => englishWords.has(w)))
          found.add(e.key);
        i += e.len - 1;
      }
      return found.size >= 2;
    },
    read(sentence, other) {
      const written = words(sentence);
      const folded = written.map(foldVietnamese);
      let asks = QUESTION_END.test(sentence);
      const out: string[] = [];
      for (let i = 0; i < folded.length; i++) {
        const e = entryAt(folded, i);
        if (e) {
          const entry = entries.get(e.key)!;
          if (entry.ja) out.push(entry.ja);
          asks ||= entry.asks;
          i += e.len - 1;
          continue;
        }
        const kept = other(written[i]!);
        if (kept) out.push(kept);
      }
      return { text: out.join(" "), asks };
    },
  };
}
