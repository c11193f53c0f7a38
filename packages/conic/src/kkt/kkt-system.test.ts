import { describe, expect, it } from "vitest";
import { testRng } from "../../test/kernels/matrices.js";
import { CompositeCone } from "../cones/composite.js";
import { cscMultiply, cscMultiplyTransposed, symmetricUpperMultiply } from "../csc.js";
import { checkProblem, type CheckedProblem } from "../input/validate.js";
import { createLdlEngine } from "../kernels/create-engine.js";
import type { KernelKind } from "../kernels/kernel.js";
import type { ConeSpec } from "../problem.js";
import { KktSystem } from "./kkt-system.js";

const OPTIONS = {
  regularization: { staticReg: 1e-8, dynamicEps: 1e-13, dynamicDelta: 2e-7 },
  refinementSteps: 10,
  refinementTolerance: 1e-13,
};

/** A random sparse problem over the given cones (n variables, A about 40% full, P diagonal-dominant). */
function randomProblem(cones: readonly ConeSpec[], n: number, rng: () => number): CheckedProblem {
  const m = cones.reduce((sum, c) => sum + c.dim, 0);
  const A = { rows: [] as number[], cols: [] as number[], vals: [] as number[], shape: [m, n] as [number, number] };
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) if (rng() < 0.4 || i === j % m) A.rows.push(i), A.cols.push(j), A.vals.push(rng() * 2 - 1);
  const P = { rows: [] as number[], cols: [] as number[], vals: [] as number[], shape: [n, n] as [number, number] };
  for (let j = 0; j < n; j++) P.rows.push(j), P.cols.push(j), P.vals.push(1 + rng());
  return checkProblem({ P, q: Array.from({ length: n }, () => rng()), A, b: Array.from({ length: m }, () => rng()), cones });
}

/** Interior s, z of every cone (nonnegative entries positive, SOC heads above their tails' norms). */
function interior(cones: readonly ConeSpec[], m: number, margin: number, rng: () => number): Float64Array {
  const v = new Float64Array(m).map(() => rng() * 2 - 1);
  let start = 0;
  for (const c of cones) {
    if (c.type === "nonneg") for (let i = start; i < start + c.dim; i++) v[i] = margin + rng();
    if (c.type === "soc") {
      let norm2 = 0;
      for (let i = start + 1; i < start + c.dim; i++) norm2 += v[i]! ** 2;
      v[start] = Math.sqrt(norm2) + margin;
    }
    start += c.dim;
  }
  return v;
}

/** ‖K[x; z] − [rx; rz]‖∞ with K = [P Aᵀ; A −H] built from the problem and the cones' H·v (never the KKT matrix). */
function trueResidual(
  problem: CheckedProblem,
  cones: CompositeCone,
  x: Float64Array,
  z: Float64Array,
  rx: Float64Array,
  rz: Float64Array,
): number {
  const { n, m } = problem;
  const top = new Float64Array(n);
  symmetricUpperMultiply(problem.P, x, top);
  cscMultiplyTransposed(problem.A, z, top, 1, true);
  const bottom = new Float64Array(m);
  cones.multiplyHessian(bottom, z);
  for (let i = 0; i < m; i++) bottom[i] = -bottom[i]!;
  cscMultiply(problem.A, x, bottom, 1, true);
  let worst = 0;
  for (let j = 0; j < n; j++) worst = Math.max(worst, Math.abs(top[j]! - rx[j]!));
  for (let i = 0; i < m; i++) worst = Math.max(worst, Math.abs(bottom[i]! - rz[i]!));
  return worst;
}

describe("KKT system with expanded second-order cones", () => {
  const conesList: ConeSpec[][] = [
    [{ type: "soc", dim: 30 }],
    [
      { type: "zero", dim: 2 },
      { type: "soc", dim: 6 },
      { type: "nonneg", dim: 4 },
      { type: "soc", dim: 3 },
      { type: "soc", dim: 12 },
    ],
    [
      { type: "soc", dim: 1 },
      { type: "soc", dim: 2 },
      { type: "exp", dim: 3 },
      { type: "soc", dim: 9 },
    ],
  ];
  describe.each(["ts", "wasm"] as KernelKind[])("%s kernels", (kind) => {
    conesList.forEach((specs, index) => {
      it(`solves the same system as the dense blocks (cones ${index}), to a small residual of the unexpanded K`, async () => {
        const rng = testRng(500 + index);
        const problem = randomProblem(specs, 8, rng);
        const { n, m } = problem;
        for (const margin of [1, 1e-4]) {
          const s = interior(specs, m, margin, rng);
          const z = interior(specs, m, margin, rng);
          const rx = new Float64Array(n).map(() => rng() * 2 - 1);
          const rz = new Float64Array(m).map(() => rng() * 2 - 1);
          const solutions = [];
          for (const threshold of [Number.POSITIVE_INFINITY, 0]) {
            const cones = new CompositeCone(specs, { socExpansionThreshold: threshold });
            const unitS = new Float64Array(m);
            const unitZ = new Float64Array(m);
            // Exp cones sit at their unit point (interior).
            cones.unitInitialization(unitS, unitZ);
            let start = 0;
            for (const c of specs) {
              if (c.type === "exp") for (let i = start; i < start + 3; i++) (s[i] = unitS[i]!), (z[i] = unitZ[i]!);
              start += c.dim;
            }
            expect(cones.updateScaling(s, z, 1)).toBe(true);
            const kkt = new KktSystem(problem, cones, await createLdlEngine(kind), OPTIONS);
            const expandedCount = specs.filter((c) => c.type === "soc").length;
            expect(kkt.extraRows).toBe(threshold === 0 ? 2 * expandedCount : 0);
            expect(kkt.pattern.n).toBe(n + m + kkt.extraRows);
            expect(kkt.factor()).toBe(true);
            const x = new Float64Array(n);
            const y = new Float64Array(m);
            expect(kkt.solve(rx, rz, x, y)).toBe(true);
            const scale = Math.max(1, ...Array.from(y, Math.abs), ...Array.from(x, Math.abs));
            expect(trueResidual(problem, cones, x, y, rx, rz)).toBeLessThan(1e-9 * scale);
            solutions.push([...x, ...y]);
          }
          const [dense, expanded] = solutions as [number[], number[]];
          dense.forEach((v, i) => expect(Math.abs(expanded[i]! - v)).toBeLessThanOrEqual(1e-8 * Math.max(1, Math.abs(v))));
        }
      });
    });

    it("stores 3·dim + 2 entries for an expanded cone instead of dim(dim + 1)/2, and fills L far less", async () => {
      const specs: ConeSpec[] = [{ type: "soc", dim: 200 }];
      const problem = randomProblem(specs, 3, testRng(9));
      const dense = new KktSystem(problem, new CompositeCone(specs), await createLdlEngine(kind), OPTIONS);
      const expanded = new KktSystem(problem, new CompositeCone(specs, { socExpansionThreshold: 4 }), await createLdlEngine(kind), OPTIONS);
      const coneEntries = (k: KktSystem) => k.pattern.rowIdx.length - problem.A.values.length - problem.n;
      expect(coneEntries(dense)).toBe((200 * 201) / 2);
      expect(coneEntries(expanded)).toBe(3 * 200 + 2);
      expect(expanded.analysis.nnzL).toBeLessThan(dense.analysis.nnzL / 10);
    });
  });
});
