/**
 * The simulator's API on a real app on 127.0.0.1 port 0: events it builds match LINE's webhook
 * schema (webhook.yml), are signed so the app's real signature check accepts them, bad input
 * gets 400, the rich menus it serves are the deployed ones, and replies/pushes come back.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../../src/config.js";
import { createSimulatorSetup, type SimulatorSetup } from "../../../src/http/simulator-setup.js";
import {
  createSimulatorRouter,
  EventInput,
  SIMULATED_DESTINATION,
  simulatedEvent,
} from "../../../src/http/simulator.js";
import { simulatorMenus } from "../../../src/http/simulator-menus.js";
import { createSimulatorMessenger } from "../../../src/line/simulator-messenger.js";
import { createOpenApiSchemaValidator, DEFAULT_SPEC_DIR } from "../../line-schema/openapi-schemas.js";
import { MENUS } from "../../../src/richmenu/definitions.js";
import { layoutMenu } from "../../../src/richmenu/layout.js";
import { richMenuRequest } from "../../../src/richmenu/rich-menu-request.js";
import { imageDimensions } from "../../fake-line/fake-line-api.js";
import { createTestDeps } from "../../helpers/bot-fixtures.js";
import { startApp, type RunningApp } from "../../helpers/app-server.js";
import { expectValidLineMessages, expectValidRichMenu } from "../../helpers/line-assert.js";
import { USER_A, USER_B } from "../../helpers/line-events.js";

/** Validates a webhook body against LINE's own CallbackRequest schema. */
function webhookValidator(): (body: unknown) => string[] {
  const validate = createOpenApiSchemaValidator(join(DEFAULT_SPEC_DIR, "webhook.yml"), "CallbackRequest");
  return (body) => validate(body).map((e) => `${e.pointer} ${e.message}`);
}

describe("SIMULATOR setting", () => {
  const prod = {
    LINE_CHANNEL_SECRET: "s",
    LINE_CHANNEL_ACCESS_TOKEN: "t",
    USER_HASH_KEY: "0123456789abcdef",
  };
  it("is on by default locally and off in production", () => {
    expect(loadConfig({ APP_MODE: "local" }).simulator).toBe(true);
    expect(loadConfig({ APP_MODE: "local", SIMULATOR: "off" }).simulator).toBe(false);
    expect(loadConfig(prod).simulator).toBe(false);
  });
  it("is refused in production and must be on/off", () => {
    expect(() => loadConfig({ ...prod, SIMULATOR: "on" })).toThrow(ConfigError);
    expect(() => loadConfig({ APP_MODE: "local", SIMULATOR: "maybe" })).toThrow(/SIMULATOR/);
  });
});

describe("simulatedEvent", () => {
  const validate = webhookValidator();
  const inputs: EventInput[] = [
    { type: "text", userId: USER_A, text: "防災の取組はありますか" },
    { type: "postback", userId: USER_A, data: "v1:topic:bousai" },
    { type: "postback", userId: USER_A, data: "v1:settings", newRichMenuAliasId: "kmz-settings" },
    { type: "follow", userId: USER_A },
    { type: "follow", userId: USER_A, isUnblocked: true },
    { type: "unfollow", userId: USER_A },
  ];
  it.each(inputs)("builds a webhook event LINE's schema accepts: $type", (input) => {
    const { event, replyToken } = simulatedEvent(input, 1_700_000_000_000);
    expect(validate({ destination: SIMULATED_DESTINATION, events: [event] })).toEqual([]);
    expect(event.type).toBe(input.type === "text" ? "message" : input.type);
    expect(event.source).toEqual({ type: "user", userId: USER_A });
    if (input.type === "unfollow") expect(replyToken).toBeNull();
    else expect(event.replyToken).toBe(replyToken);
  });

  it("carries the rich menu switch as LINE does, and a fresh event id each time", () => {
    const a = simulatedEvent(
      { type: "postback", userId: USER_A, data: "v1:help", newRichMenuAliasId: "kmz-main" },
      1,
    );
    const b = simulatedEvent({ type: "postback", userId: USER_A, data: "v1:help" }, 1);
    expect(a.event.postback).toEqual({
      data: "v1:help",
      params: { newRichMenuAliasId: "kmz-main", status: "SUCCESS" },
    });
    expect(b.event.postback).toEqual({ data: "v1:help" });
    expect(a.event.webhookEventId).not.toBe(b.event.webhookEventId);
  });

  it("rejects the webhook schema's violations, so the check above can fail", () => {
    const { event } = simulatedEvent({ type: "text", userId: USER_A, text: "x" }, 1);
    expect(
      validate({ destination: SIMULATED_DESTINATION, events: [{ ...event, mode: "sideways" }] }),
    ).not.toEqual([]);
  });
});

