/**
 * The deploy CLI against the local fake LINE API (real HTTP on 127.0.0.1, LINE's documented rich
 * menu rules enforced): first deploy, idempotent re-deploy, disaster on/off, a changed menu,
 * an interrupted run, foreign menus left alone, and errors that name the fix.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createCatalogueStore } from "../../src/store/create-catalogue-store.js";
import { createFakeLineApi, type FakeLineApi } from "../fake-line/fake-line-api.js";
import { buildMenus, keyOfName, type BuiltMenu } from "../../richmenu/build-menus.js";
import { runRichMenuCli, type AuditSink } from "../../richmenu/cli.js";
import { createEmbeddedCatalogueStore } from "../../src/store/catalogue-embedded.js";
import type { CatalogueStores } from "../../src/store/catalogue-port.js";
import { MENUS } from "../../src/richmenu/definitions.js";
import type { CliIo } from "../../src/cli/io.js";
import { createLineValidator, type LineValidator } from "../line-schema/line-validator.js";

const TOKEN = "test-channel-access-token";
const USER_A = `U${"a".repeat(32)}`;
const USER_B = `U${"b".repeat(32)}`;

let fake: FakeLineApi;
let validator: LineValidator;
// Rendering is deterministic (checked in test/unit/richmenu), so one build serves every run here.
let built: BuiltMenu[];

function io(
  env: NodeJS.ProcessEnv = {
    LINE_CHANNEL_ACCESS_TOKEN: TOKEN,
    LINE_API_BASE_URL: fake.url,
    LINE_DATA_API_BASE_URL: fake.dataUrl,
  },
) {
  const out: string[] = [];
  const err: string[] = [];
  const value: CliIo = { out: (s) => out.push(s), err: (s) => err.push(s), stdin: process.stdin, env };
  return { io: value, out, err };
}

/** The staff audit log the disaster switch writes to (an embedded store per test). */
let audit: CatalogueStores;
const openAudit = (): Promise<AuditSink> =>
  Promise.resolve({
    appendAudit: (e) => audit.appendAudit(e),
    listAudit: (n) => audit.listAudit(n),
    close: () => Promise.resolve(),
  });

async function cli(...argv: string[]) {
  const h = io();
  const code = await runRichMenuCli(argv, h.io, { build: () => built, openAudit });
  return { code, out: h.out.join("\n"), err: h.err.join("\n") };
}

const mutating = (): number => fake.requests.filter((r) => r.method !== "GET").length;
const menuIdOf = (key: string): string =>
  [...fake.state.richMenus.values()].find((m) => keyOfName(String(m.menu.name)) === key)!.richMenuId;

beforeAll(() => {
  validator = createLineValidator();
  built = buildMenus();
});
beforeEach(async () => {
  fake = await createFakeLineApi({ channelAccessToken: TOKEN, validator });
  audit = createEmbeddedCatalogueStore();
});
afterEach(async () => {
  await fake.close();
});

describe("npm run richmenu -- deploy", () => {
  it("first run creates every menu with its image, the aliases and the default; second run changes nothing", async () => {
    const first = await cli("deploy");
    expect(first.err).toBe("");
    expect(first.code).toBe(0);
    expect(fake.state.richMenus.size).toBe(MENUS.length);
    for (const m of fake.state.richMenus.values()) {
      expect(m.image?.contentType).toBe("image/png");
      expect(m.image!.bytes).toBeLessThan(1024 * 1024);
    }
    for (const def of MENUS) expect(fake.state.aliases.get(def.alias)).toBe(menuIdOf(def.key));
    expect(fake.state.defaultRichMenuId).toBe(menuIdOf("main"));
    expect(first.out).toMatch(/done: 3 created, 0 deleted/);

    const before = mutating();
    const second = await cli("deploy");
    expect(second.code).toBe(0);
    expect(second.out).toMatch(/nothing to do/);
    expect(mutating()).toBe(before);
    expect(fake.state.richMenus.size).toBe(MENUS.length);
  });

  it("--dry-run prints the plan and changes nothing", async () => {
    const r = await cli("deploy", "--dry-run");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/would create {2}menu main/);
    expect(r.out).toMatch(/would set {5}default menu → main/);
    expect(mutating()).toBe(0);
    expect(fake.state.richMenus.size).toBe(0);
  });

  it("the uploaded menus are exactly the built ones (areas from the same layout as the images)", async () => {
    await cli("deploy");
    for (const b of built) {
      const remote = fake.state.richMenus.get(menuIdOf(b.key))!;
      expect(remote.menu).toEqual(JSON.parse(JSON.stringify(b.request)));
      expect(remote.image?.bytes).toBe(b.png.length);
    }
  });

  it("leaves menus and aliases made by hand alone", async () => {
    const r = await fetch(`${fake.url}/v2/bot/richmenu`, {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({
        size: { width: 2500, height: 843 },
        selected: false,
        name: "秋祭り特設メニュー",
        chatBarText: "秋祭り",
        areas: [
          {
            bounds: { x: 0, y: 0, width: 2500, height: 843 },
            action: { type: "uri", uri: "https://www.city.kumamoto.jp/" },
          },
        ],
      }),
    });
    const { richMenuId } = (await r.json()) as { richMenuId: string };
    await cli("deploy");
    await cli("deploy");
    expect(fake.state.richMenus.has(richMenuId)).toBe(true);
    const listed = await cli("list");
    expect(listed.out).toMatch(/秋祭り特設メニュー\tnot ours/);
  });

  it("recovers from a run that stopped between creating a menu and uploading its image", async () => {
    await cli("deploy");
    const settingsId = menuIdOf("settings");
    // Simulate the half-made menu: same name, no image.
    fake.state.richMenus.get(settingsId)!.image = null;
    const r = await cli("deploy");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/image missing/);
    expect(fake.state.richMenus.has(settingsId)).toBe(false);
    expect(fake.state.aliases.get("kmz-settings")).toBe(menuIdOf("settings"));
    expect(fake.state.richMenus.get(menuIdOf("settings"))!.image).not.toBeNull();
    expect((await cli("deploy")).out).toMatch(/nothing to do/);
  });
});

