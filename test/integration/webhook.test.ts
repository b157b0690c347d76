/**
 * Signed bodies POSTed to the real app on a loopback port; assertions on what went out through
 * the recording messenger. Covers the HTTP contract (401/400/413/200), the official SDK
 * fixture, dedupe, standby, per-event isolation and the degraded store.
 */
import { readFileSync } from "node:fs";
import { createServer, request } from "node:http";
import type { AddressInfo } from "node:net";
import { deflateSync, gzipSync } from "node:zlib";
import { createRequestListener } from "../../src/app.js";
import { webhookOf } from "../../src/http/webhook.js";
import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createEmbeddedStore } from "../../src/store/embedded/index.js";
import type { Messenger } from "../../src/line/messenger.js";
import { expectValidLineMessages } from "../helpers/line-assert.js";
import { createTestDeps, type TestDeps } from "../helpers/bot-fixtures.js";
import { startApp, type RunningApp } from "../helpers/app-server.js";
import { followEvent, postbackEvent, sign, textEvent, USER_A, USER_B } from "../helpers/line-events.js";
import { failingStore } from "../helpers/failing-store.js";
import { createFakeLineApi } from "../fake-line/fake-line-api.js";
import { loadConfig } from "../../src/config.js";
import { createDeps } from "../../src/deps.js";

const FIXTURE = new URL("../fixtures/line-fixtures/sdk-python-webhook.json", import.meta.url);

let deps: TestDeps;
let app: RunningApp;

beforeEach(async () => {
  deps = await createTestDeps();
  app = await startApp(deps);
});
afterEach(async () => {
  await app.close();
  await deps.store.close();
});

const allReplies = () => deps.messenger.replies();

describe("HTTP contract", () => {
  it("200 for LINE's verification body (no events), nothing sent", async () => {
    const r = await app.post(JSON.stringify({ destination: "U1", events: [] }));
    expect(r.status).toBe(200);
    expect(deps.messenger.calls).toHaveLength(0);
  });

  it("401 without a signature and with a wrong one; nothing runs", async () => {
    const body = JSON.stringify({ destination: "U1", events: [textEvent("防災")] });
    expect((await app.post(body, { signature: null })).status).toBe(401);
    expect((await app.post(body, { signature: "AAAA" })).status).toBe(401);
    const other = await app.post(body, {
      signature: (await import("../helpers/line-events.js")).sign(body, "another-secret"),
    });
    expect(other.status).toBe(401);
    await deps.inflight.drain();
    expect(deps.messenger.calls).toHaveLength(0);
    expect(await deps.store.getProfile(USER_A)).toBeNull();
  });

  it("400 for signed bytes that are not JSON or not a webhook body", async () => {
    expect((await app.post("{not json")).status).toBe(400);
    expect((await app.post("[]")).status).toBe(400);
    expect((await app.post(JSON.stringify({ events: "nope" }))).status).toBe(400);
    expect((await app.post("null")).status).toBe(400);
  });

  it("413 for an oversized body, before the signature or JSON is looked at", async () => {
    const big = JSON.stringify({ events: [textEvent("あ".repeat(600_000))] });
    const r = await app.post(big, { signature: null });
    expect(r.status).toBe(413);
    expect(deps.messenger.calls).toHaveLength(0);
  });

  it("JSON errors, no stack traces, and 404 for unknown paths", async () => {
    const r = await app.post("{", {});
    expect(r.headers.get("content-type")).toContain("application/json");
    expect(JSON.stringify(await r.json())).not.toContain("at ");
    expect((await fetch(`${app.url}/nope`)).status).toBe(404);
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
  });
});

