// The context of a message (「子育ての仲間がいません。」 before 「防災の講座はありますか」) ranks a
// program partly by itself and the rest as far as the program answers what is asked: a program
// that fits the resident's situation but not their question no longer outranks the one that
// answers it, and still ranks when nothing else does. Made-up programs and messages.
import { describe, expect, it } from "vitest";
import { loadGazetteer } from "../../../src/knowledge/gazetteer.js";
import { loadVocabulary } from "../../../src/knowledge/vocabulary.js";
import { loadPrebuiltIndex } from "../../../src/search/load-engine.js";
import { buildRuntimeIndex } from "../../../src/search/runtime-index.js";
import { createSearchEngine } from "../../../src/search/search-engine.js";
import type { SearchDoc } from "../../../src/search/types.js";

const docs: SearchDoc[] = [
  {
    id: "peers",
    ward: null,
    name: "子育て交流会",
    description: "小学生の子どもを持つ親が集まり、子育ての仲間をつくる。年に一度、講演会も開く。",
  },
  { id: "drill", ward: null, name: "防災講座", description: "地域で防災の講座を開き、防災の備えを学ぶ。" },
  { id: "walk", ward: null, name: "ウォーキング大会", description: "みんなで歩く催し。" },
];
const index = buildRuntimeIndex(docs, loadPrebuiltIndex().lexicon);
const engine = (contextFloor?: number) =>
  createSearchEngine(
    index,
    loadVocabulary(),
    loadGazetteer(),
    contextFloor === undefined ? {} : { contextFloor },
  );
const ids = (e: ReturnType<typeof engine>, q: string) => e.search(q).results.map((h) => h.id);

describe("the context of a message", () => {
  const message = "子育ての仲間がいません。防災の講座はありますか";

  it("is read as context, the question as asked", () => {
    const r = engine().search(message);
    expect(r.analysis.context.join("")).toContain("仲間");
    expect(r.analysis.asked).toContain("防災");
  });

  it("does not lift a program fitting the situation above the one answering the question", () => {
    expect(ids(engine(), message)).toEqual(["drill", "peers"]);
  });

  it("did when it ranked programs whatever they answered (contextFloor 1)", () => {
    expect(ids(engine(1), message)).toEqual(["peers", "drill"]);
  });

  it("only orders: the decision and coverage are the same either way", () => {
    for (const q of [
      message,
      "子どもが小学校に入りました。防災の講座はありますか",
      "仲間がほしいです。何かありますか",
    ]) {
      const [a, b] = [engine().search(q), engine(1).search(q)];
      expect([q, a.decision, a.coverage]).toEqual([q, b.decision, b.coverage]);
    }
  });
});
