/**
 * The query reader's tables (synonym groups, dictionary synonyms, need and detail cues in all
 * their forms) made at build time and stored in the prebuilt index (issue 14 cold start: making
 * them was about a third of building the reader on a new instance's first question). They must
 * be the tables this code makes from the shipped inputs, read the same, and be used only with
 * the vocabulary they were made from.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadGazetteer } from "../../../src/knowledge/gazetteer.js";
import { loadVocabulary, type Vocabulary } from "../../../src/knowledge/vocabulary.js";
import { createLexicon } from "../../../src/search/lexicon.js";
import { loadKnowledgeFor, loadPrebuiltIndex } from "../../../src/search/load-engine.js";
import type { PrebuiltIndex } from "../../../src/search/prebuilt-index.js";
import { queryWordTables, queryWordTablesOf } from "../../../src/search/query-word-tables.js";
import { createSearchEngine } from "../../../src/search/search-engine.js";

const index = loadPrebuiltIndex();
const vocabulary = loadVocabulary();
const gazetteer = loadGazetteer();

describe("stored query-word tables", () => {
  it("are in the committed index and equal the tables this code makes from the shipped inputs", () => {
    const stored = index.queryWordTables;
    expect(stored, "run `npm run build:index`").toBeDefined();
    const { of, ...tables } = stored!;
    expect(of).toBe(queryWordTablesOf(vocabulary));
    const lexicon = createLexicon(index.lexicon, index.lexiconTables);
    expect(tables).toEqual(queryWordTables(vocabulary, lexicon, index.synonyms));
    expect(tables.needCues.length).toBeGreaterThan(vocabulary.needs.length);
    expect(tables.dictionary.length).toBeGreaterThan(100);
  });

  it("read every seen question as tables made at start do", () => {
    const { queryWordTables: _stored, ...without } = index;
    const fromIndex = createSearchEngine(index, vocabulary, gazetteer);
    const made = createSearchEngine(without, vocabulary, gazetteer);
    const queries = ["blind-k", "blind-l"].flatMap(
      (set) =>
        (
          JSON.parse(readFileSync(`test/fixtures/search/${set}.json`, "utf8")) as {
            queries: { query: string }[];
          }
        ).queries,
    );
    expect(queries.length).toBeGreaterThan(300);
    for (const { query } of queries) {
      expect(fromIndex.analyse(query), query).toEqual(made.analyse(query));
      expect(
        fromIndex.search(query).results.map((h) => h.id),
        query,
      ).toEqual(made.search(query).results.map((h) => h.id));
    }
  });

  it("are read by an engine over the vocabulary they were made from, and only then", () => {
    // A spoiled need cue shows which tables an engine reads.
    const stored = index.queryWordTables!;
    const need = vocabulary.needs[0]!;
    const spoiled = {
      ...index,
      queryWordTables: { ...stored, needCues: [{ phrase: "ぴよぴよ", cue: need.cues[0]!, need: 0 }] },
    } as PrebuiltIndex;
    const words = (v: Vocabulary) =>
      createSearchEngine(spoiled, v, gazetteer)
        .analyse("ぴよぴよ")
        .words.map((w) => w.text);
    expect(words(vocabulary)).toContain(need.cues[0]);
    // As a deployed instance reads it: the checked file as it is, keys in the file's order.
    expect(words(loadKnowledgeFor(index).vocabulary)).toContain(need.cues[0]);
    const other: Vocabulary = {
      ...vocabulary,
      needs: vocabulary.needs.map((n, i) => (i === 1 ? { ...n, cues: [...n.cues, "試験語"] } : n)),
    };
    expect(words(other)).not.toContain(need.cues[0]);
  });
});