describe("events", () => {
  it("a signed text event gets a valid carousel reply", async () => {
    const r = await app.postEvents([textEvent("防災の講座はありますか")]);
    expect(r.status).toBe(200);
    await deps.inflight.drain();
    const [reply] = allReplies();
    expect(reply).toBeDefined();
    expectValidLineMessages(reply);
    expect(reply!.some((m) => m.type === "flex")).toBe(true);
  });

  it("the official SDK fixture (27 events, one shared webhookEventId) is answered 200, at most once", async () => {
    const body = readFileSync(FIXTURE);
    const r = await app.post(body);
    expect(r.status).toBe(200);
    await deps.inflight.drain();
    // All events share one webhookEventId, so only the first (a user's text) is handled:
    // exactly one reply, to that event's token (zero would mean the batch was dropped).
    const fixture = JSON.parse(body.toString("utf8")) as { events: Array<{ replyToken?: string }> };
    const calls = deps.messenger.calls.filter((c) => c.kind === "reply");
    expect(calls.map((c) => (c.kind === "reply" ? c.replyToken : ""))).toEqual([
      fixture.events[0]?.replyToken,
    ]);
    expect(allReplies()).toHaveLength(1);
    expectValidLineMessages(allReplies()[0]!);
  });

  it("every event of the SDK fixture, given its own id, is handled sensibly", async () => {
    const fixture = JSON.parse(readFileSync(FIXTURE, "utf8")) as { events: Array<Record<string, unknown>> };
    const events = fixture.events.map((e) => ({ ...e, webhookEventId: randomUUID() }));
    const r = await app.post(JSON.stringify({ destination: "U1", events }));
    expect(r.status).toBe(200);
    await deps.inflight.drain();
    const replies = allReplies();
    expect(replies.length).toBeGreaterThan(3);
    for (const m of replies) expectValidLineMessages(m);
    // Standby and group chatter are not answered; nothing is answered twice per token+event.
    const outcomes = deps.logs.lines().filter((l) => typeof l.outcome === "string");
    expect(outcomes).toHaveLength(events.length);
    expect(outcomes.some((l) => l.outcome === "ignored")).toBe(true);
    expect(outcomes.filter((l) => l.outcome === "error")).toHaveLength(0);
    expect(deps.logs.raw()).not.toContain("U206d25c2ea6bd87c17655609a1c37cb8");
  });

  it("a redelivered event is not answered twice", async () => {
    const ev = textEvent("子育て");
    await app.postEvents([ev]);
    await app.postEvents([{ ...ev, deliveryContext: { isRedelivery: true } }]);
    await deps.inflight.drain();
    expect(allReplies()).toHaveLength(1);
  });

  it("standby events are not answered", async () => {
    await app.postEvents([textEvent("防災", USER_A, { mode: "standby" })]);
    await deps.inflight.drain();
    expect(deps.messenger.calls).toHaveLength(0);
  });

  it("events of one user run in order (follow, then the ward)", async () => {
    await app.postEvents([followEvent(false), postbackEvent("v1:ward:kita"), textEvent("設定")]);
    await deps.inflight.drain();
    expect(await deps.store.getProfile(USER_A)).toMatchObject({ followed: true, ward: "北区" });
    const last = allReplies().at(-1);
    expect(JSON.stringify(last)).toContain("北区");
  });
});

describe("isolation and degradation", () => {
  it("one failing event does not affect the others in the batch", async () => {
    await app.close();
    const base = deps.messenger;
    const boom = "boom-token";
    const flaky: Messenger = {
      ...base,
      reply: (token, messages) =>
        token === boom ? Promise.reject(new Error("network exploded")) : base.reply(token, messages),
    };
    const d2 = await createTestDeps({ messenger: flaky });
    const a2 = await startApp(d2);
    try {
      const r = await a2.postEvents([
        textEvent("防災", USER_A, { replyToken: boom }),
        textEvent("子育て", USER_B),
        postbackEvent("v1:help", "U2222222222222222222222222222222f"),
      ]);
      expect(r.status).toBe(200);
      await d2.inflight.drain();
      expect(base.replies()).toHaveLength(2);
      expect(d2.logs.lines().filter((l) => l.outcome === "error")).toHaveLength(1);
    } finally {
      await a2.close();
    }
    app = await startApp(deps);
  });

  it("when the store fails the search still answers, 200, logged", async () => {
    await app.close();
    const d2 = await createTestDeps({ store: failingStore() });
    const a2 = await startApp(d2);
    try {
      const r = await a2.postEvents([textEvent("防災の講座")]);
      expect(r.status).toBe(200);
      await d2.inflight.drain();
      const rec = d2.messenger as unknown as { replies(): unknown[][] };
      expect(rec.replies()).toHaveLength(1);
      expect(d2.logs.raw()).toContain("store unavailable");
    } finally {
      await a2.close();
    }
    app = await startApp(deps);
  });

  it("answers within the ack budget even when handling is slow", async () => {
    await app.close();
    const slow: Messenger = {
      ...deps.messenger,
      reply: async (token, messages) => {
        await new Promise((r) => setTimeout(r, 800));
        return deps.messenger.reply(token, messages);
      },
    };
    const d2 = await createTestDeps({ messenger: slow, store: createEmbeddedStore() });
    const a2 = await startApp(d2, { ackBudgetMs: 100 });
    try {
      const t0 = performance.now();
      const r = await a2.postEvents([textEvent("防災")]);
      expect(r.status).toBe(200);
      expect(performance.now() - t0).toBeLessThan(700);
      expect(d2.inflight.size).toBe(1);
      await d2.inflight.drain();
      expect(deps.messenger.replies()).toHaveLength(1);
    } finally {
      await a2.close();
    }
    app = await startApp(deps);
  });
});

describe("through the real LINE client", () => {
  it("replies reach a LINE-compatible server at LINE_API_BASE_URL, valid and once", async () => {
    const fake = await createFakeLineApi({ channelAccessToken: "fake-token-for-webhook-test" });
    const config = loadConfig({
      APP_MODE: "local",
      LINE_CHANNEL_SECRET: "webhook-test-secret",
      LINE_CHANNEL_ACCESS_TOKEN: "fake-token-for-webhook-test",
      LINE_API_BASE_URL: fake.url,
      LINE_DATA_API_BASE_URL: fake.dataUrl,
    });
    const d = await createDeps(config, {
      store: createEmbeddedStore(),
      catalogue: deps.catalogue,
      search: deps.search,
      logger: deps.logger,
    });
    const a = await startApp(d);
    try {
      const ev = textEvent("防災の講座はありますか");
      fake.issueReplyToken(USER_A, ev.replyToken as string);
      expect((await a.postEvents([ev])).status).toBe(200);
      await a.postEvents([{ ...ev, deliveryContext: { isRedelivery: true } }]);
      await d.inflight.drain();
      const sent = fake.replies(ev.replyToken as string);
      expect(sent.length).toBeGreaterThan(0);
      expectValidLineMessages(sent);
      expect(fake.requests.filter((r) => r.endpoint === "reply")).toHaveLength(1);
    } finally {
      await a.close();
      await fake.close();
    }
  });
});

