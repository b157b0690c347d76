// Program places (issue 11, neighbourhood messages): each program's neighbourhoods are read at
// index build time from its own text with the gazetteer; a resident who names their 校区 or 町
// sees the programs of that place first and those made for another neighbourhood of the ward
// after the ward-wide ones. Made-up programs and messages.
import { describe, expect, it } from "vitest";
import { loadGazetteer } from "../../../src/knowledge/gazetteer.js";
import { loadVocabulary } from "../../../src/knowledge/vocabulary.js";
import { docPlaces, samePlace } from "../../../src/search/doc-places.js";
import { loadPrebuiltIndex } from "../../../src/search/load-engine.js";
import { buildRuntimeIndex } from "../../../src/search/runtime-index.js";
import { createSearchEngine } from "../../../src/search/search-engine.js";
import type { SearchDoc } from "../../../src/search/types.js";

const gazetteer = loadGazetteer();
const prebuilt = loadPrebuiltIndex();

describe("a program's places, read from its text", () => {
  it("takes the places its name is for as its scope, and every neighbourhood it names as its places", () => {
    const doc: SearchDoc = {
      id: "x",
      ward: "南区",
      name: "【天明】花いっぱい運動",
      description: "銭塘校区の花壇に花を植え、田崎市場で苗を買う。",
    };
    const { places, scope } = docPlaces(doc, gazetteer);
    // 天明 is also an era: alone in 【】 it is read as the place the program is for.
    expect(scope).toEqual(["天明"]);
    expect(places).toEqual(expect.arrayContaining(["天明", "銭塘"]));
    expect(places).not.toContain("南区");
  });

  it("finds none in a ward-wide program", () => {
    const doc: SearchDoc = { id: "y", ward: "中央区", name: "防災講座", description: "各校区で講座を開く。" };
    expect(docPlaces(doc, gazetteer)).toEqual({ places: [], scope: [] });
  });

  it("treats a town as lying in the area its name starts with", () => {
    expect(samePlace("城南町隈庄", "城南")).toBe(true);
    expect(samePlace("城南", "城南町")).toBe(true);
    expect(samePlace("富合", "城南")).toBe(false);
  });

  it("is in the committed index: scope from the name, places from the description too", () => {
    const byId = new Map(prebuilt.docs.map((d) => [d.id, d]));
    expect(byId.get("minami-m-16-4")?.scope).toEqual(["富合"]);
    // Its description only says where a visit goes (a market): no scope, the ward is served.
    const market = byId.get("nishi-m-06");
    expect(market?.places?.length).toBeGreaterThan(0);
    expect(market?.scope).toBeUndefined();
    expect(byId.get("chuo-f-07")?.places).toBeUndefined();
  });
});

describe("searching from a named neighbourhood", () => {
  const made: SearchDoc[] = [
    { id: "wide", ward: "南区", name: "南区の防災訓練", description: "地域で行う防災訓練を支援する。" },
    {
      id: "other",
      ward: "南区",
      name: "【富合】防災訓練事業",
      description: "防災訓練と避難の防災訓練を行う。",
    },
    { id: "own", ward: "南区", name: "【天明】花のまちづくり", description: "花を植えて地域を明るくする。" },
  ];
  const docs = made.map((d) => ({ ...d, ...docPlaces(d, gazetteer) }));
  const index = buildRuntimeIndex(docs, prebuilt.lexicon);
  const vocabulary = loadVocabulary();
  const engine = createSearchEngine(index, vocabulary, gazetteer);
  const plain = createSearchEngine(index, vocabulary, gazetteer, { placeBoost: 0, otherPlaceFactor: 1 });
  const message = "天明に住んでいます。防災訓練に参加したいです。";
  const ids = (e: typeof engine) => e.search(message).results.map((h) => h.id);

  it("ranks a program made for another neighbourhood below the ward-wide one", () => {
    expect(ids(plain).indexOf("other")).toBeLessThan(ids(plain).indexOf("wide"));
    expect(ids(engine).indexOf("wide")).toBeLessThan(ids(engine).indexOf("other"));
  });

  it("lifts the resident's own neighbourhood's program though only its place matched", () => {
    // Without the tie its place, named as context, would not rank it at all: it answers nothing
    // asked, so it joins after the programs that do (before the tenth session it led them).
    expect(ids(plain)).not.toContain("own");
    expect(ids(engine)).toEqual(["wide", "other", "own"]);
  });

  it("changes nothing when no neighbourhood is named", () => {
    const q = "防災訓練に参加したいです。";
    expect(engine.search(q).results.map((h) => h.id)).toEqual(plain.search(q).results.map((h) => h.id));
  });
});

describe("a place the context names", () => {
  // The market program names the landmark the resident lives by, and shares one word of the
  // question; the walking program answers the question. Made-up programs and message.
  const made: SearchDoc[] = [
    { id: "walk", ward: "西区", name: "西区ウォーキング大会", description: "区内を歩くウォーキングの催し。" },
    {
      id: "market",
      ward: "西区",
      name: "市場の見学会",
      description: "田崎市場で、親子で市場の仕事を見学する催し。",
    },
  ];
  const docs = made.map((d) => ({ ...d, ...docPlaces(d, gazetteer) }));
  const engine = createSearchEngine(buildRuntimeIndex(docs, prebuilt.lexicon), loadVocabulary(), gazetteer);

  it("says where the resident is, not what they ask: the program answering the question leads", () => {
    const r = engine.search("田崎市場の近くに住んでいます。ウォーキングの催しはありますか");
    expect(r.results.map((h) => h.id)).toEqual(["walk", "market"]);
  });

  it("still ranks the program that names it first when both answer the question alike", () => {
    const r = engine.search("田崎市場の近くに住んでいます。見学の催しはありますか");
    expect(r.results[0]?.id).toBe("market");
  });
});