describe("simulator messenger", () => {
  it("hands a late reply to the user's inbox instead of dropping it", async () => {
    const m = createSimulatorMessenger();
    await expect(m.waitForReply("tok", 20, USER_A)).resolves.toBeNull();
    await m.reply("tok", [{ type: "text", text: "おそい返事" }]);
    expect(m.inbox(USER_A, 0)).toEqual({ messages: [{ type: "text", text: "おそい返事" }], next: 1 });
    expect(m.inbox(USER_A, 1)).toEqual({ messages: [], next: 1 });
  });

  it("delivers a repeated retry key once, as LINE does", async () => {
    const m = createSimulatorMessenger();
    const msg = [{ type: "text" as const, text: "お知らせ" }];
    const first = await m.multicast([USER_A, USER_B], msg, "11111111-1111-4111-8111-111111111111");
    const again = await m.multicast([USER_A, USER_B], msg, "11111111-1111-4111-8111-111111111111");
    expect(again).toEqual(first);
    expect(m.inbox(USER_A, 0).messages).toHaveLength(1);
    expect(m.inbox(USER_B, 0).messages).toHaveLength(1);
  });
});

describe("simulator API", () => {
  let app: RunningApp;
  let sim: SimulatorSetup;
  const post = (body: unknown, raw?: string) =>
    fetch(`${app.url}/simulator/api/events`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: raw ?? JSON.stringify(body),
    });

  beforeAll(async () => {
    const probe = await createTestDeps();
    sim = createSimulatorSetup(probe.config, { replyTimeoutMs: 5000 });
    const deps = await createTestDeps(sim.overrides);
    app = await startApp(deps, { mounts: [["/simulator", sim.router]] });
    sim.listening(Number(new URL(app.url).port));
  });
  afterAll(async () => {
    await app?.close();
  });

  it.each([
    ["no user", { type: "text", text: "こんにちは" }],
    ["a user id that is not LINE's shape", { type: "text", userId: "U123", text: "x" }],
    ["an unknown event type", { type: "beacon", userId: USER_A }],
    ["empty text", { type: "text", userId: USER_A, text: "" }],
    ["text over LINE's 5,000 characters", { type: "text", userId: USER_A, text: "あ".repeat(5001) }],
    ["postback data over 300 characters", { type: "postback", userId: USER_A, data: "x".repeat(301) }],
  ])("answers 400 for %s", async (_name, body) => {
    const res = await post(body);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error.length).toBeGreaterThan(0);
  });

  it("answers 400 for a body that is not JSON", async () => {
    const res = await post(undefined, "{not json");
    expect(res.status).toBe(400);
  });

  it("sends a follow through the signed webhook and returns the bot's real reply", async () => {
    const res = await post({ type: "follow", userId: USER_A });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { messages: unknown[]; noReply: boolean };
    expect(body.noReply).toBe(false);
    expectValidLineMessages(body.messages);
    const labels = JSON.stringify(body.messages);
    for (const ward of ["中央区", "東区", "西区", "南区", "北区"]) expect(labels).toContain(ward);
  });

  it("a postback from a quick reply reaches the bot (the ward is stored)", async () => {
    const res = await post({ type: "postback", userId: USER_B, data: "v1:ward:higashi" });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { messages: unknown[] };
    expectValidLineMessages(body.messages);
    expect(JSON.stringify(body.messages)).toContain("東区");
  });

  it("unfollow has no reply token: answers at once with no messages", async () => {
    const res = await post({ type: "unfollow", userId: USER_B });
    expect(await res.json()).toEqual({ messages: [], noReply: false });
  });

  it("is refused by the webhook when signed with another secret (the check is real)", async () => {
    const probe = await createTestDeps({}, { LINE_CHANNEL_SECRET: "some-other-secret" });
    const wrong = createSimulatorSetup(probe.config, { replyTimeoutMs: 500 });
    const deps = await createTestDeps({ messenger: wrong.messenger });
    const other = await startApp(deps, { mounts: [["/simulator", wrong.router]] });
    try {
      wrong.listening(Number(new URL(other.url).port));
      const res = await fetch(`${other.url}/simulator/api/events`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ type: "text", userId: USER_A, text: "こんにちは" }),
      });
      expect(res.status).toBe(502);
      expect(((await res.json()) as { error: string }).error).toContain("401");
    } finally {
      await other.close();
    }
  });

  it("serves pushes from the inbox, and 400 for a bad inbox query", async () => {
    await sim.messenger.push(USER_A, [{ type: "text", text: "お知らせです" }]);
    const ok = await fetch(`${app.url}/simulator/api/inbox?userId=${USER_A}&since=0`);
    expect(await ok.json()).toEqual({ messages: [{ type: "text", text: "お知らせです" }], next: 1 });
    expect((await fetch(`${app.url}/simulator/api/inbox?userId=nobody&since=0`)).status).toBe(400);
    expect((await fetch(`${app.url}/simulator/api/inbox?userId=${USER_A}&since=-1`)).status).toBe(400);
  });

  it("serves the page at /simulator/ (redirecting the bare path)", async () => {
    const bare = await fetch(`${app.url}/simulator`, { redirect: "manual" });
    expect(bare.status).toBe(301);
    expect(bare.headers.get("location")).toBe("/simulator/");
    const page = await fetch(`${app.url}/simulator/`);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(await page.text()).toContain("flex.js");
  });

  it("serves the deployed rich menus: same areas as the deploy request, images of the right size", async () => {
    const res = await fetch(`${app.url}/simulator/api/richmenus`);
    const body = (await res.json()) as ReturnType<typeof simulatorMenus>;
    expect(body.defaultAliasId).toBe("kmz-main");
    expect(body.menus.map((m) => m.aliasId)).toEqual(MENUS.map((d) => d.alias));
    for (const [i, def] of MENUS.entries()) {
      const menu = body.menus[i]!;
      const req = richMenuRequest(layoutMenu(def));
      expect(menu.areas).toEqual(req.areas);
      expectValidRichMenu({ ...req, name: "simulator" });
      const img = await fetch(`${app.url}/simulator/${menu.imageUrl}`);
      expect(img.status).toBe(200);
      expect(imageDimensions(Buffer.from(await img.arrayBuffer()))).toEqual({
        type: "png",
        width: menu.size.width,
        height: menu.size.height,
      });
    }
  });
});

