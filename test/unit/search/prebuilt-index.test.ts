/** The committed prebuilt search index matches a rebuild from knowledge/ byte for byte. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildSearchIndex, expectedInputHash, INDEX_PATH } from "../../../scripts/build-search-index.js";
import { DEFAULT_BM25 } from "../../../src/search/bm25.js";
import { createLexicon, lexiconTables } from "../../../src/search/lexicon.js";
import { indexBm25, serialiseIndex, type PrebuiltIndex } from "../../../src/search/prebuilt-index.js";

const committed = readFileSync(INDEX_PATH, "utf8");

describe("prebuilt search index", () => {
  it("is up to date with the catalogue, vocabulary and gazetteer", () => {
    const index = JSON.parse(committed) as PrebuiltIndex;
    expect(
      index.inputHash,
      "src/search/prebuilt/index.json is stale: run `npm run build:index` and commit the result",
    ).toBe(expectedInputHash());
  });

  it("is exactly what the builder produces (deterministic bytes)", async () => {
    const rebuilt = serialiseIndex(await buildSearchIndex());
    expect(
      rebuilt === committed,
      "src/search/prebuilt/index.json differs from a rebuild: run `npm run build:index`",
    ).toBe(true);
  }, 60_000);

  it("holds a reading for every document field with Japanese text", () => {
    const index = JSON.parse(committed) as PrebuiltIndex;
    for (const d of index.docs) {
      expect(d.readings.name, d.id).toMatch(/[\u3041-\u309f]/);
      expect(d.readings.name, d.id).not.toMatch(/\p{Script=Han}/u);
    }
    expect(index.lexicon.words["防災"]).toBe("ぼうさい");
    expect(index.lexicon.words["補助金"]).toBe("ほじょきん");
  });
});

describe("stored postings", () => {
  const index = JSON.parse(committed) as PrebuiltIndex;
  const { postings, ...withoutPostings } = index;

  it("are compact columns (one base64 string per column, not a JSON array per term)", () => {
    expect(postings && Array.isArray(postings.terms)).toBe(true);
    expect(typeof (postings as { docs?: unknown }).docs).toBe("string");
  });

  it("score every term as computing them from the documents does (to the stored precision)", () => {
    const stored = indexBm25(index, DEFAULT_BM25);
    const computed = indexBm25(withoutPostings, DEFAULT_BM25);
    const terms = (postings as { terms: string[] }).terms;
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

  it("still load from an index written in the older per-term form", () => {
    const terms: Record<string, number[]> = {};
    const compact = indexBm25(index, DEFAULT_BM25);
    for (const t of (postings as { terms: string[] }).terms.slice(0, 50)) {
      const p = compact.postings(t)!;
      terms[t] = [...p.docs].flatMap((d) => [d, 10_000]);
    }
    const old = indexBm25({ ...withoutPostings, postings: { params: DEFAULT_BM25, terms } }, DEFAULT_BM25);
    const first = Object.keys(terms)[0]!;
    expect([...old.postings(first)!.docs]).toEqual([...compact.postings(first)!.docs]);
  });
});

describe("stored lexicon tables", () => {
  const index = JSON.parse(committed) as PrebuiltIndex;
  const lexicon = index.lexicon;

  it("are in the committed index and equal the tables computed from its words", () => {
    expect(index.lexiconTables, "run `npm run build:index`").toBeDefined();
    expect(index.lexiconTables).toEqual(lexiconTables(lexicon.words));
  });

  it("read queries exactly as tables computed at start-up do", () => {
    const stored = createLexicon(lexicon, index.lexiconTables);
    const computed = createLexicon(lexicon);
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
