/**
 * The bot end to end without HTTP: events in, replies out through a recording messenger,
 * profiles in the memory store. Every reply is checked against LINE's schema and limits.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { createBot, type Bot } from "../../../src/bot/router.js";
import { encodePostback, parsePostback } from "../../../src/postback.js";
import { TOPIC_KEYS } from "../../../src/knowledge/topics.js";
import { failingStore } from "../../helpers/failing-store.js";
import { createEmbeddedStore } from "../../../src/store/embedded/index.js";
import type { Message } from "../../../src/line/messenger.js";
import { allMenuActions } from "../../../src/richmenu/definitions.js";
import { expectValidLineMessages } from "../../helpers/line-assert.js";
import { createTestDeps, type TestDeps } from "../../helpers/bot-fixtures.js";
import {
  followEvent,
  postbackEvent,
  textEvent,
  unfollowEvent,
  USER_A,
  USER_B,
} from "../../helpers/line-events.js";

let deps: TestDeps;
let bot: Bot;

beforeEach(async () => {
  deps = await createTestDeps();
  bot = createBot(deps);
});

const texts = (ms: Message[]): string =>
  ms.map((m) => (m.type === "text" ? m.text : JSON.stringify(m))).join("\n");

async function send(ev: Record<string, unknown>): Promise<Message[]> {
  const r = await bot.handleEvent(ev);
  // Validating a placeholder for an empty reply would check nothing: validate real replies only.
  if (r.messages.length > 0) expectValidLineMessages(r.messages);
  return r.messages;
}

describe("conversation", () => {
  it("answers a question with a carousel of matching programs", async () => {
    const ms = await send(textEvent("防災の講座はありますか"));
    const flex = ms.find((m) => m.type === "flex");
    expect(flex).toBeDefined();
    expect(JSON.stringify(flex)).toMatch(/防災/);
    expect(deps.messenger.replies()).toHaveLength(1);
  });

  it("abstains on an out-of-scope question: apology, topics, 区をえらぶ, and records it hashed", async () => {
    const ms = await send(textEvent("パスポートの申請はどこでできますか"));
    const t = texts(ms);
    expect(t).toContain("ごめんなさい");
    const labels = JSON.stringify(ms[0]?.quickReply);
    for (const l of ["防災", "健康・介護", "子育て", "地域活動・補助金", "イベント", "区をえらぶ"])
      expect(labels).toContain(l);
    const unanswered = await deps.store.listUnanswered(10);
    expect(unanswered.map((u) => u.text)).toContain("パスポートの申請はどこでできますか");
    expect(JSON.stringify(unanswered)).not.toContain(USER_A);
  });

  it("follow → welcome with the ward picker; re-follow → welcome back without set-up", async () => {
    const first = await send(followEvent(false));
    expect(texts(first)).toContain("友だち追加");
    expect(JSON.stringify(first.at(-1)?.quickReply)).toContain("わからない");
    await send(postbackEvent(encodePostback({ kind: "ward", ward: "東区" })));
    await send(unfollowEvent());
    const p = await deps.store.getProfile(USER_A);
    expect(p).toMatchObject({ followed: false, ward: "東区" });
    const again = await send(followEvent(true));
    expect(texts(again)).toContain("おかえりなさい");
    expect(texts(again)).toContain("東区");
    expect(JSON.stringify(again)).not.toContain("わからない");
    expect(await deps.store.getProfile(USER_A)).toMatchObject({ followed: true, ward: "東区" });
  });

  it("わからない → asks for a place, then resolves 校区 or postal code", async () => {
    await send(postbackEvent(encodePostback({ kind: "ward-unknown" })));
    expect((await deps.store.getProfile(USER_A))?.awaiting).toBe("ward-place");
    const r = await send(textEvent("秋津"));
    expect(texts(r)).toContain("秋津");
    const p = await deps.store.getProfile(USER_A);
    expect(p?.awaiting).toBeNull();
    expect(p?.ward).not.toBeNull();

    await send(postbackEvent(encodePostback({ kind: "ward-unknown" })));
    const amb = await send(textEvent("861-0000"));
    expect(texts(amb)).toContain("どちら");
  });

  it("sets the ward by text and by postal code", async () => {
    await send(textEvent("東区に住んでいます"));
    expect((await deps.store.getProfile(USER_A))?.ward).toBe("東区");
    await send(textEvent("862-0950", USER_B));
    expect((await deps.store.getProfile(USER_B))?.ward).toBe("中央区");
  });

  it("settings card toggles topics and 文字を大きく switches sizes", async () => {
    await send(postbackEvent(encodePostback({ kind: "ward", ward: "西区" })));
    const card = await send(postbackEvent(encodePostback({ kind: "subscribe", topic: "bousai", on: true })));
    expect(JSON.stringify(card)).toContain("v1:sub:bousai:off");
    expect((await deps.store.getProfile(USER_A))?.topics).toEqual(["bousai"]);
    await send(postbackEvent(encodePostback({ kind: "subscribe", topic: "bousai", on: false })));
    expect((await deps.store.getProfile(USER_A))?.topics).toEqual([]);

    const normal = JSON.stringify(
      await send(postbackEvent(encodePostback({ kind: "detail", programId: "chuo-f-07" }))),
    );
    await send(textEvent("文字を大きく"));
    expect((await deps.store.getProfile(USER_A))?.largeText).toBe(true);
    const large = JSON.stringify(
      await send(postbackEvent(encodePostback({ kind: "detail", programId: "chuo-f-07" }))),
    );
    expect(normal).toContain('"size":"lg"');
    expect(large).toContain('"size":"xl"');
  });

  it("a resident who was a friend before launch (no profile yet) gets the settings card, not an error", async () => {
    expect(await deps.store.getProfile(USER_B)).toBeNull();
    const ms = await send(postbackEvent(encodePostback({ kind: "settings" }), USER_B));
    expect(ms.some((m) => m.type === "flex")).toBe(true);
    expect(texts(ms)).not.toContain("保存できません");
    expect((await deps.store.getProfile(USER_B))?.followed).toBe(true);
  });

  it("topic buttons search the resident's ward", async () => {
    await send(postbackEvent(encodePostback({ kind: "ward", ward: "東区" })));
    const ms = await send(postbackEvent(encodePostback({ kind: "topic", topic: "bousai" })));
    const json = JSON.stringify(ms);
    expect(json).toContain("あさひばみんなの防災フェスタ");
    expect(json).not.toContain("地域防災力強化経費"); // 中央区's
  });

  it("answers help, greetings and outdated postbacks", async () => {
    expect(texts(await send(textEvent("使い方")))).toContain("つかいかた");
    expect(texts(await send(textEvent("こんにちは")))).toContain("知りたいこと");
    expect(texts(await send(postbackEvent("v0:old-menu")))).toContain("メニューが新しくなりました");
    expect(texts(await send(postbackEvent("v1:ward:nowhere")))).toContain("メニューが新しくなりました");
  });

  it("answers every postback kind and every rich menu button with something useful", async () => {
    const all = [
      ...allMenuActions().map((a) => a.data),
      encodePostback({ kind: "ward", ward: "南区" }),
      encodePostback({ kind: "ward-unknown" }),
      encodePostback({ kind: "ward-picker" }),
      ...TOPIC_KEYS.map((topic) => encodePostback({ kind: "topic", topic })),
      encodePostback({ kind: "events" }),
      encodePostback({ kind: "detail", programId: "higashi-m-10" }),
      encodePostback({ kind: "ward-programs", ward: "東区", offset: 0 }),
      encodePostback({ kind: "same-topic", programId: "higashi-m-10" }),
      encodePostback({ kind: "more", offset: 5, ward: null, query: "#bousai" }),
      encodePostback({ kind: "settings" }),
      encodePostback({ kind: "subscribe", topic: "kosodate", on: true }),
      encodePostback({ kind: "large-text", on: false }),
      encodePostback({ kind: "help" }),
      encodePostback({ kind: "office" }),
    ];
    for (const data of all) {
      const ms = await send(postbackEvent(data));
      // A tab switch changes the menu on the phone; the bot rightly adds nothing to the talk.
      if (parsePostback(data).kind === "tab") {
        expect(ms, data).toEqual([]);
        continue;
      }
      expect(ms.length, data).toBeGreaterThan(0);
      expect(texts(ms), data).not.toContain("メニューが新しくなりました");
    }
  });

  it("office reply uses knowledge/offices.json for the resident's ward", async () => {
    await send(postbackEvent(encodePostback({ kind: "ward", ward: "南区" })));
    const t = texts(await send(postbackEvent(encodePostback({ kind: "office" }))));
    expect(t).toContain("熊本市南区富合町清藤405-3");
    expect(t).not.toContain("東本町");
  });

  it("non-text messages get a polite answer", async () => {
    const ms = await send({
      ...textEvent("x"),
      message: { id: "2", type: "sticker", packageId: "1", stickerId: "1" },
    });
    expect(texts(ms)).toContain("文字のメッセージ");
  });
});

describe("events", () => {
  const record = (
    id: string,
    startsAt: number,
    wards: string[],
    state: "confirmed" | "draft" = "confirmed",
  ) => ({
    id,
    state,
    sendAt: null,
    version: 1,
    createdAt: 0,
    updatedAt: 0,
    data: {
      title: `テスト催し ${id}`,
      body: "本文",
      wards,
      topics: ["event"],
      startsAt,
      endsAt: startsAt + 3_600_000,
      place: "区役所",
      url: null,
      imageUrl: null,
      programId: null,
      author: "テスト",
      programName: null,
    },
  });

  it("lists upcoming confirmed events of the ward, never past ones or drafts", async () => {
    const now = Date.now();
    await deps.store.createNotice(record("past", now - 10 * 86_400_000, ["東区"]));
    await deps.store.createNotice(record("soon", now + 2 * 86_400_000, ["東区"]));
    await deps.store.createNotice(record("later", now + 9 * 86_400_000, ["東区"]));
    await deps.store.createNotice(record("other", now + 3 * 86_400_000, ["西区"]));
    await deps.store.createNotice(record("draft", now + 3 * 86_400_000, ["東区"], "draft"));
    await send(postbackEvent(encodePostback({ kind: "ward", ward: "東区" })));
    const json = JSON.stringify(await send(textEvent("イベント")));
    expect(json).toContain("テスト催し soon");
    expect(json).toContain("テスト催し later");
    expect(json.indexOf("テスト催し soon")).toBeLessThan(json.indexOf("テスト催し later"));
    for (const no of ["past", "other", "draft"]) expect(json).not.toContain(`テスト催し ${no}`);
    const west = JSON.stringify(await send(textEvent("西区の催し")));
    expect(west).toContain("テスト催し other");
  });

  it("says plainly when nothing is coming", async () => {
    const t = texts(await send(postbackEvent(encodePostback({ kind: "events" }))));
    expect(t).toContain("今は ありません");
  });
});

describe("robustness", () => {
  it("de-duplicates on webhookEventId: a redelivery is not answered twice", async () => {
    const ev = textEvent("防災");
    expect((await bot.handleEvent(ev)).outcome).toBe("replied");
    const again = await bot.handleEvent({ ...ev, deliveryContext: { isRedelivery: true } });
    expect(again.outcome).toBe("duplicate");
    expect(deps.messenger.replies()).toHaveLength(1);
  });

  it("ignores standby events and stays quiet on group chatter; greets when invited", async () => {
    expect((await bot.handleEvent(textEvent("防災", USER_A, { mode: "standby" }))).outcome).toBe("standby");
    const group = textEvent("防災", USER_A, { source: { type: "group", groupId: "Cgroup", userId: USER_A } });
    expect((await bot.handleEvent(group)).outcome).toBe("no-reply");
    const join = { ...textEvent("x"), type: "join", source: { type: "group", groupId: "Cgroup" } };
    delete (join as Record<string, unknown>).message;
    expect((await bot.handleEvent(join)).outcome).toBe("replied");
    expect(deps.messenger.replies()).toHaveLength(1);
  });

  it("unknown event types and garbage are logged and ignored", async () => {
    expect((await bot.handleEvent({ ...textEvent("x"), type: "somethingNew" })).outcome).toBe("ignored");
    expect((await bot.handleEvent(42)).outcome).toBe("invalid-event");
    expect((await bot.handleEvent({ type: 5 })).outcome).toBe("invalid-event");
    expect(deps.messenger.replies()).toHaveLength(0);
  });

  it("keeps answering searches when the store fails (degraded)", async () => {
    const broken = failingStore();
    const d = await createTestDeps({ store: broken });
    const b = createBot(d);
    const r = await b.handleEvent(textEvent("防災の講座"));
    expect(r.outcome).toBe("replied");
    expect(r.degraded).toBe(true);
    expect(JSON.stringify(r.messages)).toContain("防災");
    const w = await b.handleEvent(postbackEvent(encodePostback({ kind: "ward", ward: "東区" })));
    expect(texts(w.messages)).toContain("保存できません");
    // Without dedupe, a redelivery is not answered (it may have been answered already).
    const again = await b.handleEvent(textEvent("防災", USER_A, { deliveryContext: { isRedelivery: true } }));
    expect(again.outcome).toBe("duplicate");
    expect(d.logs.raw()).toContain("store unavailable");
  });

  it("errors that quote a user id are logged without it", async () => {
    const real = createEmbeddedStore();
    const leaky = new Proxy(real, {
      get(target, prop, recv) {
        if (prop === "getProfile")
          return (id: string) => Promise.reject(new Error(`NOT_FOUND: profiles/${id} could not be read`));
        return Reflect.get(target, prop, recv);
      },
    });
    const d = await createTestDeps({ store: leaky });
    await createBot(d).handleEvent(textEvent("防災", USER_A));
    expect(d.logs.raw()).toContain("[line-id]");
    expect(d.logs.raw()).not.toContain(USER_A);
  });

  it("a failing reply is contained and logged", async () => {
    deps.messenger.scriptResults({
      ok: false,
      status: 400,
      retryable: false,
      acceptedRequestId: null,
      retryAfterMs: null,
      message: "Invalid reply token",
    });
    expect((await bot.handleEvent(textEvent("防災"))).outcome).toBe("reply-failed");
    expect((await bot.handleEvent(textEvent("子育て"))).outcome).toBe("replied");
  });

  it("logs one line per event with outcome and latency, severity, and never the user id", async () => {
    await bot.handleEvent(textEvent("防災", USER_A));
    await bot.handleEvent(followEvent(false, USER_B));
    const lines = deps.logs.lines().filter((l) => typeof l.outcome === "string");
    expect(lines).toHaveLength(2);
    for (const l of lines) {
      expect(l.severity).toBe("INFO");
      expect(typeof l.latencyMs).toBe("number");
      expect(String(l.user)).toMatch(/^u_[0-9a-f]{16}$/);
    }
    expect(deps.logs.raw()).not.toContain(USER_A);
    expect(deps.logs.raw()).not.toContain(USER_B);
  });
});

describe("the outcome log line", () => {
  it("is the same line whether or not a handler logged first (child logger made only when needed)", async () => {
    const quiet = await createTestDeps();
    await createBot(quiet).handleEvent(textEvent("防災の講座はありますか"));
    // A failing store makes the handlers log warnings through the event's child logger first.
    const noisy = await createTestDeps({ store: failingStore() });
    await createBot(noisy).handleEvent(textEvent("防災の講座はありますか"));
    const outcomeLine = (raw: string) => {
      const line = raw.split("\n").find((l) => l.includes('"outcome"'));
      expect(line).toBeDefined();
      return line!;
    };
    const a = outcomeLine(quiet.logs.raw());
    const b = outcomeLine(noisy.logs.raw());
    expect(noisy.logs.lines().length).toBeGreaterThan(1);
    const keys = (l: string) => Object.keys(JSON.parse(l) as object);
    expect(keys(a)).toEqual(keys(b));
    expect(keys(a).slice(0, 6)).toEqual([
      "severity",
      "time",
      "webhookEventId",
      "user",
      "eventType",
      "outcome",
    ]);
    for (const line of [a, b]) {
      const parsed = JSON.parse(line) as Record<string, unknown>;
      expect(parsed.user).toBe(quiet.hashUser(USER_A));
      expect(line).not.toContain(USER_A);
    }
    // Every line of the noisy event carries the same event fields.
    for (const l of noisy.logs.lines())
      expect(l).toMatchObject({ user: quiet.hashUser(USER_A), eventType: "message" });
  });
});
