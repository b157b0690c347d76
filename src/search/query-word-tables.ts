/**
 * The look-up tables the query reader (query-words.ts) makes from the vocabulary, the lexicon
 * and the dictionary's synonyms: each synonym's group, each dictionary word's catalogue words,
 * every need cue and detail cue in every form a resident may type it in. Making them on a new
 * instance's first question was a third of building the reader (issue 14 cold start): code run
 * once, cold, over every vocabulary phrase. `npm run build:index` stores them in the prebuilt
 * index with a fingerprint of the vocabulary they were made from; an engine over that vocabulary
 * reads them (one JSON section), an engine over another makes its own. The stored form is
 * checked against this code by test/unit/search/stored-query-word-tables.test.ts, so a change
 * here without a rebuild fails. Pure.
 */
import type { DetailKind, Vocabulary } from "../knowledge/vocabulary.js";
import { detailCuePhrases } from "./detail-cues.js";
import { lexKey, type Lexicon } from "./lexicon.js";
import { charClass, normaliseKeepScript, toHiragana, toKatakana } from "./normalise.js";
import { inputHash, type PrebuiltIndex } from "./prebuilt-index.js";

/** What {@link queryWordTables} makes (plain data: it is stored as JSON). */
export interface QueryWordTables {
  /** A vocabulary term's key ({@link lexKey}) → the other terms of its synonym groups. */
  synonyms: [string, string[]][];
  /** A dictionary (Sudachi) word's key → the catalogue's words it leads to. */
  dictionary: [string, string[]][];
  /** Every form of every need cue (need: its index in `vocabulary.needs`), longest first. */
  needCues: { phrase: string; cue: string; need: number }[];
  /** Every form of every detail cue, longest first. */
  detailCues: { phrase: string; kind: DetailKind }[];
}

/** The tables as the index stores them: `of` is {@link queryWordTablesOf} the vocabulary. */
export interface StoredQueryWordTables extends QueryWordTables {
  of: string;
}

/**
 * The fingerprint of what the tables are made from in a vocabulary: its synonym groups' terms,
 * its needs' cues and its detail questions' kinds and cues — their strings in their order, not
 * the objects, whose keys come in the file's order when a checked file is read as it is and in
 * the schema's order when it is parsed (src/knowledge/checked-file.ts). The rest of what they
 * are made from (the lexicon, the dictionary's synonyms) is the index's own.
 */
export function queryWordTablesOf(
  vocabulary: Pick<Vocabulary, "synonyms" | "needs" | "detailQuestions">,
): string {
  return inputHash(
    vocabulary.synonyms.map((g) => g.terms),
    vocabulary.needs.map((n) => n.cues),
    vocabulary.detailQuestions.map((d) => [d.kind, d.cues]),
  );
}

/** A phrase in every script a resident may type it in (as given, hiragana, katakana). */
export const variants = (phrase: string): string[] => {
  const base = normaliseKeepScript(phrase);
  return [...new Set([base, toHiragana(base), toKatakana(base)])];
};

/** Readings of need cues shorter than this (kana) are not matched: too many words share them. */
const MIN_CUE_READING = 3;

/** Makes the tables (see the module comment). */
export function queryWordTables(
  vocabulary: Pick<Vocabulary, "synonyms" | "needs" | "detailQuestions">,
  lexicon: Pick<Lexicon, "readingOfWord">,
  dictionarySynonyms: PrebuiltIndex["synonyms"],
): QueryWordTables {
  const synonymsOf = new Map<string, string[]>();
  for (const g of vocabulary.synonyms) {
    // Each term's key once per group (not once per pair: a group of k terms made k² keys).
    const keys = g.terms.map(lexKey);
    g.terms.forEach((_, i) => {
      const k = keys[i]!;
      const list = synonymsOf.get(k) ?? [];
      g.terms.forEach((o, j) => {
        if (keys[j] !== k && !list.includes(o)) list.push(o);
      });
      synonymsOf.set(k, list);
    });
  }
  const dictionarySynonymsOf = new Map<string, string[]>();
  for (const g of dictionarySynonyms ?? [])
    for (const f of g.from) {
      const k = lexKey(f);
      dictionarySynonymsOf.set(k, [...new Set([...(dictionarySynonymsOf.get(k) ?? []), ...g.to])]);
    }
  // An adjective cue also matches its stem, so other endings and dialect find it too
  // (寂しい: 寂しか, 寂しくて; こわい: こわか).
  const cueForms = (c: string) => {
    const chars = [...c];
    const stemmed =
      chars.length >= 3 && c.endsWith("い") && charClass(chars[chars.length - 2]!) !== "katakana";
    return stemmed ? [c, chars.slice(0, -1).join("")] : [c];
  };
  // A cue that is a kanji noun is also said in kana (友達 → ともだち, 母子 → ぼし) by residents who
  // do not write its kanji — kana-only messages, and romaji read as kana. Its reading comes from
  // the lexicon (kuromoji at build time). Not a word with okurigana (寂しい, 付き合い): its kana
  // spelling is everyday writing in other senses too (町がさびしい), and the vocabulary lists the
  // kana cues it means. Short readings are left out: too many unrelated words hold them.
  const cueReading = (c: string): string[] => {
    if (!/^[\p{Script=Han}々]+$/u.test(c)) return [];
    const r = lexicon.readingOfWord(c);
    return r && [...r].length >= MIN_CUE_READING ? [toHiragana(r)] : [];
  };
  const needCues = vocabulary.needs
    .flatMap((need, i) =>
      need.cues.flatMap((c) =>
        [...cueForms(c).flatMap(variants), ...cueReading(c)].map((v) => ({ phrase: v, cue: c, need: i })),
      ),
    )
    .sort((a, b) => b.phrase.length - a.phrase.length);
  const detailCues = detailCuePhrases(vocabulary)
    .flatMap((c) => variants(c.phrase).map((v) => ({ phrase: v, kind: c.kind })))
    .sort((a, b) => b.phrase.length - a.phrase.length);
  return { synonyms: [...synonymsOf], dictionary: [...dictionarySynonymsOf], needCues, detailCues };
}
