// A written compound's parts met in different phrasings of one program (src/search/scoring.ts
// `holdsWhole`): a program's phrasings are one field, so ジョギング of one phrasing and コース of
// another (犬の散歩でいつも同じコースを歩く) looked like ジョギングコース, a thing none of them names —
// and the more phrasings a program has, the more such false wholes. One phrasing, or the program's
// own text, must hold the compound; the parts of a phrase written apart (ジョギングの コース) are
// two words and still count wherever they are. Tested over a class of compounds (katakana and
// kanji, two words each that the lexicon cuts apart), each against its twins.
import { describe, expect, it } from "vitest";
import { loadGazetteer } from "../../../src/knowledge/gazetteer.js";
import { loadVocabulary } from "../../../src/knowledge/vocabulary.js";
import { loadPrebuiltIndex } from "../../../src/search/load-engine.js";
import type { EngineParams } from "../../../src/search/params.js";
import { buildRuntimeIndex } from "../../../src/search/runtime-index.js";
import { createSearchEngine } from "../../../src/search/search-engine.js";
import type { SearchDoc } from "../../../src/search/types.js";

const base = loadPrebuiltIndex();
const vocabulary = loadVocabulary();
const gazetteer = loadGazetteer();

const COMPOUNDS = [
  ["ジョギング", "コース"],
  ["防災", "倉庫"],
  ["地域", "マップ"],
  ["交通安全", "教室"],
  ["町内会", "費"],
  ["公民館", "講座"],
  ["英会話", "教室"],
] as const;

const filler: SearchDoc = {
  id: "filler",
  ward: null,
  name: "花いっぱい運動",
  description: "花を植える。",
  askedAs: ["花を植えたい"],
};
/** A program whose own text says the first part; its phrasings say the parts as asked. */
const program = (a: string, askedAs: string[], description = `${a}のついでに見守る。`): SearchDoc => ({
  id: "program",
  ward: null,
  name: "見守り活動",
  description,
  askedAs,
});
const coverage = (doc: SearchDoc, q: string, params: Partial<EngineParams> = {}) =>
  createSearchEngine(buildRuntimeIndex([doc, filler], base.lexicon), vocabulary, gazetteer, params).search(q)
    .coverage;

describe("a compound's parts in different phrasings of one program", () => {
  it.each(COMPOUNDS)("do not cover %s%s; one phrasing or the own text holding it does", (a, b) => {
    const q = `${a}${b}はありますか`;
    const split = program(a, [`${a}しながら見守りたい`, `いつも同じ${b}を歩く`]);
    const inOne = program(a, [`${a}${b}を歩きながら見守りたい`, "いつも同じ道を歩く"]);
    const inOwn = program(a, ["見守りたい", `いつも同じ${b}を歩く`], `${a}${b}で見守る。`);
    expect(coverage(split, q)).toBeLessThan(0.5);
    expect(coverage(inOne, q)).toBe(1);
    expect(coverage(inOwn, q)).toBe(1);
    // What the rule changes: without it, the split phrasings held the compound whole.
    expect(coverage(split, q, { onePhrasingHolds: false })).toBe(1);
  });

  it.each(COMPOUNDS)("still count for %s and %s written apart, as two words", (a, b) => {
    const q = `${a}の${b}はありますか`;
    expect(coverage(program(a, [`${a}しながら見守りたい`, `いつも同じ${b}を歩く`]), q)).toBe(1);
  });
});
