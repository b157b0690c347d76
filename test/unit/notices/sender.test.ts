/**
 * The sender's decisions against a recording messenger with scripted results (the exactly-
 * once runs under faults against the fake LINE API live in test/integration/notice-delivery).
 */
import { describe, expect, it } from "vitest";
import { createSender, type SenderOptions } from "../../../src/notices/sender.js";
import { createNoticeService } from "../../../src/notices/notice-service.js";
import { createEmbeddedStore } from "../../../src/store/embedded/index.js";
import { createRecordingMessenger } from "../../../src/line/recording-messenger.js";
import type { SendResult } from "../../../src/line/messenger.js";
import { NOW, expectedAudience, noticeInput, residents } from "../../helpers/notices.js";

const fail = (status: number, over: Partial<Extract<SendResult, { ok: false }>> = {}): SendResult => ({
  ok: false,
  status,
  retryable: status === 0 || status === 429 || status >= 500,
  acceptedRequestId: null,
  retryAfterMs: null,
  message: `status ${status}`,
  ...over,
});

async function setup(
  n = 1200,
  over: Record<string, unknown> = { wards: ["東区", "西区"], topics: ["bousai", "event"] },
) {
  const store = createEmbeddedStore();
  const profiles = residents(n);
  await store.importProfiles(profiles);
  const messenger = createRecordingMessenger();
  const service = createNoticeService({ store, messenger, clock: () => NOW, findProgram: () => undefined });
  const draft = await service.createDraft(noticeInput(over));
  await service.dryRun(draft.id);
  await service.confirm(draft.id);
  const expected = expectedAudience(profiles, draft.wards, draft.topics);
  const sleeps: number[] = [];
  const sender = (o: Partial<SenderOptions> = {}) =>
    createSender({
      store,
      messenger,
      clock: () => NOW,
      owner: "test",
      maxRequestsPerSecond: 10_000,
      backoff: { baseMs: 1, maxMs: 5 },
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      ...o,
    });
  return { store, messenger, service, id: draft.id, expected, sender, sleeps };
}

