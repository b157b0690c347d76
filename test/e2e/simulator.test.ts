/**
 * The chat simulator end to end in headless Chromium (the Debian binary, via playwright-core):
 * the server wired exactly as `npm start` wires it (local config, embedded store, real
 * catalogue and prebuilt search index, simulator messenger) on 127.0.0.1 port 0. A tester
 * follows, picks a ward from the quick replies, asks a question, opens 「くわしく」, taps the
 * rich menu and switches its tab, switches users and receives a pushed notice. Every reply the
 * page shows is checked against LINE's schema, and the page must render what the JSON says.
 * Screenshots go to test-artifacts/.
 */
import { mkdirSync } from "node:fs";
import type { Browser, Page, Response } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Deps } from "../../src/deps.js";
import type { SimulatorSetup } from "../../src/http/simulator-setup.js";
import type { Message } from "../../src/line/messenger.js";
import { createNoticeService } from "../../src/notices/notice-service.js";
import { createBulletinService } from "../../src/bulletin/bulletin-service.js";
import { inTokyo } from "../../src/time/tokyo-time.js";
import { startSimulator, type RunningSimulator } from "../helpers/app-server.js";
import { chromiumOrSkip, launchChromium } from "../helpers/chromium.js";
import { expectValidLineMessages } from "../helpers/line-assert.js";
import { noticeInput } from "../helpers/notices.js";

const ARTIFACTS = "test-artifacts";
const shot = (page: Page, name: string) => page.screenshot({ path: `${ARTIFACTS}/simulator-${name}.png` });

interface FlexNode {
  type: string;
  text?: string;
  weight?: string;
  style?: string;
  color?: string;
  action?: { label?: string };
  contents?: FlexNode[];
  [k: string]: unknown;
}

/** Every node of a Flex tree, depth first. */
function walk(node: unknown, out: FlexNode[] = []): FlexNode[] {
  if (Array.isArray(node)) for (const n of node) walk(n, out);
  else if (typeof node === "object" && node !== null) {
    const n = node as FlexNode;
    if (typeof n.type === "string") out.push(n);
    for (const [k, v] of Object.entries(n)) if (k !== "action" && typeof v === "object") walk(v, out);
  }
  return out;
}

const SUITE = "chat simulator in Chromium";
const chromiumPath = chromiumOrSkip(SUITE);

