/**
 * `npm run build:index`: builds the prebuilt search index from the catalogue, the vocabulary and
 * the gazetteer, and writes `src/search/prebuilt/index.bin` (the packed form of
 * src/search/packed-index.ts; deterministic bytes, committed).
 * kuromoji runs here only — at build time — to compute the readings of every field and the
 * lexicon the service uses to read queries. It also adds, from kuromoji's dictionary, the common
 * nouns that sound like a corpus word (口座 for 講座, 仮説 for 仮設), so IME slips can be read
 * and corrected at run time without a tokenizer. `--check` exits 1 when the committed index is stale.
 */
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import kuromoji from "kuromoji";
import { checkedKnowledgeDigests } from "../src/knowledge/checked-knowledge.js";
import {
  gazetteerPlaces,
  loadGazetteer,
  placeKeyColumns,
  type Gazetteer,
} from "../src/knowledge/gazetteer.js";
import { DEFAULT_KNOWLEDGE_DIR, loadCatalogue } from "../src/knowledge/load.js";
import { loadVocabulary, type Vocabulary } from "../src/knowledge/vocabulary.js";
import { loadPrebuiltIndex } from "../src/search/load-engine.js";
import { packIndex } from "../src/search/packed-index.js";
import { correctionKeys } from "../src/search/correction.js";
import { createLexicon, lexKey } from "../src/search/lexicon.js";
import { DEFAULT_PARAMS } from "../src/search/params.js";
import { createScoring } from "../src/search/scoring.js";
import { toHiragana } from "../src/search/normalise.js";
import {
  assembleIndex,
  fieldTexts,
  inputHash,
  INDEX_FORMAT,
  withLexiconTables,
  withPostings,
  type PrebuiltIndex,
} from "../src/search/prebuilt-index.js";
import { docAudiences } from "../src/search/doc-audiences.js";
import { docPlaces } from "../src/search/doc-places.js";
import { programToSearchDoc } from "../src/search/program-doc.js";
import { storePhrasings } from "../src/search/phrasing-match.js";
import type { SearchDoc } from "../src/search/types.js";
import { loadAskedAs } from "../src/search/asked-as.js";
import { createMessageReader } from "../src/search/analysis.js";
import type { Catalogue } from "../src/knowledge/load.js";
import { wordIndexData, type WordIndexData } from "../src/search/word-bm25.js";
import { queryWordTables, queryWordTablesOf } from "../src/search/query-word-tables.js";
import { chineseFoldOf, vocabularyKanji, type StoredChineseFold } from "../src/search/chinese.js";
import { runIfMain } from "./run-if-main.js";

/**
 * The catalogue's programs as search documents, with their program-side phrasings made
 * readable (English and romaji in the catalogue's words) by the same reader queries go through.
 */
