/** The bulletin model and service: input limits refused (never cut), which bulletins a resident sees, time stamps across updates. */
import { describe, expect, it } from "vitest";
import {
  BULLETIN_LIMITS,
  BulletinInputSchema,
  bulletinsFor,
  parseScope,
  type Bulletin,
} from "../../../src/bulletin/bulletin.js";
import { createBulletinService } from "../../../src/bulletin/bulletin-service.js";
import { createEmbeddedStore } from "../../../src/store/embedded/index.js";

const input = { title: "避難所を開けました", body: "東部公民館です。", author: "東区 総務企画課" };
const b = (scope: Bulletin["scope"], state: Bulletin["state"] = "published"): Bulletin => ({
  scope,
  state,
  title: scope,
  body: "x",
  url: null,
  author: "a",
  publishedAt: 0,
  updatedAt: 0,
  version: 0,
});

describe("bulletin input", () => {
  it("refuses a title or body over the limit, with a message, instead of cutting it", () => {
    const long = BulletinInputSchema.safeParse({ ...input, title: "あ".repeat(BULLETIN_LIMITS.title + 1) });
    expect(long.success).toBe(false);
    expect(long.error?.issues[0]?.message).toBe("見出しは40文字までです。");
    const body = BulletinInputSchema.safeParse({ ...input, body: "い".repeat(BULLETIN_LIMITS.body + 1) });
    expect(body.error?.issues[0]?.message).toBe("本文は500文字までです。");
    expect(BulletinInputSchema.safeParse({ ...input, url: "http://x.example" }).success).toBe(false);
    expect(BulletinInputSchema.safeParse({ ...input, url: "" }).data?.url).toBeNull();
  });

  // Issue 14 point 7, as for notices: an emergency bulletin is shown to residents too.
  it.each([
    ["a title of zero-width spaces", { title: "\u200b\u200b\u200b" }, "title", /見えない文字だけ/],
    ["a body of one zero-width space", { body: "\u200b" }, "body", /見えない文字だけ/],
    ["U+202E in a title", { title: "避難所\u202eのお知らせ" }, "title", /向きを変える記号/],
    ["U+2067 in a body", { body: "本文\u2067です" }, "body", /向きを変える記号/],
    ["a C1 control in a title", { title: "避難所\u0085です" }, "title", /制御文字/],
    ["a C1 control in a body", { body: "本文\u009bです" }, "body", /制御文字/],
    ["U+2028 in a title", { title: "一行目\u2028二行目" }, "title", /1行で/],
    ["U+2029 in the author", { author: "東区\u2029総務企画課" }, "author", /1行で/],
    ["a lone surrogate in a title", { title: "避難所\ud83d" }, "title", /こわれた文字/],
    ["a lone surrogate in a body", { body: "本文\udc00です" }, "body", /こわれた文字/],
  ])("refuses %s, saying why", (_name, over, path, message) => {
    const r = BulletinInputSchema.safeParse({ ...input, ...over });
    expect(r.success).toBe(false);
    const issue = r.error?.issues.find((i) => i.path[0] === path);
    expect(issue?.message).toMatch(message);
  });

  it("stores a link percent-encoded, in the form LINE's uri format takes (point 2, as for notices)", () => {
    const r = BulletinInputSchema.safeParse({
      ...input,
      url: " https://www.city.kumamoto.jp/お知らせ 一覧?q=a|b ",
    });
    expect(r.data?.url).toBe(
      "https://www.city.kumamoto.jp/%E3%81%8A%E7%9F%A5%E3%82%89%E3%81%9B%20%E4%B8%80%E8%A6%A7?q=a%7Cb",
    );
    expect(
      BulletinInputSchema.safeParse({ ...input, url: "https://x.example/" + "あ".repeat(120) }).error
        ?.issues[0]?.message,
    ).toMatch(/1000文字まで/);
    expect(BulletinInputSchema.safeParse({ ...input, url: null }).data?.url).toBeNull();
    expect(BulletinInputSchema.safeParse(input).data?.url ?? null).toBeNull();
  });

  it("keeps real text with joiners and a body's newlines", () => {
    const r = BulletinInputSchema.safeParse({ ...input, title: "👨‍👩‍👧 家族で避難", body: "一行目\n二行目" });
    expect(r.data).toMatchObject({ title: "👨‍👩‍👧 家族で避難", body: "一行目\n二行目" });
  });

  it("reads areas by slug or name", () => {
    expect(parseScope("higashi")).toBe("東区");
    expect(parseScope("東区")).toBe("東区");
    expect(parseScope("all")).toBe("all");
    expect(parseScope("博多区")).toBeUndefined();
  });
});

describe("which bulletins a resident sees", () => {
  it("own ward first, then city-wide; withdrawn ones never; without a ward only city-wide", () => {
    const list = [b("all"), b("西区"), b("東区"), b("北区", "withdrawn")];
    expect(bulletinsFor(list, "東区").map((x) => x.scope)).toEqual(["東区", "all"]);
    expect(bulletinsFor(list, "北区").map((x) => x.scope)).toEqual(["all"]);
    expect(bulletinsFor(list, null).map((x) => x.scope)).toEqual(["all"]);
  });
});

describe("bulletin service", () => {
  it("an update keeps the first publish time and moves the time stamp; withdrawal then a new episode", async () => {
    let now = 1_000;
    const s = createBulletinService({ store: createEmbeddedStore(), clock: () => now });
    const first = await s.publish("東区", input);
    expect(first).toMatchObject({ state: "published", publishedAt: 1_000, updatedAt: 1_000, version: 0 });
    now = 2_000;
    const updated = await s.publish("東区", { ...input, body: "満員です。" });
    expect(updated).toMatchObject({ publishedAt: 1_000, updatedAt: 2_000, version: 1, body: "満員です。" });
    now = 3_000;
    expect(await s.withdraw("東区")).toMatchObject({ state: "withdrawn", updatedAt: 3_000 });
    expect((await s.withdraw("東区")).version).toBe(2); // twice is harmless
    now = 4_000;
    expect(await s.publish("東区", input)).toMatchObject({ publishedAt: 4_000, state: "published" });
    await expect(s.withdraw("西区")).rejects.toMatchObject({ kind: "not-found" });
    await expect(s.publish("西区", { ...input, title: "" })).rejects.toMatchObject({ kind: "invalid" });
    const areas = await s.list();
    expect(areas.map((a) => a.scope)).toEqual(["all", "中央区", "東区", "西区", "南区", "北区"]);
    expect(areas.find((a) => a.scope === "東区")?.bulletin?.state).toBe("published");
  });
});
