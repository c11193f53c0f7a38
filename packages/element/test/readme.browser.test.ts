import { describeWithChromium, launchChromium } from "@useralign/browser-tests/chromium";
import { openOfflinePage, pageHtml } from "@useralign/browser-tests/offline-page";
import { createSession } from "@useralign/core";
import { build } from "esbuild";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";

// The README's example, taken from the file, bundled for the browser and clicked through in an
// offline page; a reload resumes the session from localStorage.
const dir = fileURLToPath(new URL("..", import.meta.url));
const example = /```ts\n([\s\S]*?)```/.exec(readFileSync(new URL("../README.md", import.meta.url), "utf8"))![1]!;
const features = [
  [0.35, 0.1],
  [-0.3, 0.25],
  [-0.35, -0.3],
  [0.3, 0.4],
];
const dinners = ["Chana masala", "Mushroom risotto", "Greek salad", "Beef chili"];

describeWithChromium("@useralign/element README example in Chromium", () => {
  let browser: Browser;
  let bundle = "";
  beforeAll(async () => {
    const out = await build({
      stdin: { contents: example, resolveDir: dir, loader: "ts", sourcefile: "readme-example.ts" },
      bundle: true,
      platform: "browser",
      format: "esm",
      target: "es2022",
      write: false,
      conditions: ["@useralign/source"],
    });
    bundle = out.outputFiles[0]!.text;
    browser = await launchChromium();
  });
  afterAll(async () => browser?.close());

  it("shows the pending pair, answers on click, resumes after a reload, ends on the pick Node computes", async () => {
    const page = await openOfflinePage(browser, {
      "/index.html": { body: pageHtml("/main.js"), contentType: "text/html" },
      "/main.js": { body: bundle, contentType: "text/javascript" },
    });
    const reference = createSession({ features });
    let view = reference.next();
    const button = (slot: number) => page.page.locator(`useralign-compare button[data-slot="${slot}"]`);
    let reloaded = false;
    while (view.status === "question") {
      await expect.poll(() => page.page.locator("p").textContent()).toBe(`Question ${view.status === "question" ? view.question : ""}`);
      const shown = await Promise.all([0, 1].map((s) => button(s).locator("span").nth(1).textContent()));
      expect(shown).toEqual(view.pair.map((i) => dinners[i]));
      // A person who likes hearty food (the second axis).
      const choice = features[view.pair[0]]![1]! >= features[view.pair[1]]![1]! ? view.pair[0] : view.pair[1];
      await button(choice === view.pair[0] ? 0 : 1).click();
      view = reference.answer(choice);
      if (!reloaded && view.status === "question") {
        await expect.poll(() => page.page.locator("p").textContent()).toBe(`Question ${view.status === "question" ? view.question : ""}`);
        await page.page.reload();
        reloaded = true;
      }
    }
    await expect.poll(() => page.page.locator("p").textContent()).toBe(`Your pick: ${dinners[view.status === "done" ? view.choice : 0]}`);
    expect(await button(0).isDisabled()).toBe(true);
    expect(reloaded).toBe(true);
    expect(page.problems).toEqual([]);
    expect(page.blocked).toEqual([]);
    await page.context.close();
  });
});