export function catalogueDocs(
  catalogue: Catalogue,
  vocabulary: Vocabulary,
  gazetteer: Gazetteer,
  knowledgeDir?: string,
) {
  const askedAs = loadAskedAs(knowledgeDir);
  // 熊本弁 phrasings are indexed as written, endings and all; only queries are read as standard
  // Japanese. Measured (docs/benchmarks.md, issue 11 sixth session): read as standard, their
  // endings no longer taught the lexicon words standard questions share (おらん → おらず), and
  // three seen answers were lost (C006, D032, dev d038).
  const read = createMessageReader(vocabulary, gazetteer, undefined, { dialect: false });
  return catalogue.programs.map((p) => {
    const asked = (askedAs.get(p.id) ?? []).map((t) => read(t).readable);
    return { ...programToSearchDoc(p), ...(asked.length > 0 ? { askedAs: asked } : {}) };
  });
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const INDEX_PATH = join(root, "src/search/prebuilt/index.bin");

/** A kuromoji tokenizer (IPADIC). */
export type Tokenizer = kuromoji.Tokenizer<kuromoji.IpadicFeatures>;

/**
 * Loads kuromoji's dictionary (a few seconds). Resolved through the package, not a path from
 * the repository root, so the staff rebuild job finds it wherever it is installed.
 */
export function createTokenizer(): Promise<Tokenizer> {
  const dicPath = join(dirname(createRequire(import.meta.url).resolve("kuromoji/package.json")), "dict");
  return new Promise((ok, fail) =>
    kuromoji.builder({ dicPath }).build((err, t) => (err ? fail(err) : ok(t))),
  );
}

/** What an index is built from: the documents, the vocabulary and the gazetteer. */
export interface IndexInputs {
  docs: SearchDoc[];
  vocabulary: Vocabulary;
  gazetteer: Gazetteer;
}

const CONTENT_POS = new Set(["名詞", "動詞", "形容詞", "副詞", "連体詞", "接頭詞"]);
const FUNCTION_POS = new Set(["助詞", "助動詞"]);
const readingOfToken = (t: kuromoji.IpadicFeatures): string | null =>
  t.reading && t.reading !== "*" ? toHiragana(t.reading) : null;
const isKanaText = (s: string) => /^[\p{Script=Hiragana}\p{Script=Katakana}ー]+$/u.test(s);

/** Builds the index in memory (the test of staleness and the script share this). */
export async function buildSearchIndex(knowledgeDir?: string): Promise<PrebuiltIndex> {
  const catalogue = loadCatalogue(knowledgeDir);
  const vocabulary = loadVocabulary(knowledgeDir);
  const gazetteer = loadGazetteer(knowledgeDir);
  const index = await buildSearchIndexFrom({
    docs: catalogueDocs(catalogue, vocabulary, gazetteer, knowledgeDir),
    vocabulary,
    gazetteer,
  });
  // The knowledge files checked here need no check at start when their bytes are unchanged.
  const checked = checkedKnowledgeDigests(knowledgeDir ?? DEFAULT_KNOWLEDGE_DIR);
  return { ...index, checked };
}

/**
 * Builds an index from any inputs: the committed catalogue above, or the store's catalogue with
 * the staff's vocabulary (src/catalogue/rebuild.ts). Pass a tokenizer to reuse a loaded one.
 */
export async function buildSearchIndexFrom(
  { docs, vocabulary, gazetteer }: IndexInputs,
  tokenizer?: Tokenizer,
): Promise<PrebuiltIndex> {
  const tk = tokenizer ?? (await createTokenizer());
  // The neighbourhoods each document is tied to, read once here with the gazetteer's lookup,
  // and the audiences its own text names, with the vocabulary's audience cues.
  const placed = docs.map((d) => {
    const { places, scope } = docPlaces(d, gazetteer);
    const audiences = docAudiences(d, vocabulary);
    return {
      ...d,
      ...(places.length > 0 ? { places } : {}),
      ...(scope.length > 0 ? { scope } : {}),
      ...(audiences.length > 0 ? { audiences } : {}),
    };
  });

  const words: Record<string, string> = {};
  const stop = new Set<string>();
  // Verbs, adjectives and adverbs: they score, but count little for coverage (見て, 学びたい).
  const weak = new Set<string>();
  const nouns = new Set<string>();
  const addWord = (surface: string, reading: string) => {
    const s = surface.normalize("NFKC").toLowerCase();
    if (!s.trim()) return;
    if (!words[s] || (reading && !words[s])) words[s] = reading;
  };
  const learn = (text: string) => {
    const tokens = tk.tokenize(text.normalize("NFKC"));
    let compound: kuromoji.IpadicFeatures[] = [];
    // Runs of nouns: every sub-run of two or three tokens is a word too (補助 + 金 → 補助金).
    const flush = () => {
      for (let i = 0; i < compound.length; i++) {
        for (let len = 2; len <= 3 && i + len <= compound.length; len++) {
          const part = compound.slice(i, i + len);
          addWord(part.map((t) => t.surface_form).join(""), part.map((t) => readingOfToken(t)).join(""));
        }
      }
      compound = [];
    };
    for (const t of tokens) {
      if (FUNCTION_POS.has(t.pos) && isKanaText(t.surface_form)) stop.add(t.surface_form);
      if (CONTENT_POS.has(t.pos) && t.pos_detail_1 !== "数") {
        addWord(t.surface_form, readingOfToken(t) ?? "");
        const key = t.surface_form.normalize("NFKC").toLowerCase();
        if (t.pos === "名詞") nouns.add(key);
        else weak.add(key);
      }
      if (t.pos === "名詞" && t.pos_detail_1 !== "数" && readingOfToken(t)) compound.push(t);
      else flush();
    }
    flush();
  };
  const readingOf = (text: string) =>
    tk
      .tokenize(text.normalize("NFKC"))
      .map((t) => readingOfToken(t) ?? (isKanaText(t.surface_form) ? toHiragana(t.surface_form) : " "))
      .join("")
      .replace(/ +/g, " ")
      .trim();

  // Words come from the programs' own text, not their phrasings: residents' colloquial
  // compounds (スマホ教室) would otherwise become words that hide their parts from matching.
  for (const d of docs) for (const [f, t] of Object.entries(fieldTexts(d))) if (t && f !== "asked") learn(t);
  const corpusWords = new Set(Object.keys(words));
  const vocabTerms = [
    ...vocabulary.synonyms.flatMap((g) => g.terms),
    ...vocabulary.needs.flatMap((n) => [...n.cues, ...n.expand, ...n.audience]),
    ...vocabulary.genericWords,
    // Out-of-scope topics too, so their readings are known (こせきとうほん asks for 戸籍).
    ...vocabulary.outOfScope.flatMap((o) => o.terms),
  ];
  for (const term of vocabTerms) {
    learn(term);
    addWord(term, readingOf(term).replace(/ /g, ""));
  }
  for (const w of gazetteer.wards) addWord(w.name, w.reading);
  for (const pl of gazetteer.places) {
    addWord(pl.name, pl.reading);
    for (const a of pl.aliases) learn(a);
  }
  // Japan Post's towns are words too, so a question cuts 島崎校区 into 島崎 + 校区 and the place
  // drops out of what must match. Not the common ones (新生, 春日): outside a place frame they
  // are everyday words, and as words they would cut 新生活 wrongly. No reading: the data has none.
  for (const pl of gazetteerPlaces(gazetteer)) if (!pl.common) addWord(pl.name, pl.reading ?? "");

  // Homophones: dictionary nouns of two or three kanji that read like a corpus word.
  const corpusReadings = new Set(
    Object.entries(words)
      .filter(([s, r]) => r && [...s].length >= 2)
      .map(([, r]) => lexKey(r)),
  );
  const dict = (tk as unknown as { token_info_dictionary: TokenInfoDictionary }).token_info_dictionary;
  const limit = dict.dictionary.buffer.length - 10;
  for (let id = 0; id < limit; id += 10) {
    const f = dict.getFeatures(String(id)).split(",");
    const [surface, pos, detail, , , , , , reading] = f;
    if (
      !surface ||
      !reading ||
      pos !== "名詞" ||
      !["一般", "サ変接続", "形容動詞語幹"].includes(detail ?? "")
    )
      continue;
    if (!/^\p{Script=Han}{2,3}$/u.test(surface) || words[surface] !== undefined) continue;
    const r = toHiragana(reading);
    if (corpusReadings.has(lexKey(r))) words[surface] = r;
  }

  const kanjiReadings = singleKanjiReadings(dict, limit);

  // Synonyms from a maintained dictionary (Sudachi, Apache-2.0), filtered to groups that lead
  // from a word the catalogue never uses to one it does; the residents' words join the lexicon.
  // The package's ESM entry is missing from its files; its CommonJS one is what it ships.
  const dictionary = createRequire(import.meta.url)("sudachi-synonyms-dictionary") as {
    fetchDictionary(): Promise<SudachiGroup[]>;
  };
  const sudachi = await dictionary.fetchDictionary();
  const synonyms = sudachiSynonyms(sudachi, corpusWords);
  for (const g of synonyms)
    for (const w of g.from) if (words[w] === undefined) addWord(w, readingOf(w).replace(/ /g, ""));

  const hash = inputHash(INDEX_FORMAT, BUILDER_VERSION, docs, vocabulary, gazetteer);
  const docWords = documentWords(docs, tk);
  const weakOnly = [...weak].filter((w) => !nouns.has(w));
  const index = withLexiconTables(
    withPostings(assembleIndex(placed, { words, stop: [...stop], weak: weakOnly }, readingOf, hash)),
  );
  const lexicon = createLexicon(index.lexicon, index.lexiconTables);
  return {
    ...index,
    synonyms,
    words: docWords,
    correctionKeys: correctionKeys(lexicon, createScoring(index, DEFAULT_PARAMS).fullyInCorpus),
    kanjiReadings,
    placeKeys: { of: inputHash(gazetteer), ...placeKeyColumns(gazetteer) },
    phrasings: storePhrasings(index.docs),
    queryWordTables: { of: queryWordTablesOf(vocabulary), ...queryWordTables(vocabulary, lexicon, synonyms) },
    loanwords: sudachiLoanwords(sudachi, corpusWords),
    chineseFold: chineseFoldTable(Object.keys(index.lexicon.words), vocabulary, Object.keys(kanjiReadings)),
  };
}

/** OpenCC's converters to Japanese shinjitai, traditional forms first (see {@link chineseFoldTable}). */
const OPENCC_FROM = ["t", "tw", "hk", "cn"] as const;
/** The kanji OpenCC's tables are looked up for: the CJK unified ideographs and extension A. */
const CJK_FROM = 0x3400;
const CJK_TO = 0x9fff;

/**
 * The fold of Chinese characters to Japanese forms (src/search/chinese.ts), from OpenCC's tables
 * (opencc-js, MIT AND Apache-2.0): each simplified, traditional, Taiwan or Hong Kong form whose
 * Japanese form one of the index's words (`lexiconWords`, which hold the gazetteer's) or the
 * vocabulary writes. A traditional form's own Japanese
 * form first (體 → 体), else the simplified one's (准 → 準; a character the index writes folds only as a
 * simplified form, so 著 stays). `marks`: the variant forms no Japanese text here or in the dictionary writes
 * (`japanese`: kuromoji's one-kanji entries), which tell a Chinese sentence.
 */
export function chineseFoldTable(
  lexiconWords: readonly string[],
  vocabulary: Vocabulary,
  japanese: readonly string[],
): StoredChineseFold {
  const han = /[\u3400-\u9fff\uf900-\ufaff]/gu;
  const targets = new Set([
    ...lexiconWords.flatMap((w) => w.match(han) ?? []),
    ...vocabularyKanji(vocabulary),
  ]);
  const written = new Set([...targets, ...japanese]);
  // Through its CommonJS entry, typed here: lint's project service does not resolve the package's own types.
  const opencc = createRequire(import.meta.url)("opencc-js") as {
    Converter(options: { from: string; to: string }): (text: string) => string;
  };
  const converters = OPENCC_FROM.map((from) => opencc.Converter({ from, to: "jp" }));
  let from = "";
  let to = "";
  let marks = "";
  for (let c = CJK_FROM; c <= CJK_TO; c++) {
    const ch = String.fromCodePoint(c);
    const forms = converters.map((convert) => convert(ch)).filter((f) => f !== ch && [...f].length === 1);
    if (forms.length === 0) continue;
    if (!written.has(ch)) marks += ch;
    // A character the index writes itself keeps its Japanese sense, unless it is a simplified
    // form (准 for 準, 后 for 後): the fold is only applied to sentences read as Chinese.
    const form = targets.has(ch)
      ? [converters[OPENCC_FROM.length - 1]!(ch)].find((f) => f !== ch && targets.has(f))
      : forms.find((f) => targets.has(f));
    if (form) {
      from += ch;
      to += form;
    }
  }
  return { of: chineseFoldOf(vocabulary), from, to, marks };
}

/** Parts of speech whose one-kanji entries give a kanji's readings: common nouns, suffixes, prefixes, verb stems. */
const KANJI_READING_POS = new Set(["名詞", "接頭詞", "動詞"]);

/**
 * Every kanji's readings from kuromoji's dictionary (IPADIC): the readings of its one-kanji
 * entries, names and numerals left out (シゲル for 成, キム for 金 are names, not how a compound is
 * read). At run time they read a kanji compound the lexicon does not know, so a wrong kanji with
 * the right sound (女性金 for 助成金, 異場所 for 居場所: voice input, IME slips) is read as the
 * catalogue's word (correction.ts `readAlike`). Kanji → hiragana readings joined by commas,
 * sorted for deterministic bytes.
 */
export function singleKanjiReadings(dict: TokenInfoDictionary, limit: number): Record<string, string> {
  const readings = new Map<string, Set<string>>();
  for (let id = 0; id < limit; id += 10) {
    const [surface, pos, detail, , , , , , reading] = dict.getFeatures(String(id)).split(",");
    if (!surface || !reading || reading === "*" || !/^\p{Script=Han}$/u.test(surface)) continue;
    if (!KANJI_READING_POS.has(pos ?? "") || detail === "固有名詞" || detail === "数") continue;
    const set = readings.get(surface) ?? new Set<string>();
    set.add(toHiragana(reading));
    readings.set(surface, set);
  }
  return Object.fromEntries(
    [...readings]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, set]) => [k, [...set].sort().join(",")]),
  );
}

