/**
 * The emergency bulletin as residents meet it: the disaster menu's 「避難・防災情報」 button and,
 * while a bulletin is published for their area (disaster mode), the words 避難/避難所/ひなんじょ.
 * Bulletins first (own ward, then city-wide, with the time stamp), then the official contacts
 * from knowledge/offices.json; with none published, the reply says so and gives the contacts.
 * Every reply is checked against LINE's schema and limits.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { createBot, type Bot } from "../../../src/bot/router.js";
import { encodePostback } from "../../../src/postback.js";
import { allMenuActions } from "../../../src/richmenu/definitions.js";
import { createBulletinService, type BulletinService } from "../../../src/bulletin/bulletin-service.js";
import { loadOffices } from "../../../src/knowledge/offices.js";
import { EMERGENCY_COPY } from "../../../src/replies/emergency-copy.js";
import { parseTokyoDateTime } from "../../../src/time/tokyo-time.js";
import type { Message } from "../../../src/line/messenger.js";
import { failingStore } from "../../helpers/failing-store.js";
import { expectValidLineMessages } from "../../helpers/line-assert.js";
import { createTestDeps, realCatalogue, realSearch, type TestDeps } from "../../helpers/bot-fixtures.js";
import { postbackEvent, textEvent, USER_A, USER_B } from "../../helpers/line-events.js";

const AT = parseTokyoDateTime("2026-12-06T09:30") as number;
const offices = loadOffices();
let deps: TestDeps;
let bot: Bot;
let staff: BulletinService;

beforeEach(async () => {
  deps = await createTestDeps();
  bot = createBot(deps);
  staff = createBulletinService({ store: deps.store, clock: () => AT });
});

async function send(ev: Record<string, unknown>): Promise<Message[]> {
  const r = await bot.handleEvent(ev);
  expect(r.messages.length).toBeGreaterThan(0);
  expectValidLineMessages(r.messages);
  return r.messages;
}
const all = (ms: Message[]): string => JSON.stringify(ms);
const pickWard = (ward: "東区" | "西区", user = USER_A) =>
  send(postbackEvent(encodePostback({ kind: "ward", ward }), user));
const tapEvacuate = (user = USER_A) => {
  const action = allMenuActions().find((a) => a.menu === "disaster" && a.source === "evacuate");
  return send(postbackEvent(action?.data ?? "", user));
};
const shelter = {
  title: "東部公民館を 避難所として 開けました",
  body: "東部公民館（東区錦ケ丘1-1）を開けました。\n水と毛布があります。",
  author: "東区 総務企画課",
};

describe("the disaster menu's 避難・防災情報 button", () => {
  it("emits the bulletin postback, not a topic search", () => {
    const action = allMenuActions().find((a) => a.menu === "disaster" && a.source === "evacuate");
    expect(action?.data).toBe("v1:bulletin");
  });

  it("with nothing published: says so, and gives the official phone number and pages from knowledge/", async () => {
    await pickWard("東区");
    const ms = await tapEvacuate();
    const t = all(ms);
    expect(ms[0]).toMatchObject({ type: "text" });
    expect(t).toContain("緊急のお知らせは 出ていません");
    expectContacts(t, "東区");
    // The resident's ward office, with its map link.
    expect(t).toContain("https://www.google.com/maps/search/?api=1&query=");
    // Never the FY2020 budget cards.
    expect(t).not.toMatch(/取組が|合う取組/);
  });

  it("shows the ward's bulletin first, then the city-wide one, each with its time stamp, then the contacts", async () => {
    await staff.publish("all", {
      title: "大雨で 避難指示",
      body: "川の近くの方は 避難してください。",
      author: "危機管理防災総室",
    });
    await staff.publish("東区", shelter);
    await pickWard("東区");
    const ms = await tapEvacuate();
    expect(ms).toHaveLength(1);
    const carousel = (ms[0] as { contents: { type: string; contents: unknown[] } }).contents;
    expect(carousel.type).toBe("carousel");
    const bubbles = carousel.contents.map((b) => JSON.stringify(b));
    expect(bubbles).toHaveLength(3);
    expect(bubbles[0]).toContain("東部公民館を 避難所として 開けました");
    expect(bubbles[0]).toContain("12月6日(日) 09:30 更新");
    expect(bubbles[1]).toContain("大雨で 避難指示");
    expect(bubbles[1]).toContain("熊本市 全体");
    expect(bubbles[2]).toContain(offices.disaster.phones[0]?.number);
    expect((ms[0] as { altText: string }).altText).toContain("緊急のお知らせ（東区）");

    // A resident of another ward sees only the city-wide bulletin.
    await pickWard("西区", USER_B);
    const west = all(await tapEvacuate(USER_B));
    expect(west).toContain("大雨で 避難指示");
    expect(west).not.toContain("東部公民館を 避難所として");
  });

  it("an update changes the time stamp; a withdrawal ends it", async () => {
    await staff.publish("東区", shelter);
    const later = createBulletinService({ store: deps.store, clock: () => AT + 90 * 60_000 });
    await later.publish("東区", { ...shelter, body: "東部公民館は 満員です。秋津公民館へ どうぞ。" });
    await pickWard("東区");
    const t = all(await tapEvacuate());
    expect(t).toContain("11:00 更新");
    expect(t).toContain("秋津公民館へ");
    await later.withdraw("東区");
    expect(all(await tapEvacuate())).toContain("緊急のお知らせは 出ていません");
  });

  it("still gives the contacts when the store fails", async () => {
    deps = await createTestDeps({ store: failingStore() });
    bot = createBot(deps);
    const ms = await tapEvacuate();
    expect(all(ms)).toContain(offices.disaster.phones[0]?.number);
  });
});

/** The bubbles of a reply's first Flex message (a carousel's, or the one bubble). */
const firstFlexBubbles = (ms: Message[]): string[] => {
  const flex = ms.find((m) => m.type === "flex") as { contents: { type: string; contents?: unknown[] } };
  const c = flex.contents;
  return (c.type === "carousel" ? (c.contents ?? []) : [c]).map((b) => JSON.stringify(b));
};