describe("the webhook reads its own body (no express body parser in front of it)", () => {
  it("gzip and deflate bodies are decoded first, as express's parser did; the signature is over the JSON", async () => {
    const body = JSON.stringify({ destination: "U1", events: [textEvent("防災の講座はありますか")] });
    const signature = sign(body, deps.config.line.channelSecret);
    const gz = await app.post(gzipSync(body), { signature, headers: { "content-encoding": "gzip" } });
    expect(gz.status).toBe(200);
    const df = await app.post(deflateSync(JSON.stringify({ destination: "U1", events: [] })), {
      signature: sign(JSON.stringify({ destination: "U1", events: [] }), deps.config.line.channelSecret),
      headers: { "content-encoding": "deflate" },
    });
    expect(df.status).toBe(200);
    await deps.inflight.drain();
    expect(allReplies()).toHaveLength(1);
  });

  it("415 for an encoding it cannot decode; 413 for a gzip body that decodes to more than the limit", async () => {
    const r = await app.post("{}", { headers: { "content-encoding": "compress" } });
    expect(r.status).toBe(415);
    const bomb = gzipSync(Buffer.alloc(2 * 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect((await app.post(bomb, { headers: { "content-encoding": "gzip" } })).status).toBe(413);
  });

  it("413 for a chunked body (no content-length) once it passes the limit", async () => {
    const { port } = app.server.address() as AddressInfo;
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ host: "127.0.0.1", port, path: "/webhook", method: "POST" }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", reject);
      // 1.5 MiB in 64 KiB chunks, without a content-length: only counting can find it too large.
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      for (let i = 0; i < 24; i++) req.write(chunk);
      req.end();
    });
    expect(status).toBe(413);
    expect(deps.messenger.calls).toHaveLength(0);
  });

  it("413 for a body a framework already read (rawBody, as on Cloud Functions) over the limit, even when signed", async () => {
    const handler = webhookOf(deps, { maxBodyBytes: 4096 });
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => handler(Object.assign(req, { rawBody: Buffer.concat(chunks) }), res));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    try {
      const { port } = server.address() as AddressInfo;
      const post = (body: string) =>
        fetch(`http://127.0.0.1:${port}/`, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "x-line-signature": sign(body, deps.config.line.channelSecret),
          },
          body,
        }).then((r) => r.status);
      const small = JSON.stringify({ destination: "U1", events: [textEvent("防災")] });
      const padded = JSON.stringify({
        destination: "U1",
        pad: "x".repeat(5000),
        events: [textEvent("防災")],
      });
      expect(await post(padded)).toBe(413);
      await deps.inflight.drain();
      expect(deps.messenger.calls).toHaveLength(0);
      expect(await post(small)).toBe(200);
      await deps.inflight.drain();
      expect(allReplies()).toHaveLength(1);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});

describe("the local server's listener (webhook before express)", () => {
  it("answers the webhook's POSTs like the express app, and everything else through express", async () => {
    const listener = createRequestListener(deps);
    const server = createServer(listener);
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const post = (
      path: string,
      body: string,
      signature: string | null = sign(body, deps.config.line.channelSecret),
    ) =>
      fetch(`${url}${path}`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(signature ? { "x-line-signature": signature } : {}),
        },
        body,
      });
    try {
      const body = JSON.stringify({ destination: "U1", events: [textEvent("子育てサークルを探しています")] });
      expect((await post("/webhook", body)).status).toBe(200);
      // express matched /webhook/, /WEBHOOK and a query string too.
      for (const path of ["/webhook/", "/WEBHOOK", "/webhook?x=1"])
        expect((await post(path, JSON.stringify({ destination: "U1", events: [] }))).status, path).toBe(200);
      const refused = await post("/webhook", body, "AAAA");
      expect(refused.status).toBe(401);
      expect(await refused.json()).toEqual({ error: "invalid or missing x-line-signature" });
      expect((await post("/webhook", "{not json")).status).toBe(400);
      expect((await fetch(`${url}/webhook`)).status).toBe(404);
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      await deps.inflight.drain();
      expect(allReplies()).toHaveLength(1);
      expectValidLineMessages(allReplies()[0]!);
      // Refusals are logged as the app's error handler logs them: status, path, no body.
      expect(deps.logs.lines()).toContainEqual(
        expect.objectContaining({
          status: 401,
          path: "/webhook",
          method: "POST",
          errorName: "SignatureValidationFailed",
        }),
      );
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});
