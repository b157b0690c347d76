/** Notice input validation (limits, past events, normalisation) and the notice state machine. */
import { describe, expect, it } from "vitest";
import { parseNoticeInput, NOTICE_LIMITS, type Notice } from "../../../src/notices/notice.js";
import {
  cancelNotice,
  confirmNotice,
  finishSending,
  startSending,
} from "../../../src/notices/transitions.js";
import { parseTokyoDateTime } from "../../../src/notices/tokyo-time.js";
import { NOW, noticeInput } from "../../helpers/notices.js";

const programs = new Map([["higashi-m-01", { name: "防災訓練の支援" }]]);
const ctx = { now: NOW, findProgram: (id: string) => programs.get(id) };
const at = (s: string) => parseTokyoDateTime(s) as number;

function draft(over: Record<string, unknown> = {}): Notice {
  const r = parseNoticeInput(noticeInput(over), ctx);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return {
    id: "n-1",
    state: "draft",
    sendAt: null,
    version: 0,
    createdAt: NOW,
    updatedAt: NOW,
    data: r.data,
  };
}

function issuesOf(over: Record<string, unknown>) {
  const r = parseNoticeInput(noticeInput(over), ctx);
  expect(r.ok).toBe(false);
  return r.ok ? [] : r.issues;
}

describe("notice input", () => {
  it("accepts a full notice and normalises it (trimmed, wards and topics de-duplicated in canonical order)", () => {
    const r = parseNoticeInput(
      noticeInput({
        title: "  ICT講座  ",
        wards: ["北区", "東区", "北区"],
        topics: ["event", "bousai"],
        url: "https://www.city.kumamoto.jp/",
        imageUrl: "https://example.jp/a.png",
        programId: "higashi-m-01",
      }),
      ctx,
    );
    expect(r).toMatchObject({
      ok: true,
      data: {
        title: "ICT講座",
        wards: ["東区", "北区"],
        topics: ["bousai", "event"],
        startsAt: at("2026-12-05T10:00"),
        endsAt: at("2026-12-05T12:00"),
        programName: "防災訓練の支援",
      },
    });
  });

  it("refuses past events with a message staff can act on", () => {
    expect(issuesOf({ startsAt: "2026-11-20T08:59", endsAt: null })).toEqual([
      { path: "startsAt", message: "開始日時が過ぎています。これからの日時を入れてください。" },
    ]);
  });

  it("enforces limits and formats field by field", () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ title: "あ".repeat(NOTICE_LIMITS.title + 1) }, "title"],
      [{ title: "" }, "title"],
      [{ title: "二行の\nタイトル" }, "title"],
      [{ body: "あ".repeat(NOTICE_LIMITS.body + 1) }, "body"],
      [
        {
          body: Array(NOTICE_LIMITS.bodyLines + 1)
            .fill("行")
            .join("\n"),
        },
        "body",
      ],
      [{ body: "ベル\u0007" }, "body"],
      [{ wards: [] }, "wards"],
      [{ wards: ["博多区"] }, "wards.0"],
      [{ topics: ["sports"] }, "topics.0"],
      [{ startsAt: "12月5日" }, "startsAt"],
      [{ endsAt: "2026-12-05T09:00" }, "endsAt"],
      [{ url: "http://example.jp/" }, "url"],
      [{ imageUrl: "javascript:alert(1)" }, "imageUrl"],
      [{ programId: "higashi-m-99" }, "programId"],
      [{ place: "" }, "place"],
      [{ author: undefined }, "author"],
      [{ extra: 1 }, ""],
    ];
    for (const [over, path] of cases) {
      const issues = issuesOf(over);
      expect(
        issues.map((i) => i.path),
        JSON.stringify(over),
      ).toContain(path);
      for (const i of issues) expect(i.message).toMatch(/[ぁ-んァ-ン一-龥]/);
    }
  });
});

describe("notice state machine", () => {
  it("confirms a draft for now or a future time before the event", () => {
    const c = confirmNotice(draft(), { now: NOW });
    expect(c).toMatchObject({ ok: true, notice: { state: "confirmed", sendAt: NOW } });
    const later = confirmNotice(draft(), { now: NOW, sendAt: at("2026-12-01T09:00") });
    expect(later).toMatchObject({ ok: true, notice: { sendAt: at("2026-12-01T09:00") } });
  });

  it("refuses past schedule times, schedules after the start, past events and non-drafts", () => {
    expect(confirmNotice(draft(), { now: NOW, sendAt: NOW - 3_600_000 })).toMatchObject({
      ok: false,
      error: { code: "past-schedule" },
    });
    expect(confirmNotice(draft(), { now: NOW, sendAt: at("2026-12-05T10:00") })).toMatchObject({
      ok: false,
      error: { code: "schedule-after-event" },
    });
    expect(confirmNotice(draft(), { now: at("2026-12-05T10:30") })).toMatchObject({
      ok: false,
      error: { code: "past-event" },
    });
    const confirmed = { ...draft(), state: "confirmed" as const };
    expect(confirmNotice(confirmed, { now: NOW })).toMatchObject({ ok: false, error: { code: "not-draft" } });
  });

  it("cancels only before sending starts; cancelling twice is harmless", () => {
    expect(cancelNotice(draft())).toMatchObject({ ok: true, notice: { state: "cancelled" } });
    expect(cancelNotice({ ...draft(), state: "confirmed" })).toMatchObject({
      ok: true,
      notice: { state: "cancelled" },
    });
    expect(cancelNotice({ ...draft(), state: "cancelled" })).toMatchObject({
      ok: true,
      notice: { state: "cancelled" },
    });
    expect(cancelNotice({ ...draft(), state: "sending" })).toMatchObject({
      ok: false,
      error: { code: "already-sending" },
    });
    expect(cancelNotice({ ...draft(), state: "sent" })).toMatchObject({
      ok: false,
      error: { code: "already-sent" },
    });
  });

  it("starts, resumes and finishes sending; an event over before sending is cancelled, not sent", () => {
    const confirmed: Notice = { ...draft(), state: "confirmed", sendAt: NOW };
    expect(startSending(confirmed, NOW)).toMatchObject({ ok: true, notice: { state: "sending" } });
    expect(startSending({ ...confirmed, state: "sending" }, NOW)).toMatchObject({
      ok: true,
      notice: { state: "sending" },
    });
    expect(startSending(confirmed, at("2026-12-05T12:00"))).toMatchObject({
      ok: true,
      notice: { state: "cancelled" },
    });
    expect(startSending(draft(), NOW)).toMatchObject({ ok: false });
    const sending: Notice = { ...confirmed, state: "sending" };
    expect(finishSending(sending, { failedBatches: 0 })).toMatchObject({
      ok: true,
      notice: { state: "sent" },
    });
    expect(finishSending(sending, { failedBatches: 2 })).toMatchObject({
      ok: true,
      notice: { state: "partly-failed" },
    });
    expect(finishSending(confirmed, { failedBatches: 0 })).toMatchObject({ ok: false });
  });
});
