import { describeWithChromium, launchChromium } from "@useralign/browser-tests/chromium";
import { createSession } from "@useralign/core";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { build } from "vite";
import { afterAll, beforeAll, expect, it } from "vitest";
import { DINNERS } from "../src/pool.js";

// The example app as a user gets it: `vite build` (from the packages' dist, as an installed app
// resolves them), the built files served from 127.0.0.1, clicked through in Chromium.
const appRoot = fileURLToPath(new URL("..", import.meta.url));
const outDir = mkdtempSync(join(tmpdir(), "useralign-react-app-"));
const TYPES: Record<string, string> = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css" };
// The simulated person: prefers spicier dinners (the first axis).
const spicier = (a: number, b: number) => (DINNERS[a]!.features[0]! >= DINNERS[b]!.features[0]! ? a : b);

describeWithChromium("examples/react-app (Vite + React + <useralign-compare>)", () => {
  let server: Server;
  let origin = "";
  let browser: Browser;
  beforeAll(async () => {
    await build({ root: appRoot, logLevel: "error", build: { outDir, emptyOutDir: true } });
    server = createServer((req, res) => {
      const path = normalize(req.url === "/" ? "/index.html" : req.url!.split("?")[0]!);
      try {
        res.writeHead(200, { "content-type": TYPES[extname(path)] ?? "application/octet-stream" }).end(readFileSync(join(outDir, path)));
      } catch {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    rmSync(outDir, { recursive: true, force: true });
  });

  const option = (page: Page, slot: 0 | 1) => page.locator(`useralign-compare button[data-slot="${slot}"]`);
  const shownPair = async (page: Page): Promise<[number, number]> => {
    const texts = await Promise.all([option(page, 0), option(page, 1)].map((o) => o.locator("span").nth(1).textContent()));
    return texts.map((t) => DINNERS.findIndex((d) => d.text === t)) as [number, number];
  };

  it("asks, survives a reload mid-session, ends on the pick Node computes, and starts over", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems: string[] = [];
    page.on("pageerror", (e) => problems.push(e.message));
    await page.goto(`${origin}/`);
    await expect.poll(() => page.getByTestId("progress").textContent()).toMatch(/^Question 1/);

    // The same session in Node, answered the same way, says what the page must end on.
    const reference = createSession({ features: DINNERS.map((d) => d.features), seed: 7 });
    let view = reference.next();
    const answers: number[] = [];
    let reloaded = false;
    while (view.status === "question") {
      expect(await shownPair(page)).toEqual(view.pair);
      const choice = spicier(...view.pair);
      answers.push(choice);
      await option(page, choice === view.pair[0] ? 0 : 1).click();
      view = reference.answer(choice);
      if (view.status === "question")
        await expect.poll(() => page.getByTestId("progress").textContent()).toMatch(new RegExp(`^Question ${view.question}\\b`));
      if (!reloaded && view.status === "question") {
        // A reload restores the saved snapshot: same question, same pair.
        await page.reload();
        await expect.poll(() => page.getByTestId("progress").textContent()).toMatch(new RegExp(`^Question ${view.question}\\b`));
        reloaded = true;
      }
    }
    expect(reloaded).toBe(true);
    const result = `Your pick: ${DINNERS[view.choice]!.text} after ${view.questions} questions.`;
    await expect.poll(() => page.getByTestId("result").textContent()).toBe(result);
    await page.reload();
    await expect.poll(() => page.getByTestId("result").textContent()).toBe(result);

    await page.getByRole("button", { name: "Start over" }).click();
    await expect.poll(() => page.getByTestId("progress").textContent()).toMatch(/^Question 1/);
    expect(await page.evaluate(() => localStorage.getItem("useralign:dinner"))).toBeNull();
    expect(problems).toEqual([]);
    await context.close();
  });
});
