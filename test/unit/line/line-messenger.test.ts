/** The LINE client adapter against the fake LINE API: sends, retry keys, and how each platform error maps to a SendResult. */
import { randomUUID } from "node:crypto";
import { HTTPFetchError } from "@line/bot-sdk";
import { afterEach, describe, expect, it } from "vitest";
import { createLineMessenger, parseRetryAfter, toSendResult } from "../../../src/line/line-messenger.js";
import type { Message } from "../../../src/line/messenger.js";
import {
  createFakeLineApi,
  type FakeLineApi,
  type FakeLineApiOptions,
} from "../../fake-line/fake-line-api.js";

const user = (n: number): string => `U${n.toString(16).padStart(32, "0")}`;
const hello: Message[] = [{ type: "text", text: "防災訓練のお知らせです。" }];

let fake: FakeLineApi | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

async function setup(options: FakeLineApiOptions = {}, timeoutMs = 2000) {
  fake = await createFakeLineApi(options);
  const messenger = createLineMessenger({
    channelAccessToken: "fake-channel-access-token",
    apiBaseUrl: fake.url,
    dataApiBaseUrl: fake.dataUrl,
    timeoutMs,
  });
  return { fake, messenger };
}

describe("createLineMessenger against the fake LINE API", () => {
  it("pushes and multicasts, returning LINE's request id, and delivers to each user", async () => {
    const { fake, messenger } = await setup();
    const pushed = await messenger.push(user(1), hello, randomUUID());
    expect(pushed).toEqual({ ok: true, requestId: fake.requests[0]?.requestId });
    const multi = await messenger.multicast([user(2), user(3)], hello, randomUUID());
    expect(multi.ok).toBe(true);
    expect(fake.delivered(user(1)).map((d) => d.message)).toEqual(hello);
    expect(fake.delivered(user(3)).map((d) => d.via)).toEqual(["multicast"]);
    expect(fake.requests.map((r) => r.retryKey)).toEqual([expect.any(String), expect.any(String)]);
  });

  it("a repeated retry key gets 409 with the accepted request id and is not delivered twice", async () => {
    const { fake, messenger } = await setup();
    const key = randomUUID();
    const first = await messenger.multicast([user(1), user(2)], hello, key);
    const again = await messenger.multicast([user(1), user(2)], hello, key);
    expect(first.ok).toBe(true);
    expect(again).toMatchObject({ ok: false, status: 409, retryable: false });
    expect(again.ok === false && again.acceptedRequestId).toBe(first.ok && first.requestId);
    expect(fake.delivered(user(1))).toHaveLength(1);
    expect(fake.delivered(user(2))).toHaveLength(1);
  });

  it("429 from the multicast rate limit is retryable and honours Retry-After", async () => {
    const { messenger } = await setup({
      rateLimits: { multicast: { limit: 2, windowMs: 60_000 } },
      retryAfterSeconds: 3,
    });
    expect((await messenger.multicast([user(1)], hello, randomUUID())).ok).toBe(true);
    expect((await messenger.multicast([user(1)], hello, randomUUID())).ok).toBe(true);
    const third = await messenger.multicast([user(1)], hello, randomUUID());
    expect(third).toMatchObject({ ok: false, status: 429, retryable: true, retryAfterMs: 3000 });
  });

  it("a hung request times out as retryable; the retry with the same key after a processed timeout is a 409", async () => {
    const { fake, messenger } = await setup({ faults: { timeoutRate: 1, processedShare: 1 } }, 300);
    const key = randomUUID();
    const started = Date.now();
    const first = await messenger.multicast([user(7)], hello, key);
    expect(first).toMatchObject({ ok: false, status: 0, retryable: true });
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    fake.setFaults(null);
    const retry = await messenger.multicast([user(7)], hello, key);
    expect(retry).toMatchObject({ ok: false, status: 409, acceptedRequestId: expect.any(String) });
    expect(fake.delivered(user(7))).toHaveLength(1);
  });

  it("500s and dropped connections are retryable; a timed-out unprocessed request delivers on retry", async () => {
    const { fake, messenger } = await setup({ faults: { errorRate: 1, processedShare: 0 } });
    expect(await messenger.push(user(1), hello, randomUUID())).toMatchObject({
      ok: false,
      status: 500,
      retryable: true,
    });
    fake.setFaults({ dropRate: 1, processedShare: 0 });
    expect(await messenger.push(user(1), hello, randomUUID())).toMatchObject({
      ok: false,
      status: 0,
      retryable: true,
    });
    expect(fake.delivered(user(1))).toHaveLength(0);
    fake.setFaults(null);
    expect((await messenger.push(user(1), hello, randomUUID())).ok).toBe(true);
    expect(fake.delivered(user(1))).toHaveLength(1);
  });

  it("invalid messages and a wrong token are final, with LINE's reason", async () => {
    const { fake, messenger } = await setup();
    const bad = await messenger.push(user(1), [{ type: "text", text: "a".repeat(5001) }], randomUUID());
    expect(bad).toMatchObject({ ok: false, status: 400, retryable: false });
    expect(bad.ok === false && bad.message).toContain("messages.0.text");
    const wrong = createLineMessenger({ channelAccessToken: "nope", apiBaseUrl: fake.url });
    expect(await wrong.push(user(1), hello)).toMatchObject({ ok: false, status: 401, retryable: false });
    expect(fake.recipients()).toEqual([]);
  });

  it("reply tokens are single-use and expire", async () => {
    let clock = 1_000_000;
    const { fake, messenger } = await setup({ now: () => clock, replyTokenTtlMs: 60_000 });
    const token = fake.issueReplyToken(user(5));
    expect((await messenger.reply(token, hello)).ok).toBe(true);
    expect(await messenger.reply(token, hello)).toMatchObject({ ok: false, status: 400, retryable: false });
    const late = fake.issueReplyToken(user(5));
    clock += 60_001;
    expect(await messenger.reply(late, hello)).toMatchObject({ ok: false, status: 400 });
    expect(fake.delivered(user(5))).toHaveLength(1);
    expect(fake.replies(token)).toEqual(hello);
  });

  it("reports the monthly quota, and a send beyond it is refused", async () => {
    const { messenger } = await setup({ quota: 3 });
    expect(await messenger.quota()).toEqual({ limit: 3, used: 0 });
    expect((await messenger.multicast([user(1), user(2)], hello, randomUUID())).ok).toBe(true);
    expect(await messenger.quota()).toEqual({ limit: 3, used: 2 });
    expect(await messenger.multicast([user(3), user(4)], hello, randomUUID())).toMatchObject({
      ok: false,
      status: 429,
    });
  });

  it("an unreachable server is a retryable network error", async () => {
    const { fake: f } = await setup();
    const url = f.url;
    await f.close();
    fake = null;
    const messenger = createLineMessenger({ channelAccessToken: "t", apiBaseUrl: url, timeoutMs: 1000 });
    expect(await messenger.push(user(1), hello)).toMatchObject({ ok: false, status: 0, retryable: true });
    expect(await messenger.quota()).toBeNull();
  });
});

describe("error mapping", () => {
  it("parses Retry-After in seconds and as an HTTP date", () => {
    expect(parseRetryAfter("2")).toBe(2000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4000)).toBe(6000);
    expect(parseRetryAfter(null)).toBeNull();
    expect(parseRetryAfter("soon")).toBeNull();
  });

  it("maps 409 and 503 from HTTPFetchError", () => {
    const err = (status: number, headers: Record<string, string>) =>
      new HTTPFetchError(`${status}`, {
        status,
        statusText: "",
        headers: new Headers(headers),
        body: '{"message":"x"}',
      });
    expect(toSendResult(err(409, { "x-line-accepted-request-id": "abc" }))).toMatchObject({
      status: 409,
      retryable: false,
      acceptedRequestId: "abc",
    });
    expect(toSendResult(err(503, { "retry-after": "1" }))).toMatchObject({
      retryable: true,
      retryAfterMs: 1000,
    });
  });
});
