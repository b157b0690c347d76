/** Which confirmed notices residents see as upcoming events: ward, order, past events and 「今月」. */
import { describe, expect, it } from "vitest";
import { selectUpcoming, listUpcomingEvents } from "../../../src/notices/upcoming.js";
import { parseNoticeInput } from "../../../src/notices/notice.js";
import type { NoticeRecord, NoticeState } from "../../../src/store/port.js";
import { createEmbeddedStore } from "../../../src/store/embedded/index.js";
import { parseTokyoDateTime } from "../../../src/time/tokyo-time.js";
import { NOW, noticeInput } from "../../helpers/notices.js";

const at = (s: string) => parseTokyoDateTime(s) as number;

function record(id: string, state: NoticeState, over: Record<string, unknown>): NoticeRecord {
  const r = parseNoticeInput(noticeInput(over), { now: NOW, findProgram: () => undefined });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return { id, state, sendAt: NOW, version: 1, createdAt: NOW, updatedAt: NOW, data: r.data };
}

const records = [
  record("late", "confirmed", { startsAt: "2026-12-20T10:00", endsAt: null }),
  record("soon", "sent", { startsAt: "2026-11-21T10:00", endsAt: "2026-11-21T12:00" }),
  record("other-ward", "confirmed", { wards: ["西区"], startsAt: "2026-11-22T10:00", endsAt: null }),
  record("both", "sending", { wards: ["東区", "西区"], startsAt: "2026-11-25T10:00", endsAt: null }),
  record("draft", "draft", { startsAt: "2026-11-23T10:00", endsAt: null }),
  record("cancelled", "cancelled", { startsAt: "2026-11-23T10:00", endsAt: null }),
  record("next-month", "confirmed", { startsAt: "2027-01-10T10:00", endsAt: null }),
];

describe("upcoming events", () => {
  it("lists confirmed notices of the ward, soonest first, no drafts or cancelled ones", () => {
    expect(selectUpcoming(records, { ward: "東区", now: NOW }).map((n) => n.id)).toEqual([
      "soon",
      "both",
      "late",
      "next-month",
    ]);
    expect(selectUpcoming(records, { ward: "西区", now: NOW }).map((n) => n.id)).toEqual([
      "other-ward",
      "both",
    ]);
    expect(selectUpcoming(records, { ward: null, now: NOW, limit: 2 }).map((n) => n.id)).toEqual([
      "soon",
      "other-ward",
    ]);
  });

  it("never lists a past event: one in progress stays until its end", () => {
    const during = at("2026-11-21T11:00");
    expect(selectUpcoming(records, { ward: "東区", now: during }).map((n) => n.id)[0]).toBe("soon");
    const after = at("2026-11-21T12:00");
    expect(selectUpcoming(records, { ward: "東区", now: after }).map((n) => n.id)).not.toContain("soon");
    const muchLater = at("2027-02-01T00:00");
    expect(selectUpcoming(records, { ward: null, now: muchLater })).toEqual([]);
  });

  it("「今月の予定」 keeps to the current Tokyo month", () => {
    expect(selectUpcoming(records, { ward: "東区", now: NOW, thisMonth: true }).map((n) => n.id)).toEqual([
      "soon",
      "both",
    ]);
  });

  it("reads the store", async () => {
    const store = createEmbeddedStore();
    for (const r of records) await store.createNotice(r);
    const got = await listUpcomingEvents(store, { ward: "東区", now: NOW });
    expect(got.map((n) => n.id)).toEqual(["soon", "both", "late", "next-month"]);
    await store.close();
  });
});
