/**
 * The staff console in headless Chromium (playwright-core, the system's /usr/bin/chromium):
 * log in, compose with the live LINE-like preview, fix a validation error, save, dry run,
 * confirm, watch the delivery finish, see past notices and unanswered questions. Checks
 * labels, keyboard focus and contrast; saves screenshots to test-artifacts/.
 */
import { mkdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { startAdminServer, ADMIN_TOKEN } from "../helpers/admin-server.js";
import { chromiumOrSkip, launchChromium } from "../helpers/chromium.js";
import { NOW, expectedAudience } from "../helpers/notices.js";
import { createSender } from "../../src/notices/sender.js";

const ARTIFACTS = "test-artifacts";
const SUITE = "staff console (Chromium)";
const chromiumPath = chromiumOrSkip(SUITE);
let server: Awaited<ReturnType<typeof startAdminServer>>;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  if (chromiumPath === null) return;
  mkdirSync(ARTIFACTS, { recursive: true });
  server = await startAdminServer({ residents: 3000 });
  // Four asks by two residents (keyed hashes, as the bot records them).
  for (let i = 0; i < 4; i++)
    await server.store.recordUnanswered({
      userHash: `u_${"0".repeat(15)}${i % 2}`,
      text: "ゴミの出し方",
      at: NOW + i,
    });
  await server.store.recordUnanswered({ userHash: `u_${"9".repeat(16)}`, text: "図書館の場所", at: NOW });
  browser = await launchChromium(chromiumPath);
  page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: "ja-JP" });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** WCAG contrast ratio of an element's text against its background (walking up to an opaque one). */
async function contrast(selector: string): Promise<number> {
  return page.$eval(selector, (el) => {
    const rgb = (s: string) => (s.match(/[\d.]+/g) ?? []).map(Number);
    const lum = ([r, g, b]: number[]) => {
      const f = (c: number) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
      return 0.2126 * f(r ?? 0) + 0.7152 * f(g ?? 0) + 0.0722 * f(b ?? 0);
    };
    let bgEl: Element | null = el;
    let bg = [255, 255, 255];
    while (bgEl) {
      const c = rgb(getComputedStyle(bgEl).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] !== 0)) {
        bg = c.slice(0, 3);
        break;
      }
      bgEl = bgEl.parentElement;
    }
    const a = lum(rgb(getComputedStyle(el).color));
    const b = lum(bg);
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  });
}

