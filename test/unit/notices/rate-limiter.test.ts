/** The sender's rate limiter (≤ N request starts per second) and the staff delivery report (counts, no user ids). */
import { describe, expect, it } from "vitest";
import { createRateLimiter } from "../../../src/notices/rate-limiter.js";
import { summarizeBatches } from "../../../src/notices/delivery-report.js";
import type { DeliveryBatch } from "../../../src/store/port.js";

describe("rate limiter", () => {
  it("spaces request starts so no one-second window holds more than the limit", async () => {
    let t = 0;
    const starts: number[] = [];
    const limiter = createRateLimiter(
      200,
      async (ms) => {
        t += ms;
      },
      () => t,
    );
    for (let i = 0; i < 1000; i++) {
      await limiter.take();
      starts.push(t);
      t += i % 7 === 0 ? 3 : 0; // some requests take a while, most start back to back
    }
    for (let i = 200; i < starts.length; i++) {
      expect(starts[i]! - starts[i - 200]!).toBeGreaterThanOrEqual(1000 - 1e-6);
    }
    expect(starts.at(-1)).toBeCloseTo(999 * 5, 6); // and no slower than it must be
  });

  it("refuses a non-positive rate", () => {
    expect(() => createRateLimiter(0, async () => undefined)).toThrow(/positive/);
  });
});

describe("delivery report", () => {
  const batch = (
    index: number,
    state: DeliveryBatch["state"],
    n: number,
    reason: string | null,
    attempts = 1,
  ) => ({
    noticeId: "n",
    index,
    userIds: Array.from({ length: n }, (_, i) => `U${index}-${i}`),
    retryKey: `k${index}`,
    state,
    attempts,
    reason,
    updatedAt: 0,
  });

  it("counts batches and recipients per state and groups failures by reason, with no user ids", () => {
    const r = summarizeBatches([
      batch(0, "sent", 500, "req-1"),
      batch(1, "failed", 500, "HTTP 400: bad", 1),
      batch(2, "failed", 20, "HTTP 403: forbidden", 1),
      batch(3, "failed", 10, "HTTP 400: bad", 1),
      batch(4, "pending", 7, "HTTP 500: oops", 3),
    ]);
    expect(r).toEqual({
      batches: { total: 5, pending: 1, sent: 1, failed: 3 },
      recipients: { total: 1037, pending: 7, sent: 500, failed: 530 },
      failures: [
        { reason: "HTTP 400: bad", batches: 2, recipients: 510 },
        { reason: "HTTP 403: forbidden", batches: 1, recipients: 20 },
      ],
      attempts: 7,
    });
    expect(JSON.stringify(r)).not.toContain("U1-");
  });
});
