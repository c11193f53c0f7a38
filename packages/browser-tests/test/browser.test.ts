/**
 * The published ESM of @useralign/conic, @useralign/core and @useralign/solver-conic, bundled by
 * esbuild for the browser, runs in headless Chromium with every network request refused, and
 * computes what Node computes: every conformance case on the WebAssembly and the TypeScript
 * kernels, and UserAlign sessions on the `conic` backend and on the core's default solver.
 *
 * Two arithmetics. ECMAScript leaves Math.exp/log/pow and `**` to each engine, and Chromium 156 and
 * Node 20 round them differently in the last bit (measured: ~5–10% of arguments). With the engines'
 * own Math (what users run) the cases without exponential cones agree exactly (their solves use
 * + − × ÷, √ and one Math.pow(·, 3)); exponential-cone solves may take a different last iteration, so
 * there the browser must match Node's status and pass the conformance checks. With the portable
 * exp/log/log1p/hypot/pow of src/portable-math.ts installed on both sides, every case must agree: same
 * status and iterations, x/y/s within 1e-9. Sessions must ask the same questions and choose the same.
 *
 * Without Chromium this FAILS unless USERALIGN_SKIP_BROWSER=1 (the policy of apps/web's e2e test).
 */
import { fileURLToPath } from "node:url";
import type { ConicSolution, SolverStatus } from "@useralign/conic";
import { checkSolution, conicCases, defaultTolerances } from "@useralign/solver-conformance";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertBuilt, bundleForBrowser, type BrowserBundle } from "../src/bundle.js";
import { describeWithChromium, launchChromium } from "../src/chromium.js";
import { openOfflinePage, ORIGIN, pageHtml, type OfflinePage } from "../src/offline-page.js";
import type { PageApi } from "../src/page-entry.js";
import { installPortableMath } from "../src/portable-math.js";
import { runSessions, solveCases, type NamedProblem, type SessionInput, type SessionRecord, type SolveRecord } from "../src/scenario.js";

const problems: NamedProblem[] = conicCases.map((c) => ({ name: c.name, problem: c.problem }));
const usesExpCone = (p: NamedProblem) => p.problem.cones.some((k) => k.type === "exp");

// A pool of 8 responses in 2-d and a user whose taste is a direction in it. Plain UserAlign runs to
// its stopping rule (second-order cones only in conic form); UserAlign-loss, whose conic form has
// exponential cones and is slow to solve, on 6 of them for its first three questions.
const pool = Array.from({ length: 8 }, (_, i) => [Math.cos(2.4 * i) * (1 + (i % 3)), Math.sin(2.4 * i) * (1 + (i % 4))]);
const sessions: SessionInput[] = [
  { raw: pool, taste: [0.4, 2.8], seed: 7, maxQuestions: 12, method: "useralign", solvers: ["structured", "conic"] },
  { raw: pool.slice(0, 6), taste: [0.4, 2.8], seed: 7, maxQuestions: 3, method: "useralign-loss", solvers: ["structured", "conic"] },
];

/** Largest |a − b| over two vectors; NaN must sit in the same places (infeasible solves NaN-fill). */
function maxDifference(a: readonly number[], b: readonly number[]): number {
  expect(a.length).toBe(b.length);
  let max = 0;
  a.forEach((v, i) => {
    const w = b[i]!;
    if (Number.isNaN(v) || Number.isNaN(w)) expect([Number.isNaN(v), Number.isNaN(w)]).toEqual([true, true]);
    else max = Math.max(max, Math.abs(v - w));
  });
  return max;
}

const maxVectorDifference = (a: SolveRecord, b: SolveRecord) =>
  Math.max(...(["x", "y", "s"] as const).map((v) => maxDifference(a[v], b[v])));

function asSolution(r: SolveRecord): ConicSolution {
  return {
    ...r,
    status: r.status as SolverStatus,
    x: Float64Array.from(r.x),
    y: Float64Array.from(r.y),
    s: Float64Array.from(r.s),
    solveTimeMs: 0,
  };
}

/** Same status, iterations, solver and engine; x, y, s within 1e-9. */
function expectSameSolve(got: SolveRecord, want: SolveRecord): void {
  const where = `${got.name} (${got.kernels})`;
  const summary = (r: SolveRecord) => ({ status: r.status, iterations: r.iterations, solver: r.solver, engine: r.engine });
  expect(summary(got), where).toEqual(summary(want));
  expect(maxVectorDifference(got, want), where).toBeLessThanOrEqual(1e-9);
}

/** Same questions and choice; every bound within `tolerance`. */
function expectSameSession(got: SessionRecord, want: SessionRecord, tolerance: number): void {
  expect(got.solver).toBe(want.solver);
  expect(got.pairs, got.solver).toEqual(want.pairs);
  expect(got.pairs.length).toBeGreaterThan(1);
  expect({ ...got.result, bound: null }).toEqual({ ...want.result, bound: null });
  const bounds = (r: SessionRecord) => [...r.bounds, r.result.bound].map((b) => b ?? Number.NaN);
  expect(maxDifference(bounds(got), bounds(want)), got.solver).toBeLessThanOrEqual(tolerance);
}

