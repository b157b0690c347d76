/** The staff API on a real server: bearer-token authentication with back-off, and the notice flow from draft to delivery report (counts only). */
import { afterEach, describe, expect, it } from "vitest";
import { startAdminServer, ADMIN_TOKEN, PREVIEW_USER } from "../helpers/admin-server.js";
import { NOW, expectedAudience, noticeInput } from "../helpers/notices.js";
import { expectValidLineMessages } from "../helpers/line-assert.js";
import { createSender } from "../../src/notices/sender.js";
import type { AdminDeps } from "../../src/http/admin.js";
import type { Deps } from "../../src/deps.js";
import { KNOWLEDGE_WARDS } from "../../src/knowledge/known-wards.js";
import { TOPIC_KEYS } from "../../src/knowledge/topics.js";

const WARDS = KNOWLEDGE_WARDS.names;

// The app's Deps must satisfy what the admin router needs (checked by the compiler).
const _depsFit = (d: Deps): AdminDeps => d;

const USER_ID = /U[0-9a-f]{32}/;
let servers: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});
async function start(...a: Parameters<typeof startAdminServer>) {
  const s = await startAdminServer(...a);
  servers.push(s);
  return s;
}

describe("admin API: authentication", () => {
  it("answers 401 without a valid token and logs the failure without the token", async () => {
    const s = await start();
    for (const token of [null, "", "wrong-token-0123456789", `${ADMIN_TOKEN}x`, ADMIN_TOKEN.slice(0, -1)]) {
      const r = await s.call("/admin/api/notices", { token });
      expect(r.status, String(token)).toBe(401);
      expect(r.headers.get("www-authenticate")).toMatch(/^Bearer/);
    }
    const basic = await fetch(`${s.url}/admin/api/notices`, {
      headers: { authorization: `Basic ${ADMIN_TOKEN}` },
    });
    expect(basic.status).toBe(401);
    const failures = s.logs.filter((l) => l.obj.event === "admin-auth-failed");
    expect(failures).toHaveLength(6);
    const logged = JSON.stringify(s.logs);
    expect(logged).not.toContain("wrong-token");
    expect(logged).not.toContain(ADMIN_TOKEN.slice(0, 12));
    expect((await s.call("/admin/api/notices")).status).toBe(200);
    expect((await s.call("/admin/api/notices", { token: "second-token-0123456789" })).status).toBe(200);
  });

  it("slows down repeated failures from one client, then refuses them", async () => {
    const delays: number[] = [];
    const s = await start({
      options: {
        freeFailures: 2,
        baseDelayMs: 100,
        maxDelayMs: 400,
        blockAfter: 6,
        sleep: async (ms) => void delays.push(ms),
      },
    });
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++)
      statuses.push((await s.call("/admin/api/meta", { token: "nope-nope-nope-nope" })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 429, 429]);
    expect(delays).toEqual([100, 200, 400, 400]);
  });
});

