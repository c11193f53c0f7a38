/**
 * docs/conic-kernels.md "In the browser": its example, bundled from the file as written, runs in an
 * offline page; and its CSP claims hold — without 'wasm-unsafe-eval' the strict loaders reject and
 * `createClarabelSolver()` falls back to the TypeScript kernels.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { assertBuilt, bundleForBrowser, PACKAGE_DIR } from "../src/bundle.js";
import { describeWithChromium, launchChromium } from "../src/chromium.js";
import { openOfflinePage, ORIGIN, pageHtml } from "../src/offline-page.js";
import type { PageApi } from "../src/page-entry.js";

const DOC = fileURLToPath(new URL("../../../docs/conic-kernels.md", import.meta.url));

/** The first ```ts block of the "In the browser" section. */
function browserExample(): string {
  const text = readFileSync(DOC, "utf8");
  const section = text.slice(text.indexOf("## In the browser"));
  const match = /```ts\n([\s\S]*?)```/.exec(section);
  if (!match?.[1]) throw new Error(`no \`\`\`ts block under "## In the browser" in ${DOC}`);
  return match[1];
}

describeWithChromium("docs/conic-kernels.md in the browser", () => {
  let browser: Browser;
  beforeAll(async () => {
    assertBuilt();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("the example runs offline and prints log 2 and a choice", async () => {
    const bundle = await bundleForBrowser({ contents: browserExample(), resolveDir: PACKAGE_DIR, loader: "ts" });
    const offline = await openOfflinePage(browser, {
      "/index.html": { body: pageHtml("/app.js"), contentType: "text/html" },
      "/app.js": { body: bundle.code, contentType: "text/javascript" },
    });
    try {
      await offline.page.waitForFunction(() => document.body.textContent !== "", undefined, { timeout: 30_000 });
      const text = (await offline.page.textContent("body")) ?? "";
      const match = /^x = ([\d.]+) \(solved\); chose (\d+) after (\d+) questions$/.exec(text);
      expect(match, text).not.toBeNull();
      expect(Math.abs(Number(match![1]) - Math.LN2)).toBeLessThan(1e-7);
      // The user prefers the larger second feature: response 0, [0, 1].
      expect(Number(match![2])).toBe(0);
      expect(Number(match![3])).toBeGreaterThan(0);
      expect((await offline.wasmCounts()).instances).toBeGreaterThan(0);
      expect(offline.blocked).toEqual([]);
      expect(offline.problems).toEqual([]);
    } finally {
      await offline.context.close();
    }
  });

  it("without 'wasm-unsafe-eval' the strict loaders reject and the default solver falls back to TypeScript", async () => {
    const bundle = await bundleForBrowser({ file: fileURLToPath(new URL("../src/page-entry.ts", import.meta.url)) });
    const offline = await openOfflinePage(
      browser,
      {
        "/index.html": { body: pageHtml("/bundle.js"), contentType: "text/html" },
        "/bundle.js": { body: bundle.code, contentType: "text/javascript" },
      },
      { csp: "default-src 'none'; script-src 'self'; img-src data:" },
    );
    try {
      await offline.page.waitForFunction(() => "useralign" in globalThis);
      const error = await offline.page.evaluate(() => (globalThis as unknown as { useralign: PageApi }).useralign.wasmEngineError());
      expect(error).toMatch(/^CompileError: .*(Content Security Policy|wasm-unsafe-eval)/);
      const solved = await offline.page.evaluate(() =>
        (globalThis as unknown as { useralign: PageApi }).useralign.solveWithDefaultSolver({
          q: [-1],
          A: { rows: [0], cols: [0], vals: [-1], shape: [3, 1] },
          b: [0, 1, 2],
          cones: [{ type: "exp", dim: 3 }],
        }),
      );
      expect(solved.status).toBe("solved");
      expect(Math.abs(solved.x[0]! - Math.LN2)).toBeLessThan(1e-7);
      expect(await offline.wasmCounts()).toEqual({ compiled: 2, instances: 0 });
      expect(await offline.cspViolations()).toContain("script-src wasm-eval");
      expect(offline.requested.every((url) => url.startsWith(ORIGIN))).toBe(true);
    } finally {
      await offline.context.close();
    }
  });
});
