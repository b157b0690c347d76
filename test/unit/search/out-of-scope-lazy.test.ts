/**
 * Out-of-scope terms are checked against the corpus only when a question holds them (issue 14
 * cold start): reading every document's text for each of the vocabulary's ~200 terms was most of
 * a new instance's first search. What is found must not change: a term some program says is no
 * other desk's topic, one none says is.
 */
import { describe, expect, it } from "vitest";
import { queryReader } from "../../helpers/query-reader.js";
import { loadKnowledgeFor, loadPrebuiltIndex } from "../../../src/search/load-engine.js";

const { vocabulary } = loadKnowledgeFor(loadPrebuiltIndex());

/** Query reading over the committed index, counting the corpus look-ups of whole phrases. */
function reader() {
  const asked: string[] = [];
  const words = queryReader({
    scoring: (scoring) => ({
      ...scoring,
      usesPhrase: (text: string, wards?: Parameters<typeof scoring.usesPhrase>[1]) => {
        asked.push(text);
        return scoring.usesPhrase(text, wards);
      },
    }),
  });
  return { words, asked };
}

describe("out-of-scope terms on a new instance's first question", () => {
  it("asks the corpus about none of the terms a question does not hold", () => {
    const { words, asked } = reader();
    words.analyseQuery("東区の防災訓練");
    const terms = new Set(vocabulary.outOfScope.flatMap((o) => o.terms));
    expect(terms.size).toBeGreaterThan(100);
    expect(asked.filter((t) => terms.has(t))).toEqual([]);
  });

  it("asks only about the terms the question holds, and still names the other desk's topic", () => {
    const { words, asked } = reader();
    const q = "粗大ごみの出し方";
    expect(words.analyseQuery(q).outOfScope).toBe("ごみ・リサイクル");
    const terms = new Set(vocabulary.outOfScope.flatMap((o) => o.terms));
    const askedTerms = [...new Set(asked.filter((t) => terms.has(t)))];
    expect(askedTerms.length).toBeGreaterThan(0);
    for (const t of askedTerms) expect(q, t).toContain(t);
    // (A listed term a corpus says is a topic like any other: abstention.test.ts, over a corpus that covers it.)
  });
});
