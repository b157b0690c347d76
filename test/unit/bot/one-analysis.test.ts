/**
 * One analysis per message (issue 11 point 8): the bot reads a typed message once and every
 * search made for it — in the resident's own ward, then in every ward when that has nothing —
 * is handed that same reading; a 「もっと見る」 page is read once too, and the question cut out
 * of 「秋津に住んでます。…」 is that part of the message's one reading, never read again. The
 * ward and place of every part of the message (the bot's intents, the question) come from the
 * places that one analysis found: the bot has no place lookup of its own.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createBot, type Bot } from "../../../src/bot/router.js";
import type { MessageAnalysis, SearchEngine, SearchOptions } from "../../../src/search/types.js";
import { createTestDeps, realCatalogue, realSearch } from "../../helpers/bot-fixtures.js";
import { postbackEvent, textEvent, USER_A, USER_B } from "../../helpers/line-events.js";

const engine = realSearch();
const analysed: string[] = [];
const parts: { of: MessageAnalysis; text: string; part: MessageAnalysis }[] = [];
const searched: { query: string; options: SearchOptions | undefined }[] = [];
const counting: SearchEngine = {
  analyseMessage: (t) => {
    analysed.push(t);
    return engine.analyseMessage(t);
  },
  analysePart: (of, text, clauses) => {
    const part = engine.analysePart(of, text, clauses);
    parts.push({ of, text, part });
    return part;
  },
  search: (query, options) => {
    searched.push({ query, options });
    return engine.search(query, options);
  },
};

let bot: Bot;
beforeAll(async () => {
  bot = createBot(await createTestDeps({ catalogue: realCatalogue()!, search: counting }));
});

async function send(
  ev: Record<string, unknown>,
): Promise<{ analysed: string[]; parts: typeof parts; searched: typeof searched }> {
  analysed.length = 0;
  parts.length = 0;
  searched.length = 0;
  const r = await bot.handleEvent(ev);
  expect(r.outcome).toBe("replied");
  return { analysed: [...analysed], parts: [...parts], searched: [...searched] };
}

/** Every search was handed an analysis, and all of them the one object made for `text`. */
function expectOneReading(
  got: { analysed: string[]; searched: typeof searched },
  text: string,
): MessageAnalysis {
  expect(got.analysed).toEqual([text]);
  expect(got.searched.length).toBeGreaterThan(0);
  const first = got.searched[0]!.options?.analysis;
  expect(first?.text).toBe(text);
  for (const s of got.searched) expect(s.options?.analysis).toBe(first);
  return first!;
}

describe("one analysis per message", () => {
  it("a typed question: read once, the search is handed that reading", async () => {
    expectOneReading(await send(textEvent("防災の講座はありますか", USER_A)), "防災の講座はありますか");
  });

  it("nothing in the resident's own ward: the search in every ward reuses the one reading", async () => {
    await send(textEvent("東区", USER_B));
    // A program of one ward only (南区ウォーキングキャンペーン), asked by a resident of 東区.
    const got = await send(textEvent("ウォーキングキャンペーンはありますか", USER_B));
    expect(got.searched.length).toBe(2);
    expect(got.searched[0]!.options?.profileWard).toBe("東区");
    expect(got.searched[1]!.options?.profileWard).toBeNull();
    expectOneReading(got, "ウォーキングキャンペーンはありますか");
  });

  it("「もっと見る」: the query is read once for the page", async () => {
    const got = await send(postbackEvent("v1:more:5:all:防災の講座", USER_A));
    expectOneReading(got, "防災の講座");
  });

  it("a question after where the resident lives: searched as that part of the one reading", async () => {
    const text = "秋津に住んでます。子育ての支援はありますか";
    const got = await send(textEvent(text, USER_A));
    expect(got.analysed).toEqual([text]);
    expect(got.parts).toHaveLength(1);
    const { of, part } = got.parts[0]!;
    expect(of.text).toBe(text);
    expect(part.text).toBe("子育ての支援はありますか");
    expect(part.clauses).toEqual(["子育ての支援はありますか"]);
    // The place was found once, in the whole message; the question names none of it.
    expect(of.places.map((p) => p.name)).toEqual(["秋津"]);
    expect(part.places).toEqual([]);
    expect(part.ward).toBeNull();
    for (const s of got.searched) expect(s.options?.analysis).toBe(part);
    // The statement was applied first: the question is answered in the resident's ward.
    expect(got.searched[0]!.options?.profileWard).toBe("東区");
  });
});

/**
 * The bot's ward of a message and of each clause is read from the places its analysis found:
 * an analysis that says a word is a place of 北区 decides, whatever the gazetteer holds.
 */
describe("the bot's ward comes from the message's one analysis", () => {
  const FOUND = "ふるさと"; // no place of the gazetteer
  const placing: SearchEngine = {
    ...counting,
    analyseMessage: (t) => {
      const a = counting.analyseMessage(t);
      const at = a.readable.indexOf(FOUND);
      if (at < 0) return a;
      const place = { name: "ふるさと", ward: "北区", wards: ["北区"], leads: false, kind: "町" } as const;
      return {
        ...a,
        places: [...a.places, { ...place, wards: [...place.wards], matched: FOUND, index: at }],
      };
    },
  };
  let placed: Bot;
  beforeAll(async () => {
    placed = createBot(await createTestDeps({ catalogue: realCatalogue()!, search: placing }));
  });

  it("a place the analysis found says where the resident lives", async () => {
    analysed.length = 0;
    const r = await placed.handleEvent(textEvent("ふるさとに住んでいます", USER_B));
    expect(r.outcome).toBe("replied");
    expect(analysed).toEqual(["ふるさとに住んでいます"]);
    expect(JSON.stringify(r.messages)).toContain("北区");
  });

  it("a question after it is searched in that ward, the question read from the same analysis", async () => {
    const got = await (async () => {
      analysed.length = 0;
      parts.length = 0;
      searched.length = 0;
      const r = await placed.handleEvent(textEvent("ふるさとに住んでます。防災の講座はありますか", USER_A));
      expect(r.outcome).toBe("replied");
      return { analysed: [...analysed], parts: [...parts], searched: [...searched] };
    })();
    expect(got.analysed).toEqual(["ふるさとに住んでます。防災の講座はありますか"]);
    expect(got.parts).toHaveLength(1);
    expect(got.searched[0]!.options?.profileWard).toBe("北区");
  });
});
