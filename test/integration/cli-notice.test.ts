/**
 * The notice and residents CLI commands, run in-process through the dispatcher with their own
 * environment: a shared file store (as server and CLI share it), and the fake LINE API for
 * send-due. Dates are relative to the real clock, because the CLI uses it.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { inTokyo } from "../../src/time/tokyo-time.js";
import { createFakeLineApi, type FakeLineApi } from "../fake-line/fake-line-api.js";
import { residents, userId } from "../helpers/notices.js";

const TOKEN = "fake-channel-access-token";
let dir: string;
let fake: FakeLineApi;
let env: NodeJS.ProcessEnv;

async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, {
    out: (s) => out.push(s),
    err: (s) => err.push(s),
    stdin: new PassThrough(),
    env,
  });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

const future = (days: number, hhmm: string) =>
  `${inTokyo(Date.now() + days * 86_400_000).format("YYYY-MM-DD")}T${hhmm}`;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "cli-notice-"));
  fake = await createFakeLineApi({ channelAccessToken: TOKEN, quota: 10_000 });
  env = {
    APP_MODE: "local",
    STORE: `file:${join(dir, "store.jsonl")}`,
    LINE_API_BASE_URL: fake.url,
    LINE_CHANNEL_ACCESS_TOKEN: TOKEN,
    LOG_LEVEL: "silent",
  };
});
afterAll(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("residents import", () => {
  it("imports nothing when a line is bad, reports every bad line, and imports with --skip-invalid", async () => {
    const good = residents(40).map((p) =>
      JSON.stringify({ userId: p.userId, ward: p.ward, topics: p.topics, followed: p.followed }),
    );
    const lines = [
      ...good,
      "{not json",
      JSON.stringify({ userId: "U123", ward: "東区", topics: [], followed: true }),
      JSON.stringify({ userId: userId(900), ward: "博多区", topics: ["bousai"], followed: true }),
      JSON.stringify({ userId: userId(901), ward: "higashi", topics: ["sports"], followed: true }),
      JSON.stringify({ userId: userId(0), ward: "東区", topics: ["bousai"], followed: true }),
      "",
    ];
    const file = join(dir, "residents.jsonl");
    writeFileSync(file, lines.join("\n"));
    const refused = await cli("residents", "import", file, "--json");
    expect(refused.code).toBe(1);
    const r = JSON.parse(refused.out);
    expect(r).toMatchObject({ imported: 0, valid: 40, rejected: 5 });
    expect(r.rejects.map((x: { line: number }) => x.line)).toEqual([41, 42, 43, 44, 45]);
    expect(refused.err).toContain("line 45: same userId as line 1");
    expect(refused.err).not.toMatch(/U[0-9a-f]{32}/);
    // Nothing landed: a dry run of an all-ward notice finds nobody yet.
    const probe = await cli(
      "notice",
      "create",
      "--json",
      ...flags({ wards: "中央区,東区,西区,南区,北区", topics: "bousai,kenko,kosodate,chiiki,event" }),
    );
    const probeId = JSON.parse(probe.out).id as string;
    expect(JSON.parse((await cli("notice", "dry-run", probeId, "--json")).out).recipients.total).toBe(0);
    await cli("notice", "cancel", probeId);

    const ok = await cli("residents", "import", file, "--skip-invalid");
    expect(ok.code).toBe(1);
    expect(ok.out).toBe("imported 40 of 40 valid lines; rejected 5");
    writeFileSync(file, good.join("\n"));
    expect((await cli("residents", "import", file)).code).toBe(0);
    expect((await cli("residents", "import")).code).toBe(2);
    expect((await cli("residents", "import", join(dir, "missing.jsonl"))).code).toBe(1);
  });
});

function flags(over: Record<string, string> = {}): string[] {
  const v: Record<string, string> = {
    title: "東区 ICT講座",
    body: "スマホの使い方を学びます。\\nどなたでも参加できます。",
    wards: "東区",
    topics: "event,kenko",
    start: future(20, "10:00"),
    end: future(20, "12:00"),
    place: "東部公民館",
    author: "東区 まちづくり推進課",
    ...over,
  };
  return Object.entries(v).flatMap(([k, x]) => [`--${k}`, x]);
}

describe("notice", () => {
  it("create → preview → dry-run → confirm → send-due → status, all with --json", async () => {
    const created = await cli("notice", "create", ...flags());
    expect(created.code).toBe(0);
    const id = created.out.trim();
    expect(id).toMatch(/^n-[0-9a-f]{12}$/);

    const preview = JSON.parse((await cli("notice", "preview", id, "--json")).out);
    expect(preview.messages[0].type).toBe("flex");
    expect(JSON.stringify(preview.messages)).toContain("東部公民館");

    const dry = JSON.parse((await cli("notice", "dry-run", id, "--json")).out);
    const expected = residents(40).filter(
      (p) => p.followed && p.ward === "東区" && p.topics.some((t) => t === "event" || t === "kenko"),
    );
    expect(dry.recipients.total).toBe(expected.length);
    expect(dry.quota).toEqual({ limit: 10_000, used: 0, reserved: 0, limitedBy: "line", remaining: 10_000 });

    const past = await cli("notice", "confirm", id, "--at", "2020-01-01T09:00");
    expect(past.code).toBe(1);
    expect(past.err).toContain("送信日時");
    expect(JSON.parse((await cli("notice", "confirm", id, "--json")).out).notice.state).toBe("confirmed");

    const sent = JSON.parse((await cli("notice", "send-due", "--json")).out);
    expect(sent.results).toMatchObject([{ noticeId: id, outcome: "sent" }]);
    expect(fake.recipients().sort()).toEqual(expected.map((p) => p.userId).sort());

    const status = JSON.parse((await cli("notice", "status", id, "--json")).out);
    expect(status.report.recipients).toMatchObject({
      total: expected.length,
      sent: expected.length,
      failed: 0,
    });
    const counts = JSON.parse((await cli("notice", "status", "--json")).out).counts;
    expect(counts).toMatchObject({ sent: 1, cancelled: 1 });
    expect((await cli("notice", "status")).out).toMatch(/^sent\s+1$/m);
    expect((await cli("notice", "cancel", id)).code).toBe(1);
  });

  it("answers bad arguments with usage (exit 2) and bad input with reasons (exit 1)", async () => {
    expect((await cli("notice")).code).toBe(2);
    expect((await cli("notice", "explode")).code).toBe(2);
    expect((await cli("notice", "confirm")).code).toBe(2);
    expect((await cli("notice", "create", "--title")).code).toBe(2);
    expect((await cli("notice", "list", "--state", "lost")).code).toBe(2);
    const bad = await cli(
      "notice",
      "create",
      ...flags({ wards: "博多区", start: "2020-01-01T10:00", end: "2020-01-01T12:00" }),
    );
    expect(bad.code).toBe(1);
    expect(bad.err).toContain("wards.0");
    expect((await cli("notice", "status", "n-000000000000")).code).toBe(3);
  });

  it("notice confirm needs a dry run of the current version; notice edit makes the old one stale", async () => {
    const id = (await cli("notice", "create", ...flags({ title: "東区 防災講座" }))).out.trim();
    const unchecked = await cli("notice", "confirm", id, "--json");
    expect(unchecked.code).toBe(1);
    expect(JSON.parse(unchecked.out).error).toBe("dry-run-required");
    expect(unchecked.err).toContain("人数を数えて");

    expect((await cli("notice", "dry-run", id)).code).toBe(0);
    const edited = await cli("notice", "edit", id, "--place", "東区役所 2階");
    expect(edited.code).toBe(0);
    expect(edited.out).toContain("東区役所 2階");
    expect(edited.out).toContain("run `notice dry-run` again");
    const stale = await cli("notice", "confirm", id, "--json");
    expect(stale.code).toBe(1);
    expect(JSON.parse(stale.out).error).toBe("dry-run-outdated");
    // The edit changed only the place.
    const shown = JSON.parse((await cli("notice", "status", id, "--json")).out).notice;
    expect(shown).toMatchObject({ title: "東区 防災講座", place: "東区役所 2階", state: "draft" });

    expect((await cli("notice", "dry-run", id)).code).toBe(0);
    expect(JSON.parse((await cli("notice", "confirm", id, "--json")).out).notice.state).toBe("confirmed");
    expect((await cli("notice", "cancel", id)).code).toBe(0);
  });
});

describe("bulletin", () => {
  it("publish → list → show → withdraw on the shared store, refusing unknown areas and long titles", async () => {
    const pub = await cli(
      "bulletin",
      "publish",
      "higashi",
      "--title",
      "避難所を開けました",
      "--body",
      "東部公民館です。\\n水があります。",
      "--author",
      "東区 総務企画課",
      "--json",
    );
    expect(pub.code).toBe(0);
    expect(JSON.parse(pub.out).bulletin).toMatchObject({
      scope: "東区",
      body: "東部公民館です。\n水があります。",
    });
    const list = await cli("bulletin", "list");
    expect(list.out).toMatch(/東区: 公開中 .* 更新/);
    expect(list.out).toContain("熊本市全体: (なし)");
    const show = JSON.parse((await cli("bulletin", "show", "東区", "--json")).out);
    expect(JSON.stringify(show.messages)).toContain("避難所を開けました");
    expect((await cli("bulletin", "publish", "博多区", "--title", "x")).code).toBe(2);
    const long = await cli(
      "bulletin",
      "publish",
      "all",
      "--title",
      "あ".repeat(41),
      "--body",
      "b",
      "--author",
      "a",
    );
    expect(long.code).toBe(1);
    expect(long.err).toContain("見出しは40文字までです。");
    expect(JSON.parse((await cli("bulletin", "withdraw", "higashi", "--json")).out).bulletin.state).toBe(
      "withdrawn",
    );
  });
});
