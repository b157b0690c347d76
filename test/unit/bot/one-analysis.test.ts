/**
 * One analysis per message (issue 11 point 8): the bot reads a typed message once and every
 * search made for it — in the resident's own ward, then in every ward when that has nothing —
 * is handed that same reading; a 「もっと見る」 page and the question cut out of 「秋津に住んで
 * ます。…」 are read once too, never again inside each search.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createBot, type Bot } from "../../../src/bot/router.js";
import type { MessageAnalysis, SearchEngine, SearchOptions } from "../../../src/search/types.js";
import { createTestDeps, realCatalogue, realSearch } from "../../helpers/bot-fixtures.js";
import { postbackEvent, textEvent, USER_A, USER_B } from "../../helpers/line-events.js";

const engine = realSearch();
const analysed: string[] = [];
const searched: { query: string; options: SearchOptions | undefined }[] = [];
const counting: SearchEngine = {
  analyseMessage: (t) => {
    analysed.push(t);
    return engine.analyseMessage(t);
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

async function send(ev: Record<string, unknown>): Promise<{ analysed: string[]; searched: typeof searched }> {
  analysed.length = 0;
  searched.length = 0;
  const r = await bot.handleEvent(ev);
  expect(r.outcome).toBe("replied");
  return { analysed: [...analysed], searched: [...searched] };
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

  it("a question after where the resident lives: the question is read once more, on its own", async () => {
    const got = await send(textEvent("秋津に住んでます。子育ての支援はありますか", USER_A));
    expect(got.analysed[0]).toBe("秋津に住んでます。子育ての支援はありますか");
    expectOneReading({ ...got, analysed: got.analysed.slice(1) }, "子育ての支援はありますか");
  });
});
