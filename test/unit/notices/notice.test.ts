/**
 * Notice input validation (limits, past events, normalisation) and the notice state machine,
 * including the server-side order: confirm needs a dry run of the current version and a send
 * that fits this month's quota.
 */
import { describe, expect, it } from "vitest";
import {
  noticeFromRecord,
  noticeToRecord,
  parseNoticeInput,
  NOTICE_LIMITS,
  type Notice,
} from "../../../src/notices/notice.js";
import {
  cancelNotice,
  confirmNotice,
  finishSending,
  startSending,
} from "../../../src/notices/transitions.js";
import { parseTokyoDateTime } from "../../../src/time/tokyo-time.js";
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
    // Counted: a dry run of this very version (the states below are about other rules).
    dryRun: { version: 0, at: NOW, recipients: 3, estimatedMessages: 3 },
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

  it("an empty start date says it is required, not that its form is wrong", () => {
    expect(issuesOf({ startsAt: "" })).toEqual([
      { path: "startsAt", message: "開始日時を入れてください（例: 2026-12-05T10:00）。" },
    ]);
    expect(issuesOf({ startsAt: "12月5日" })[0]?.message).toContain("形がちがいます");
  });

  it("refuses a title or body over the limit instead of cutting it", () => {
    const long = "あ".repeat(NOTICE_LIMITS.title + 1);
    expect(issuesOf({ title: long })).toEqual([{ path: "title", message: "タイトルは40文字までです。" }]);
    expect(issuesOf({ body: "い".repeat(NOTICE_LIMITS.body + 1) })).toEqual([
      { path: "body", message: "本文は500文字までです。" },
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

  it("refuses to confirm a draft that was never counted, or was edited after its dry run", () => {
    expect(confirmNotice({ ...draft(), dryRun: null }, { now: NOW })).toMatchObject({
      ok: false,
      error: { code: "dry-run-required", message: expect.stringContaining("人数を数えて") },
    });
    // An edit writes a new version; the stamp still names the old one.
    expect(confirmNotice({ ...draft(), version: 1 }, { now: NOW })).toMatchObject({
      ok: false,
      error: { code: "dry-run-outdated" },
    });
  });

  it("refuses a send over what is left of this month's quota, and allows one that fits or has no known limit", () => {
    expect(confirmNotice(draft(), { now: NOW, quota: { estimated: 11, remaining: 10 } })).toMatchObject({
      ok: false,
      error: { code: "over-quota", message: expect.stringContaining("10通") },
    });
    expect(confirmNotice(draft(), { now: NOW, quota: { estimated: 10, remaining: 10 } }).ok).toBe(true);
    expect(confirmNotice(draft(), { now: NOW, quota: { estimated: 10, remaining: null } }).ok).toBe(true);
  });

  it("keeps the dry-run stamp inside the stored data and reads it back; content stays strict", () => {
    const n = draft();
    const r = noticeToRecord(n);
    expect(r.data.dryRun).toEqual(n.dryRun);
    expect(noticeFromRecord(r)).toEqual(n);
    expect(noticeFromRecord(noticeToRecord({ ...n, dryRun: null }))?.dryRun).toBeNull();
    expect(noticeFromRecord({ ...r, data: { ...r.data, extra: 1 } })).toBeNull();
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

describe("notice text that looks empty, reversed or broken", () => {
  const refused = (over: Record<string, unknown>, path: string, message: RegExp) => {
    const issues = issuesOf(over);
    expect(issues.map((i) => i.path)).toContain(path);
    expect(issues.find((i) => i.path === path)?.message).toMatch(message);
  };

  it.each([
    ["a title of zero-width spaces", { title: "\u200b\u200b\u200b" }, "title", /見えない文字だけ/],
    ["a body of one zero-width space", { body: "\u200b" }, "body", /見えない文字だけ/],
    [
      "a place of a BOM, an ideographic space and a word joiner",
      { place: "\ufeff\u3000\u2060" },
      "place",
      /見えない文字だけ/,
    ],
    ["U+202E in a title", { title: "お知らせ\u202eトップ" }, "title", /向きを変える記号/],
    ["U+2067 in a body", { body: "本文\u2067です" }, "body", /向きを変える記号/],
    ["a C1 control in a title", { title: "お知らせ\u0085です" }, "title", /制御文字/],
    ["a C1 control in a body", { body: "本文\u009bです" }, "body", /制御文字/],
    ["U+2028 in a title", { title: "一行目\u2028二行目" }, "title", /1行で/],
    ["U+2029 in a place", { place: "東区\u2029役所" }, "place", /1行で/],
    ["a lone high surrogate in a title", { title: "お知らせ\ud83d" }, "title", /こわれた文字/],
    ["a lone low surrogate in a body", { body: "本文\udc00です" }, "body", /こわれた文字/],
  ])("refuses %s", (_name, over, path, message) => refused(over, path, message));

  it("counts length in UTF-16 units as LINE does (𠮷 is 2)", () => {
    const half = NOTICE_LIMITS.title / 2;
    expect(parseNoticeInput(noticeInput({ title: "𠮷".repeat(half) }), ctx).ok).toBe(true);
    refused({ title: "𠮷".repeat(half + 1) }, "title", /40文字まで/);
    refused({ body: "😀".repeat(NOTICE_LIMITS.body / 2 + 1) }, "body", /500文字まで/);
  });

  it("keeps real text with joiners and newlines; turns U+2028 in a body into a newline", () => {
    expect(parseNoticeInput(noticeInput({ title: "家族👨‍👩‍👧で参加" }), ctx).ok).toBe(true);
    const r = parseNoticeInput(noticeInput({ body: "一行目\u2028二行目" }), ctx);
    expect(r.ok && r.data.body).toBe("一行目\n二行目");
  });
});

describe("notice links", () => {
  const urlOf = (url: string, key: "url" | "imageUrl" = "url") => {
    const r = parseNoticeInput(noticeInput({ [key]: url }), ctx);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    return r.data[key];
  };

  it("stores URLs percent-encoded, as LINE's uri format requires", () => {
    expect(urlOf("https://www.city.kumamoto.jp/お知らせ")).toBe(
      "https://www.city.kumamoto.jp/%E3%81%8A%E7%9F%A5%E3%82%89%E3%81%9B",
    );
    expect(urlOf("https://example.jp/a b?q=x y|z#frag ment")).toBe(
      "https://example.jp/a%20b?q=x%20y%7Cz#frag%20ment",
    );
    const host = new URL("https://熊本.jp/").hostname;
    expect(host).toMatch(/^xn--/);
    expect(urlOf("https://熊本.jp/画像.png", "imageUrl")).toBe(`https://${host}/%E7%94%BB%E5%83%8F.png`);
    // Already encoded stays as it is.
    expect(urlOf("https://example.jp/%E3%81%8A")).toBe("https://example.jp/%E3%81%8A");
  });

  it("refuses a URL whose encoded form is longer than LINE allows", () => {
    const r = parseNoticeInput(noticeInput({ url: `https://example.jp/${"あ".repeat(120)}` }), ctx);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.issues[0]?.message).toMatch(/1000文字まで/);
  });
});