describe("npm run richmenu -- disaster on|off", () => {
  it("switches the default menu and every resident, and back", async () => {
    await cli("deploy");
    // Residents who switched tabs are linked per user (that is how richmenuswitch works).
    fake.state.userRichMenus.set(USER_A, menuIdOf("settings"));
    fake.state.userRichMenus.set(USER_B, menuIdOf("main"));

    const dry = await cli("disaster", "on", "--dry-run");
    expect(dry.out).toMatch(/mode: normal → disaster/);
    expect(fake.state.defaultRichMenuId).toBe(menuIdOf("main"));

    const on = await cli("disaster", "on");
    expect(on.code).toBe(0);
    expect(fake.state.defaultRichMenuId).toBe(menuIdOf("disaster"));
    // The settings tab's 「メニュー」 now leads to the disaster menu.
    expect(fake.state.aliases.get("kmz-main")).toBe(menuIdOf("disaster"));
    expect(fake.state.userRichMenus.size).toBe(0);
    expect(fake.state.richMenus.size).toBe(MENUS.length);

    // A re-deploy during the disaster keeps disaster mode.
    const redeploy = await cli("deploy");
    expect(redeploy.out).toMatch(/mode: disaster/);
    expect(redeploy.out).toMatch(/nothing to do/);
    expect((await cli("list")).out).toMatch(/^mode: disaster/);

    fake.state.userRichMenus.set(USER_A, menuIdOf("settings"));
    const off = await cli("disaster", "off");
    expect(off.code).toBe(0);
    expect(fake.state.defaultRichMenuId).toBe(menuIdOf("main"));
    expect(fake.state.aliases.get("kmz-main")).toBe(menuIdOf("main"));
    expect(fake.state.userRichMenus.size).toBe(0);
    expect((await cli("disaster", "off")).out).toMatch(/nothing to do/);
  });

  it("--keep-user-links leaves per-user menus as they are", async () => {
    await cli("deploy");
    fake.state.userRichMenus.set(USER_A, menuIdOf("settings"));
    await cli("disaster", "on", "--keep-user-links");
    expect(fake.state.defaultRichMenuId).toBe(menuIdOf("disaster"));
    expect(fake.state.userRichMenus.get(USER_A)).toBe(menuIdOf("settings"));
  });

  it("works on an empty channel too (creates everything, disaster menu as default)", async () => {
    const r = await cli("disaster", "on");
    expect(r.code).toBe(0);
    expect(fake.state.defaultRichMenuId).toBe(menuIdOf("disaster"));
  });
});