/**
 * The words of each document's name (an FAQ's question, a program's name) for whole-word BM25
 * (src/search/word-bm25.ts): nouns, verbs and adjectives by their dictionary form as kuromoji
 * cuts the name, with every surface the names write them in.
 */
export function documentWords(docs: readonly SearchDoc[], tk: Tokenizer): WordIndexData {
  const surfaces = new Map<string, string>();
  // Each run of grammar by its first token's surface.
  const grammar = new Map<string, string>();
  const inflected = new Map<string, string>();
  const isGrammar = (t: kuromoji.IpadicFeatures) =>
    FUNCTION_POS.has(t.pos) || (WORD_POS.has(t.pos) && t.pos_detail_1 === "非自立");
  const learnGrammar = (tokens: kuromoji.IpadicFeatures[]) => {
    // Every run of grammar tokens, whole and in part (て, いる, ている).
    for (let i = 0; i < tokens.length; i++) {
      let run = "";
      for (let j = i; j < tokens.length && isGrammar(tokens[j]!); j++) {
        run += tokens[j]!.surface_form.toLowerCase();
        grammar.set(run, tokens[i]!.surface_form.toLowerCase());
      }
    }
  };
  const docWords = docs.map((d) => {
    const tokens = tk.tokenize(d.name.normalize("NFKC"));
    learnGrammar(tokens);
    return tokens
      .filter((t) => WORD_POS.has(t.pos) && t.pos_detail_1 !== "非自立")
      .map((t) => {
        const surface = t.surface_form.toLowerCase();
        const word = (t.basic_form && t.basic_form !== "*" ? t.basic_form : t.surface_form).toLowerCase();
        if (!surfaces.has(surface)) surfaces.set(surface, word);
        for (const f of inflections(t)) inflected.set(f, word);
        return word;
      });
  });
  for (const [f, w] of inflected) if (!surfaces.has(f)) surfaces.set(f, w);
  // A run that starts with what is elsewhere a word (でき in 利用できますか) is not grammar.
  const runs = [...grammar].filter(([, first]) => !surfaces.has(first)).map(([run]) => run);
  return wordIndexData(docWords, surfaces, undefined, runs);
}