describe.skipIf(chromiumPath === null)(SUITE, () => {
  it("does the whole flow in a browser", async () => {
    await page.goto(`${server.url}/admin/console/`);
    await expect.poll(() => page.isVisible("#login")).toBe(true);

    // A wrong token keeps the login; the right one opens the console.
    await page.fill("#token", "wrong-token-but-long-enough");
    await page.press("#token", "Enter");
    await expect.poll(() => page.textContent("#status")).toContain("トークンがちがいます");
    await page.fill("#token", ADMIN_TOKEN);
    await page.press("#token", "Enter");
    await page.waitForSelector("#app:not([hidden])");

    // Every form control has a label.
    const unlabelled = await page.$$eval("input, select, textarea", (els) =>
      els
        .filter((e) => !(e as HTMLInputElement).labels?.length && !e.getAttribute("aria-label"))
        .map((e) => e.id || e.outerHTML),
    );
    expect(unlabelled).toEqual([]);

    // Compose: the live preview follows the form.
    await page.fill("#f-title", "東区 防災訓練");
    await page.fill("#f-body", "地震にそなえて、防災訓練をします。\n動きやすい服で来てください。");
    await page.check("input[name=wards][value=東区]");
    await page.check("input[name=topics][value=bousai]");
    await page.fill("#f-startsAt", "2026-12-05T10:00");
    await page.fill("#f-endsAt", "2026-12-05T12:00");
    await page.fill("#f-place", "東区役所 1階ホール");
    await page.selectOption("#f-programId", "higashi-m-01");
    await expect
      .poll(() => page.textContent("#preview"), { timeout: 5000 })
      .toContain("12月5日(土) 10:00〜12:00");
    expect(await page.textContent("#preview")).toContain("関連する取組：防災訓練の支援");
    // Nothing typed in 作成者 yet: no error for it before a save attempt (issue 12, point 13).
    expect(await page.textContent("#preview-issues")).toBe("");
    expect(await page.textContent("#e-author")).toBe("");
    // Drawn by the simulator's shared Flex renderer: one LINE bubble with its buttons.
    expect(await page.locator("#preview .flex-bubble").count()).toBe(1);
    expect(await page.locator("#preview .flex-button").allTextContents()).toContain("関連する取組");

    // Saving with a missing field shows the reason next to it and focuses it.
    await page.click("#save-draft");
    await expect.poll(() => page.textContent("#e-author")).toContain("作成者を入れてください");
    expect(await page.getAttribute("#f-author", "aria-invalid")).toBe("true");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("f-author");
    await page.screenshot({ path: `${ARTIFACTS}/admin-console-compose.png`, fullPage: true });

    // Keyboard only from here: type the author, submit with Enter.
    await page.keyboard.type("東区 総務企画課");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.textContent("#c-state")).toBe("下書き");

    // Dry run: the counts match the residents computed independently.
    await page.click("#btn-dry-run");
    const expected = expectedAudience(server.profiles, ["東区"], ["bousai"]).length;
    await expect.poll(() => page.textContent("#dry-run")).toContain(`届く人: ${expected} 人`);
    expect(await page.textContent("#dry-run")).toContain("今月の残り: 3800 通");

    // Confirming needs the check box.
    await page.click("#btn-confirm");
    await expect.poll(() => page.textContent("#status")).toContain("チェック");
    await page.check("#f-checked");
    await page.click("#btn-confirm");
    await expect.poll(() => page.textContent("#c-state")).toBe("送信予定");
    await page.screenshot({ path: `${ARTIFACTS}/admin-console-confirmed.png`, fullPage: true });

    // The scheduled sender runs; the page's progress view picks it up.
    const sender = createSender({
      store: server.store,
      messenger: server.messenger,
      clock: () => NOW + 60_000,
      owner: "e2e",
      maxRequestsPerSecond: 10_000,
    });
    expect((await sender.sendDue())[0]?.outcome).toBe("sent");
    await expect.poll(() => page.textContent("#c-state"), { timeout: 10_000 }).toBe("送信済み");
    await expect.poll(() => page.textContent("#report")).toContain(String(expected));
    // The list's counts follow without a reload.
    await expect.poll(() => page.textContent("#state-counts"), { timeout: 10_000 }).toContain("送信済み 1件");
    expect(await page.textContent("#state-counts")).toContain("送信予定 0件");

    // Past notices and unanswered questions (most frequent first).
    await page.reload();
    await page.waitForSelector("#app:not([hidden])");
    await expect.poll(() => page.textContent("#notice-rows")).toContain("東区 防災訓練");
    const questions = await page.$$eval("#question-rows tr", (rows) =>
      rows.map((r) => Array.from(r.querySelectorAll("td"), (td) => td.textContent ?? "")),
    );
    const headers = await page.$$eval("#questions th", (ths) => ths.map((th) => th.textContent ?? ""));
    expect(headers.slice(0, 3)).toEqual(["質問", "回数", "質問した人の数"]);
    // 4 asks by 2 residents; 1 ask by 1 resident.
    expect(questions[0]?.slice(0, 3)).toEqual(["ゴミの出し方", "4", "2"]);
    expect(questions[1]?.slice(0, 3)).toEqual(["図書館の場所", "1", "1"]);
    await page.screenshot({ path: `${ARTIFACTS}/admin-console-lists.png`, fullPage: true });

    // Contrast of body text and the primary button, and no user IDs anywhere on the page.
    expect(await contrast("h2")).toBeGreaterThanOrEqual(4.5);
    expect(await contrast("#btn-confirm")).toBeGreaterThanOrEqual(4.5);
    expect(await contrast("label[for=f-title]")).toBeGreaterThanOrEqual(4.5);
    expect(await page.content()).not.toMatch(/U[0-9a-f]{32}|u_[0-9a-f]{16}/);

    // Tab reaches the nav links with a visible focus ring.
    await page.focus("body");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    const outline = await page.evaluate(
      () => getComputedStyle(document.activeElement as Element).outlineStyle,
    );
    expect(outline).not.toBe("none");
  });

  /** A fresh phone-sized page, logged in. */
  async function phone(width: number): Promise<Page> {
    const p = await browser.newPage({ viewport: { width, height: 800 }, locale: "ja-JP" });
    await p.goto(`${server.url}/admin/console/`);
    await p.fill("#token", ADMIN_TOKEN);
    await p.press("#token", "Enter");
    await p.waitForSelector("#app:not([hidden])");
    return p;
  }
  /** Elements that stick out of the viewport sideways (the page must not scroll horizontally). */
  const overflowX = (p: Page) =>
    p.evaluate(() => {
      const w = document.documentElement.clientWidth;
      if (document.documentElement.scrollWidth <= w) return [];
      return Array.from(document.querySelectorAll("body *"))
        .filter((e) => e.getBoundingClientRect().right > w + 1 && !e.closest(".chat, table"))
        .slice(0, 8)
        .map((e) => `${e.tagName.toLowerCase()}#${e.id}.${e.className}`);
    });

  for (const width of [390, 320]) {
    it(`form at ${width} px: no errors before typing, counters refuse over the limit, errors clear when fixed`, async () => {
      const p = await phone(width);
      // Let the first live preview come back: it must not paint errors on untouched fields.
      await p.waitForTimeout(600);
      const shown = await p.$$eval("#notice-form .err, #preview-issues", (els) =>
        els.map((e) => e.textContent ?? "").filter((t) => t.trim() !== ""),
      );
      expect(shown).toEqual([]);
      expect(await p.textContent("#f-title-count")).toBe("0 / 40 文字");

      // Over the limit: nothing is cut, the counter and the field say so.
      await p.fill("#f-title", "あ".repeat(41));
      expect(await p.$eval("#f-title", (e) => (e as HTMLInputElement).value.length)).toBe(41);
      expect(await p.getAttribute("#f-title", "maxlength")).toBeNull();
      expect(await p.textContent("#f-title-count")).toContain("41 / 40 文字（1文字 多すぎます）");
      expect(await p.getAttribute("#f-title-count", "class")).toContain("over");
      await expect.poll(() => p.textContent("#e-title")).toBe("タイトルは40文字までです。");
      await p.fill("#f-body", "い".repeat(501));
      await expect.poll(() => p.textContent("#e-body")).toBe("本文は500文字までです。");
      await p.screenshot({ path: `${ARTIFACTS}/admin-console-counter-${width}.png`, fullPage: true });
      await p
        .locator("#notice-form")
        .screenshot({ path: `${ARTIFACTS}/admin-console-form-errors-${width}.png` });

      // Fixed: the errors go away.
      await p.fill("#f-title", "東区 防災訓練");
      await p.fill("#f-body", "防災訓練をします。");
      await expect.poll(() => p.textContent("#e-title")).toBe("");
      await expect.poll(() => p.textContent("#e-body")).toBe("");

      // Saving with an empty start date: it is required, not malformed.
      await p.click("#save-draft");
      await expect.poll(() => p.textContent("#e-startsAt")).toContain("開始日時を入れてください");
      expect(await p.textContent("#e-startsAt")).not.toContain("形がちがいます");
      await p.fill("#f-startsAt", "2026-12-05T10:00");
      await expect.poll(() => p.textContent("#e-startsAt")).toBe("");
      expect(await overflowX(p)).toEqual([]);
      await p.screenshot({ path: `${ARTIFACTS}/admin-console-form-${width}.png`, fullPage: true });
      await p.close();
    });

    it(`emergency bulletin at ${width} px: publish for a ward, see what residents get, withdraw`, async () => {
      const p = await phone(width);
      await p.selectOption("#b-scope", "東区");
      await p.fill("#b-title", `東部公民館を開けました（${width}）`);
      await p.fill("#b-body", "東部公民館（東区錦ケ丘1-1）を避難所として開けました。\n水と毛布があります。");
      await p.fill("#b-author", "東区 総務企画課");
      expect(await p.textContent("#b-title-count")).toMatch(/^\d+ \/ 40 文字$/);
      await p.click("#b-publish");
      await expect.poll(() => p.textContent("#status")).toContain("東区の 緊急のお知らせを 公開しました");
      await expect.poll(() => p.textContent("#bulletin-rows")).toContain("公開中");
      await expect.poll(() => p.textContent("#b-preview")).toContain(`東部公民館を開けました（${width}）`);
      expect(await p.textContent("#b-preview")).toContain("更新");
      const stored = await server.store.getBulletin("東区");
      expect(stored?.data).toMatchObject({ title: `東部公民館を開けました（${width}）`, state: "published" });
      expect(await overflowX(p)).toEqual([]);
      await p.screenshot({ path: `${ARTIFACTS}/admin-console-bulletin-${width}.png`, fullPage: true });
      // The section alone, for docs/images/.
      await p
        .locator("#bulletins")
        .screenshot({ path: `${ARTIFACTS}/admin-console-bulletin-section-${width}.png` });

      p.once("dialog", (d) => void d.accept());
      await p.click("#b-withdraw");
      await expect.poll(() => p.textContent("#status")).toContain("取り下げました");
      await expect.poll(() => p.textContent("#b-preview")).toContain("緊急のお知らせは 出ていません");
      await p.close();
    });
  }
});