describe("admin API: the notice flow", () => {
  it("create → preview → dry run → confirm → send → report, with counts only", async () => {
    const s = await start();
    const created = await s.call("/admin/api/notices", {
      body: noticeInput({ wards: ["東区", "北区"], topics: ["bousai", "event"], programId: "higashi-m-01" }),
    });
    expect(created.status).toBe(201);
    const id = created.json.notice.id as string;
    expect(created.json.notice).toMatchObject({
      state: "draft",
      stateLabel: "下書き",
      when: "12月5日(土) 10:00〜12:00",
    });
    expect(created.json.notice.whenWithEra).toBe("令和8年12月5日(土) 10:00〜12:00");

    const preview = await s.call(`/admin/api/notices/${id}/preview`, { body: { largeText: true } });
    expect(preview.status).toBe(200);
    expectValidLineMessages(preview.json.messages, "multicast");
    expect(JSON.stringify(preview.json.messages)).toContain("防災訓練の支援");

    const pushed = await s.call(`/admin/api/notices/${id}/preview`, { body: { push: true } });
    expect(pushed.json.pushed).toEqual({ ok: true });
    expect(s.messenger.calls.map((c) => (c.kind === "push" ? c.to : null))).toEqual([PREVIEW_USER]);
    // The recipient of a preview never comes from the request.
    const sneaky = await s.call(`/admin/api/notices/${id}/preview`, { body: { push: true, to: "Uabc" } });
    expect(sneaky.status).toBe(400);

    const dry = await s.call(`/admin/api/notices/${id}/dry-run`, { body: {} });
    const expected = expectedAudience(s.profiles, ["東区", "北区"], ["bousai", "event"]);
    expect(dry.json.recipients.total).toBe(expected.length);
    for (const w of WARDS) {
      const n = expectedAudience(s.profiles, [w], ["bousai", "event"]).length;
      expect(dry.json.recipients.byWard[w] ?? 0, w).toBe(w === "東区" || w === "北区" ? n : 0);
    }
    for (const t of TOPIC_KEYS) {
      const n = expectedAudience(s.profiles, ["東区", "北区"], [t]).length;
      expect(dry.json.recipients.byTopic[t] ?? 0, t).toBe(t === "bousai" || t === "event" ? n : 0);
    }
    expect(dry.json).toMatchObject({
      estimatedMessages: expected.length,
      requests: Math.ceil(expected.length / 500),
      quota: { limit: 5000, used: 1200, remaining: 3800 },
      withinQuota: true,
    });

    const confirmed = await s.call(`/admin/api/notices/${id}/confirm`, {
      body: { sendAt: "2026-11-20T09:30" },
    });
    expect(confirmed.json.notice).toMatchObject({
      state: "confirmed",
      sendAtLabel: "令和8年11月20日(金) 09:30",
    });

    const sender = createSender({
      store: s.store,
      messenger: s.messenger,
      clock: () => NOW + 3_600_000,
      owner: "t",
      maxRequestsPerSecond: 10_000,
    });
    expect((await sender.sendDue())[0]?.outcome).toBe("sent");
    const status = await s.call(`/admin/api/notices/${id}`);
    expect(status.json.notice.state).toBe("sent");
    expect(status.json.report.recipients).toEqual({
      total: expected.length,
      pending: 0,
      sent: expected.length,
      failed: 0,
    });

    const cancelLate = await s.call(`/admin/api/notices/${id}/cancel`, { body: {} });
    expect(cancelLate.status).toBe(409);
    expect(cancelLate.json.message).toBe("すでに送信しました。取り消せません。");

    const list = await s.call("/admin/api/notices");
    expect(list.json.counts).toMatchObject({ sent: 1, draft: 0 });
    expect(list.json.notices.map((n: { id: string }) => n.id)).toEqual([id]);

    for (const body of s.bodies) expect(body).not.toMatch(USER_ID);
  });

  it("answers bad input with clear 4xx and per-field messages", async () => {
    const s = await start();
    const bad = await s.call("/admin/api/notices", {
      body: noticeInput({ title: "", wards: ["博多区"], startsAt: "2026-11-01T10:00", endsAt: null }),
    });
    expect(bad.status).toBe(400);
    expect(bad.json.issues.map((i: { path: string }) => i.path).sort()).toEqual(["title", "wards.0"]);
    const past = await s.call("/admin/api/notices", {
      body: noticeInput({ startsAt: "2026-11-01T10:00", endsAt: null }),
    });
    expect(past.json.issues).toEqual([
      { path: "startsAt", message: "開始日時が過ぎています。これからの日時を入れてください。" },
    ]);
    expect((await s.call("/admin/api/notices", { raw: "{not json" })).status).toBe(400);
    expect(
      (await s.call("/admin/api/notices", { raw: JSON.stringify({ body: "あ".repeat(40_000) }) })).status,
    ).toBe(413);
    expect((await s.call("/admin/api/notices/n-000000000000")).status).toBe(404);
    expect((await s.call("/admin/api/notices/..%2F..%2Fetc")).status).toBe(400);
    expect((await s.call("/admin/api/notices?state=lost")).status).toBe(400);
    expect((await s.call("/admin/api/unanswered?limit=0")).status).toBe(400);
    expect((await s.call("/admin/api/nothing-here")).status).toBe(404);

    const id = (await s.call("/admin/api/notices", { body: noticeInput() })).json.notice.id as string;
    await s.call(`/admin/api/notices/${id}/dry-run`, { body: {} });
    const pastSchedule = await s.call(`/admin/api/notices/${id}/confirm`, {
      body: { sendAt: "2026-11-19T09:00" },
    });
    expect(pastSchedule.status).toBe(409);
    expect(pastSchedule.json.error).toBe("past-schedule");
    const badSchedule = await s.call(`/admin/api/notices/${id}/confirm`, { body: { sendAt: "あした" } });
    expect(badSchedule.status).toBe(400);
    expect((await s.call(`/admin/api/notices/${id}/cancel`, { body: {} })).json.notice.state).toBe(
      "cancelled",
    );
    expect((await s.call(`/admin/api/notices/${id}/confirm`, { body: {} })).status).toBe(409);
  });

  it("confirm needs a dry run of the current version: none → refused; edit after it → refused; recount → ok", async () => {
    const s = await start();
    const id = (await s.call("/admin/api/notices", { body: noticeInput() })).json.notice.id as string;
    const unchecked = await s.call(`/admin/api/notices/${id}/confirm`, { body: {} });
    expect(unchecked.status).toBe(409);
    expect(unchecked.json).toMatchObject({ error: "dry-run-required" });

    const dry = await s.call(`/admin/api/notices/${id}/dry-run`, { body: {} });
    expect(dry.status).toBe(200);
    const counted = (await s.call(`/admin/api/notices/${id}`)).json.notice;
    expect(counted.dryRun).toMatchObject({ recipients: dry.json.recipients.total });

    const edited = await s.call(`/admin/api/notices/${id}`, {
      method: "PUT",
      body: noticeInput({ title: "会場が変わりました" }),
    });
    expect(edited.status).toBe(200);
    expect(edited.json.notice).toMatchObject({ title: "会場が変わりました", dryRun: null });
    const stale = await s.call(`/admin/api/notices/${id}/confirm`, { body: {} });
    expect(stale.status).toBe(409);
    expect(stale.json).toMatchObject({ error: "dry-run-outdated" });
    expect((await s.call(`/admin/api/notices/${id}`)).json.notice.state).toBe("draft");

    await s.call(`/admin/api/notices/${id}/dry-run`, { body: {} });
    const ok = await s.call(`/admin/api/notices/${id}/confirm`, { body: {} });
    expect(ok.status).toBe(200);
    expect(ok.json.notice.state).toBe("confirmed");
    // A confirmed notice is no longer a draft to edit.
    const late = await s.call(`/admin/api/notices/${id}`, { method: "PUT", body: noticeInput() });
    expect(late.status).toBe(409);
    const invalid = await s.call(`/admin/api/notices/${id}`, { method: "PUT", body: { title: "" } });
    expect(invalid.status).toBe(409);
  });

  it("confirm refuses a send over this month's quota (MONTHLY_MESSAGE_QUOTA), counting sends already confirmed", async () => {
    const s0 = await start({ residents: 400 });
    const east = expectedAudience(s0.profiles, ["東区"], ["bousai"]).length;
    const all = expectedAudience(s0.profiles, [...WARDS], ["bousai"]).length;
    expect(east).toBeGreaterThan(5);
    expect(all).toBeGreaterThan(east + 5);
    // Room for one east-ward send and a little more, no LINE quota known (as locally).
    const quota = east + 5;
    const s = await start({ residents: 400, lineQuota: null, monthlyMessageQuota: quota });
    const create = async (wards: string[]) =>
      (await s.call("/admin/api/notices", { body: noticeInput({ wards, topics: ["bousai"] }) })).json.notice
        .id as string;

    const big = await create([...WARDS]);
    const dryBig = await s.call(`/admin/api/notices/${big}/dry-run`, { body: {} });
    expect(dryBig.json).toMatchObject({
      estimatedMessages: all,
      quota: { limit: quota, used: 0, reserved: 0, remaining: quota, limitedBy: "config" },
      withinQuota: false,
    });
    const refused = await s.call(`/admin/api/notices/${big}/confirm`, { body: {} });
    expect(refused.status).toBe(409);
    expect(refused.json.error).toBe("over-quota");
    expect(refused.json.message).toContain(`${quota}通`);

    // A send that fits is confirmed and reserves its messages: the next one no longer fits.
    const small = await create(["東区"]);
    await s.call(`/admin/api/notices/${small}/dry-run`, { body: {} });
    expect((await s.call(`/admin/api/notices/${small}/confirm`, { body: {} })).status).toBe(200);
    const again = await create(["東区"]);
    const dryAgain = await s.call(`/admin/api/notices/${again}/dry-run`, { body: {} });
    expect(dryAgain.json.quota).toMatchObject({ reserved: east, remaining: 5 });
    expect(dryAgain.json.withinQuota).toBe(false);
    expect((await s.call(`/admin/api/notices/${again}/confirm`, { body: {} })).json.error).toBe("over-quota");
  });

  it("previews unsaved input for the console, reporting what is still wrong", async () => {
    const s = await start();
    const ok = await s.call("/admin/api/preview", { body: { notice: noticeInput() } });
    expectValidLineMessages(ok.json.messages, "push");
    expect(ok.json.issues).toEqual([]);
    const past = await s.call("/admin/api/preview", {
      body: { notice: noticeInput({ startsAt: "2026-01-01T10:00", endsAt: null }) },
    });
    expect(past.json.messages).toHaveLength(1);
    expect(past.json.issues[0].path).toBe("startsAt");
    const empty = await s.call("/admin/api/preview", { body: { notice: {} } });
    expect(empty.json.messages).toBeNull();
    expect(empty.json.issues.length).toBeGreaterThan(3);
  });

  it("lists unanswered questions most frequent first, without user identifiers", async () => {
    const s = await start();
    const ask = (text: string, i: number, who = i) =>
      s.store.recordUnanswered({ userHash: `hash-${who}`, text, at: NOW + i });
    for (let i = 0; i < 3; i++) await ask("ゴミの出し方", i);
    await ask("図書館は何時まで", 10);
    // One resident asking twice: two asks, one asker.
    for (let i = 0; i < 2; i++) await ask("花火大会", 20 + i, 20);
    const r = await s.call("/admin/api/unanswered?limit=10");
    expect(
      r.json.questions.map((q: { text: string; count: number; askers: number }) => [
        q.text,
        q.count,
        q.askers,
      ]),
    ).toEqual([
      ["ゴミの出し方", 3, 3],
      ["花火大会", 2, 1],
      ["図書館は何時まで", 1, 1],
    ]);
    // Counts only: exactly these fields, and no hash anywhere in the answer.
    for (const q of r.json.questions)
      expect(Object.keys(q).sort()).toEqual(["askers", "count", "lastAt", "text"]);
    expect(r.text).not.toContain("hash-");
  });

  it("serves the console page without a token, with a strict CSP", async () => {
    const s = await start();
    const page = await fetch(`${s.url}/admin/console/`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(await page.text()).toContain("お知らせ配信");
    const redirect = await fetch(`${s.url}/admin/`, { redirect: "manual" });
    expect(redirect.headers.get("location")).toBe("/admin/console/");
  });
});

describe("admin API: emergency bulletins", () => {
  const shelter = {
    title: "避難所を開けました",
    body: "東部公民館です。\n水があります。",
    author: "東区 総務企画課",
  };

  it("publishes per area, updates with a new time stamp, previews what residents see, withdraws", async () => {
    let now = NOW;
    const s = await start({ now: () => now });
    const empty = await s.call("/admin/api/bulletins");
    expect(empty.json.areas).toHaveLength(6);
    expect(empty.json.areas.every((a: { bulletin: unknown }) => a.bulletin === null)).toBe(true);

    const put = await s.call("/admin/api/bulletins/higashi", { method: "PUT", body: shelter });
    expect(put.status).toBe(200);
    expect(put.json.bulletin).toMatchObject({ scope: "東区", state: "published", updatedAt: NOW });
    now = NOW + 3_600_000;
    const again = await s.call("/admin/api/bulletins/higashi", {
      method: "PUT",
      body: { ...shelter, body: "満員です。" },
    });
    expect(again.json.bulletin).toMatchObject({ publishedAt: NOW, updatedAt: NOW + 3_600_000, version: 1 });

    const preview = await s.call("/admin/api/bulletins/preview", { body: { scope: "higashi" } });
    expectValidLineMessages(preview.json.messages);
    expect(JSON.stringify(preview.json.messages)).toContain("満員です。");

    const tooLong = await s.call("/admin/api/bulletins/all", {
      method: "PUT",
      body: { ...shelter, title: "あ".repeat(41) },
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.json.issues).toEqual([{ path: "title", message: "見出しは40文字までです。" }]);
    expect((await s.call("/admin/api/bulletins/hakata", { method: "PUT", body: shelter })).status).toBe(404);

    const withdrawn = await s.call("/admin/api/bulletins/higashi/withdraw", { body: {} });
    expect(withdrawn.json.bulletin.state).toBe("withdrawn");
    const after = await s.call("/admin/api/bulletins/preview", { body: { scope: "higashi" } });
    expect(JSON.stringify(after.json.messages)).toContain("緊急のお知らせは 出ていません");
    expect((await s.call("/admin/api/bulletins", { token: null })).status).toBe(401);
  });
});
