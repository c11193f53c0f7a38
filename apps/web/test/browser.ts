import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

/** The Chromium the end-to-end tests drive: $USERALIGN_CHROMIUM, else Debian's /usr/bin/chromium. */
export const CHROMIUM_PATH = process.env.USERALIGN_CHROMIUM ?? "/usr/bin/chromium";

/** Whether a browser is available; see the e2e test for what happens when it is not. */
export const hasChromium = existsSync(CHROMIUM_PATH);

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage"],
  });
}
