/**
 * Every colour pair of every Flex message the bot sends reaches 7:1 (WCAG AAA), like the rich
 * menu: card buttons, status labels, muted lines, the settings card, notices and the events
 * list. The messages come from the bot itself (every rich-menu tap, fixed phrases, questions,
 * every program's detail, every ward listing, settings in both text sizes) and from the notice
 * builders, so a new builder or colour is covered without adding it here.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createBot, type Bot } from "../../../src/bot/router.js";
import { encodePostback } from "../../../src/postback.js";
import { TOPIC_KEYS } from "../../../src/knowledge/topics.js";
import { KNOWLEDGE_WARDS } from "../../../src/knowledge/known-wards.js";
import type { Message } from "../../../src/line/messenger.js";
import { buildNoticeMessage } from "../../../src/notices/notice-message.js";
import { buildEventsCarousel } from "../../../src/notices/events-carousel.js";
import { parseNoticeInput } from "../../../src/notices/notice.js";
import { allMenuActions } from "../../../src/richmenu/definitions.js";
import { createTestDeps, realCatalogue, realSearch } from "../../helpers/bot-fixtures.js";
import { colourPairs, lowContrast } from "../../helpers/flex-contrast.js";
import { followEvent, postbackEvent, textEvent } from "../../helpers/line-events.js";
import { createBulletinService } from "../../../src/bulletin/bulletin-service.js";
import { NOW, confirmedNotice, noticeInput } from "../../helpers/notices.js";

const WARDS = KNOWLEDGE_WARDS.names;

const catalogue = realCatalogue()!;
const generated: Message[] = [];

async function collect(bot: Bot, events: Array<Record<string, unknown>>): Promise<void> {
  for (const ev of events) generated.push(...(await bot.handleEvent(ev)).messages);
}

beforeAll(async () => {
  const deps = await createTestDeps({ catalogue, search: realSearch() });
  const bot = createBot(deps);
  const texts = [
    "つかいかた",
    "設定",
    "区役所",
    "イベント",
    "防災の取組は",
    "子育ての集まり",
    "ごみの出し方",
    "ありがとう",
    // A weak match: the closest programs and the topic-choice buttons.
    "古い写真をデジタルにして町の歴史を残す仕組みはある？",
    // 「もしかして」 buttons, and the contacts before the answer to an evacuation question.
    "ぼうさいのこうざ",
    "避難所はどこですか",
  ];
  await collect(bot, [followEvent(false)]);
  for (const large of [false, true]) {
    await collect(bot, [postbackEvent(encodePostback({ kind: "large-text", on: large }))]);
    await collect(
      bot,
      allMenuActions().map((a) => postbackEvent(a.data)),
    );
    await collect(
      bot,
      texts.map((t) => textEvent(t)),
    );
    await collect(
      bot,
      TOPIC_KEYS.map((topic) => postbackEvent(encodePostback({ kind: "subscribe", topic, on: true }))),
    );
    await collect(
      bot,
      WARDS.map((ward) => postbackEvent(encodePostback({ kind: "ward-programs", ward, offset: 0 }))),
    );
    await collect(
      bot,
      catalogue.programs.map((p) => postbackEvent(encodePostback({ kind: "detail", programId: p.id }))),
    );
    await collect(bot, [
      postbackEvent(encodePostback({ kind: "same-topic", programId: catalogue.programs[0]!.id })),
    ]);
  }
  // A published bulletin (red header, its link button), in both sizes, from the disaster menu.
  await createBulletinService({ store: deps.store, clock: () => NOW }).publish("all", {
    title: "大雨で 避難指示",
    body: "川の近くの方は 避難してください。",
    author: "危機管理防災総室",
    url: "https://www.city.kumamoto.jp/",
  });
  const evacuate = allMenuActions().find((a) => a.source === "evacuate")!;
  for (const large of [false, true])
    await collect(bot, [
      postbackEvent(encodePostback({ kind: "large-text", on: large })),
      postbackEvent(evacuate.data),
    ]);
  // Notices: every optional part present, in both sizes, alone and in the events list.
  const parsed = parseNoticeInput(
    noticeInput({ url: "https://www.city.kumamoto.jp/", programId: catalogue.programs[0]!.id }),
    { now: NOW, findProgram: (id) => catalogue.byId.get(id) },
  );
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const notice = confirmedNotice("n1", parsed.data);
  for (const largeText of [false, true]) {
    generated.push(buildNoticeMessage(parsed.data, { largeText }));
    const events = buildEventsCarousel([notice, notice], { largeText });
    if (events) generated.push(events);
  }
}, 120_000);

describe("Flex colour contrast", () => {
  it("covers cards, details, settings and notices", () => {
    const flex = generated.filter((m) => m.type === "flex");
    expect(flex.length).toBeGreaterThan(catalogue.programs.length);
    const pairs = flex.flatMap((m) => colourPairs(m));
    // Buttons of each kind and coloured status lines are among what was measured.
    expect(pairs.some((p) => p.what === "くわしく")).toBe(true);
    expect(pairs.some((p) => p.what === "受け取る")).toBe(true);
    expect(pairs.some((p) => p.what.includes("中止"))).toBe(true);
    // The newer screens: topic choice, ward choice, the bulletin's header and the office card.
    for (const what of ["地域活動・補助金のこと", "中央区", "緊急のお知らせ", "地図を見る"])
      expect(
        pairs.some((p) => p.what.includes(what)),
        what,
      ).toBe(true);
  });

  it("every foreground/background pair is at least 7:1", () => {
    expect(lowContrast(generated)).toEqual([]);
  });

  it("would catch LINE's default green button (2.2:1)", () => {
    const probe = {
      type: "flex",
      altText: "x",
      contents: {
        type: "bubble",
        footer: {
          type: "box",
          layout: "vertical",
          contents: [
            {
              type: "button",
              style: "primary",
              action: { type: "postback", label: "くわしく", data: "v1:help" },
            },
          ],
        },
      },
    };
    expect(lowContrast([probe])).toHaveLength(1);
  });
});