const WORD_POS = new Set(["名詞", "動詞", "形容詞"]);

/**
 * The kana a godan verb's last kana turns into before an auxiliary: the a-row (ない), the i-row
 * (たい, ます) and the euphonic form (て, た). The e-row is left out: kuromoji reads 出せる and
 * 行ける as verbs of their own, not as 出す and 行く.
 */
const GODAN_STEMS: Record<string, string> = {
  く: "かきい",
  ぐ: "がぎい",
  す: "さし",
  つ: "たちっ",
  ぬ: "なにん",
  ぶ: "ばびん",
  む: "まみん",
  る: "らりっ",
  う: "わいっ",
};

/**
 * The stems a verb or adjective written with a kanji is inflected from before an auxiliary
 * (知る: 知ら, 知り, 知っ; 食べる: 食べ; 早い: 早く, 早かっ), so a question's 知りたい meets the
 * names' 知る as kuromoji would read it. Verbs written in kana only (いる, する, なる, ある,
 * できる) are left out: their stems are one or two kana that other words and grammar are made of.
 */
function inflections(t: kuromoji.IpadicFeatures): string[] {
  const base = t.basic_form?.toLowerCase();
  const type = t.conjugated_type ?? "";
  if (!base || base === "*" || !/\p{Script=Han}/u.test(base)) return [];
  const last = base.slice(-1);
  const stem = base.slice(0, -1);
  let forms: string[] = [];
  if (t.pos === "動詞" && type.startsWith("五段"))
    forms = [...(GODAN_STEMS[last] ?? "")].map((k) => stem + k);
  else if (t.pos === "動詞" && type.startsWith("一段") && last === "る") forms = [stem];
  else if (t.pos === "形容詞" && last === "い") forms = [stem + "く", stem + "かっ"];
  return forms.filter((f) => f !== base && /\p{Script=Han}/u.test(f));
}

