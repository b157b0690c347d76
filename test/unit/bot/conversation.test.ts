/**
 * What residents type and see (issue 12, points 3–7 and 12), through the whole bot with the real
 * catalogue and search: a ward typed alone, where-I-live plus a question in one message, intents
 * on the whole message, small talk, questions the catalogue does not cover, the same count from
 * a topic button and typed text, headers without repetition, the 文字の大きさ toggle, and tab
 * switches that add nothing to the talk.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { createBot, type Bot } from "../../../src/bot/router.js";
import { encodePostback } from "../../../src/postback.js";
import type { Message } from "../../../src/line/messenger.js";
import { expectValidLineMessages } from "../../helpers/line-assert.js";
import { createTestDeps, realCatalogue, realSearch, type TestDeps } from "../../helpers/bot-fixtures.js";
import { followEvent, postbackEvent, textEvent, USER_A } from "../../helpers/line-events.js";

const catalogue = realCatalogue()!;
let deps: TestDeps;
let bot: Bot;

beforeEach(async () => {
  deps = await createTestDeps({ catalogue, search: realSearch() });
  bot = createBot(deps);
});

async function say(ev: Record<string, unknown>): Promise<Message[]> {
  const r = await bot.handleEvent(ev);
  if (r.messages.length > 0) expectValidLineMessages(r.messages);
  return r.messages;
}
const textOf = (ms: Message[]): string => ms.map((m) => (m.type === "text" ? m.text : "")).join("\n");
const hasCarousel = (ms: Message[]): boolean =>
  ms.some((m) => m.type === "flex" && m.contents.type === "carousel");

describe("what residents type", () => {
  it("a ward name typed after the welcome sets the ward and says so", async () => {
    await say(followEvent(false));
    const r = await say(textEvent("中央区"));
    expect(textOf(r)).toContain("お住まいの区を「中央区」に しました");
    expect((await deps.store.getProfile(USER_A))?.ward).toBe("中央区");
    await say(textEvent("ひがしく"));
    expect((await deps.store.getProfile(USER_A))?.ward).toBe("東区");
    // A place typed alone, at any time (not only after 「わからない」), sets its ward and says so.
    const place = await say(textEvent("植木"));
    expect((await deps.store.getProfile(USER_A))?.ward).toBe("北区");
    expect(textOf(place)).toContain("植木");
    expect(textOf(place)).toContain("「北区」に しました");
  });

  it("where I live and a question in one message: ward changed in one line and the question answered", async () => {
    await say(postbackEvent(encodePostback({ kind: "ward", ward: "西区" })));
    const r = await say(textEvent("秋津に住んでます。子育ての支援は？"));
    expect((await deps.store.getProfile(USER_A))?.ward).toBe("東区");
    const first = r[0];
    expect(first?.type).toBe("text");
    expect(first?.type === "text" && first.text.split("\n")[0]).toBe(
      "秋津は 東区ですね。お住まいの区を「東区」に しました。",
    );
    expect(hasCarousel(r)).toBe(true);
    expect(JSON.stringify(r)).toContain("子育て");
  });

  it("a place in two wards is never settled silently: the resident is asked which ward", async () => {
    // Japan Post lists 池田 in 西区 and in 北区.
    const r = await say(textEvent("池田に住んでいます"));
    expect(textOf(r)).toContain("「池田」 は 西区と北区に あります");
    expect(textOf(r)).toContain("どちらに お住まいですか");
    expect((await deps.store.getProfile(USER_A))?.ward ?? null).toBeNull();
    // The choice offered is the two wards only.
    const wards = JSON.stringify(r).match(/v1:ward:[a-z]+/g) ?? [];
    expect(new Set(wards)).toEqual(new Set(["v1:ward:nishi", "v1:ward:kita"]));
  });

  it("a question naming a place in two wards: the resident's own ward when it is one of them, else both", async () => {
    // Japan Post lists 保田窪 in 中央区 and in 東区.
    const q = "保田窪の防災の取り組みはありますか";
    await say(postbackEvent(encodePostback({ kind: "ward", ward: "東区" })));
    const own = await say(textEvent(q));
    expect(hasCarousel(own)).toBe(true);
    expect(textOf(own)).not.toContain("あります。どちらの 区の 取組も");
    expect(deps.search.search(q, { profileWard: "東区" })).toMatchObject({ ward: "東区", wards: [] });
    await say(postbackEvent(encodePostback({ kind: "ward", ward: "北区" })));
    const other = deps.search.search(q, { profileWard: "北区" });
    expect(other).toMatchObject({ ward: null, wards: ["中央区", "東区"], place: "保田窪" });
    expect(new Set(other.results.map((h) => h.ward))).toEqual(new Set(["中央区", "東区"]));
    // No ward leads for a name only Japan Post lists: they take turns, the first two are one of each.
    expect(new Set(other.results.slice(0, 2).map((h) => h.ward)).size).toBe(2);
    const both = await say(textEvent(q));
    expect(hasCarousel(both)).toBe(true);
    expect(textOf(both)).toContain(
      "「保田窪」は 中央区と東区に あります。どちらの 区の 取組も ご案内します。",
    );
  });

  it("an event word does not hijack the question: 外国人向けのイベント finds the multicultural program", async () => {
    const r = await say(textEvent("外国人向けのイベントはありますか"));
    expect(hasCarousel(r)).toBe(true);
    expect(JSON.stringify(r)).toContain("多文化共生");
  });

  it("an events lookup that finds no notice also shows the event programs", async () => {
    const r = await say(textEvent("東区の催し"));
    expect(textOf(r)).toContain("東区の これからの イベントは、今は ありません");
    expect(hasCarousel(r)).toBe(true);
  });

  it("thanks and 👍 get a kind reply and never reach the unanswered list", async () => {
    for (const t of ["ありがとう", "👍", "ありがとうございました！"]) {
      const r = await say(textEvent(t));
      expect(textOf(r), t).not.toContain("ごめんなさい");
      expect(hasCarousel(r), t).toBe(false);
    }
    expect(textOf(await say(textEvent("ありがとう")))).toContain("どういたしまして");
    expect(await deps.store.listUnanswered(10)).toEqual([]);
  });

  it("weather in 熊本弁, a test message and a goodbye are small talk, never unanswered questions", async () => {
    for (const t of ["今日はぬっかね〜", "雨のひどかですね。気をつけて", "テスト", "また今度聞きます"]) {
      const r = await say(textEvent(t));
      expect(textOf(r), t).not.toContain("ごめんなさい");
      expect(hasCarousel(r), t).toBe(false);
    }
    expect(await deps.store.listUnanswered(10)).toEqual([]);
  });

  it("long thanks with the writer's own news, a 熊本弁 goodbye and thanks signed with a group's name are small talk, never unanswered", async () => {
    for (const t of [
      "ご丁寧に 教えて いただき 誠に ありがとう ございました。 おかげさまで 昨日 はじめて 娘に LINEで 動画を 送る ことが できました。",
      "わかったばい。そんならまたな。あんたも体に気ばつけて、がまだしてはいよ",
      "ありがとね〜 助かったばい😊 また聞くけん　ゆうやけ食堂 山下",
    ]) {
      const r = await say(textEvent(t));
      expect(textOf(r), t).not.toContain("ごめんなさい");
      expect(hasCarousel(r), t).toBe(false);
      // A short kind reply and the menu: one or two messages.
      expect(r.length, t).toBeLessThanOrEqual(2);
    }
    expect(await deps.store.listUnanswered(10)).toEqual([]);
  });

  it("a question the catalogue does not cover says so and where to ask, from knowledge/offices.json", async () => {
    await say(postbackEvent(encodePostback({ kind: "ward", ward: "南区" })));
    const r = await say(textEvent("ごみの出し方"));
    const t = textOf(r);
    expect(t).toContain("ごみ");
    expect(t).toContain(deps.offices.citySite);
    const office = deps.offices.offices.find((o) => o.ward === "南区")!;
    expect(JSON.stringify(r)).toContain(office.name);
    expect(JSON.stringify(r)).toContain(office.address);
  });

  it("a question refused because nothing the catalogue holds matches still says where to ask, from knowledge/offices.json", async () => {
    // The words around it are the catalogue's (防災, 補助), the thing asked is in no program.
    const r = await say(textEvent("非常用の懐中電灯をそろえるのに補助はありますか"));
    const t = textOf(r);
    expect(t).toContain("ごめんなさい");
    expect(hasCarousel(r)).toBe(false);
    expect(t).toContain(deps.offices.citySite);
  });

  it("a topic typed gives the same list and count as its button, and the header names the ward once", async () => {
    await say(postbackEvent(encodePostback({ kind: "ward", ward: "西区" })));
    const button = textOf(await say(postbackEvent(encodePostback({ kind: "topic", topic: "chiiki" }))));
    const typed = textOf(await say(textEvent("地域活動")));
    const count = (s: string) => /(\d+)件/.exec(s)?.[1];
    expect(count(button)).toBeDefined();
    expect(count(typed)).toBe(count(button));
    const named = textOf(await say(textEvent("西区の地域活動")));
    expect(count(named)).toBe(count(button));
    expect(named).not.toMatch(/西区の「西区/);
  });

  it("the next page of a topic comes from a topic postback with its offset, not a search", async () => {
    const r = await say(postbackEvent(encodePostback({ kind: "topic", topic: "bousai" })));
    const json = JSON.stringify(r);
    expect(json).toContain('"data":"v1:topic:bousai:5"');
    expect(json).not.toContain("#bousai");
  });
});

describe("what residents see", () => {
  it("文字の大きさ is a toggle that says the new state", async () => {
    const toggle = () => say(postbackEvent(encodePostback({ kind: "large-text-toggle" })));
    expect(textOf(await toggle())).toContain("大きくしました");
    expect((await deps.store.getProfile(USER_A))?.largeText).toBe(true);
    expect(textOf(await toggle())).toContain("もとの 大きさに もどしました");
    expect((await deps.store.getProfile(USER_A))?.largeText).toBe(false);
  });

  it("a tab switch does not repost the settings card", async () => {
    for (const menu of ["settings", "main"] as const) {
      const r = await bot.handleEvent(postbackEvent(encodePostback({ kind: "tab", menu })));
      expect(r.messages).toEqual([]);
    }
  });
});