describe("simulator router without a reply", () => {
  /** A stand-in webhook: answers 200 without replying, or never answers. */
  async function withWebhook(
    mode: "silent" | "hang",
    run: (post: () => Promise<Response>) => Promise<void>,
  ): Promise<void> {
    const hook = createServer((req, res) => {
      req.resume();
      if (mode === "silent") req.on("end", () => res.writeHead(200).end("{}"));
    });
    await new Promise<void>((r) => hook.listen(0, "127.0.0.1", r));
    const hookPort = (hook.address() as AddressInfo).port;
    const messenger = createSimulatorMessenger();
    const app = express().use(
      "/simulator",
      createSimulatorRouter({
        channelSecret: "x",
        webhookUrl: () => `http://127.0.0.1:${hookPort}/`,
        messenger,
        menus: [],
        defaultAliasId: null,
        // Silent: far beyond the test's own timeout, so only the settled signal can end the wait.
        replyTimeoutMs: mode === "silent" ? 10 * 60_000 : 300,
        settled: () => Promise.resolve(),
      }),
    );
    const server = await new Promise<Server>((r) => {
      const s = app.listen(0, "127.0.0.1", () => r(s));
    });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/simulator/api/events`;
    try {
      await run(() =>
        fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ type: "text", userId: USER_A, text: "こんにちは" }),
        }),
      );
    } finally {
      hook.closeAllConnections();
      server.closeAllConnections();
      await new Promise((r) => hook.close(r));
      await new Promise((r) => server.close(r));
    }
  }

  it("answers noReply as soon as the webhook's work is over, without waiting for the timeout", async () => {
    await withWebhook("silent", async (post) => {
      const res = await post();
      expect(await res.json()).toEqual({ messages: [], noReply: true });
    });
  });

  it("gives up on a webhook that never answers (502), instead of hanging", async () => {
    await withWebhook("hang", async (post) => {
      const res = await post();
      expect(res.status).toBe(502);
      expect(((await res.json()) as { error: string }).error).toContain("unreachable");
    });
  });
});
