/**
 * Headless Chromium for the e2e tests: the Debian binary (/usr/bin/chromium, installed by CI's
 * apt step) driven by playwright-core, with the flags a container needs and nothing that
 * reaches the network on its own (updates, sync, first-run pages).
 */
import { chromium, type Browser } from "playwright-core";

/** Where CI installs Chromium. */
export const CHROMIUM = "/usr/bin/chromium";

/** Starts one headless browser; the caller closes it in `afterAll`. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
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
