/** The local fake LINE API enforces what the platform documents: tokens, message schema and limits, retry keys, rate limits, rich menus. */
import { randomUUID } from "node:crypto";
import { Resvg } from "@resvg/resvg-js";
import { afterEach, describe, expect, it } from "vitest";
import {
  createRichMenuApi,
  RichMenuApiError,
  type RichMenuRequest,
} from "../../../src/line/rich-menu-api.js";
import {
  createFakeLineApi,
  imageDimensions,
  type FakeLineApi,
  type FakeLineApiOptions,
} from "../../fake-line/fake-line-api.js";

const TOKEN = "fake-channel-access-token";
const user = (n: number): string => `U${n.toString(16).padStart(32, "0")}`;
const text = [{ type: "text", text: "お知らせ" }];

let fake: FakeLineApi | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});
async function start(options: FakeLineApiOptions = {}): Promise<FakeLineApi> {
  fake = await createFakeLineApi(options);
  return fake;
}

async function post(
  base: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const res = await fetch(base + path, {
    method: "POST",
    headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, headers: res.headers };
}

const png = (width: number, height: number): Uint8Array =>
  new Resvg(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#004e9a"/></svg>`,
  )
    .render()
    .asPng();

const menu = (over: Partial<RichMenuRequest> = {}): RichMenuRequest => ({
  size: { width: 2500, height: 843 },
  selected: true,
  name: "main-0123abcd",
  chatBarText: "メニュー",
  areas: [
    {
      bounds: { x: 0, y: 0, width: 2500, height: 843 },
      action: { type: "postback", label: "防災", data: "v1:topic:bousai" },
    },
  ],
  ...over,
});

describe("fake LINE API: messages", () => {
  it("refuses a missing or wrong bearer token with 401", async () => {
    const f = await start();
    const res = await fetch(`${f.url}/v2/bot/message/push`, { method: "POST", body: "{}" });
    expect(res.status).toBe(401);
    expect(
      (
        await post(
          f.url,
          "/v2/bot/message/push",
          { to: user(1), messages: text },
          { authorization: "Bearer x" },
        )
      ).status,
    ).toBe(401);
    expect(f.recipients()).toEqual([]);
  });

  it("refuses invalid messages with a LINE-style error body and delivers nothing", async () => {
    const f = await start();
    const bubble = { type: "bubble", body: { type: "text", text: "x" } };
    const res = await post(f.url, "/v2/bot/message/push", {
      to: user(1),
      messages: [{ type: "flex", altText: "x", contents: bubble }],
    });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/error/);
    expect(res.body.details).toContainEqual({
      message: "must be equal to constant: box",
      property: "messages.0.contents.body.type",
    });
    expect(f.delivered(user(1))).toEqual([]);
  });

  it("limits multicast to 500 recipients and checks user ids", async () => {
    const f = await start();
    const to = Array.from({ length: 501 }, (_, i) => user(i));
    expect((await post(f.url, "/v2/bot/message/multicast", { to, messages: text })).status).toBe(400);
    expect(
      (await post(f.url, "/v2/bot/message/multicast", { to: to.slice(0, 500), messages: text })).status,
    ).toBe(200);
    expect(f.recipients()).toHaveLength(500);
    expect((await post(f.url, "/v2/bot/message/push", { to: "someone", messages: text })).status).toBe(400);
  });

  it("requires a UUID retry key and answers a repeat with 409 + x-line-accepted-request-id", async () => {
    const f = await start();
    expect(
      (
        await post(
          f.url,
          "/v2/bot/message/push",
          { to: user(1), messages: text },
          { "x-line-retry-key": "abc" },
        )
      ).status,
    ).toBe(400);
    const key = randomUUID();
    const first = await post(
      f.url,
      "/v2/bot/message/push",
      { to: user(1), messages: text },
      { "x-line-retry-key": key },
    );
    const second = await post(
      f.url,
      "/v2/bot/message/push",
      { to: user(1), messages: text },
      { "x-line-retry-key": key },
    );
    expect(first.status).toBe(200);
    expect(second.status).toBe(409);
    expect(second.headers.get("x-line-accepted-request-id")).toBe(first.headers.get("x-line-request-id"));
    expect(f.delivered(user(1))).toHaveLength(1);
  });

  it("rate-limits multicast at 200 requests per sliding second", async () => {
    let clock = 0;
    const f = await start({ now: () => clock });
    const send = () => post(f.url, "/v2/bot/message/multicast", { to: [user(1)], messages: text });
    const statuses: number[] = [];
    for (let i = 0; i < 201; i++) statuses.push((await send()).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(200);
    expect(statuses[200]).toBe(429);
    clock += 999;
    expect((await send()).status).toBe(429);
    clock += 1;
    expect((await send()).status).toBe(200);
    // Push has its own, larger budget.
    expect((await post(f.url, "/v2/bot/message/push", { to: user(1), messages: text })).status).toBe(200);
  });

  it("injects faults deterministically from a seed", async () => {
    const run = async (): Promise<unknown[]> => {
      const f = await createFakeLineApi({ faults: { errorRate: 0.3, rateLimitRate: 0.2, seed: 42 } });
      const out: unknown[] = [];
      for (let i = 0; i < 30; i++)
        out.push((await post(f.url, "/v2/bot/message/push", { to: user(i), messages: text })).status);
      await f.close();
      return out;
    };
    const a = await run();
    expect(await run()).toEqual(a);
    expect(new Set(a)).toEqual(new Set([200, 500, 429]));
  });

  it("validates messages on the validate endpoints without sending", async () => {
    const f = await start();
    expect((await post(f.url, "/v2/bot/message/validate/push", { messages: text })).status).toBe(200);
    expect(
      (await post(f.url, "/v2/bot/message/validate/reply", { messages: [{ type: "text", text: "" }] }))
        .status,
    ).toBe(400);
    expect(f.recipients()).toEqual([]);
  });
});

describe("fake LINE API: rich menus (through createRichMenuApi)", () => {
  const api = (f: FakeLineApi) =>
    createRichMenuApi({
      channelAccessToken: TOKEN,
      apiBaseUrl: f.url,
      dataApiBaseUrl: f.dataUrl,
      timeoutMs: 5000,
    });

  it("creates, uploads, sets default and aliases, links users, deletes", async () => {
    const f = await start();
    const rm = api(f);
    const id = await rm.create(menu());
    await expect(rm.setDefault(id)).rejects.toThrow(/upload richmenu image/);
    await rm.uploadImage(id, png(2500, 843), "image/png");
    await rm.setDefault(id);
    await rm.createAlias("main", id);
    await rm.linkToUser(user(1), id);
    expect(await rm.getDefault()).toBe(id);
    expect(await rm.listAliases()).toEqual([{ richMenuAliasId: "main", richMenuId: id }]);
    expect((await rm.list()).map((m) => m.richMenuId)).toEqual([id]);
    expect(f.state.userRichMenus.get(user(1))).toBe(id);
    await rm.unlinkFromUser(user(1));
    await rm.deleteAlias("main");
    await rm.delete(id);
    expect(await rm.getDefault()).toBeNull();
    expect(await rm.get(id)).toBeNull();
  });

  it("enforces the documented rules with errors that name the fix", async () => {
    const f = await start();
    const rm = api(f);
    await expect(rm.create(menu({ chatBarText: "あ".repeat(15) }))).rejects.toThrow(/chatBarText/);
    const outside = menu({
      areas: [
        { bounds: { x: 2000, y: 0, width: 600, height: 843 }, action: { type: "postback", data: "x" } },
      ],
    });
    await expect(rm.create(outside)).rejects.toThrow(/inside/);
    const id = await rm.create(menu());
    await expect(rm.uploadImage(id, png(2500, 1686), "image/png")).rejects.toThrow(
      /does not match the rich menu size 2500x843/,
    );
    await expect(rm.uploadImage(id, png(2500, 843), "image/jpeg")).rejects.toThrow(/not a valid image\/jpeg/);
    const huge = new Uint8Array(1024 * 1024 + 1);
    huge.set(png(2500, 843));
    await expect(rm.uploadImage(id, huge, "image/png")).rejects.toThrow(/413[\s\S]*at most 1 MB/);
    await rm.uploadImage(id, png(2500, 843), "image/png");
    await expect(rm.uploadImage(id, png(2500, 843), "image/png")).rejects.toThrow(/already been uploaded/);
    await expect(rm.createAlias("Main!", id)).rejects.toThrow(/\^\[a-z0-9_-\]\{1,32\}\$/);
    await rm.createAlias("main", id);
    await expect(rm.createAlias("main", id)).rejects.toThrow(/conflict/);
    await expect(rm.updateAlias("nope", id)).rejects.toMatchObject({ status: 404 });
    const bad = createRichMenuApi({ channelAccessToken: "wrong", apiBaseUrl: f.url });
    const err = await bad.list().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RichMenuApiError);
    expect((err as Error).message).toMatch(/401[\s\S]*LINE_CHANNEL_ACCESS_TOKEN/);
  });

  it("allows at most 1,000 rich menus and 100 creations per hour by default", async () => {
    const f = await start({ rateLimits: { "richmenu.create": { limit: Infinity, windowMs: 1 } } });
    const body = menu();
    for (let batch = 0; batch < 10; batch++) {
      const results = await Promise.all(
        Array.from({ length: 100 }, () => post(f.url, "/v2/bot/richmenu", body)),
      );
      expect(results.every((r) => r.status === 200)).toBe(true);
    }
    const over = await post(f.url, "/v2/bot/richmenu", body);
    expect(over.status).toBe(400);
    expect(over.body.message).toMatch(/maximum number of rich menus \(1000\)/);

    const limited = await createFakeLineApi();
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 101; i++) statuses.push((await post(limited.url, "/v2/bot/richmenu", body)).status);
      expect(statuses.slice(0, 100).every((s) => s === 200)).toBe(true);
      expect(statuses[100]).toBe(429);
    } finally {
      await limited.close();
    }
  });

  it("reads PNG and JPEG dimensions", () => {
    expect(imageDimensions(Buffer.from(png(800, 270)))).toEqual({ type: "png", width: 800, height: 270 });
    // Minimal JPEG header: SOI, APP0 (length 16), SOF0 with height 843 and width 2500.
    const jpeg = Buffer.from([
      0xff,
      0xd8,
      0xff,
      0xe0,
      0x00,
      0x10,
      ...Array(14).fill(0),
      0xff,
      0xc0,
      0x00,
      0x11,
      0x08,
      0x03,
      0x4b,
      0x09,
      0xc4,
      0x03,
      ...Array(9).fill(0),
    ]);
    expect(imageDimensions(jpeg)).toEqual({ type: "jpeg", width: 2500, height: 843 });
    expect(imageDimensions(Buffer.from("GIF89a"))).toBeNull();
  });
});
