// The order of the hits: the scorer selects the first page in one pass instead of sorting every
// hit, so a page at any offset must be the same slice of the one order (higher score first, ties
// by id), the total must count every kept hit, and a ward filter must keep only that ward's.
import { describe, expect, it } from "vitest";
import { loadGazetteer } from "../../../src/knowledge/gazetteer.js";
import { loadVocabulary } from "../../../src/knowledge/vocabulary.js";
import { buildRuntimeIndex } from "../../../src/search/runtime-index.js";
import { createSearchEngine } from "../../../src/search/search-engine.js";
import type { SearchDoc } from "../../../src/search/types.js";
import { loadPrebuiltIndex } from "../../../src/search/load-engine.js";

const base = loadPrebuiltIndex();
const texts = [
  "防災訓練を行います。",
  "地域の防災訓練と避難の練習です。",
  "防災の講座です。",
  "防災訓練",
  "子どもの見守り活動です。",
];
const wards = ["中央区", "東区", null] as const;
// Ids out of order and with equal texts, so ties must be broken by id ("d10" < "d2").
const docs: SearchDoc[] = Array.from({ length: 36 }, (_, i) => ({
  id: `d${(i * 7) % 36}`,
  ward: wards[i % 3]!,
  name: i % 4 === 0 ? "防災訓練" : "地域の活動",
  description: texts[i % texts.length]!,
}));
const engine = createSearchEngine(buildRuntimeIndex(docs, base.lexicon), loadVocabulary(), loadGazetteer(), {
  abstain: false,
});

describe("ranking pages", () => {
  const all = engine.search("防災訓練", { limit: 100 });

  it("orders every hit by score, ties by id", () => {
    expect(all.results.length).toBe(all.total);
    expect(all.total).toBeGreaterThan(12);
    const sorted = [...all.results].sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
    expect(all.results.map((h) => h.id)).toEqual(sorted.map((h) => h.id));
    expect(new Set(all.results.map((h) => h.score)).size).toBeLessThan(all.results.length);
  });

  it("returns the same slice of that order at every offset, with the full total", () => {
    for (let offset = 0; offset <= all.total; offset += 3) {
      const page = engine.search("防災訓練", { limit: 4, offset });
      expect(page.total).toBe(all.total);
      expect(page.results.map((h) => h.id)).toEqual(all.results.slice(offset, offset + 4).map((h) => h.id));
    }
  });

  it("keeps only the ward's documents when a ward is asked, never those of no ward", () => {
    const east = engine.search("防災訓練", { limit: 100, ward: "東区" });
    const ids = new Set(docs.filter((d) => d.ward === "東区").map((d) => d.id));
    expect(east.results.length).toBeGreaterThan(0);
    for (const h of east.results) expect(ids.has(h.id)).toBe(true);
    expect(east.results.map((h) => h.id)).toEqual(all.results.filter((h) => ids.has(h.id)).map((h) => h.id));
  });
});
