/**
 * How search answers are framed: a partial match says plainly that these are the closest
 * programs, and a question for a date or a phone number gets the cards plus one line saying
 * the bot does not have that detail — never an invented date or contact.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createBot, type Bot } from "../../../src/bot/router.js";
import type { Catalogue } from "../../../src/knowledge/load.js";
import { COPY } from "../../../src/replies/copy.js";
import { expectValidLineMessages } from "../../helpers/line-assert.js";
import { createTestDeps, realCatalogue, realSearch } from "../../helpers/bot-fixtures.js";
import { textEvent, USER_B } from "../../helpers/line-events.js";

const firstText = (messages: unknown[]): string => {
  const m = messages.find((x) => (x as { type?: string }).type === "text") as { text?: string } | undefined;
  return m?.text ?? "";
};

describe("framing of search answers", () => {
  let bot: Bot;
  beforeAll(async () => {
    const catalogue = realCatalogue();
    expect(catalogue, "knowledge/wards/*.json must hold all five wards").not.toBeNull();
    bot = createBot(await createTestDeps({ catalogue: catalogue as Catalogue, search: realSearch() }));
  });

  it("says 「近いもの」 for a partial match, and 「N件 見つかりました」 for a good one", async () => {
    const partial = await bot.handleEvent(
      textEvent("古い写真をデジタルにして町の歴史を残す仕組みはある？", USER_B),
    );
    expectValidLineMessages(partial.messages);
    const text = firstText(partial.messages);
    expect(text).toContain("ぴったりの取組は 見つかりませんでしたが、近いものを ご案内します。");
    expect(text).not.toContain("見つかりました");
    expect(JSON.stringify(partial.messages)).toContain('"type":"carousel"');

    const good = await bot.handleEvent(textEvent("防災の講座", USER_B));
    expectValidLineMessages(good.messages);
    expect(firstText(good.messages)).toMatch(/合う取組が \d+件 見つかりました/);
    expect(firstText(good.messages)).not.toContain("ここでは わかりません");
  });

  it("shows each need of a message that asks for two things, with its best program on the cards", async () => {
    const r = await bot.handleEvent(
      textEvent("中央区で子どもの遊び場と、親の健康づくりの催しを探しています", USER_B),
    );
    expectValidLineMessages(r.messages);
    const text = firstText(r.messages);
    expect(text).toContain("2つの ことを それぞれ さがしました。");
    expect(text).toContain("①「中央区で子どもの遊び場」→ ");
    expect(text).toContain("②「親の健康づくりの催し」→ ");
    // The program named for each need is on the first cards.
    const named = [...text.matchAll(/→ (.+)$/gmu)].map((m) => m[1]!);
    expect(named).toHaveLength(2);
    const cards = JSON.stringify(r.messages.filter((m) => (m as { type?: string }).type === "flex"));
    for (const name of named) expect(cards).toContain(name);
  });

  it("names the details asked for that the catalogue does not hold, and the ward office to ask", async () => {
    const cases: [string, string, string][] = [
      ["銭塘校区の防災訓練って いつ頃あるんですか", "日にちは ここでは わかりません", "熊本市南区役所"],
      ["東区の防災フェスタに行きたい。参加費はいくら？会場はどこ？", "お金（参加費）", "熊本市東区役所"],
    ];
    for (const [q, said, office] of cases) {
      const r = await bot.handleEvent(textEvent(q, USER_B));
      expectValidLineMessages(r.messages);
      expect(JSON.stringify(r.messages), q).toContain('"type":"carousel"');
      const text = firstText(r.messages);
      expect(text, q).toContain(said);
      expect(text, q).toContain(`まちづくりセンターか、${office}に おたずねください`);
      expect(JSON.stringify(r.messages), q).not.toMatch(/\d{2,4}-\d{2,4}-\d{3,4}|\d{1,2}月\d{1,2}日/);
    }
    expect(COPY.program.detailUnknown(["date", "place"], null)).toBe(
      "日にちや 場所は ここでは わかりません。お近くの まちづくりセンターか、区役所に おたずねください。",
    );
  });

  it("answers a date or phone question with the cards and says the detail is not known here", async () => {
    for (const q of ["東区の防災フェスタは何月何日？", "認知症サポーター養成講座の電話番号"]) {
      const r = await bot.handleEvent(textEvent(q, USER_B));
      expectValidLineMessages(r.messages);
      const json = JSON.stringify(r.messages);
      expect(json, q).toContain('"type":"carousel"');
      expect(firstText(r.messages), q).toContain("ここでは わかりません");
      // No phone number or calendar date appears anywhere in the reply.
      expect(json, q).not.toMatch(/\d{2,4}-\d{2,4}-\d{3,4}|\d{1,2}月\d{1,2}日/);
    }
  });

  it("still apologises for an out-of-scope question", async () => {
    const r = await bot.handleEvent(textEvent("粗大ごみの出し方", USER_B));
    expectValidLineMessages(r.messages);
    expect(JSON.stringify(r.messages)).toContain("ごめんなさい");
    expect(JSON.stringify(r.messages)).not.toContain('"type":"carousel"');
  });
});
