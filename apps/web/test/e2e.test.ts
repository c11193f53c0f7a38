import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startStudyServer, type RunningStudy } from "../src/start.js";
import { describeWithChromium, launchChromium } from "@useralign/browser-tests/chromium";
import { client, DEMO_STUDY, OUTPUT_DIR, progressOrGone } from "./helpers.js";

// The participant flow as a person goes through it, in headless Chromium, with screenshots of every
// stage in test-output/screenshots. Without a browser this FAILS unless skipped on purpose.
const shots = join(OUTPUT_DIR, "screenshots");

describeWithChromium("browser end-to-end", () => {
  let dir: string;
  let server: RunningStudy;
  let browser: Browser;
  const database = () => join(dir, "study.sqlite");
  const start = async (port = 0) => {
    server = await startStudyServer({ study: DEMO_STUDY, port, database: database(), adminToken: "e2e-token", log: () => undefined });
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "useralign-e2e-"));
    mkdirSync(shots, { recursive: true });
    await start();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const shot = async (page: Page, name: string) => {
    // No leaked placeholders from missing data on any screen.
    expect(await page.locator("main").innerText()).not.toMatch(/\b(null|undefined|NaN)\b|\[object /);
    await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
  };
  const progressText = (page: Page) => page.locator(".progress > span").first().textContent();

  /** Answers the current choice screen; by keyboard (1/2/arrows + Enter) or by mouse. */
  async function answerScreen(page: Page, how: "keys" | "mouse" | "tap", index: number) {
    const before = await progressText(page);
    if (how === "keys") {
      await page.keyboard.press(index % 2 ? "ArrowRight" : "1");
      await page.keyboard.press("Enter");
    } else {
      const option = page.locator(".option").nth(index % 2);
      await (how === "tap" ? option.tap() : option.click());
      await expect.poll(() => option.getAttribute("aria-pressed")).toBe("true");
      await (how === "tap" ? page.locator("#confirm").tap() : page.locator("#confirm").click());
    }
    // The next screen (or the end) replaces this one.
    await expect.poll(() => progressOrGone(page), { timeout: 15_000 }).not.toBe(before);
  }

  async function stage(page: Page): Promise<string> {
    const h1 = await page.locator("h1").first().textContent();
    if (h1 === "The question") return "question";
    if (h1 === "Thank you!") return "done";
    return (await page.getByText("Part 3 of 3: final comparisons").count()) ? "evaluate" : "compare";
  }

  async function noHorizontalScroll(page: Page) {
    const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
    expect(scroll).toBeLessThanOrEqual(width);
  }

  it("takes a participant through every stage, across a refresh, Back and a server restart", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(server.url);
    await expect.poll(() => page.locator("#begin").count()).toBe(1);
    expect(await page.title()).toBe("Which answer is better?");
    await shot(page, "desktop-1-landing");
    await page.locator("#begin").click();
    await expect.poll(() => stage(page)).toBe("question");
    // The persona card appears exactly in the persona condition.
    const assigned = (await server.store.listParticipants())[0]!.assignment;
    expect(await page.locator("aside.persona").count()).toBe(assigned.condition === "persona" ? 1 : 0);
    await shot(page, "desktop-2-question");
    await page.locator("#start").click();
    await expect.poll(() => page.locator(".option").count()).toBe(2);
    const of = Number(/of (\d+)/.exec((await progressText(page)) ?? "")![1]);
    expect(await progressText(page)).toBe(`Step 1 of ${of}`);
    expect(await page.locator("#status").textContent()).toBe(`Comparison 1 of ${of}: choose option 1 or option 2.`);
    await shot(page, "desktop-3-compare");

    await answerScreen(page, "keys", 0);
    await answerScreen(page, "keys", 1);
    await answerScreen(page, "mouse", 0);
    expect(await progressText(page)).toBe(`Step 4 of ${of}`);
    const optionsAt4 = await page.locator(".option").allTextContents();

    // Refresh: same screen, same options.
    await page.reload();
    await expect.poll(() => progressText(page)).toBe(`Step 4 of ${of}`);
    expect(await page.locator(".option").allTextContents()).toEqual(optionsAt4);
    // Back: stays in the study, on the current screen.
    await page.goBack();
    await expect.poll(() => progressText(page)).toBe(`Step 4 of ${of}`);
    expect(page.url().startsWith(server.url)).toBe(true);

    await answerScreen(page, "mouse", 1);
    // Server restart mid-study, on the same port and database.
    const port = server.port;
    const optionsAt5 = await page.locator(".option").allTextContents();
    await server.close();
    await start(port);
    await page.reload();
    await expect.poll(() => progressText(page)).toBe(`Step 5 of ${of}`);
    expect(await page.locator(".option").allTextContents()).toEqual(optionsAt5);

    for (let k = 5; k <= of; k++) await answerScreen(page, k % 2 ? "keys" : "mouse", k);
    await expect.poll(() => stage(page)).toBe("evaluate");
    await shot(page, "desktop-4-evaluate");
    while ((await stage(page)) === "evaluate") await answerScreen(page, "keys", 0);
    await expect.poll(() => stage(page)).toBe("done");
    expect(await page.locator("#completion-code").textContent()).toMatch(/^[A-Z2-7]{16}$/);
    await shot(page, "desktop-5-done");
    expect(errors).toEqual([]);

    // Every answer stored once: K comparisons and the evaluation matchups.
    const answers = await server.store.listAnswers();
    expect(answers.filter((a) => a.stage === "compare")).toHaveLength(of);
    expect(new Set(answers.map((a) => `${a.stage}/${a.step}`)).size).toBe(answers.length);

    // The admin page shows the live table for this participant's cell.
    await page.goto(`${server.url}/admin#token=e2e-token`);
    await expect.poll(() => page.locator("table").count()).toBeGreaterThan(0);
    expect(await page.locator("#counts").textContent()).toContain("1 participant (");
    expect(await page.locator("#login").isVisible()).toBe(false);
    expect(await page.locator("table").first().textContent()).toMatch(/step \d+.*random/);
    await shot(page, "desktop-6-admin");
    await context.close();
  });

  it("works on a phone-sized touch screen, for the other kind of domain", async () => {
    const phone: BrowserContextOptions = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
    const context = await browser.newContext(phone);
    const page = await context.newPage();
    await page.goto(server.url);
    await expect.poll(() => page.locator("#begin").count()).toBe(1);
    await noHorizontalScroll(page);
    await shot(page, "phone-1-landing");
    // Make sure the phone run covers the domain kind the desktop run did not, in the persona
    // condition: assign through the API until such a participant comes up (balanced assignment
    // cycles through all 8 cells), then resume it here as a returning participant.
    const first = (await server.store.listParticipants())[0]!;
    const desktopKind = server.study.domains[first.assignment.domain]!.kind;
    const api = client(server.url);
    let view;
    do view = (await api.post("/api/participants")).body;
    while (view.kind === desktopKind || view.persona === null);
    await page.evaluate((id) => localStorage.setItem("useralign.participant", id), view.participantId);
    await page.reload();
    await expect.poll(() => stage(page)).toBe("question");
    await noHorizontalScroll(page);
    expect(await page.locator("aside.persona").textContent()).toContain(`Answer as: ${view.persona.name}`);
    await shot(page, "phone-2-question");
    await page.locator("#start").tap();
    await expect.poll(() => page.locator(".option").count()).toBe(2);
    await noHorizontalScroll(page);
    if (view.kind === "image") {
      // The posters actually load (no broken-image icons): both have a decoded width.
      await expect
        .poll(() => page.locator(".option img").evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).naturalWidth)))
        .toEqual([400, 400]);
    }
    await shot(page, "phone-3-compare");
    const of = view.budget;
    for (let k = 1; k <= of; k++) await answerScreen(page, "tap", k);
    await expect.poll(() => stage(page)).toBe("evaluate");
    await noHorizontalScroll(page);
    await shot(page, "phone-4-evaluate");
    while ((await stage(page)) === "evaluate") await answerScreen(page, "tap", 1);
    await expect.poll(() => stage(page)).toBe("done");
    await shot(page, "phone-5-done");
    await context.close();
  });
});
