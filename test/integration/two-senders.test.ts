/**
 * Several senders at once on one channel (two Cloud Functions instances of sendDueNotices, or
 * a scheduled run and a staff "send now"): each spaces its own requests to the rate limit, so
 * together they would go over it. The channel lease lets only one of them deliver at a time.
 * Proved with two senders, one store, two due notices and the fake LINE API enforcing the
 * multicast limit with its sliding window: no 429, at most `limit` request starts in any
 * window, and everyone gets each notice exactly once.
 */
import { afterEach, describe, expect, it } from "vitest";
import { createFakeLineApi, type FakeLineApi } from "../fake-line/fake-line-api.js";
import { createLineMessenger } from "../../src/line/line-messenger.js";
import { createSender } from "../../src/notices/sender.js";
import { createNoticeService } from "../../src/notices/notice-service.js";
import { createEmbeddedStore } from "../../src/store/embedded/index.js";
import { NOW, expectedAudience, noticeInput, residents } from "../helpers/notices.js";

const TOKEN = "fake-channel-access-token";
/** Multicast requests per sliding second that the fake allows… */
const LIMIT = 25;
/** …and that each sender spaces its own requests to: one alone keeps a margin for timer jitter, two together are far over. */
const PER_SENDER = 15;

let fake: FakeLineApi | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

/** The largest number of request starts inside any window of `windowMs`. */
function maxInWindow(times: number[], windowMs: number): number {
  const t = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < t.length; i++) {
    while ((t[i] as number) - (t[j] as number) >= windowMs) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

describe("two senders on one channel", () => {
  it("stay within the channel's multicast limit together and deliver each notice once", async () => {
    const store = createEmbeddedStore();
    const profiles = residents(60);
    await store.importProfiles(profiles);
    fake = await createFakeLineApi({
      channelAccessToken: TOKEN,
      rateLimits: { multicast: { limit: LIMIT, windowMs: 1000 } },
    });
    const messenger = createLineMessenger({ channelAccessToken: TOKEN, apiBaseUrl: fake.url });
    const service = createNoticeService({ store, messenger, clock: () => NOW, findProgram: () => undefined });
    const all = {
      wards: ["中央区", "東区", "西区", "南区", "北区"],
      topics: ["bousai", "kenko", "kosodate"],
    };
    const a = await service.createDraft(noticeInput({ ...all, title: "お知らせ A" }));
    const b = await service.createDraft(noticeInput({ ...all, title: "お知らせ B" }));
    for (const id of [a.id, b.id]) {
      await service.dryRun(id);
      await service.confirm(id);
    }
    const expected = expectedAudience(profiles, a.wards, a.topics);
    expect(expected.length).toBeGreaterThan(20);

    const sender = (owner: string) =>
      createSender({
        store,
        messenger,
        clock: () => NOW,
        owner,
        batchSize: 1, // one request per resident: enough requests to cross the limit together
        pageBatches: { first: 1, max: 4 }, // and many audience pages, read while sending
        maxRequestsPerSecond: PER_SENDER,
        maxAttempts: 1, // a 429 would show as a failed batch instead of being retried away
      });
    const [one, two] = await Promise.all([sender("instance-1").sendDue(), sender("instance-2").sendDue()]);

    const multicasts = fake.requests.filter((r) => r.endpoint === "multicast");
    expect(multicasts.filter((r) => r.status === 429)).toEqual([]);
    expect(
      maxInWindow(
        multicasts.map((r) => r.at),
        1000,
      ),
    ).toBeLessThanOrEqual(LIMIT);
    // Each notice was delivered by exactly one of them; the other found the channel busy.
    const outcomes = [...one, ...two].filter((r) => r.outcome === "sent").map((r) => r.noticeId);
    expect(outcomes.sort()).toEqual([a.id, b.id].sort());
    for (const id of expected) {
      const titles = fake
        .delivered(id)
        .map((m) => JSON.stringify(m))
        .map((s) => (s.includes("お知らせ A") ? "A" : "B"));
      expect(titles.sort()).toEqual(["A", "B"]);
    }
    // The audience was read in pages by whichever sender held the channel.
    for (const id of [a.id, b.id])
      expect(await store.deliveryProgress(id)).toMatchObject({ complete: true, pages: expect.any(Number) });
    expect((await store.deliveryProgress(a.id)).pages).toBeGreaterThan(5);
    // …and a later run of either finds nothing left to do.
    expect((await sender("instance-2").sendDue()).map((r) => r.outcome)).toEqual([]);
  }, 60_000);
});
