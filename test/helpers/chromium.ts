/**
 * Headless Chromium for the e2e tests: the Debian binary (/usr/bin/chromium, installed by CI's
 * apt step) driven by playwright-core, with the flags a container needs and nothing that
 * reaches the network on its own (updates, sync, first-run pages).
 *
 * Rules (as for the Firestore emulator): where Chromium is installed the browser tests run;
 * where it is not, they are skipped with a loud message, unless BROWSER_TESTS_REQUIRED=1
 * (set by .ci/run), which turns the absence into a failure.
 */
import { accessSync, constants } from "node:fs";
import { chromium, type Browser } from "playwright-core";

/** Where CI installs Chromium; CHROMIUM_PATH points elsewhere on a developer machine. */
export const CHROMIUM = "/usr/bin/chromium";

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The Chromium executable for a browser test file, or null to skip it (announced loudly).
 * Throws when the browser tests are required (BROWSER_TESTS_REQUIRED=1) but Chromium is missing.
 */
export function chromiumOrSkip(suite: string, env: NodeJS.ProcessEnv = process.env): string | null {
  const path = env.CHROMIUM_PATH || CHROMIUM;
  if (executable(path)) return path;
  const message =
    `Chromium is not installed at ${path}, so the browser test "${suite}" cannot run. ` +
    `Install the Debian package chromium (or set CHROMIUM_PATH to a Chromium binary).`;
  if (env.BROWSER_TESTS_REQUIRED === "1") {
    throw new Error(`BROWSER_TESTS_REQUIRED=1 but Chromium is missing. ${message}`);
  }
  const bar = "!".repeat(100);
  console.warn(`\n${bar}\n!!! SKIPPED: ${message}\n${bar}\n`);
  return null;
}

/** Starts one headless browser; the caller closes it in `afterAll`. */
export function launchChromium(executablePath: string = CHROMIUM): Promise<Browser> {
  return chromium.launch({
    executablePath,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}
