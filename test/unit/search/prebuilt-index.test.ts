/** The committed prebuilt search index matches a rebuild from knowledge/ byte for byte, and its packed form loads as built. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildSearchIndex, expectedInputHash, INDEX_PATH } from "../../../scripts/build-search-index.js";
import { loadGazetteer } from "../../../src/knowledge/gazetteer.js";
import { loadVocabulary } from "../../../src/knowledge/vocabulary.js";
import { DEFAULT_BM25 } from "../../../src/search/bm25.js";
import { correctionKeys } from "../../../src/search/correction.js";
import { createLexicon, lexiconTables } from "../../../src/search/lexicon.js";
import { DEFAULT_PARAMS } from "../../../src/search/params.js";
import { createScoring } from "../../../src/search/scoring.js";
import { loadPrebuiltIndex } from "../../../src/search/load-engine.js";
import { packIndex, unpackIndex } from "../../../src/search/packed-index.js";
import {
  indexBm25,
  type ColumnPostings,
  type CompactPostings,
  type PrebuiltIndex,
} from "../../../src/search/prebuilt-index.js";
import { createSearchEngine } from "../../../src/search/search-engine.js";

const committed = readFileSync(INDEX_PATH);
const index = loadPrebuiltIndex();
const QUERIES = [
  "ぼうさいの講座",
  "南区でウォーキングの催しはありますか",
  "車の運転をやめました。南区でウォーキングの催しはありますか",
  "ひなんじょはどこ",
  "子ども食堂",
  "防災熟に参加したい",
  "ありがとう！助かったよ",
  "kodomo shokudou",
  "粗大ごみの出し方",
];
const answers = (i: PrebuiltIndex) => {
  const engine = createSearchEngine(i, loadVocabulary(), loadGazetteer());
  return QUERIES.map((q) => engine.search(q, { limit: 10 }));
};

/** Base64 of little-endian integers: the JSON form of a column (indexes stored before the packed form). */
const base64 = (values: ArrayLike<number>, bytes: 2 | 4) => {
  const b = Buffer.alloc(values.length * bytes);
  for (let i = 0; i < values.length; i++)
    if (bytes === 2) b.writeUInt16LE(values[i]!, i * 2);
    else b.writeUInt32LE(values[i]!, i * 4);
  return b.toString("base64");
};

describe("prebuilt search index", () => {
  it("is up to date with the catalogue, vocabulary and gazetteer", () => {
    expect(
      index.inputHash,
      "src/search/prebuilt/index.bin is stale: run `npm run build:index` and commit the result",
    ).toBe(expectedInputHash());
  });

  it("is exactly what the builder produces (deterministic bytes)", async () => {
    const rebuilt = packIndex(await buildSearchIndex());
    expect(
      Buffer.compare(Buffer.from(rebuilt), committed) === 0,
      "src/search/prebuilt/index.bin differs from a rebuild: run `npm run build:index`",
    ).toBe(true);
  }, 60_000);

  it("holds a reading for every document field with Japanese text", () => {
    for (const d of index.docs) {
      expect(d.readings.name, d.id).toMatch(/[\u3041-\u309f]/);
      expect(d.readings.name, d.id).not.toMatch(/\p{Script=Han}/u);
    }
    expect(index.lexicon.words["防災"]).toBe("ぼうさい");
    expect(index.lexicon.words["補助金"]).toBe("ほじょきん");
  });

  it("records the vocabulary its build checked (read at start without a second check)", () => {
    expect(Object.keys(index.checked ?? {})).toContain("vocabulary.json");
  });
});

describe("packed form", () => {
  it("unpacks to the index that was packed, every field (an added table too)", () => {
    const withTable = { ...index, futureTable: { a: [1, 2, 3], b: "x" } } as PrebuiltIndex;
    const back = unpackIndex(packIndex(withTable));
    const plain = (i: PrebuiltIndex) => ({
      ...i,
      docs: i.docs.map((d) => ({ ...d })),
      lexicon: { stop: i.lexicon.stop, weak: i.lexicon.weak, words: i.lexicon.words },
    });
    expect(plain(back)).toEqual(plain(withTable));
    expect(Object.keys(back).sort()).toEqual(Object.keys(withTable).sort());
  });

  it("answers exactly as the index built in memory does", async () => {
    expect(answers(index)).toEqual(answers(await buildSearchIndex()));
  }, 60_000);

  it("never reads the documents' readings or the lexicon's words to answer", () => {
    const bytes = packIndex(index);
    const header = JSON.parse(
      Buffer.from(bytes.subarray(8, 8 + new DataView(bytes.buffer).getUint32(4, true))).toString("utf8"),
    ) as { sections: { name: string; offset: number; bytes: number }[] };
    // Spoil both sections: answering must not touch them.
    for (const s of header.sections.filter((x) => x.name === "docs.readings" || x.name === "lexicon.words"))
      bytes.fill(0x7b, s.offset, s.offset + s.bytes);
    const lazy = unpackIndex(bytes);
    expect(answers(lazy)).toEqual(answers(index));
    expect(() => lazy.docs[0]!.readings).toThrow();
  });

  it("refuses a truncated buffer with a clear message", () => {
    const bytes = packIndex(index);
    expect(() => unpackIndex(bytes.subarray(0, bytes.length - 5000))).toThrow(/truncated/);
  });

  it("loads from a buffer at any byte offset (as a decoded store payload may be)", () => {
    const bytes = packIndex(index);
    const shifted = new Uint8Array(bytes.length + 3);
    shifted.set(bytes, 3);
    expect(answers(unpackIndex(shifted.subarray(3)))).toEqual(answers(index));
  });
});