describeWithChromium("the packages in a browser, offline", () => {
  let bundle: BrowserBundle;
  let browser: Browser;
  let offline: OfflinePage;

  beforeAll(async () => {
    assertBuilt();
    bundle = await bundleForBrowser({ file: fileURLToPath(new URL("../src/page-entry.ts", import.meta.url)) });
    browser = await launchChromium();
    offline = await openOfflinePage(browser, {
      "/index.html": { body: pageHtml("/bundle.js"), contentType: "text/html" },
      "/bundle.js": { body: bundle.code, contentType: "text/javascript" },
    });
    await offline.page.waitForFunction(() => "useralign" in globalThis);
  });
  afterAll(async () => {
    await offline?.context.close();
    await browser?.close();
  });

  const api = () => offline.page;
  const inPage = {
    solveCases: (kernels: "wasm" | "ts") =>
      api().evaluate(([p, k]) => (globalThis as unknown as { useralign: PageApi }).useralign.solveCases(p, k), [
        problems,
        kernels,
      ] as const),
    solveWithDefaultSolver: (p: NamedProblem) =>
      api().evaluate((q) => (globalThis as unknown as { useralign: PageApi }).useralign.solveWithDefaultSolver(q), p.problem),
    runSessions: (s: SessionInput) =>
      api().evaluate((input) => (globalThis as unknown as { useralign: PageApi }).useralign.runSessions(input), s),
    installPortableMath: () => api().evaluate(() => void (globalThis as unknown as { useralign: PageApi }).useralign.installPortableMath()),
  };

  it("bundled the packages' dist, not their sources, with the kernels inline", () => {
    for (const name of ["conic", "core", "solver-conic"])
      expect(
        bundle.inputs.some((f) => f.startsWith(`../${name}/dist/`)),
        name,
      ).toBe(true);
    expect(bundle.inputs.filter((f) => f.startsWith("../") && !f.includes("/dist/") && !f.includes("/node_modules/"))).toEqual([]);
    // "\0asm" base64-encoded: the WebAssembly bytes travel inside the script, no .wasm fetch.
    expect(bundle.code).toContain("AGFzbQ");
  });

  describe("with the engines' own Math", () => {
    for (const kernels of ["wasm", "ts"] as const) {
      it(`solves every conformance case on the ${kernels} kernels: exactly as Node without exponential cones, conformingly with them`, async () => {
        const before = await offline.wasmCounts();
        const page = await inPage.solveCases(kernels);
        const after = await offline.wasmCounts();
        const node = await solveCases(problems, kernels);
        expect(page.map((r) => r.name)).toEqual(problems.map((p) => p.name));
        // The engine each solve factored with is the one asked for (no fallback), and the page
        // created WebAssembly instances for the wasm run (one or more per solve) and none for ts.
        expect(new Set(page.map((r) => r.engine))).toEqual(new Set([kernels]));
        if (kernels === "wasm") expect(after.instances - before.instances).toBeGreaterThanOrEqual(problems.length);
        else expect(after).toEqual(before);
        page.forEach((got, i) => {
          const want = node[i]!;
          const c = conicCases[i]!;
          if (usesExpCone(problems[i]!)) expect(got.status, got.name).toBe(want.status);
          else expectSameSolve(got, want);
          // The browser's answer is right by the conformance suite's own KKT and certificate checks
          // (almost_* accepted: awkward-badly-scaled ends almost_solved in Node as well).
          const report = checkSolution(c.problem, c.expected, asSolution(got), defaultTolerances, { allowAlmost: true });
          expect(report.failures, `${got.name} (${kernels})`).toEqual([]);
        });
      });
    }

    it("the default solver, created as a user creates it, runs the WebAssembly kernels in the page", async () => {
      const lp = problems.find((p) => p.name === "lp-wyndor")!;
      const before = await offline.wasmCounts();
      const got = await inPage.solveWithDefaultSolver(lp);
      const after = await offline.wasmCounts();
      expect(after.instances).toBeGreaterThan(before.instances);
      const node = (await solveCases([lp], "wasm"))[0]!;
      expect(got.status).toBe("solved");
      expect(got.iterations).toBe(node.iterations);
      expect(maxDifference(got.x, node.x)).toBeLessThanOrEqual(1e-9);
    });

    it("runs UserAlign sessions on conic and on the default solver, asking what Node asks", async () => {
      for (const input of sessions) {
        const page = await inPage.runSessions(input);
        const node = await runSessions(input);
        // 1e-6: the session's own tolerance on bounds (Math.exp/log and `**` round differently, see above).
        page.forEach((got, k) => expectSameSession(got, node[k]!, 1e-6));
        // conic and the core's default solver agree with each other in the browser too.
        const [structured, conic] = page as [SessionRecord, SessionRecord];
        expect(conic.pairs).toEqual(structured.pairs);
        expect(conic.result).toEqual({ ...structured.result, bound: conic.result.bound });
      }
    });
  });

  describe("with the same exp/log on both sides (src/portable-math.ts)", () => {
    let restore: () => void = () => undefined;
    beforeAll(async () => {
      await inPage.installPortableMath();
      restore = installPortableMath();
    });
    afterAll(() => restore());

    for (const kernels of ["wasm", "ts"] as const) {
      it(`solves every conformance case on the ${kernels} kernels as Node does: same status and iterations, x/y/s within 1e-9`, async () => {
        const page = await inPage.solveCases(kernels);
        const node = await solveCases(problems, kernels);
        expect(page.map((r) => r.name)).toEqual(problems.map((p) => p.name));
        page.forEach((got, i) => expectSameSolve(got, node[i]!));
      });
    }
  });

  it("made no request but the page and the bundle, and broke no content-security rule", async () => {
    expect(offline.requested).toEqual([`${ORIGIN}/index.html`, `${ORIGIN}/bundle.js`]);
    expect(offline.blocked).toEqual([]);
    expect(await offline.cspViolations()).toEqual([]);
    expect(offline.problems).toEqual([]);
  });
});