describe("sender", () => {
  it("multicasts the audience in batches of ≤ 500 with one UUID retry key each, then marks the notice sent", async () => {
    const t = await setup();
    const [r] = await t.sender().sendDue();
    expect(r).toMatchObject({ noticeId: t.id, outcome: "sent", retries: 0 });
    const calls = t.messenger.calls.filter((c) => c.kind === "multicast");
    expect(calls.length).toBe(Math.ceil(t.expected.length / 500));
    const sentTo = calls.flatMap((c) => (c.kind === "multicast" ? c.to : []));
    expect(sentTo.sort()).toEqual(t.expected);
    const keys = calls.map((c) => (c.kind === "multicast" ? c.retryKey : ""));
    expect(new Set(keys).size).toBe(keys.length);
    for (const k of keys)
      expect(k).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const status = await t.service.get(t.id);
    expect(status.notice.state).toBe("sent");
    expect(status.report.recipients).toEqual({
      total: t.expected.length,
      pending: 0,
      sent: t.expected.length,
      failed: 0,
    });
    // A second run finds nothing due and sends nothing.
    expect(await t.sender().sendDue()).toEqual([]);
    expect(t.messenger.calls.length).toBe(calls.length);
  });

  it("retries 429/5xx/network errors with the same key, honouring Retry-After; 409 counts as delivered", async () => {
    const t = await setup();
    t.messenger.scriptResults(
      fail(429, { retryAfterMs: 1234 }),
      fail(500),
      fail(0),
      fail(409, { acceptedRequestId: "accepted-1" }),
    );
    const [r] = await t.sender().sendDue();
    expect(r).toMatchObject({ outcome: "sent", retries: 3 });
    const first = t.messenger.calls.slice(0, 4).map((c) => (c.kind === "multicast" ? c.retryKey : ""));
    expect(new Set(first).size).toBe(1);
    expect(t.sleeps).toContain(5); // Retry-After 1234 capped by the test's maxMs
    const report = (await t.service.get(t.id)).report;
    expect(report.recipients.sent).toBe(t.expected.length);
  });

  it("records other 4xx per batch with the reason and ends partly-failed", async () => {
    const t = await setup();
    t.messenger.scriptResults(fail(400, { message: "The request body has 1 error(s)" }));
    const [r] = await t.sender().sendDue();
    expect(r?.outcome).toBe("partly-failed");
    const { notice, report } = await t.service.get(t.id);
    expect(notice.state).toBe("partly-failed");
    expect(report.batches.failed).toBe(1);
    const failedCall = t.messenger.calls.find((c) => !c.result.ok);
    const failedRecipients = failedCall?.kind === "multicast" ? failedCall.to.length : -1;
    expect(report.failures).toEqual([
      { reason: "HTTP 400: The request body has 1 error(s)", batches: 1, recipients: failedRecipients },
    ]);
    expect(report.recipients.sent).toBe(t.expected.length - failedRecipients);
    expect(t.messenger.calls.length).toBe(report.batches.total);
  });

  it("keeps LINE ids out of the failure reasons staff see", async () => {
    const t = await setup();
    const quoted = `U${"0a".repeat(16)}`;
    t.messenger.scriptResults(fail(400, { message: `Invalid to: ${quoted}` }));
    await t.sender().sendDue();
    const { report } = await t.service.get(t.id);
    expect(report.failures).toHaveLength(1);
    expect(report.failures[0]?.reason).toBe("HTTP 400: Invalid to: [line-id]");
    expect(JSON.stringify(report)).not.toContain(quoted);
  });

  it("gives a batch up after maxAttempts retryable failures", async () => {
    const t = await setup(100);
    t.messenger.scriptResults(fail(503), fail(503), fail(503));
    const [r] = await t.sender({ maxAttempts: 3 }).sendDue();
    expect(r?.outcome).toBe("partly-failed");
    expect((await t.service.get(t.id)).report.failures[0]?.reason).toMatch(
      /^gave up after 3 attempts: HTTP 503/,
    );
  });

  it("does not send before sendAt, nor a cancelled notice, nor when another sender holds the lease", async () => {
    const t = await setup(50);
    await t.store.acquireLease(t.id, "someone-else", NOW, 60_000);
    expect((await t.sender().sendNotice(t.id)).outcome).toBe("busy");
    await t.store.releaseLease(t.id, "someone-else");
    await t.service.cancel(t.id);
    expect(await t.sender().sendDue()).toEqual([]);
    expect((await t.sender().sendNotice(t.id)).outcome).toBe("skipped");
    expect(t.messenger.calls).toEqual([]);
  });

  it("resumes after an abort mid-delivery without re-sending finished batches", async () => {
    const t = await setup(3000, {
      wards: ["東区", "西区", "南区", "北区", "中央区"],
      topics: ["bousai", "kenko", "kosodate", "chiiki", "event"],
    });
    const ctrl = new AbortController();
    let n = 0;
    const inner = t.messenger.multicast.bind(t.messenger);
    t.messenger.multicast = async (...a) => {
      const r = await inner(...a);
      if (++n === 3) ctrl.abort(); // the 3rd request went out, but the sender "dies" before recording it
      return r;
    };
    const first = await t.sender({ signal: ctrl.signal, concurrency: 1, leaseTtlMs: 1000 }).sendDue();
    expect(first[0]?.outcome).toBe("aborted");
    const mid = (await t.service.get(t.id)).report;
    expect(mid.batches).toMatchObject({ sent: 2, pending: mid.batches.total - 2 });
    // The dead sender's lease blocks a new owner until it expires.
    const restarted = createSender({
      store: t.store,
      messenger: t.messenger,
      clock: () => NOW + 2000,
      owner: "restarted",
      maxRequestsPerSecond: 10_000,
    });
    const [again] = await restarted.sendDue(NOW + 2000);
    expect(again?.outcome).toBe("sent");
    const keys = t.messenger.calls.map((c) => (c.kind === "multicast" ? c.retryKey : ""));
    // Batch 3 was sent twice with the same key (LINE would answer 409); no other key repeats.
    expect(keys.length).toBe(mid.batches.total + 1);
    expect(new Set(keys).size).toBe(mid.batches.total);
    expect(keys[2]).toBe(keys[3]);
  });

  it("reads the next page while storing one, and drops that read when the stored delivery went another way", async () => {
    const everyone = {
      wards: ["東区", "西区", "南区", "北区", "中央区"],
      topics: ["bousai", "kenko", "kosodate", "chiiki", "event"],
    };
    const t = await setup(3000, everyone);
    const calls: string[] = [];
    // Another sender stores page 1 first, with its own page size: the cursor after it is not the
    // one this sender read its next page from.
    const store = new Proxy(t.store, {
      get(target, prop, receiver) {
        const v = Reflect.get(target, prop, receiver) as unknown;
        if (prop === "listAudiencePage")
          return (...a: Parameters<typeof target.listAudiencePage>) => {
            calls.push(`read after ${a[1] === null ? "start" : "cursor"} (${a[2]})`);
            return target.listAudiencePage(...a);
          };
        if (prop !== "addBatches") return v;
        return async (...a: Parameters<typeof target.addBatches>) => {
          const [noticeId, page] = a;
          calls.push(`store page ${page}`);
          if (page === 1) {
            const { next: after } = await target.deliveryProgress(noticeId);
            const rival = await target.listAudiencePage(everyone as never, after, 300);
            const batch = {
              noticeId,
              index: 1,
              userIds: rival.userIds,
              retryKey: "rival-key",
              state: "pending" as const,
              attempts: 0,
              reason: null,
              updatedAt: NOW,
            };
            expect(await target.addBatches(noticeId, 1, [batch], rival.next)).toBe(true);
          }
          return target.addBatches(...a);
        };
      },
    });
    const [r] = await t.sender({ store, pageBatches: { first: 1, max: 2 } }).sendDue();
    expect(r?.outcome).toBe("sent");
    // Page 1 was read while page 0 was stored, and page 2 while page 1 was (then dropped).
    expect(calls.slice(0, 4)).toEqual([
      "read after start (500)",
      "read after cursor (1000)",
      "store page 0",
      "read after cursor (1000)",
    ]);
    const sentTo = t.messenger.calls.flatMap((c) => (c.kind === "multicast" ? c.to : []));
    expect(sentTo.length).toBe(t.expected.length);
    expect([...sentTo].sort()).toEqual(t.expected);
  });
});
