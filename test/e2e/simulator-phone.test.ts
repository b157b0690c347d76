/**
 * The simulator at phone widths (320 and 390 px) in headless Chromium, as a resident with
 * large text uses it: every card of a carousel is drawn at LINE's documented width for its
 * size, fits the screen beside the account icon, and no title or line is cut; the flows work
 * with in-message buttons alone (quick replies hidden, as on LINE for PC). Screenshots for the
 * CI artefacts go to test-artifacts/, and docs/images/ is refreshed from them by
 * `DOCS_IMAGES=1 npx vitest run test/e2e/simulator-phone.test.ts`.
 */
import { copyFileSync, mkdirSync } from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUBBLE_WIDTH_PX } from "../../src/replies/flex/parts.js";
import { startSimulator, type RunningSimulator } from "../helpers/app-server.js";
import { chromiumOrSkip, launchChromium } from "../helpers/chromium.js";

const ARTIFACTS = "test-artifacts";
const WIDTHS = [320, 390] as const;

const SUITE = "simulator at phone widths";
const chromiumPath = chromiumOrSkip(SUITE);

describe.skipIf(chromiumPath === null).each(WIDTHS)("simulator at %i px", (width) => {
  let app: RunningSimulator;
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
    app = await startSimulator();
    browser = await launchChromium(chromiumPath ?? undefined);
    context = await browser.newContext({ viewport: { width, height: 780 }, locale: "ja-JP" });
    page = await context.newPage();
    page.on("pageerror", (e) => pageErrors.push(e.message));
    await page.goto(`${app.origin}/simulator/`);
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await app?.close();
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
    // Every text wraps inside its card: nothing runs past the edge or is clipped.
    const overflowing = await carousel
      .locator(".flex-bubble")
      .first()
      .locator(".flex-text")
      .evaluateAll((els) =>
        els
          .filter((e) => e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1)
          .map((e) => e.textContent),
      );
    expect(overflowing).toEqual([]);
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

  it("showed no script errors", () => {
    expect(pageErrors).toEqual([]);
  });
});
