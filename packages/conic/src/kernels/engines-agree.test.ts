import { describe, expect, it } from "vitest";
import { denseSolve } from "../../test/kernels/dense-reference.js";
import { arrowhead, denseQuasiDefinite, grid, randomKkt, randomStructure, relativeError, testRng } from "../../test/kernels/matrices.js";
import { createLdlEngine } from "./create-engine.js";
import type { LdlRegularization } from "./kernel.js";
import { refine } from "./refine.js";

const regularizations: LdlRegularization[] = [
  { staticReg: 0, dynamicEps: 0, dynamicDelta: 0 },
  { staticReg: 1e-8, dynamicEps: 1e-13, dynamicDelta: 1e-7 },
  { staticReg: 1e-3, dynamicEps: 1e-2, dynamicDelta: 1e-4 },
];

describe("TypeScript and WebAssembly engines agree", () => {
  const matrices = [
    randomKkt(30, 20, 0.1, 2),
    randomKkt(60, 45, 0.04, 3, true),
    randomKkt(12, 12, 0.5, 4, true),
    denseQuasiDefinite(8, 6, 5),
    arrowhead(30),
    grid(9),
  ];
  for (const t of matrices) {
    for (const reg of regularizations) {
      it(`on ${t.name} with static ${reg.staticReg}, dynamic ${reg.dynamicEps}/${reg.dynamicDelta}`, async () => {
        const ts = await createLdlEngine("ts");
        const wasm = await createLdlEngine("wasm");
        expect(wasm.kind).toBe("wasm");
        const a = ts.analyze(t.pattern);
        const b = wasm.analyze(t.pattern);
        expect(b.perm).toEqual(a.perm);
        const fa = ts.factor(t.values, t.signs, reg);
        const fb = wasm.factor(t.values, t.signs, reg);
        expect(fb).toEqual(fa);
        if (!fa.ok) return;
        const rng = testRng(13);
        const rhs = Float64Array.from({ length: t.pattern.n }, () => rng() * 2 - 1);
        const xa = rhs.slice();
        const xb = rhs.slice();
        ts.solve(xa);
        wasm.solve(xb);
        expect(relativeError(xb, xa)).toBeLessThanOrEqual(1e-9);
        const ra = refine(ts, t.pattern, t.values, rhs, xa, { maxSteps: 3 });
        const rb = refine(wasm, t.pattern, t.values, rhs, xb, { maxSteps: 3 });
        expect(rb.steps).toBe(ra.steps);
        expect(relativeError(xb, xa)).toBeLessThanOrEqual(1e-9);
      });
    }
  }

  it("keeps working when one wasm engine is re-analyzed for smaller and larger patterns (memory growth)", async () => {
    const ts = await createLdlEngine("ts");
    const wasm = await createLdlEngine("wasm");
    for (const t of [randomKkt(10, 5, 0.3, 1), randomKkt(400, 300, 0.01, 2), randomKkt(6, 3, 0.5, 3), grid(40)]) {
      ts.analyze(t.pattern);
      wasm.analyze(t.pattern);
      const reg = regularizations[1]!;
      expect(wasm.factor(t.values, t.signs, reg)).toEqual(ts.factor(t.values, t.signs, reg));
      const xa = new Float64Array(t.pattern.n).fill(1);
      const xb = xa.slice();
      ts.solve(xa);
      wasm.solve(xb);
      expect(relativeError(xb, xa)).toBeLessThanOrEqual(1e-9);
    }
  });

  it("on 60 matrices of random size, split and structure, both match dense elimination", async () => {
    const ts = await createLdlEngine("ts");
    const wasm = await createLdlEngine("wasm");
    for (let seed = 1; seed <= 60; seed++) {
      const t = randomStructure(seed);
      const rng = testRng(seed + 500);
      const rhs = Float64Array.from({ length: t.pattern.n }, () => rng() * 2 - 1);
      const expected = denseSolve(t.dense, [...rhs]);
      const ordering = seed % 2 ? "amd" : "natural";
      const solutions = [ts, wasm].map((engine) => {
        engine.analyze(t.pattern, { ordering });
        expect(engine.factor(t.values, t.signs, regularizations[0]!), t.name).toEqual({ ok: true, regularizedPivots: 0 });
        const x = rhs.slice();
        engine.solve(x);
        expect(relativeError(x, expected), t.name).toBeLessThan(1e-10);
        return x;
      });
      expect(relativeError(solutions[1]!, solutions[0]!), t.name).toBeLessThanOrEqual(1e-9);
    }
  });
});
