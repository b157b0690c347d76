// Program audiences (issue 11 point 1): who each program is for is read at index build time from
// the audience it lists (its 対象) with the vocabulary's audience classes; a resident who says who they are in the
// context of a message (「80歳です」, 「子どもがいます」, a message in English) sees the programs for
// them first when relevance is close, and the context never decides whether to answer.
// Made-up programs and messages.
import { describe, expect, it } from "vitest";
import { loadGazetteer } from "../../../src/knowledge/gazetteer.js";
import { loadVocabulary } from "../../../src/knowledge/vocabulary.js";
import { docAudiences } from "../../../src/search/doc-audiences.js";
import { loadPrebuiltIndex } from "../../../src/search/load-engine.js";
import { buildRuntimeIndex } from "../../../src/search/runtime-index.js";
import { createSearchEngine } from "../../../src/search/search-engine.js";
import type { SearchDoc } from "../../../src/search/types.js";

const vocabulary = loadVocabulary();
const gazetteer = loadGazetteer();
const prebuilt = loadPrebuiltIndex();
const doc = (audience: string[], description = "地域で講座を開く。"): SearchDoc => ({
  id: "x",
  ward: "東区",
  name: "地域の事業",
  description,
  audience,
});

describe("a program's audiences, read from whom it lists", () => {
  // The class as a whole: every Japanese cue of every audience, in a listed audience of its own.
  const cases = vocabulary.audiences.flatMap((a) =>
    a.cues.filter((c) => !/^[a-z]/i.test(c)).map((cue) => [a.audience, cue] as const),
  );

  it.each(cases)("reads %s from a listed 「%s」", (audience, cue) => {
    expect(docAudiences(doc([`${cue}の方`]), vocabulary)).toContain(audience);
  });

  it("reads the class's own name", () => {
    for (const a of vocabulary.audiences)
      expect(docAudiences(doc([a.audience]), vocabulary)).toContain(a.audience);
  });

  it("finds none where it lists no one of a class, and never from an English cue", () => {
    expect(docAudiences(doc(["地域団体", "自治会役員"]), vocabulary)).toEqual([]);
    expect(docAudiences(doc(["kids and seniors"]), vocabulary)).toEqual([]);
  });

  it("does not read people its description names as what it does", () => {
    // A consultation on preventing frailty is for the people hit by the disaster it lists.
    expect(docAudiences(doc(["被災者"], "健康チェックや介護予防の相談会を開く。"), vocabulary)).toEqual([]);
  });

  it("is in the committed index", () => {
    const aimed = prebuilt.docs.filter((d) => (d.audiences ?? []).length > 0);
    // Some programs list whom they are for; most serve everyone.
    expect(aimed.length).toBeGreaterThan(5);
    expect(aimed.length).toBeLessThan(prebuilt.docs.length / 2);
    for (const d of prebuilt.docs) expect(d.audiences ?? []).toEqual(docAudiences(d, vocabulary));
  });
});

describe("searching as one of an audience", () => {
  const made: SearchDoc[] = [
    { id: "all", ward: "東区", name: "防災講座", description: "地域で防災講座を開く。" },
    {
      id: "old",
      ward: "東区",
      name: "防災講座",
      description: "地域で防災講座を開く。",
      audience: ["高齢者"],
    },
    {
      id: "kids",
      ward: "東区",
      name: "防災講座",
      description: "地域で防災講座を開く。",
      audience: ["乳幼児の保護者"],
    },
  ];
  const docs = made.map((d) => ({ ...d, audiences: docAudiences(d, vocabulary) }));
  const index = buildRuntimeIndex(docs, prebuilt.lexicon);
  const engine = createSearchEngine(index, vocabulary, gazetteer);
  const plain = createSearchEngine(index, vocabulary, gazetteer, { audienceBoost: 0 });
  const ids = (e: typeof engine, m: string) => e.search(m).results.map((h) => h.id);

  it("puts the programs for who the resident says they are first", () => {
    expect(ids(engine, "80歳です。東区で防災講座はありますか")[0]).toBe("old");
    // A child of one's own: the family raising it.
    expect(ids(engine, "3歳の子どもがいます。東区で防災講座はありますか")[0]).toBe("kids");
  });

  it("only orders: the same programs, the same decision, with or without the boost", () => {
    for (const m of [
      "80歳です。東区で防災講座はありますか",
      "3歳の子どもがいます。東区で防災講座はありますか",
    ]) {
      const [a, b] = [engine.search(m), plain.search(m)];
      expect(a.decision).toEqual(b.decision);
      expect(a.coverage).toBe(b.coverage);
      expect([...ids(engine, m)].sort()).toEqual([...ids(plain, m)].sort());
    }
  });

  it("never vetoes: a program for no one is still answered for an 80-year-old", () => {
    const only = buildRuntimeIndex([made[0]!], prebuilt.lexicon);
    const r = createSearchEngine(only, vocabulary, gazetteer).search("80歳です。東区で防災講座はありますか");
    expect(r.results.map((h) => h.id)).toEqual(["all"]);
  });

  it("reads a group's change (会員の高齢化) as a situation, not as who writes", () => {
    const a = engine.analyseMessage("会員の高齢化で担い手がいません。東区で防災講座はありますか");
    expect(a.contextAudiences).not.toContain("高齢者");
    expect(engine.analyseMessage("高齢の母がいます。東区で防災講座はありますか").contextAudiences).toContain(
      "高齢者",
    );
  });
});