/** What the contacts bubble must hold for a ward: only facts from knowledge/offices.json. */
function expectContacts(t: string, ward: "東区" | "西区"): void {
  for (const p of offices.disaster.phones) {
    expect(t).toContain(p.number);
    expect(t).toContain(`tel:${p.number.replace(/-/g, "")}`);
  }
  for (const l of offices.disaster.links) expect(t).toContain(l.url);
  const office = offices.offices.find((o) => o.ward === ward)!;
  expect(t).toContain(office.name);
  expect(t).toContain(office.address);
  // The ward office's phone is not in knowledge/ (offices.json says so under `missing`): the
  // reply says it cannot give it and where to look — the city's site, which is in the bubble.
  expect(office.phone, "a phone number arrived in offices.json: assert it is shown").toBeUndefined();
  expect(office.missing?.phone).toBeTruthy();
  expect(t).toContain(EMERGENCY_COPY.office.phoneUnknown);
  expect(t).toContain(offices.citySite);
  // No phone number but the ones offices.json gives.
  const numbers = new Set(offices.disaster.phones.map((p) => p.number));
  for (const n of t.match(/\d{2,4}-\d{2,4}-\d{3,4}/g) ?? []) expect(numbers.has(n), n).toBe(true);
}

describe("避難 / 避難所 / ひなんじょ typed", () => {
  it("in disaster mode: the bulletin comes first (own ward's, then city-wide), then the contacts", async () => {
    await staff.publish("東区", shelter);
    await pickWard("東区");
    for (const q of ["避難所はどこですか", "ひなんじょ", "避難したい", "ヒナンジョ"]) {
      const ms = await send(textEvent(q));
      expect(ms, q).toHaveLength(1);
      const bubbles = firstFlexBubbles(ms);
      expect(bubbles[0], q).toContain("東部公民館を 避難所として 開けました");
      expectContacts(bubbles.at(-1)!, "東区");
      // The FY2020 budget cards do not answer an evacuation question in a disaster.
      expect(JSON.stringify(ms), q).not.toMatch(/合う取組|取組が/);
    }
  });

  it("a city-wide bulletin is disaster mode for every ward", async () => {
    await staff.publish("all", {
      title: "大雨で 避難指示",
      body: "川の近くの方は 避難してください。",
      author: "危機管理防災総室",
    });
    await pickWard("西区");
    const bubbles = firstFlexBubbles(await send(textEvent("避難所")));
    expect(bubbles[0]).toContain("大雨で 避難指示");
    expect(bubbles[0]).toContain("熊本市 全体");
    expectContacts(bubbles.at(-1)!, "西区");
  });

  it("with no bulletin for the area: says none is published, gives the official contacts first, then the usual answer", async () => {
    // The real catalogue and search, so "the usual answer" is the one residents get.
    deps = await createTestDeps({ catalogue: realCatalogue()!, search: realSearch() });
    bot = createBot(deps);
    staff = createBulletinService({ store: deps.store, clock: () => AT });
    await staff.publish("東区", shelter);
    await pickWard("西区");
    const ms = await send(textEvent("避難所はどこですか"));
    expect(ms.length).toBeLessThanOrEqual(5);
    // After the contacts, the usual answer: where a shelter is, is no program's (避難場所), so the
    // search refuses it and says where to ask.
    expect(JSON.stringify(ms.slice(2))).toContain("避難場所");
    expect(JSON.stringify(ms.slice(2))).toContain(offices.citySite);
    expect(ms[0]).toMatchObject({ type: "text" });
    expect((ms[0] as { text: string }).text).toContain("いま、西区の 緊急のお知らせは 出ていません");
    // Another ward's bulletin is not shown.
    expect(JSON.stringify(ms)).not.toContain("東部公民館を 避難所として");
    expect(ms[1]).toMatchObject({ type: "flex", altText: EMERGENCY_COPY.contacts.altText });
    expectContacts(JSON.stringify(ms[1]), "西区");
    // A question about the shelter programs gets them after the contacts, as before.
    const drill = await send(textEvent("避難所の運営訓練はありますか"));
    expect(drill.length).toBeLessThanOrEqual(5);
    expect(drill.slice(2).some((m) => m.type === "flex" && m.contents.type === "carousel")).toBe(true);
    expect(JSON.stringify(drill.slice(2))).toContain("避難所運営");
  });

  it("other words never trigger it, even in disaster mode", async () => {
    await staff.publish("東区", shelter);
    await pickWard("東区");
    const t = all(await send(textEvent("子育ての支援は？")));
    expect(t).not.toContain("東部公民館を 避難所として");
    expect(t).not.toContain(EMERGENCY_COPY.contacts.title);
  });
});
