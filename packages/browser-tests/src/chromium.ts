import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";
import { describe, it } from "vitest";

// The browser and flags of every Chromium test in the repo (this package's and apps/web's end-to-end tests).

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

/**
 * `describe` for tests that drive Chromium, with apps/web's policy: without a browser the suite
 * FAILS (one test naming the fix) unless USERALIGN_SKIP_BROWSER=1 skips it on purpose.
 */
export function describeWithChromium(title: string, body: () => void): void {
  if (process.env.USERALIGN_SKIP_BROWSER === "1") {
    describe.skip(`${title} (skipped on purpose: USERALIGN_SKIP_BROWSER=1)`, body);
  } else if (!hasChromium) {
    describe(title, () => {
      it("needs Chromium", () => {
        throw new Error(
          `No Chromium at ${CHROMIUM_PATH}: apt-get install chromium, or set USERALIGN_CHROMIUM, or set USERALIGN_SKIP_BROWSER=1 to skip deliberately.`,
        );
      });
    });
  } else {
    describe(title, body);
  }
}