describe.skipIf(chromiumPath === null)(SUITE, () => {
  let app: RunningSimulator;
  let deps: Deps;
  let sim: SimulatorSetup;
  let browser: Browser;
  let page: Page;
  let base: string;
  const replies: Message[][] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    app = await startSimulator();
    ({ deps, sim } = app);
    expect(deps.config.simulator).toBe(true);
    base = `${app.origin}/simulator/`;

    browser = await launchChromium(chromiumPath ?? undefined);
    page = await browser.newPage({ viewport: { width: 480, height: 1100 }, locale: "ja-JP" });
    page.on("pageerror", (e) => pageErrors.push(e.message));
    page.on("console", (m) => {
      if (m.type() === "error") pageErrors.push(m.text());
    });
    // Everything the bot answered, as JSON, to compare with what the page draws.
    page.on("response", (r: Response) => {
      if (r.url().endsWith("/api/events") && r.status() === 200)
        void r.json().then((b: { messages: Message[] }) => replies.push(b.messages));
    });
    await page.goto(base);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  /** Runs `act` and waits until the page shows one more bot message than before. */
  async function expectBotAnswer(act: () => Promise<void>): Promise<Message[]> {
    const before = await page.locator("li.bot").count();
    const seen = replies.length;
    await act();
    await page.waitForFunction((n) => document.querySelectorAll("li.bot").length > n, before);
    await expect.poll(() => replies.length).toBeGreaterThan(seen);
    const messages = replies[replies.length - 1]!;
    expectValidLineMessages(messages);
    return messages;
  }

  it("follows and picks a ward from the quick replies", async () => {
    const welcome = await expectBotAnswer(() => page.click("#follow"));
    expect(welcome.at(-1)?.quickReply?.items?.length ?? 0).toBeGreaterThanOrEqual(5);
    const chip = page.locator(".quick-reply", { hasText: "中央区" });
    await expect.poll(() => chip.count()).toBe(1);
    await shot(page, "1-follow");
    const set = await expectBotAnswer(() => chip.click());
    expect(JSON.stringify(set)).toContain("中央区");
    // The resident's own tap shows as their bubble (displayText), as in LINE.
    await expect.poll(() => page.locator("li.user").last().textContent()).toBe("中央区");
  });

  it("answers a typed question with a carousel drawn as the Flex JSON says", async () => {
    const answer = await expectBotAnswer(async () => {
      await page.fill("#text", "防災の取組はありますか");
      await page.press("#text", "Enter");
    });
    const flex = answer.find((m) => m.type === "flex");
    expect(flex?.type).toBe("flex");
    if (flex?.type !== "flex") return;
    expect(flex.contents.type).toBe("carousel");
    const bubbles = (flex.contents as { contents: unknown[] }).contents;
    const carousel = page.locator(".flex-carousel").last();
    await expect.poll(() => carousel.locator(".flex-bubble").count()).toBe(bubbles.length);

    // The first bubble: every text of the JSON is on screen, with its weight and colour.
    const first = carousel.locator(".flex-bubble").first();
    const nodes = walk(bubbles[0]);
    const texts = nodes.filter((n) => n.type === "text" && n.text && n.text.trim());
    expect(texts.length).toBeGreaterThan(2);
    const drawn = await first.locator(".flex-text").evaluateAll((els) =>
      els.map((e) => ({
        text: e.textContent,
        weight: getComputedStyle(e).fontWeight,
        color: getComputedStyle(e).color,
      })),
    );
    for (const t of texts) {
      const d = drawn.find((x) => x.text === t.text);
      expect(d, `text ${t.text}`).toBeDefined();
      if (t.weight === "bold") expect(d?.weight).toBe("700");
      if (t.color && /^#[0-9a-f]{6}$/i.test(t.color)) {
        const [r, g, b] = [1, 3, 5].map((i) => parseInt(t.color!.slice(i, i + 2), 16));
        expect(d?.color).toBe(`rgb(${r}, ${g}, ${b})`);
      }
    }
    // Buttons: one per JSON button, primary ones filled with their colour.
    const buttons = nodes.filter((n) => n.type === "button");
    const drawnButtons = await first.locator(".flex-button").evaluateAll((els) =>
      els.map((e) => ({
        label: e.textContent,
        bg: getComputedStyle(e).backgroundColor,
        h: e.getBoundingClientRect().height,
      })),
    );
    expect(drawnButtons.map((b) => b.label)).toEqual(buttons.map((b) => b.action?.label));
    for (const [i, b] of buttons.entries()) {
      expect(drawnButtons[i]!.h).toBeGreaterThanOrEqual(40); // large tap targets
      if (b.style === "primary" && b.color) expect(drawnButtons[i]!.bg).not.toBe("rgba(0, 0, 0, 0)");
    }
    const separators = nodes.filter((n) => n.type === "separator").length;
    expect(await first.locator(".flex-separator").count()).toBe(separators);
    await shot(page, "2-carousel");
  });

  it("opens 「くわしく」 from the first card", async () => {
    const detail = await expectBotAnswer(() =>
      page.locator(".flex-carousel").last().getByRole("button", { name: "くわしく" }).first().click(),
    );
    expect(detail.length).toBeGreaterThan(0);
    await expect.poll(() => page.locator("li.user").last().textContent()).toContain("くわしく");
    await shot(page, "3-detail");
  });

  it("taps a rich menu area and switches the menu's tab", async () => {
    await expect.poll(() => page.locator("#menu").getAttribute("data-menu")).toBe("main");
    const menuImage = page.locator("#menu img");
    await expect
      .poll(() => menuImage.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth))
      .toBe(2500);
    const topic = await expectBotAnswer(() => page.getByRole("button", { name: "防災の取組を見る" }).click());
    expect(JSON.stringify(topic)).toContain("防災");

    // A tab switch changes the menu; the bot adds nothing to the talk (no settings card again).
    await page.getByRole("button", { name: "設定とつかいかたのタブ" }).click();
    await expect.poll(() => page.locator("#menu").getAttribute("data-menu")).toBe("settings");
    await shot(page, "4-settings-tab");
    await page.getByRole("button", { name: "メニューのタブ" }).click();
    await expect.poll(() => page.locator("#menu").getAttribute("data-menu")).toBe("main");
  });

  it("switches to a new user, who opts in and receives a staff notice pushed by the sender", async () => {
    await page.click("#new-user");
    await expect.poll(() => page.locator("li.bot").count()).toBe(0);
    await expect.poll(() => page.locator("#user option").count()).toBe(2);
    await expect.poll(() => page.locator("#menu").getAttribute("data-menu")).toBe("main");
    const userId = await page.locator("#user").inputValue();
    expect(userId).toMatch(/^U[0-9a-f]{32}$/);
    await expectBotAnswer(() => page.click("#follow"));
    await expectBotAnswer(() => page.locator(".quick-reply", { hasText: "東区" }).click());
    await page.getByRole("button", { name: "設定とつかいかたのタブ" }).click();
    await expect.poll(() => page.locator("#menu").getAttribute("data-menu")).toBe("settings");
    await expectBotAnswer(() => page.getByRole("button", { name: "受け取るお知らせをえらぶ" }).click());
    // The settings card: opt in to 防災 notices (the first 「受け取る」).
    await expectBotAnswer(() =>
      page.locator("li.bot").last().getByRole("button", { name: "受け取る" }).first().click(),
    );
    expect((await deps.store.getProfile(userId))?.topics).toContain("bousai");

    // Staff write and confirm a notice; the same sender as the scheduled function delivers it.
    const notices = createNoticeService({
      store: deps.store,
      messenger: sim.messenger,
      clock: Date.now,
      findProgram: (id) => deps.catalogue.byId.get(id),
    });
    const day = inTokyo(Date.now() + 7 * 86_400_000).format("YYYY-MM-DD");
    const draft = await notices.createDraft(
      noticeInput({ startsAt: `${day}T10:00`, endsAt: `${day}T12:00`, wards: ["東区"], topics: ["bousai"] }),
    );
    await notices.dryRun(draft.id);
    await notices.confirm(draft.id, null);
    const stop = sim.startNoticeSender(deps, 200);
    try {
      await page.waitForFunction(() => document.body.textContent?.includes("お知らせが届きました"), null, {
        timeout: 15_000,
      });
    } finally {
      stop();
    }
    await expect.poll(() => page.locator("li.bot").last().textContent()).toContain("防災訓練");
    await shot(page, "5-push");
    // Back to the first user: their chat starts empty again, the menu is the default one.
    await page.selectOption("#user", { index: 0 });
    await expect.poll(() => page.locator("li.bot").count()).toBe(0);
  });

  it("in a disaster: the disaster menu's 避難・防災情報 shows the bulletin staff published, at phone width", async () => {
    const staff = createBulletinService({ store: deps.store, clock: Date.now });
    await staff.publish("all", {
      title: "大雨のため 避難所を 開けました",
      body: "各区の 公民館を 開けました。\n川や がけの 近くの方は 早めに 避難してください。",
      author: "熊本市 危機管理防災総室",
    });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.selectOption("#menu-pick", { label: "災害時のメニュー" });
    await expect.poll(() => page.locator("#menu").getAttribute("data-menu")).toBe("disaster");
    const answer = await expectBotAnswer(() =>
      page.getByRole("button", { name: "避難と防災の情報を見る" }).click(),
    );
    const t = JSON.stringify(answer);
    expect(t).toContain("大雨のため 避難所を 開けました");
    expect(t).toContain("更新");
    expect(t).not.toMatch(/取組が/);
    await expect.poll(() => page.locator("li.bot").last().textContent()).toContain("緊急のお知らせ");
    await shot(page, "6-bulletin");
    await staff.withdraw("all");
    await page.setViewportSize({ width: 480, height: 1100 });
  });

  it("showed no script errors", () => {
    expect(pageErrors).toEqual([]);
  });
});