describe("stored postings", () => {
  const { postings, ...withoutPostings } = index;
  const columns = postings as ColumnPostings;

  it("are integer columns read in place", () => {
    expect(columns.counts).toBeInstanceOf(Uint32Array);
    expect(columns.docs).toBeInstanceOf(Uint16Array);
    expect(columns.tf).toBeInstanceOf(Uint32Array);
    expect(columns.docs.length).toBe(columns.counts.reduce((s, c) => s + c, 0));
  });

  it("score every term as computing them from the documents does (to the stored precision)", () => {
    const stored = indexBm25(index, DEFAULT_BM25);
    const computed = indexBm25(withoutPostings, DEFAULT_BM25);
    const terms = columns.terms;
    expect(terms.length).toBeGreaterThan(1000);
    for (const t of terms) {
      const a = stored.postings(t)!;
      const b = computed.postings(t)!;
      expect([...a.docs], t).toEqual([...b.docs]);
      a.scores.forEach((s, i) => expect(Math.abs(s - b.scores[i]!), t).toBeLessThan(1e-3));
      expect(stored.idf(t)).toBe(computed.idf(t));
    }
    expect(stored.postings("s:存在しない語")).toBeUndefined();
    expect(stored.idf("s:存在しない語")).toBe(computed.maxIdf);
  });

  it("still load from an index stored as JSON with base64 columns (before the packed form)", () => {
    const compact: CompactPostings = {
      params: columns.params,
      terms: columns.terms,
      counts: base64(columns.counts, 4),
      docs: base64(columns.docs, 2),
      tf: base64(columns.tf, 4),
    };
    const json = JSON.parse(JSON.stringify({ ...withoutPostings, postings: compact })) as PrebuiltIndex;
    expect(answers(json)).toEqual(answers(index));
  });

  it("still load from an index written in the older per-term form", () => {
    const terms: Record<string, number[]> = {};
    const compact = indexBm25(index, DEFAULT_BM25);
    for (const t of columns.terms.slice(0, 50)) {
      const p = compact.postings(t)!;
      terms[t] = [...p.docs].flatMap((d) => [d, 10_000]);
    }
    const old = indexBm25({ ...withoutPostings, postings: { params: DEFAULT_BM25, terms } }, DEFAULT_BM25);
    const first = Object.keys(terms)[0]!;
    expect([...old.postings(first)!.docs]).toEqual([...compact.postings(first)!.docs]);
  });
});

describe("stored correction keys", () => {
  it("equal the keys computed from the index at start-up, in the same order", () => {
    const lexicon = createLexicon(index.lexicon, index.lexiconTables);
    expect(index.correctionKeys, "run `npm run build:index`").toEqual(
      correctionKeys(lexicon, createScoring(index, DEFAULT_PARAMS).fullyInCorpus),
    );
  });

  it("correct misspellings as computing them at start-up does", () => {
    const { correctionKeys: _stored, ...computed } = index;
    const misspelt = [
      "防災熟に参加したい",
      "ウォーキンク大会",
      "認知証カフェ",
      "保助金がほしい",
      "子ども食道",
    ];
    const engine = (i: PrebuiltIndex) => createSearchEngine(i, loadVocabulary(), loadGazetteer());
    const [a, b] = [engine(index), engine(computed)];
    for (const q of misspelt) expect(a.search(q, { limit: 10 }), q).toEqual(b.search(q, { limit: 10 }));
    expect(a.search("防災熟に参加したい").suggestions[0]).toContain("防災塾");
  });
});

describe("stored lexicon tables", () => {
  const lexicon = index.lexicon;

  it("are in the committed index and equal the tables computed from its words", () => {
    expect(index.lexiconTables, "run `npm run build:index`").toBeDefined();
    expect(index.lexiconTables).toEqual(lexiconTables(lexicon.words));
  });

  it("read queries exactly as tables computed at start-up do", () => {
    const stored = createLexicon(lexicon, index.lexiconTables);
    const computed = createLexicon({ words: lexicon.words, stop: lexicon.stop, weak: lexicon.weak });
    for (const q of [
      "ぼうさいの講座",
      "ウォーキング大会に出たい",
      "ひなんじょはどこ",
      "子ども食堂",
      "補助金",
    ]) {
      expect(stored.segment(q)).toEqual(computed.segment(q));
      expect(stored.readingOf(q)).toEqual(computed.readingOf(q));
    }
    expect(stored.keys()).toEqual(computed.keys());
    expect(stored.display("うおきんぐ")).toBe(computed.display("うおきんぐ"));
  });

  it("are ignored when they do not belong to the words given", () => {
    const other = { ...lexicon, words: { ...lexicon.words, 新語です: "しんごです" } };
    expect(createLexicon(other, index.lexiconTables).readingOfWord("新語です")).toBe("しんごです");
  });
});
