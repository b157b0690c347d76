/**
 * Builds an index at run time from any documents (FAQ entries, notices, benchmark corpora),
 * reading them with an existing lexicon instead of kuromoji. Readings of words the lexicon does
 * not know are left out; surface n-grams still match them.
 */
import { createLexicon, type LexiconData } from "./lexicon.js";
import { assembleIndex, inputHash, type PrebuiltIndex } from "./prebuilt-index.js";
import { normalise } from "./normalise.js";
import type { SearchDoc } from "./types.js";

/** An index over `docs`, read with `lexicon` (no kuromoji); no stored postings. */
export function buildRuntimeIndex(docs: SearchDoc[], lexicon: LexiconData): PrebuiltIndex {
  const lex = createLexicon(lexicon);
  return assembleIndex(docs, lexicon, (t) => lex.readingOf(normalise(t)), inputHash(docs));
}
