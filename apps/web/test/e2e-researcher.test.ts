import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeWithChromium, launchChromium } from "@useralign/browser-tests/chromium";
import { startStudyServer, type RunningStudy } from "../src/start.js";
import { client, DEMO_STUDY, progressOrGone } from "./helpers.js";
import { studyFolder, twoDomainStudy } from "./study-files.js";
import { tinyPool } from "./tiny-pool.js";

// What a researcher running a paid study needs, in headless Chromium: a Prolific-style arrival
// through consent, an attention check and the completion redirect; and the keyboard, layout and
// error-notice defects of issue 13. Without a browser this FAILS unless skipped on purpose.
const folder = studyFolder("e2e-researcher");
const CHECK = "Attention: choose this option to show you are reading.";
const REDIRECT = "https://app.prolific.example/submissions/complete";

function prolificStudy() {
  const pool = tinyPool({
    candidates: [
      { id: "a", text: "Pasta with basil", features: [0.2, 0] },
      { id: "b", text: "Rice with beans", features: [-0.2, 0.1] },
      { id: "c", text: "Soup with bread", features: [0, -0.2] },
      { id: "d", text: "Salad with feta", features: [0.1, 0.1] },
    ],
  });
  return twoDomainStudy(
    {
      consent: "This is a research study. Your answers are stored without your name.\n\nYou may stop at any time.",
      completion: { code: "C1234ABC", redirectUrl: `${REDIRECT}?cc={code}&pid={PROLIFIC_PID}` },
    },
    [
      {
        name: "dinner",
        budget: 3,
        evaluationSteps: [2, 3],
        pools: [{ pool }],
        attentionChecks: [{ afterStep: 1, options: [CHECK, "Pick me if you skim."], correct: 0 }],
      },
    ],
  );
}

