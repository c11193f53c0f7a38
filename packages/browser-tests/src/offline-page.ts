import type { Browser, BrowserContext, Page } from "playwright-core";

/** The page's origin. `.invalid` never resolves (RFC 2606), so nothing could leave even unrouted. */
export const ORIGIN = "https://useralign.invalid";

/**
 * The page's Content-Security-Policy: nothing may load or connect except scripts from the page's
 * own origin, and WebAssembly may compile ('wasm-unsafe-eval' is all the kernels need).
 */
export const PAGE_CSP = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; img-src data:";

/** A file served from memory at `ORIGIN + path`. */
export interface ServedFile {
  readonly body: string | Buffer;
  readonly contentType: string;
}

/** Options of {@link openOfflinePage}. */
export interface OfflinePageOptions {
  /** The Content-Security-Policy header of every served file. @default PAGE_CSP */
  readonly csp?: string;
}

/** The page and what its network and WebAssembly did. */
export interface OfflinePage {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Every URL the page requested, in order (served or not). */
  readonly requested: string[];
  /** Requests refused because they were not one of the served files. */
  readonly blocked: string[];
  /** Uncaught errors and console errors of the page. */
  readonly problems: string[];
  /** How often the page compiled a WebAssembly module and created an instance of one so far. */
  wasmCounts(): Promise<{ compiled: number; instances: number }>;
  /** Content-Security-Policy violations the page reported so far ("directive blocked-uri"). */
  cspViolations(): Promise<string[]>;
}

/**
 * Opens `ORIGIN + "/index.html"` in a fresh context where every request is intercepted: the
 * `files` are answered from memory, everything else is aborted and recorded. The page counts its
 * WebAssembly compilations and instances (wrapped before any page script runs).
 */
export async function openOfflinePage(
  browser: Browser,
  files: Readonly<Record<string, ServedFile>>,
  options: OfflinePageOptions = {},
): Promise<OfflinePage> {
  const csp = options.csp ?? PAGE_CSP;
  const context = await browser.newContext({ serviceWorkers: "block" });
  const requested: string[] = [];
  const blocked: string[] = [];
  const problems: string[] = [];
  await context.route("**/*", async (route) => {
    const url = route.request().url();
    requested.push(url);
    const file = url.startsWith(`${ORIGIN}/`) ? files[url.slice(ORIGIN.length)] : undefined;
    if (file === undefined) {
      blocked.push(url);
      await route.abort("blockedbyclient");
      return;
    }
    await route.fulfill({ status: 200, contentType: file.contentType, body: file.body, headers: { "content-security-policy": csp } });
  });
  await context.addInitScript(() => {
    const counts = { compiled: 0, instances: 0 };
    const wasm = globalThis.WebAssembly;
    const compile = wasm.compile.bind(wasm);
    wasm.compile = (bytes) => {
      counts.compiled++;
      return compile(bytes);
    };
    wasm.Instance = new Proxy(wasm.Instance, {
      construct(target, args, newTarget) {
        counts.instances++;
        return Reflect.construct(target, args, newTarget) as object;
      },
    });
    (globalThis as unknown as { wasmCounts: typeof counts }).wasmCounts = counts;
    document.addEventListener("securitypolicyviolation", (e) => {
      (globalThis as unknown as { cspViolations?: string[] }).cspViolations ??= [];
      (globalThis as unknown as { cspViolations: string[] }).cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  const page = await context.newPage();
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console error: ${m.text()}`);
  });
  const response = await page.goto(`${ORIGIN}/index.html`);
  if (!response?.ok()) throw new Error(`${ORIGIN}/index.html did not load (${response?.status() ?? "no response"})`);
  return {
    context,
    page,
    requested,
    blocked,
    problems,
    wasmCounts: () =>
      page.evaluate(() => ({ ...(globalThis as unknown as { wasmCounts: { compiled: number; instances: number } }).wasmCounts })),
    cspViolations: () => page.evaluate(() => [...((globalThis as unknown as { cspViolations?: string[] }).cspViolations ?? [])]),
  };
}

/** The HTML of the test page: one module script, no favicon request (an empty data: icon). */
export function pageHtml(script: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>UserAlign offline</title><script type="module" src="${script}"></script></head><body></body></html>`;
}
