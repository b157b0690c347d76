/**
 * The unnamed thing of a message's asking clause in the ward searched (ハザードマップ: only some
 * wards' programs name one) is read from the pieces of the clause the message's reading read
 * already (issue 14): a resident with a ward in their profile is searched in that ward on every
 * question, and the clause's pieces were read a second time for it. What is found must not
 * change: the same thing as a reader that reads the clause afresh, for each message, whatever
 * other messages were read in between.
 */
import { describe, expect, it } from "vitest";
import { queryReader } from "../../helpers/query-reader.js";
import type { Ward } from "../../../src/knowledge/schema.js";
import { loadKnowledgeFor, loadPrebuiltIndex, loadSearchEngine } from "../../../src/search/load-engine.js";

const index = loadPrebuiltIndex();
const { vocabulary, gazetteer } = loadKnowledgeFor(index);
const engine = loadSearchEngine({ index, vocabulary, gazetteer });
const WARDS: Ward[] = ["中央区", "東区", "西区", "南区", "北区"];

/** A query reader over the committed index, counting the texts its lexicon segments. */
function reader() {
  const segmented: string[] = [];
  const words = queryReader({
    lexicon: (lexicon) => ({
      ...lexicon,
      segment: (text: string) => {
        segmented.push(text);
        return lexicon.segment(text);
      },
    }),
  });
  return { words, segmented };
}

const MESSAGES = [
  "ハザードマップはありますか",
  "大雨のハザードマップはどこで見られますか",
  "子ども食堂はありますか",
  "防災の講座はありますか",
  "スポーツジムの月謝に補助はありますか",
];

describe("the unnamed thing in the ward searched", () => {
  it("is what a fresh reading of the clause finds, in every ward", () => {
    const { words } = reader();
    const found: string[] = [];
    for (const q of MESSAGES) {
      const m = engine.analyseMessage(q);
      const kept = words.readMessage(m);
      for (const w of WARDS) {
        const fresh = reader().words.unnamedThing(m.head, [w]);
        expect(kept.unnamedThingIn([w]), `${q} in ${w}`).toBe(fresh);
        if (fresh) found.push(`${fresh} ${w}`);
      }
      expect(kept.unnamedThingIn(WARDS.slice(0, 2)), q).toBe(
        reader().words.unnamedThing(m.head, WARDS.slice(0, 2)),
      );
    }
    // The catalogue names these things in some wards and not in others: a test that can fail.
    expect(found).toContain("ハザードマップ 中央区");
    expect(found).not.toContain("ハザードマップ 東区");
    expect(found).toContain("食堂 西区");
  });

  it("reads none of the clause's pieces again", () => {
    const { words, segmented } = reader();
    const m = engine.analyseMessage("ハザードマップはありますか");
    const kept = words.readMessage(m);
    expect(segmented.length).toBeGreaterThan(0);
    segmented.length = 0;
    expect(kept.unnamedThingIn(["中央区"])).toBe("ハザードマップ");
    expect(kept.unnamedThingIn(["東区"])).toBeNull();
    expect(segmented).toEqual([]);
  });

  it("is each message's own, whatever was read after it (another resident's message, readings no longer kept)", () => {
    const { words } = reader();
    const first = words.readMessage(engine.analyseMessage("ハザードマップはありますか"));
    // More messages than the reader keeps readings of, each with pieces of its own.
    for (const q of [...MESSAGES, ...MESSAGES]) words.readMessage(engine.analyseMessage(`${q}。`));
    const other = words.readMessage(engine.analyseMessage("子ども食堂はありますか"));
    expect(first.unnamedThingIn(["西区"])).toBe("ハザードマップ");
    expect(first.unnamedThingIn(["東区"])).toBeNull();
    expect(other.unnamedThingIn(["西区"])).toBe("食堂");
    expect(other.unnamedThingIn(["中央区"])).toBeNull();
  });

  it("answers a search in the ward as before: the thing no program of that ward names refuses", () => {
    const q = "ハザードマップはありますか";
    expect(engine.search(q, { profileWard: "中央区" }).decision.kind).toBe("refuse");
    expect(engine.search(q, { profileWard: "東区" }).decision.kind).not.toBe("refuse");
  });
});
