/**
 * A query reader over the committed index, built as the engine builds it (lexicon, scoring,
 * correction). Tests of what the reader reads or asks pass `wrap` to count the lexicon's or the
 * scoring's calls; the correction and the reader then use the wrapped parts.
 */
import { loadKnowledgeFor, loadPrebuiltIndex } from "../../src/search/load-engine.js";
import { createCorrection } from "../../src/search/correction.js";
import { createLexicon } from "../../src/search/lexicon.js";
import { DEFAULT_PARAMS } from "../../src/search/params.js";
import { createQueryWords } from "../../src/search/query-words.js";
import { createScoring } from "../../src/search/scoring.js";

type Lexicon = ReturnType<typeof createLexicon>;
type Scoring = ReturnType<typeof createScoring>;

const index = loadPrebuiltIndex();
const { vocabulary, gazetteer } = loadKnowledgeFor(index);

export function queryReader(
  wrap: { lexicon?: (l: Lexicon) => Lexicon; scoring?: (s: Scoring) => Scoring } = {},
): ReturnType<typeof createQueryWords> {
  const p = DEFAULT_PARAMS;
  const plain = createLexicon(index.lexicon, index.lexiconTables, [
    ...vocabulary.stopWords,
    ...vocabulary.intentWords,
  ]);
  const lexicon = wrap.lexicon ? wrap.lexicon(plain) : plain;
  const made = createScoring(index, p);
  const scoring = wrap.scoring ? wrap.scoring(made) : made;
  const correction = createCorrection(lexicon, scoring, vocabulary, p, index.correctionKeys);
  return createQueryWords({
    lexicon,
    vocabulary,
    gazetteer,
    synonyms: index.synonyms,
    scoring,
    correction,
    params: p,
  });
}