interface SudachiGroup {
  id: string;
  items: {
    taigenYogen: string;
    expandControl: 0 | 1 | 2;
    midashi: string;
    /** The word's number in its group: its spellings (表記ゆれ, the alphabet one) share it. */
    vocabularyNumber?: number;
    /** Which spelling of the word this is: 代表表記, 異表記・表記ゆれ, アルファベット表記 … */
    hyoukiYure?: string;
  }[];
}

/**
 * English loanwords as the catalogue writes them, from the Sudachi synonym dictionary: each
 * word's alphabet spelling (アルファベット表記: center, food, volunteer) → its katakana spelling of
 * the same word (same vocabulary number: センター, フード, ボランティア) that the catalogue's own words
 * hold. A resident writing romaji writes loanwords in English (machizukuri center de …): the
 * dictionary says which katakana word that is. Its representative spelling first when the
 * catalogue writes several; sorted for deterministic bytes.
 */
export function sudachiLoanwords(
  groups: readonly SudachiGroup[],
  corpusWords: ReadonlySet<string>,
): Record<string, string> {
  const key = (w: string) => w.normalize("NFKC").toLowerCase();
  const found = new Map<string, string>();
  for (const g of groups) {
    const forms = new Map<number, { latin: string[]; kana: string[] }>();
    for (const i of g.items) {
      if (i.taigenYogen !== "体言" || i.expandControl === 2 || i.vocabularyNumber === undefined) continue;
      const f = forms.get(i.vocabularyNumber) ?? { latin: [], kana: [] };
      forms.set(i.vocabularyNumber, f);
      const w = key(i.midashi);
      // One word of letters: the reader parts hyphenated words (know-how) as romaji writers do.
      if (i.hyoukiYure === "アルファベット表記" && /^[a-z]{2,}$/.test(w)) f.latin.push(w);
      // The representative spelling first: the catalogue's usual one when it writes several.
      else if (/^[\u30a1-\u30fc]{2,}$/u.test(w) && corpusWords.has(w))
        f.kana[i.hyoukiYure === "代表表記" ? "unshift" : "push"](w);
    }
    for (const { latin, kana } of forms.values())
      for (const w of latin) if (kana[0] && !found.has(w)) found.set(w, kana[0]);
  }
  return Object.fromEntries([...found].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * Groups of the Sudachi synonym dictionary that lead from words the catalogue never uses
 * (`from`: a resident's word, one that may trigger expansion) to words it does (`to`).
 * Nouns only, two characters or more, no Latin-only words; sorted for deterministic bytes.
 */
export function sudachiSynonyms(
  groups: readonly SudachiGroup[],
  corpusWords: ReadonlySet<string>,
): { from: string[]; to: string[] }[] {
  const key = (w: string) => w.normalize("NFKC").toLowerCase();
  const out: { from: string[]; to: string[] }[] = [];
  for (const g of groups) {
    const items = g.items.filter(
      (i) =>
        i.expandControl !== 2 &&
        i.taigenYogen === "体言" &&
        [...i.midashi].length >= 2 &&
        !/^[a-z0-9 .-]+$/i.test(i.midashi),
    );
    const to = [...new Set(items.filter((i) => corpusWords.has(key(i.midashi))).map((i) => key(i.midashi)))];
    const from = [
      ...new Set(
        items
          .filter((i) => i.expandControl === 0 && !corpusWords.has(key(i.midashi)))
          .map((i) => key(i.midashi)),
      ),
    ];
    if (to.length > 0 && from.length > 0 && to.length <= 4) out.push({ from: from.sort(), to: to.sort() });
  }
  return out.sort((a, b) => (a.from[0]! < b.from[0]! ? -1 : a.from[0]! > b.from[0]! ? 1 : 0));
}

/** Bump when the build logic changes, so a committed index built by older logic counts as stale. */
export const BUILDER_VERSION = 12;

interface TokenInfoDictionary {
  dictionary: { buffer: Uint8Array };
  getFeatures(id: string): string;
}

/** The hash the committed index must carry for the current inputs (no kuromoji needed). */
export function expectedInputHash(knowledgeDir?: string): string {
  const catalogue = loadCatalogue(knowledgeDir);
  const vocabulary = loadVocabulary(knowledgeDir);
  const gazetteer = loadGazetteer(knowledgeDir);
  const docs = catalogueDocs(catalogue, vocabulary, gazetteer, knowledgeDir);
  return inputHash(INDEX_FORMAT, BUILDER_VERSION, docs, vocabulary, gazetteer);
}

async function main(args: string[]) {
  if (args.includes("--check")) {
    const committed = loadPrebuiltIndex(INDEX_PATH);
    if (committed.inputHash !== expectedInputHash()) {
      process.stderr.write(
        "src/search/prebuilt/index.bin is stale: run `npm run build:index` and commit it\n",
      );
      return 1;
    }
    return 0;
  }
  const t0 = performance.now();
  const index = await buildSearchIndex();
  writeFileSync(INDEX_PATH, packIndex(index));
  process.stdout.write(
    `wrote ${INDEX_PATH}: ${index.docs.length} docs, ${Object.keys(index.lexicon.words).length} words ` +
      `in ${Math.round(performance.now() - t0)} ms\n`,
  );
  return 0;
}

runIfMain(import.meta.url, main);