describe("errors name the fix", () => {
  it("missing token → exit 1 naming LINE_CHANNEL_ACCESS_TOKEN and where to get it; nothing sent", async () => {
    const h = io({ LINE_API_BASE_URL: fake.url });
    expect(await runRichMenuCli(["deploy"], h.io)).toBe(1);
    expect(h.err.join("\n")).toMatch(/LINE_CHANNEL_ACCESS_TOKEN is not set.*LINE Developers Console/);
    expect(fake.requests).toHaveLength(0);
  });

  it("a rejected token → exit 1 saying to check LINE_CHANNEL_ACCESS_TOKEN", async () => {
    const h = io({
      LINE_CHANNEL_ACCESS_TOKEN: "wrong",
      LINE_API_BASE_URL: fake.url,
      LINE_DATA_API_BASE_URL: fake.dataUrl,
    });
    expect(await runRichMenuCli(["deploy"], h.io)).toBe(1);
    expect(h.err.join("\n")).toMatch(/401.*LINE_CHANNEL_ACCESS_TOKEN/s);
  });

  it("LINE's 1,000-menu limit → refuses before creating anything, saying what to delete", async () => {
    for (let i = 0; i < 998; i++) {
      const id = `richmenu-other-${i}`;
      fake.state.richMenus.set(id, {
        richMenuId: id,
        menu: { name: `campaign ${i}`, size: { width: 2500, height: 843 } },
        image: { contentType: "image/png", bytes: 1 },
      });
    }
    const r = await cli("deploy");
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /1000 rich menus per channel; 998 exist \(0 made by this tool\) and 3 would be created/,
    );
    expect(mutating()).toBe(0);
  });

  it("an image upload that fails leaves no half-made menu; the next run completes", async () => {
    fake.setFaults({ errorRate: 1, endpoints: ["richmenu.image"], processedShare: 0 });
    const r = await cli("deploy");
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/Uploading the image of rich menu .* failed/);
    expect(fake.state.richMenus.size).toBe(0);
    fake.setFaults(null);
    expect((await cli("deploy")).code).toBe(0);
    expect(fake.state.richMenus.size).toBe(MENUS.length);
    expect((await cli("deploy")).out).toMatch(/nothing to do/);
  });

  it("writes every applied switch to the staff audit log (who, before, after); a dry run or no-op writes nothing", async () => {
    await cli("deploy");
    await cli("disaster", "on", "--dry-run");
    expect(await audit.listAudit(10)).toEqual([]);
    const on = await cli("disaster", "on", "--by=東区 山田");
    expect(on.code).toBe(0);
    expect(on.out).toMatch(/audit: recorded/);
    await cli("disaster", "on");
    const off = await cli("disaster", "off", "--keep-user-links");
    expect(off.code).toBe(0);
    const entries = await audit.listAudit(10);
    expect(entries).toHaveLength(2);
    expect(entries.map((e) => [e.who, e.action, e.target, e.before, e.after])).toEqual([
      ["CLI", "disaster-mode", "richmenu", { menu: "disaster" }, { menu: "normal", unlinkedUsers: false }],
      [
        "東区 山田",
        "disaster-mode",
        "richmenu",
        { menu: "normal" },
        { menu: "disaster", unlinkedUsers: true },
      ],
    ]);
  });

  it("the default audit log is the configured store's, the one the console lists", async () => {
    const dir = mkdtempSync(join(tmpdir(), "richmenu-audit-"));
    try {
      const store = `file:${join(dir, "store.jsonl")}`;
      const h = io({
        LINE_CHANNEL_ACCESS_TOKEN: TOKEN,
        LINE_API_BASE_URL: fake.url,
        LINE_DATA_API_BASE_URL: fake.dataUrl,
        STORE: store,
      });
      expect(await runRichMenuCli(["deploy"], h.io, { build: () => built })).toBe(0);
      expect(await runRichMenuCli(["disaster", "on"], h.io, { build: () => built })).toBe(0);
      const log = await createCatalogueStore({ kind: "file", path: join(dir, "store.jsonl") });
      try {
        expect((await log.listAudit(5)).map((e) => [e.action, e.after])).toEqual([
          ["disaster-mode", { menu: "disaster", unlinkedUsers: true }],
        ]);
      } finally {
        await log.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a switch whose audit log cannot be written still switches, and fails loudly (exit 1)", async () => {
    await cli("deploy");
    const h = io();
    const code = await runRichMenuCli(["disaster", "on"], h.io, {
      build: () => built,
      openAudit: () => Promise.reject(new Error("store unavailable")),
    });
    expect(code).toBe(1);
    expect(fake.state.defaultRichMenuId).toBe(menuIdOf("disaster"));
    expect(h.err.join("\n")).toMatch(/audit log could not be written: store unavailable/);
  });

  it("bad arguments → usage and exit 2", async () => {
    expect((await cli("disaster", "on", "--by=")).code).toBe(2);
    expect((await cli("deploy", "--by=someone")).code).toBe(2);
    expect((await cli("disaster", "maybe")).code).toBe(2);
    expect((await cli("deploy", "--force")).code).toBe(2);
    expect((await cli("frobnicate")).code).toBe(2);
  });
});
