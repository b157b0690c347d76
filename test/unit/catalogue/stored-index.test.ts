/** A rebuilt index as the store keeps it: packed, and stored payloads of the JSON form still load. */
import { describe, expect, it } from "vitest";
import { parseStoredIndex, serialiseStoredIndex, type StoredIndex } from "../../../src/catalogue/live.js";
import { loadGazetteer } from "../../../src/knowledge/gazetteer.js";
import { loadVocabulary } from "../../../src/knowledge/vocabulary.js";
import { loadPrebuiltIndex } from "../../../src/search/load-engine.js";
import type { ColumnPostings, PrebuiltIndex } from "../../../src/search/prebuilt-index.js";
import { createSearchEngine } from "../../../src/search/search-engine.js";

const index = loadPrebuiltIndex();
const vocabulary = loadVocabulary();
const gazetteer = loadGazetteer();
const stored: StoredIndex = { index, vocabulary, year: 2021, builtAt: 1_700_000_000_000 };
const QUERIES = ["子ども食堂", "南区でウォーキングの催しはありますか", "ぼうさいの講座", "粗大ごみの出し方"];
const answers = (i: PrebuiltIndex) => {
  const engine = createSearchEngine(i, vocabulary, gazetteer);
  return QUERIES.map((q) => engine.search(q, { limit: 10 }));
};

describe("stored search index", () => {
  it("round-trips through the store's text and answers as the index it was made from", () => {
    const payload = serialiseStoredIndex(stored);
    const back = parseStoredIndex(payload);
    expect(back.vocabulary).toEqual(vocabulary);
    expect([back.year, back.builtAt]).toEqual([2021, 1_700_000_000_000]);
    expect(answers(back.index)).toEqual(answers(index));
    expect(back.index.lexicon.words).toEqual(index.lexicon.words);
  });

  it("still loads a payload stored as JSON before the packed form (base64 columns)", () => {
    const p = index.postings as ColumnPostings;
    const b64 = (a: Uint16Array | Uint32Array) =>
      Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString("base64");
    const old = JSON.stringify({
      ...stored,
      index: {
        ...index,
        docs: index.docs.map((d) => ({ ...d })),
        postings: {
          params: p.params,
          terms: p.terms,
          counts: b64(p.counts),
          docs: b64(p.docs),
          tf: b64(p.tf),
        },
      },
    });
    expect(answers(parseStoredIndex(old).index)).toEqual(answers(index));
  });

  it("refuses an index of another format, loudly", () => {
    const other = JSON.stringify({ ...stored, index: { ...index, format: 99 } });
    expect(() => parseStoredIndex(other)).toThrow(/format 99/);
  });
});