describeWithChromium("browser end-to-end for researchers", () => {
  let browser: Browser;
  let prolific: RunningStudy;
  let demo: RunningStudy;

  beforeAll(async () => {
    prolific = await startStudyServer({
      study: folder.write({ "prolific/study.json": prolificStudy() }),
      port: 0,
      database: folder.database(),
      adminToken: "t",
      log: () => undefined,
    });
    demo = await startStudyServer({ study: DEMO_STUDY, port: 0, database: folder.database(), adminToken: "t", log: () => undefined });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await prolific?.close();
    await demo?.close();
    folder.remove();
  });

  const progress = (page: Page) => page.locator(".progress > span").first().textContent();

  it("takes a participant from a Prolific URL through consent, an attention check and the completion redirect", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    let landed = "";
    await page.route(`${REDIRECT}**`, (route) => {
      landed = route.request().url();
      return route.fulfill({ status: 200, contentType: "text/html", body: "<h1>Prolific</h1>" });
    });
    await page.goto(`${prolific.url}/?PROLIFIC_PID=5f1e2d3c4b5a69788796a5b4&STUDY_ID=study-1&SESSION_ID=session-9&utm_source=mail`);
    await page.locator("#begin").click();
    // Consent: the text is shown, and continuing needs the box ticked.
    await expect.poll(() => page.locator("#consent-text").count()).toBe(1);
    expect(await page.locator("#consent-text").innerText()).toContain("You may stop at any time.");
    expect(await page.locator("#consent-accept").isDisabled()).toBe(true);
    await page.locator("#consent-box").check();
    await page.locator("#consent-accept").click();
    await expect.poll(() => page.locator("#start").count()).toBe(1);
    await page.locator("#start").click();

    // 3 comparisons and 1 attention check, numbered alike ("Step k of 4").
    const patient = { timeout: 20_000 };
    const texts: string[][] = [];
    for (let step = 1; step <= 4; step++) {
      await expect.poll(() => progress(page), patient).toBe(`Step ${step} of 4`);
      const options = await page.locator(".option").allInnerTexts();
      texts.push(options);
      const check = options.findIndex((t) => t.includes(CHECK));
      const option = page.locator(".option").nth(check >= 0 ? check : 0);
      await option.click();
      await expect.poll(() => option.getAttribute("aria-pressed"), patient).toBe("true");
      await page.locator("#confirm").click();
    }
    expect(texts.filter((o) => o.some((t) => t.includes(CHECK)))).toHaveLength(1);
    expect(texts[1]!.some((t) => t.includes(CHECK))).toBe(true);
    await expect.poll(() => page.getByText("Part 3 of 3: final comparisons").count(), patient).toBe(1);
    const id = await page.evaluate(() => localStorage.getItem("useralign.participant"));
    // The done screen shows for 1.5 s before the redirect: catch it as it appears.
    const shownCode = page.waitForSelector("#completion-code", { timeout: 60_000 }).then((h) => h.textContent());
    while (await page.getByText("Part 3 of 3: final comparisons").count()) {
      const before = await progress(page);
      await page.locator(".option").first().click();
      await page.locator("#confirm").click();
      await expect.poll(() => progressOrGone(page), patient).not.toBe(before);
    }
    expect(await shownCode).toBe("C1234ABC");
    await expect.poll(() => landed, patient).not.toBe("");
    expect(landed).toBe(`${REDIRECT}?cc=C1234ABC&pid=5f1e2d3c4b5a69788796a5b4`);
    const done = (await client(prolific.url).get(`/api/participants/${id}`)).body;
    expect(done).toMatchObject({ stage: "done", completionCode: "C1234ABC", redirectUrl: landed });
    expect(errors).toEqual([]);

    // The participant export has the URL parameters (allow-listed), consent, the check and timings.
    const auth = { headers: { authorization: "Bearer t" } };
    const [row] = (await (await fetch(prolific.url + "/api/admin/participants.json", auth)).json()) as any[];
    expect(row).toMatchObject({
      status: "done",
      param_PROLIFIC_PID: "5f1e2d3c4b5a69788796a5b4",
      param_STUDY_ID: "study-1",
      param_SESSION_ID: "session-9",
      attention_passed: 1,
      attention_total: 1,
    });
    expect(row).not.toHaveProperty("param_utm_source");
    expect(row.consented_at).toMatch(/^\d{4}-/);
    expect(row.response_ms_total).toBeGreaterThan(0);
    const answers: any[] = await (await fetch(prolific.url + "/api/admin/answers.json", auth)).json();
    expect(answers.filter((a) => a.stage === "attention")).toEqual([expect.objectContaining({ passed: "1", chosen: CHECK })]);
    expect(answers.every((a) => typeof a.response_ms === "number" && a.response_ms > 0)).toBe(true);
    const verified = await (await fetch(`${prolific.url}/api/admin/verify?code=${row.completion_code}`, auth)).json();
    expect(verified).toEqual({ valid: true, participantId: row.participant_id });

    // The same PROLIFIC_PID on a fresh browser returns to the same participant (done), not a new one.
    const other = await browser.newContext();
    const again = await other.newPage();
    await again.route(`${REDIRECT}**`, (route) => route.fulfill({ status: 200, body: "" }));
    await again.goto(`${prolific.url}/?PROLIFIC_PID=5f1e2d3c4b5a69788796a5b4`);
    const againCode = again.waitForSelector("#completion-code", { timeout: 60_000 }).then((h) => h.textContent());
    await again.locator("#begin").click();
    expect(await againCode).toBe("C1234ABC");
    expect(await prolific.store.listParticipants()).toHaveLength(1);
    await other.close();
    await context.close();
  });

  /** A 1280×800 page on a fresh image (posters) participant's first comparison. */
  async function posterPage(): Promise<{ page: Page; id: string; close: () => Promise<void> }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(demo.url);
    await expect.poll(() => page.locator("#begin").count()).toBe(1);
    const api = client(demo.url);
    let view;
    do view = (await api.post("/api/participants")).body;
    while (view.kind !== "image");
    await page.evaluate((id) => localStorage.setItem("useralign.participant", id), view.participantId);
    await page.reload();
    await page.locator("#start").click();
    await expect.poll(() => page.locator(".option").count()).toBe(2);
    await expect
      .poll(() => page.locator(".option img").evaluateAll((imgs) => imgs.every((i) => (i as HTMLImageElement).complete)))
      .toBe(true);
    return { page, id: view.participantId, close: () => context.close() };
  }

  it("keeps an image comparison's Confirm above the fold on a 1280×800 laptop", async () => {
    const { page, close } = await posterPage();
    const box = (await page.locator("#confirm").boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(800);
    await close();
  });

  it("records the option Enter is pressed on, not the one chosen before", async () => {
    const { page, id, close } = await posterPage();
    // Choose option 1 with "1", then Tab to option 2 and press Enter: option 2 is chosen, nothing sent.
    await page.keyboard.press("1");
    await expect.poll(() => page.locator(".option").nth(0).getAttribute("aria-pressed")).toBe("true");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-key"))).toBe("b");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator(".option").nth(1).getAttribute("aria-pressed")).toBe("true");
    expect((await demo.store.listAnswers()).filter((a) => a.participantId === id)).toHaveLength(0);
    // Enter again on the chosen option confirms it: the stored winner is what option 2 showed.
    const optionB = await page.locator(".option").nth(1).innerText();
    await page.keyboard.press("Enter");
    await expect.poll(() => progress(page)).toBe("Step 2 of 12");
    const [stored] = (await demo.store.listAnswers()).filter((a) => a.participantId === id);
    const p = (await demo.store.getParticipant(id))!;
    const winner = demo.study.domains[p.assignment.domain]!.pools[0]!.candidates.find(
      (c) => c.id === (stored!.payload as { winner: string }).winner,
    )!;
    expect(optionB).toContain(winner.text);
    await close();
  });

  it("shows whole-sentence notices when the network drops, never the browser's message", async () => {
    const { page, close } = await posterPage();
    await page.route("**/answers", (route) => route.abort("internetdisconnected"));
    await page.keyboard.press("2");
    await page.locator("#confirm").click();
    await expect.poll(() => page.locator("#notice").isVisible()).toBe(true);
    const notice = await page.locator("#notice").innerText();
    expect(notice).toBe(
      "We could not reach the server. Check your internet connection. Your choice is still selected: press Confirm to try again.",
    );
    await page.unroute("**/answers");
    await page.locator("#confirm").click();
    await expect.poll(() => progress(page)).toBe("Step 2 of 12");
    await close();
  });

  it("fits the admin tables on a phone (they scroll inside their box)", async () => {
    const api = client(demo.url);
    const { completeParticipant } = await import("./helpers.js");
    for (let i = 0; i < 4; i++) await completeParticipant(api, () => "a");
    const context = await browser.newContext({ viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(`${demo.url}/admin#token=t`);
    await expect.poll(() => page.locator("table").count()).toBeGreaterThan(0);
    // Against the device width, not innerWidth: a mobile browser widens its layout viewport to fit overflowing content.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    expect(await page.evaluate(() => window.innerWidth)).toBe(320);
    await context.close();
  });
});
