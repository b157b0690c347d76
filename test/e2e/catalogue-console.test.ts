/**
 * The staff's yearly routine in headless Chromium, from the console alone: log in, import the
 * sample FY2021 sheet (test data) — see the diff, confirm — fix a description, attach an
 * unanswered question to a program, and then see a resident's question answered from FY2021 in
 * the chat simulator once the rebuilt index is picked up; FY2020 stays browsable. The server is
 * wired as `npm start` wires it (live catalogue, kuromoji rebuild, simulator messenger).
 */
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Deps } from "../../src/deps.js";
import { startSimulator, type RunningSimulator } from "../helpers/app-server.js";
import { chromiumOrSkip, launchChromium } from "../helpers/chromium.js";

const ARTIFACTS = "test-artifacts";
const SUITE = "catalogue routine in the staff console (Chromium)";
const chromiumPath = chromiumOrSkip(SUITE);
const TOKEN = "e2e-city-admin-token-0123456789";
const SAMPLE = fileURLToPath(new URL("../fixtures/catalogue/sample-fy2021-higashi.csv", import.meta.url));
const QUESTION = "QRコードの読み方";
const NEW_PROGRAM = "スマホ・SNS安全教室開催経費";
const FIXED = "校区ごとに避難所の開設と運営の合同訓練を、年2回行います。";

describe.skipIf(chromiumPath === null)(SUITE, () => {
  let app: RunningSimulator;
  let deps: Deps;
  let browser: Browser;
  let staff: Page;
  let resident: Page;
  let origin: string;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    app = await startSimulator({ ADMIN_TOKENS: TOKEN, CATALOGUE_REFRESH_SECONDS: "2" });
    ({ deps, origin } = app);
    browser = await launchChromium(chromiumPath ?? undefined);
    staff = await browser.newPage({ viewport: { width: 1280, height: 1000 }, locale: "ja-JP" });
    resident = await browser.newPage({ viewport: { width: 480, height: 1100 }, locale: "ja-JP" });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  /** Types a question in the simulator and returns the text of the bot's answer. */
  async function ask(text: string): Promise<string> {
    const before = await resident.locator("li.bot").count();
    await resident.fill("#text", text);
    await resident.press("#text", "Enter");
    await resident.waitForFunction((n) => document.querySelectorAll("li.bot").length > n, before);
    return (await resident.locator("li.bot").last().textContent()) ?? "";
  }

  it("imports FY2021, fixes a description, attaches a question, and residents see it", async () => {
    // A resident asks something the FY2020 catalogue cannot answer: it lands in the list.
    await resident.goto(`${origin}/simulator/`);
    await resident.click("#follow");
    await resident.waitForSelector("li.bot");
    expect(await ask(QUESTION)).not.toContain(NEW_PROGRAM);

    await staff.goto(`${origin}/admin/console/catalogue.html`);
    await staff.fill("#token", TOKEN);
    await staff.press("#token", "Enter");
    await staff.waitForSelector("#app:not([hidden])");
    await expect.poll(() => staff.textContent("#years-body")).toContain("令和2年度");

    // Import: preview first, nothing changes until confirmed.
    await staff.fill("#i-year", "2021");
    await staff.setInputFiles("#i-file", SAMPLE);
    await staff.click("#i-preview");
    await staff.waitForSelector("#import-diff:not([hidden])");
    expect(await staff.textContent("#diff-summary")).toContain("追加 1件");
    expect(await staff.textContent("#diff-body")).toContain(NEW_PROGRAM);
    expect(await staff.textContent("#diff-body")).toContain("当初予算: 2776 → 2800");
    await staff.screenshot({ path: `${ARTIFACTS}/catalogue-import-diff.png`, fullPage: true });
    expect(await staff.textContent("#years-body")).not.toContain("令和3年度");
    await staff.click("#i-confirm");
    await expect.poll(() => staff.textContent("#status")).toContain("令和3年度を取りこみました");
    await expect.poll(() => staff.textContent("#years-body")).toContain("令和3年度");

    // Fix a description of an FY2021 program.
    await staff.selectOption("#p-year", "2021");
    await expect.poll(() => staff.textContent("#programs-body")).toContain("地域防災合同訓練事業");
    await staff.locator("#programs-body tr", { hasText: "地域防災合同訓練事業" }).getByRole("button").click();
    await staff.waitForSelector("#edit-form:not([hidden])");
    await staff.fill("#e-description", FIXED);
    await staff.click("#e-save");
    await expect.poll(() => staff.textContent("#status")).toContain("保存しました");
    expect(await staff.textContent("#edit-stamp")).toContain("管理者（ADMIN_TOKENS）");

    // Attach the unanswered question to the new program.
    const row = staff.locator("#questions-body tr", { hasText: QUESTION });
    await row.locator("select").selectOption({ label: `東区 ${NEW_PROGRAM}` });
    await row.getByRole("button", { name: "この事業の別の聞き方にする" }).click();
    await expect.poll(() => staff.textContent("#status")).toContain("登録しました");
    await expect.poll(() => staff.textContent("#questions-body")).not.toContain(QUESTION);
    await expect.poll(() => staff.textContent("#audit-body")).toContain("シートの取りこみ");
    expect(await staff.textContent("#audit-body")).toContain("事業の編集");
    await staff.screenshot({ path: `${ARTIFACTS}/catalogue-console.png`, fullPage: true });

    // FY2020 stays browsable.
    await staff.selectOption("#p-year", "2020");
    await expect.poll(() => staff.locator("#programs-body tr").count()).toBe(109);

    // The rebuild runs in the background; the resident's simulator picks the new index up.
    await deps.rebuilder.idle();
    expect(deps.rebuilder.status().lastError).toBeNull();
    let answer = "";
    const start = Date.now();
    while (Date.now() - start < 60_000) {
      answer = await ask(QUESTION);
      if (answer.includes(NEW_PROGRAM)) break;
      await resident.waitForTimeout(1000);
    }
    expect(answer).toContain(NEW_PROGRAM);
    expect(answer).toContain("令和3年度");
    expect(answer).toContain("担当：東区 総務企画課（サンプル）");
    expect(answer).toContain("最終更新日：");
    const drill = await ask("東区の防災訓練");
    expect(drill).toContain("地域防災合同訓練事業");
    expect(drill).toContain("年2回行います");
    await resident.screenshot({ path: `${ARTIFACTS}/catalogue-simulator-fy2021.png`, fullPage: true });
  }, 240_000);
});
