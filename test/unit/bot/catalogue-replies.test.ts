/**
 * The real catalogue through the whole bot: every development query, every program's detail,
 * every ward's and topic's listing — each reply must be valid for LINE, and only state
 * catalogue facts (every program id a reply links to exists).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { createBot, type Bot } from "../../../src/bot/router.js";
import { encodePostback } from "../../../src/postback.js";
import { TOPIC_KEYS } from "../../../src/knowledge/topics.js";
import { KNOWLEDGE_WARDS } from "../../../src/knowledge/known-wards.js";
import { plainText, statusText } from "../../../src/replies/flex/program-bubble.js";
import type { Catalogue } from "../../../src/knowledge/load.js";
import { expectValidLineMessages } from "../../helpers/line-assert.js";
import { createTestDeps, realCatalogue, realSearch, type TestDeps } from "../../helpers/bot-fixtures.js";
import { postbackEvent, textEvent, USER_B } from "../../helpers/line-events.js";

const WARDS = KNOWLEDGE_WARDS.names;

const DEV = new URL("../../fixtures/queries/dev-queries.json", import.meta.url);
const catalogue = realCatalogue();

describe("real catalogue through the bot", () => {
  let deps: TestDeps;
  let bot: Bot;
  const cat = catalogue as Catalogue;

  beforeAll(async () => {
    // All five ward files are committed; a missing one is a failure here, not a skip.
    expect(catalogue, "knowledge/wards/*.json must hold all five wards").not.toBeNull();
    deps = await createTestDeps({ catalogue: cat, search: realSearch() });
    bot = createBot(deps);
  });

  const linkedIds = (json: string): string[] =>
    [...json.matchAll(/v1:(?:detail|same):([a-z0-9-]+)/g)].map((m) => m[1]!);

  it("every dev-set query gets a valid reply that links only to catalogue programs", async () => {
    const dev = JSON.parse(readFileSync(DEV, "utf8")) as { queries: Array<{ query: string }> };
    expect(dev.queries.length).toBeGreaterThan(10);
    for (const q of dev.queries) {
      const r = await bot.handleEvent(textEvent(q.query));
      expect(r.outcome, q.query).toBe("replied");
      expectValidLineMessages(r.messages);
      for (const id of linkedIds(JSON.stringify(r.messages))) expect(cat.byId.has(id), id).toBe(true);
    }
  }, 60_000);

  it("every program's detail, every ward listing and every topic is valid", async () => {
    for (const p of cat.programs) {
      const r = await bot.handleEvent(postbackEvent(encodePostback({ kind: "detail", programId: p.id })));
      expectValidLineMessages(r.messages);
      // The name as residents see it (half-width katakana widened), and the status always shown.
      const json = JSON.stringify(r.messages);
      expect(json).toContain(JSON.stringify(plainText(p.name)).slice(1, -1));
      expect(json).toContain(statusText(p));
      expect(json).not.toMatch(/[\uFF61-\uFF9F]/);
    }
    for (const ward of WARDS) {
      for (let offset = 0; offset < 40; offset += 5) {
        const r = await bot.handleEvent(
          postbackEvent(encodePostback({ kind: "ward-programs", ward, offset })),
        );
        expectValidLineMessages(r.messages);
      }
      await bot.handleEvent(postbackEvent(encodePostback({ kind: "ward", ward })));
      for (const topic of TOPIC_KEYS) {
        const r = await bot.handleEvent(postbackEvent(encodePostback({ kind: "topic", topic })));
        expectValidLineMessages(r.messages);
      }
    }
  }, 60_000);

  it("offers 「もしかして」 or finds the program for misspelt and kana queries", async () => {
    for (const q of ["保助金", "ぼうさいくんれん", "ウォーキンク"]) {
      const r = await bot.handleEvent(textEvent(q));
      expectValidLineMessages(r.messages);
      const json = JSON.stringify(r.messages);
      // Either programs came back, or the apology carries suggestions as quick replies.
      const helped = json.includes('"type":"carousel"') || /"type":"message","label":"[^"]+\?"/.test(json);
      expect(helped, `${q}: ${json.slice(0, 300)}`).toBe(true);
    }
  });

  it("abstains on out-of-scope municipal questions and records them", async () => {
    for (const q of ["パスポートの申請をしたい", "粗大ごみの出し方"]) {
      const r = await bot.handleEvent(textEvent(q));
      expect(JSON.stringify(r.messages)).toContain("ごめんなさい");
    }
    const recorded = (await deps.store.listUnanswered(50)).map((u) => u.text);
    expect(recorded).toContain("パスポートの申請をしたい");
  });

  it("「もっと見る」 pages through the results without repeating a program", async () => {
    // A resident without a ward: 防災 matches programs of all five wards.
    const first = await bot.handleEvent(textEvent("防災", USER_B));
    const json = JSON.stringify(first.messages);
    // Typed as a topic, it pages as the topic button does (v1:topic:bousai:5).
    const more = /"data":"(v1:(?:more:|topic:[a-z]+:\d)[^"]*)"/.exec(json)?.[1];
    expect(more, "a search with many hits offers もっと見る").toBeDefined();
    const next = await bot.handleEvent(postbackEvent(JSON.parse(`"${more!}"`) as string, USER_B));
    expectValidLineMessages(next.messages);
    const page1 = new Set(linkedIds(json));
    const page2 = linkedIds(JSON.stringify(next.messages));
    expect(page2.length).toBeGreaterThan(0);
    for (const id of page2) expect(page1.has(id), id).toBe(false);
  });
});
