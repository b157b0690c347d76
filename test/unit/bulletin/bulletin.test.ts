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
