/**
 * The simulator at phone widths (320 and 390 px) in headless Chromium, as a resident with
 * large text uses it: every card of a carousel is drawn at LINE's documented width for its
 * size, fits the screen beside the account icon, and no title or line is cut; the flows work
 * with in-message buttons alone (quick replies hidden, as on LINE for PC). Screenshots for the
 * CI artefacts go to test-artifacts/, and docs/images/ is refreshed from them by
 * `DOCS_IMAGES=1 npx vitest run test/e2e/simulator-phone.test.ts`.
 */
import { copyFileSync, mkdirSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import { createDeps, type Deps } from "../../src/deps.js";
import { createSimulatorSetup } from "../../src/http/simulator-setup.js";
import { createBulletinService } from "../../src/bulletin/bulletin-service.js";
import { createLogger } from "../../src/logging.js";
import { BUBBLE_WIDTH_PX } from "../../src/replies/flex/parts.js";
import { chromiumOrSkip, launchChromium } from "../helpers/chromium.js";

const ARTIFACTS = "test-artifacts";
const WIDTHS = [320, 390] as const;

const SUITE = "simulator at phone widths";
const chromiumPath = chromiumOrSkip(SUITE);

describe.skipIf(chromiumPath === null).each(WIDTHS)("simulator at %i px", (width) => {
  let server: Server;
  let deps: Deps;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];

  const shot = async (name: string): Promise<void> => {
    const path = `${ARTIFACTS}/phone-${width}-${name}.png`;
    await page.screenshot({ path });
    if (process.env["DOCS_IMAGES"] === "1") copyFileSync(path, `docs/images/phone-${width}-${name}.png`);
  };

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const config = loadConfig({ APP_MODE: "local", LOG_LEVEL: "silent", SIMULATOR: "on" });
    const sim = createSimulatorSetup(config);
    deps = await createDeps(config, { ...sim.overrides, logger: createLogger({ level: "silent" }) });
    const app = createApp(deps, { mounts: [["/simulator", sim.router]] });
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, "127.0.0.1", () => resolve(s));
    });
    sim.listening((server.address() as AddressInfo).port);
    browser = await launchChromium(chromiumPath ?? undefined);
    context = await browser.newContext({ viewport: { width, height: 780 }, locale: "ja-JP" });
    page = await context.newPage();
    page.on("pageerror", (e) => pageErrors.push(e.message));
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/simulator/`);
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await new Promise<void>((resolve) => {
      if (!server) return resolve();
      server.closeAllConnections();
      server.close(() => resolve());
    });
    await deps?.inflight.drain();
    await deps?.store.close();
  });

  /** Runs `act` and waits for one more bot message on the page. */
  async function answered(act: () => Promise<void>): Promise<void> {
    const before = await page.locator("li.bot").count();
    await act();
    await page.waitForFunction((n) => document.querySelectorAll("li.bot").length > n, before);
  }
  const type = (t: string) =>
    answered(async () => {
      await page.fill("#text", t);
      await page.press("#text", "Enter");
    });

  it("a large-text carousel fits the screen: each card at LINE's width, fully visible, nothing cut", async () => {
    await answered(() => page.click("#follow"));
    await type("中央区");
    await type("文字を大きく");
    await type("防災の取組はありますか");
    const carousel = page.locator("li.bot .flex-carousel").last();
    await expect.poll(() => carousel.locator(".flex-bubble").count()).toBeGreaterThan(1);
    // The menu folded away, as a resident reading the cards would.
    await page.click("#menu-toggle");
    const bubbles = await carousel.locator(".flex-bubble").evaluateAll((els) =>
      els.map((e) => {
        const r = e.getBoundingClientRect();
        const size =
          Array.from(e.classList)
            .find((c) => c.startsWith("flex-bubble-"))
            ?.slice(12) ?? "mega";
        return { size, width: r.width, left: r.left };
      }),
    );
    for (const b of bubbles) {
      expect(b.size).toBe("kilo");
      expect(b.width).toBe(BUBBLE_WIDTH_PX.kilo);
    }
    const first = bubbles[0]!;
    expect(first.left).toBeGreaterThanOrEqual(0);
    expect(first.left + first.width).toBeLessThanOrEqual(width);
    // Every text wraps inside its card: nothing runs past the edge or is clipped, no label cut.
    await expectFits(carousel);
    // The large preset really is larger: the title is drawn at xl (22 px).
    const titleSize = await carousel
      .locator(".flex-bubble")
      .first()
      .locator(".flex-text")
      .nth(1)
      .evaluate((e) => getComputedStyle(e).fontSize);
    expect(titleSize).toBe("22px");
    await carousel.evaluate((e) => e.scrollIntoView({ block: "start" }));
    await shot("large-carousel");
  });

  /** The menu folded (to read the talk) or open (to tap it), as a resident would. */
  async function menuOpen(open: boolean): Promise<void> {
    const now = (await page.getAttribute("#menu-toggle", "aria-expanded")) === "true";
    if (now !== open) await page.click("#menu-toggle");
  }
  const lastBot = () => page.locator("li.bot").last();
  /** Taps a button inside the last bot messages (never a quick reply: they are hidden here). */
  const tapInMessage = (label: string) =>
    answered(() => page.locator("li.bot .flex-button", { hasText: label }).last().click());
  /** Everything the last reply (all its messages) says on screen. */
  const replyText = async (messages = 1): Promise<string> =>
    (await page.locator("li.bot").allTextContents()).slice(-messages).join("\n");

  /**
   * A bot message fits the screen: the first card of a carousel (the one in view), a single
   * bubble or a text lies inside the width, and no text runs past its box or is clipped.
   */
  async function expectFits(li: Locator): Promise<void> {
    // A text message is its own bubble.
    const flex = (await li.locator(".flex-bubble").count()) > 0;
    const bubble = flex ? li.locator(".flex-bubble").first() : li.locator(".msg-text").first();
    const box = await bubble.evaluate((e) => {
      const r = e.getBoundingClientRect();
      return { left: r.left, right: r.right };
    });
    expect(box.left).toBeGreaterThanOrEqual(0);
    expect(box.right).toBeLessThanOrEqual(width);
    const cut = await li
      .locator(".flex-text")
      .evaluateAll((els) =>
        els
          .filter((e) => e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1)
          .map((e) => e.textContent),
      );
    expect(cut).toEqual([]);
    // LINE cuts a button label that does not fit (the simulator too): every label is whole.
    const cutLabels = await li
      .locator(".flex-button > span")
      .evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.textContent));
    expect(cutLabels).toEqual([]);
    // No number, phone number or address number is broken across two lines (「16-」「30」).
    const brokenNumbers = await li.locator(".flex-text, .msg-text").evaluateAll((els) => {
      const digit = /[0-9０-９,.-]/;
      const bad: string[] = [];
      for (const e of els) {
        const walker = document.createTreeWalker(e, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const t = n.textContent ?? "";
          let top: number | null = null;
          for (let i = 0; i < t.length; i++) {
            const r = document.createRange();
            r.setStart(n, i);
            r.setEnd(n, i + 1);
            const rect = r.getClientRects()[0];
            if (!rect) continue;
            if (top !== null && rect.top > top + 2 && digit.test(t[i - 1] ?? "") && digit.test(t[i] ?? ""))
              bad.push(t);
            top = rect.top;
          }
        }
      }
      return bad;
    });
    expect(brokenNumbers).toEqual([]);
  }
  /** A screenshot with `li` at the bottom of the talk (its question and answer in view). */
  async function shotAt(li: Locator, name: string, block: "start" | "end" = "end"): Promise<void> {
    await li.evaluate((e, b) => e.scrollIntoView({ block: b }), block);
    await shot(name);
  }

  describe("the conversation's screens, with in-message buttons only (as on LINE for PC)", () => {
    it("welcome: the ward is picked with a button in the message, then a ward typed by its reading", async () => {
      await page.click("#new-user");
      await expect.poll(() => page.locator("li.bot").count()).toBe(0);
      await answered(() => page.click("#follow"));
      // No quick replies from here on: every step uses what the messages themselves offer.
      await page.addStyleTag({ content: "#quick { display: none !important; }" });
      await menuOpen(false);
      await tapInMessage("中央区");
      expect(await replyText()).toContain("中央区");
      await type("ひがしく");
      expect(await replyText()).toContain("お住まいの区を「東区」に しました");
      await expectFits(lastBot());
      await shotAt(lastBot(), "ward-typed");
    });

    it("a weak match: the closest programs said as such, then a topic choice whose button answers", async () => {
      await type("古い写真をデジタルにして町の歴史を残す仕組みはある？");
      const items = page.locator("li.bot");
      const n = await items.count();
      const [header, cards, choice] = [items.nth(n - 3), items.nth(n - 2), items.nth(n - 1)];
      expect(await header.textContent()).toContain(
        "ぴったりの取組は 見つかりませんでしたが、近いものを ご案内します",
      );
      expect(await cards.locator(".flex-bubble").count()).toBeGreaterThan(1);
      expect(await choice.textContent()).toContain("知りたいのは どれですか");
      await expectFits(cards);
      await expectFits(choice);
      await shotAt(choice, "choice");
      await tapInMessage("地域活動・補助金のこと");
      expect(await replyText(2)).toMatch(/東区の「地域活動・補助金」に 合う取組が \d+件/);
    });

    it("small talk gets a kind reply, not an apology", async () => {
      await type("ありがとう");
      const said = await replyText();
      expect(said).toContain("どういたしまして");
      expect(said).not.toContain("ごめんなさい");
      await shotAt(lastBot(), "small-talk");
    });

    it("the ward office: address, reception hours with their source, map link, and the phone said unknown", async () => {
      await type("区役所");
      const card = lastBot();
      const said = await card.textContent();
      expect(said).toContain("熊本市東区役所");
      expect(said).toContain(deps.offices.hours.text);
      expect(said).toContain("まだ ご案内 できません");
      expect(said).not.toMatch(/\d{2,4}-\d{2,4}-\d{4}/);
      for (const label of ["地図を見る", "受付時間の お知らせ", "市のホームページ"])
        expect(await card.locator(".flex-button", { hasText: label }).count(), label).toBe(1);
      await expectFits(card);
      await shotAt(card, "office");
    });

    it("文字の大きさ toggles and says the new state each time; tab switches add nothing", async () => {
      await menuOpen(true);
      const before = await page.locator("li.bot").count();
      await page.getByRole("button", { name: "設定とつかいかたのタブ" }).click();
      await expect.poll(() => page.locator("#menu").getAttribute("data-menu")).toBe("settings");
      expect(await page.locator("li.bot").count()).toBe(before);
      await answered(() => page.getByRole("button", { name: "文字の大きさを切りかえる" }).click());
      expect(await replyText()).toContain("大きくしました");
      await answered(() => page.getByRole("button", { name: "文字の大きさを切りかえる" }).click());
      expect(await replyText()).toContain("もとの 大きさに もどしました");
      await page.getByRole("button", { name: "メニューのタブ" }).click();
      await expect.poll(() => page.locator("#menu").getAttribute("data-menu")).toBe("main");
      await menuOpen(false);
      await shotAt(lastBot(), "large-text-toggle");
    });

    it("in a disaster: the disaster menu shows the ward's bulletin first, typed 避難所 too; without one, the contacts", async () => {
      const staff = createBulletinService({ store: deps.store, clock: Date.now });
      await staff.publish("東区", {
        title: "東部公民館を 避難所として 開けました",
        body: "東部公民館を 開けました。\n水と 毛布が あります。",
        author: "東区 総務企画課",
      });
      await menuOpen(true);
      await page.selectOption("#menu-pick", { label: "災害時のメニュー" });
      await expect.poll(() => page.locator("#menu").getAttribute("data-menu")).toBe("disaster");
      await answered(() => page.getByRole("button", { name: "避難と防災の情報を見る" }).click());
      const bulletin = lastBot();
      const first = bulletin.locator(".flex-bubble").first();
      expect(await first.textContent()).toContain("東部公民館を 避難所として 開けました");
      expect(await first.textContent()).toContain("更新");
      expect(await bulletin.textContent()).not.toMatch(/取組が/);
      await expectFits(bulletin);
      await menuOpen(false);
      await shotAt(bulletin, "bulletin", "start");
      await type("避難所");
      expect(await lastBot().locator(".flex-bubble").first().textContent()).toContain("東部公民館");

      await staff.withdraw("東区");
      await menuOpen(true);
      await answered(() => page.getByRole("button", { name: "避難と防災の情報を見る" }).click());
      const said = await replyText(2);
      expect(said).toContain("いま、東区の 緊急のお知らせは 出ていません");
      for (const phone of deps.offices.disaster.phones) expect(said).toContain(phone.number);
      expect(said).toContain("まだ ご案内 できません");
      await expectFits(lastBot());
      await menuOpen(false);
      await shotAt(page.locator("li.bot").nth(-2), "contacts", "start");
      await menuOpen(true);
      await page.selectOption("#menu-pick", { index: 0 });
    });
  });

  it("showed no script errors", () => {
    expect(pageErrors).toEqual([]);
  });
});
