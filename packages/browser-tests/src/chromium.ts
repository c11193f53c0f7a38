import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

// The same browser and flags as apps/web's end-to-end tests (apps/web/test/browser.ts).

/** The Chromium the tests drive: $USERALIGN_CHROMIUM, else Debian's /usr/bin/chromium. */
export const CHROMIUM_PATH = process.env.USERALIGN_CHROMIUM ?? "/usr/bin/chromium";

/** Whether a browser is available; without one the browser test fails unless USERALIGN_SKIP_BROWSER=1. */
export const hasChromium = existsSync(CHROMIUM_PATH);

/** Headless Chromium with background networking (updates, safe browsing, …) switched off. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage"],
  });
}
