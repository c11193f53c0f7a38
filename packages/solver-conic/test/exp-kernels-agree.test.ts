import { CLARABEL_CONFIGURATION, createIpmSolver, ECOS_CONFIGURATION, type ConicProblem, type IpmConfiguration } from "@useralign/conic";
import { lcgUniform, softplus } from "@useralign/conic/testing";
import type { ConfidenceSetProblem } from "@useralign/core";
import { conicCases } from "@useralign/solver-conformance";
import { describe, expect, it } from "vitest";
import { ConfidenceSetCone } from "../src/index.js";

// Solver-level cross-check of the exponential-cone kernels: every problem with an exp cone is
// solved on the TypeScript and on the WebAssembly kernels, and the two runs must agree iteration
// by iteration (μ, step, σ, residuals) and in the end (status, iterations, x/y/s to 1e-9). Besides Clarabel's
// and the ECOS-style configuration, a configuration with the dual exp scaling and no third-order
// corrector exercises the options no shipped configuration uses.

const configurations: IpmConfiguration[] = [
  CLARABEL_CONFIGURATION,
  ECOS_CONFIGURATION,
  { ...ECOS_CONFIGURATION, name: "dual-scaling", expScaling: "dual", expThirdOrderCorrection: false },
];

interface Trace {
  readonly status: string;
  readonly iterations: number;
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly s: Float64Array;
  readonly perIteration: number[][];
}

async function run(problem: ConicProblem, configuration: IpmConfiguration, kernels: "ts" | "wasm"): Promise<Trace> {
  const perIteration: number[][] = [];
  const solver = createIpmSolver(configuration, {
    onIteration: (info) => perIteration.push([info.mu, info.step, info.sigma, info.primalResidual, info.dualResidual]),
  });
  const solution = await solver.solve(problem, { kernels });
  return { status: solution.status, iterations: solution.iterations, x: solution.x, y: solution.y, s: solution.s, perIteration };
}

const close = (a: number, b: number): boolean => (Number.isNaN(b) ? Number.isNaN(a) : Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)));

async function expectKernelsAgree(problem: ConicProblem, configuration: IpmConfiguration): Promise<Trace> {
  const ts = await run(problem, configuration, "ts");
  const wasm = await run(problem, configuration, "wasm");
  expect(wasm.status).toBe(ts.status);
  expect(wasm.iterations).toBe(ts.iterations);
  expect(wasm.perIteration.length).toBe(ts.perIteration.length);
  const traceMismatches = ts.perIteration.flatMap((row, k) =>
    row.flatMap((v, j) => (close(wasm.perIteration[k]![j]!, v) ? [] : [`iteration ${k} value ${j}: ${wasm.perIteration[k]![j]} vs ${v}`])),
  );
  expect(traceMismatches).toEqual([]);
  for (const key of ["x", "y", "s"] as const) {
    const mismatches = Array.from(ts[key]).flatMap((v, i) => (close(wasm[key][i]!, v) ? [] : [`${key}[${i}]: ${wasm[key][i]} vs ${v}`]));
    expect(mismatches).toEqual([]);
  }
  return ts;
}

/** Iterations reported twice at the same point: the mid-solve switch to the dual scaling redoes one. */
function redoneIterations(trace: Trace): number {
  return trace.perIteration.filter(
    (row, k) => k > 0 && row[0] === trace.perIteration[k - 1]![0] && row[3] === trace.perIteration[k - 1]![3],
  ).length;
}

/**
 * A practical-set UserAlign problem in conic form (t answers consistent with a hidden θ*, d ≤ 10):
 * the loss level binds (1.02·L(θ̂)) or is slack (1000·t, the exp cones stay in).
 */
function userAlignProblem(d: number, t: number, loss: "binding" | "slack", seed: number): ConicProblem {
  const r = lcgUniform(seed);
  const thetaStar = Array.from({ length: d }, () => r());
  const norm = Math.hypot(...thetaStar);
  const rows = Array.from({ length: t }, () => {
    const z = Float64Array.from({ length: d }, () => r());
    if (z.reduce((acc, v, i) => acc + v * thetaStar[i]!, 0) < 0) z.forEach((v, i) => (z[i] = -v));
    return z;
  });
  const thetaHat = Float64Array.from(thetaStar, (v) => v / (2 * norm));
  const lossHat = rows.reduce((acc, z) => acc + softplus(-z.reduce((m, v, i) => m + v * thetaHat[i]!, 0)), 0);
  const gram = new Float64Array(t * t);
  for (let k = 0; k < t; k++) for (let l = 0; l < t; l++) gram[k * t + l] = rows[k]!.reduce((acc, v, i) => acc + v * rows[l]![i]!, 0);
  const problem: ConfidenceSetProblem = {
    kind: "practical",
    dim: d,
    rank: d,
    S: 1,
    rows: { count: t, row: (k) => rows[k]!, weight: () => 1 },
    gram,
    gramStride: t,
    lossLevel: loss === "binding" ? 1.02 * lossHat : 1000 * t,
    lossMayBind: true,
    thetaHat,
    hasResidual: false,
  };
  return new ConfidenceSetCone(problem, { includeLoss: true }).problemFor(
    Float64Array.from({ length: d }, () => r()),
    0,
  );
}

const expCases = conicCases.filter((c) => c.problem.cones.some((cone) => cone.type === "exp"));

describe("exp-cone kernels: TypeScript and WebAssembly runs agree iteration by iteration", () => {
  it("the suite has exp-cone cases of several families", () => {
    expect(expCases.map((c) => c.family)).toEqual(expect.arrayContaining(["exp", "mixed"]));
    expect(expCases.length).toBeGreaterThanOrEqual(8);
  });

  describe.each(configurations.map((c) => [c.name, c] as const))("%s", (_name, configuration) => {
    it.each(expCases.map((c) => [c.name, c] as const))("conformance case %s", async (_case, c) => {
      const trace = await expectKernelsAgree(c.problem, configuration);
      // The shipped configurations also reach the known outcome (the dual-scaling one may stall).
      if (configuration !== configurations[2]) expect(trace.status.replace(/^almost_/, "")).toBe(c.expected.status);
    });

    it.each([
      [3, 10, "binding", 1],
      [5, 20, "slack", 2],
      [10, 50, "binding", 3],
      [3, 10, "binding", 4],
    ] as const)("UserAlign problem d = %i, t = %i, loss %s (seed %i)", async (d, t, loss, seed) => {
      const trace = await expectKernelsAgree(userAlignProblem(d, t, loss, seed), configuration);
      if (configuration !== configurations[2]) expect(trace.status).toBe("solved");
      // Seed 4 makes clarabel switch to the dual scaling mid-solve (a short step; the iteration is
      // redone from the same point, so two consecutive reports coincide): the switch runs on both paths.
      // (Seed 12 did until the exp-cone PD-scaling fix of exp-stalls; it no longer needs the switch.)
      if (seed === 4 && configuration === CLARABEL_CONFIGURATION) expect(redoneIterations(trace)).toBeGreaterThan(0);
    });
  });
});
