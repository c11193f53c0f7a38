/**
 * The conic backend against the core's default `structured` backend (an independent route: cone
 * projections by NNLS and a log-barrier method, no conic solver) on random instances where the loss
 * constraint binds and where it does not.
 */
import { loadSyncIpmSolver, type SyncConicSolver } from "@useralign/conic";
import type { CandidateDirections, ConfidenceSetBackend, ConfidenceSetProblem } from "@useralign/core";
import { beforeAll, describe, expect, it } from "vitest";
import { ConfidenceSetCone, loadConicBackend } from "../src/index.js";
import { makeInstance, stateOf, step, structured, type Instance } from "./instances.js";

interface Agreement {
  maxError: number;
  candidates: number;
  /** Steps where the core says the loss constraint may bind (by kind). */
  binding: { practical: number; loss: number };
  /** Candidates whose V the loss constraint lowers by more than 1e-3 (it really binds there), by kind. */
  cut: { practical: number; loss: number };
}

/** Wraps a backend to keep the problem and directions it was handed. */
function spy(backend: ConfidenceSetBackend) {
  const seen: { problem?: ConfidenceSetProblem; directions?: CandidateDirections } = {};
  const wrapped: ConfidenceSetBackend = {
    ...backend,
    maximize(problem, directions, request) {
      seen.problem = problem;
      seen.directions = directions;
      return backend.maximize(problem, directions, request);
    },
  };
  return { wrapped, seen };
}

function compare(
  inst: Instance,
  backend: ConfidenceSetBackend,
  solver: SyncConicSolver,
  kinds: readonly ("practical" | "loss")[],
  subset?: number,
): Agreement {
  const state = stateOf(inst);
  const out: Agreement = { maxError: 0, candidates: 0, binding: { practical: 0, loss: 0 }, cut: { practical: 0, loss: 0 } };
  let only: Set<number> | undefined;
  if (subset !== undefined) only = new Set(Array.from({ length: subset }, (_, i) => Math.floor(((i + 0.5) * inst.n) / subset)));
  for (const kind of kinds) {
    const ref = step(state, kind, structured, only);
    const { wrapped, seen } = spy(backend);
    const got = step(state, kind, wrapped, only);
    expect(got.first).toBe(ref.first);
    if (ref.lossMayBind) out.binding[kind]++;
    // The same conic form without the loss rows shows whether the loss constraint really binds.
    const loose = seen.problem ? new ConfidenceSetCone(seen.problem, { includeLoss: false }) : null;
    const a = new Float64Array(seen.problem?.rank ?? 0);
    for (let j = 0; j < inst.n; j++) {
      if (Number.isNaN(ref.values[j]!)) continue;
      const e = Math.abs(got.values[j]! - ref.values[j]!);
      if (!(e <= 1e-6)) throw new Error(`${inst.label} ${kind} j=${j}: conic ${got.values[j]} vs structured ${ref.values[j]}`);
      out.maxError = Math.max(out.maxError, e);
      out.candidates++;
      if (ref.lossMayBind && loose && seen.directions) {
        seen.directions.reduced(j, a);
        const free = solver.solve(loose.problemFor(a, seen.directions.residualNorm(j)));
        if (free.status === "solved" && -free.primalObjective > got.values[j]! + 1e-3) out.cut[kind]++;
      }
    }
    // y⁽²⁾ may differ only between candidates whose values tie within the agreement tolerance
    // (e.g. several V_j = 0 while 0 ∈ Θ: the structured values are exact zeros, the IPM's ~1e-9).
    if (got.second !== ref.second) expect(Math.abs(ref.values[got.second]! - ref.bound)).toBeLessThanOrEqual(2e-6);
    expect(Math.abs(got.bound - ref.bound)).toBeLessThanOrEqual(1e-6);
  }
  return out;
}

describe("conic backend (Clarabel IPM) agrees with the structured backend to 1e-6", () => {
  let wasm: ConfidenceSetBackend;
  let ts: ConfidenceSetBackend;
  let solver: SyncConicSolver;
  beforeAll(async () => {
    wasm = await loadConicBackend("wasm");
    ts = await loadConicBackend("ts");
    solver = await loadSyncIpmSolver("wasm");
  });

  it("names the backends conic and conic-ts", () => {
    expect(wasm.name).toBe("conic");
    expect(ts.name).toBe("conic-ts");
  });

  it("where the loss constraint does not bind (few comparisons, d = 2..4)", () => {
    const tally = { maxError: 0, candidates: 0, cut: 0, practicalBinding: 0 };
    let seed = 100;
    for (const [d, t] of [
      [2, 0],
      [2, 5],
      [3, 12],
      [4, 20],
    ] as const) {
      for (const user of ["consistent", "btl"] as const) {
        const r = compare(makeInstance(seed++, 14, d, t, user), wasm, solver, ["practical", "loss"]);
        tally.maxError = Math.max(tally.maxError, r.maxError);
        tally.candidates += r.candidates;
        tally.cut += r.cut.practical + r.cut.loss;
        tally.practicalBinding += r.binding.practical;
      }
    }
    console.log(`non-binding: ${tally.candidates} candidates, max |V_conic − V_structured| = ${tally.maxError.toExponential(2)}`);
    expect(tally.candidates).toBeGreaterThan(200);
    expect(tally.practicalBinding).toBe(0);
    expect(tally.cut).toBe(0);
  }, 120_000);

  it("where the loss constraint binds (t = 200–300 consistent and noisy answers, d = 2 and 3)", () => {
    const tally: Agreement = { maxError: 0, candidates: 0, binding: { practical: 0, loss: 0 }, cut: { practical: 0, loss: 0 } };
    const specs: [number, number, number, "consistent" | "btl", number][] = [
      [3002, 2, 300, "consistent", 0.6],
      [3004, 2, 200, "btl", 0.5],
      [3007, 3, 260, "btl", 0.4],
    ];
    for (const [seed, d, t, user, gap] of specs) {
      const r = compare(makeInstance(seed, 70, d, t, user, gap), wasm, solver, ["practical", "loss"], 4);
      tally.maxError = Math.max(tally.maxError, r.maxError);
      tally.candidates += r.candidates;
      for (const k of ["practical", "loss"] as const) {
        tally.binding[k] += r.binding[k];
        tally.cut[k] += r.cut[k];
      }
    }
    console.log(`binding: ${JSON.stringify(tally)}`);
    expect(tally.binding.practical).toBeGreaterThanOrEqual(1);
    expect(tally.binding.loss).toBe(3);
    // ... and at the optimum the loss constraint is active for some candidates of each kind.
    expect(tally.cut.practical).toBeGreaterThanOrEqual(1);
    expect(tally.cut.loss).toBeGreaterThanOrEqual(1);
  }, 300_000);

  // 300 consistent answers leave H a wedge 0.041 rad wide; with the loss constraint Θ still holds a
  // disk of radius 0.06 (2-D brute force). The structured backend's phase I used to give up far
  // outside the ball and fall back to Θ = {θ̂} (V = ⟨θ̂, c⟩ = −2.02); both routes now find the set.
  it("on a narrow practical set (t = 300 consistent answers) both find Θ, not the θ̂ fallback", () => {
    const state = stateOf(makeInstance(3009, 70, 2, 300, "consistent", 0.6));
    const only = new Set([8]);
    const ref = step(state, "practical", structured, only);
    const { wrapped, seen } = spy(wasm);
    const got = step(state, "practical", wrapped, only);
    const problem = seen.problem!;
    const a = new Float64Array(problem.rank);
    seen.directions!.reduced(8, a);
    const sol = solver.solve(new ConfidenceSetCone(problem).problemFor(a, seen.directions!.residualNorm(8)));
    const alpha = Array.from(sol.x.subarray(0, problem.rank));
    let loss = 0;
    let margin = Infinity;
    for (let k = 0; k < problem.rows.count; k++) {
      const z = problem.rows.row(k);
      const m = z.reduce((acc, v, i) => acc + v * alpha[i]!, 0);
      loss += Math.log1p(Math.exp(-m));
      margin = Math.min(margin, m);
    }
    // The conic optimum is a point of Θ ...
    expect(Math.hypot(...alpha)).toBeLessThanOrEqual(problem.S);
    expect(margin).toBeGreaterThanOrEqual(0);
    expect(loss).toBeLessThan(problem.lossLevel);
    expect(problem.lossMayBind).toBe(true);
    // ... and the structured backend agrees with it, well away from the fallback value.
    const thetaHatValue = problem.thetaHat.reduce((acc, v, i) => acc + v * a[i]!, 0);
    expect(Math.abs(got.values[8]! - ref.values[8]!)).toBeLessThanOrEqual(1e-6);
    expect(ref.values[8]!).toBeGreaterThan(thetaHatValue + 1);
    console.log(
      `narrow set: structured ${ref.values[8]}, conic ${got.values[8]}, fallback ⟨θ̂, c⟩ ${thetaHatValue}; conic point: margin ${margin.toExponential(2)}, loss slack ${(problem.lossLevel - loss).toExponential(2)}`,
    );
  }, 120_000);

  // Answers replayed instead of asking a pair twice (method.md step 7) are weights on their comparison:
  // the loss row Σ m_k·v_k ≤ τ carries them, and the cones stay one pair per distinct comparison.
  it("where replayed answers weigh a few comparisons many times (6 distinct, t = 600, d = 2 and 3)", () => {
    const tally = { maxError: 0, candidates: 0, binding: 0, cut: 0 };
    for (const [seed, d] of [
      [4001, 2],
      [4002, 3],
    ] as const) {
      const base = makeInstance(seed, 14, d, 6, "consistent", 0.6);
      const comparisons = Array.from({ length: 600 }, (_, k) => base.comparisons[k % 6]!);
      const inst = { ...base, label: `${base.label} repeated to t=600`, comparisons };
      const r = compare(inst, wasm, solver, ["practical", "loss"]);
      tally.maxError = Math.max(tally.maxError, r.maxError);
      tally.candidates += r.candidates;
      tally.binding += r.binding.practical + r.binding.loss;
      tally.cut += r.cut.practical + r.cut.loss;
      const { wrapped, seen } = spy(wasm);
      step(stateOf(inst), "loss", wrapped);
      const problem = seen.problem!;
      expect(problem.rows.count).toBe(6);
      const cone = new ConfidenceSetCone(problem, { includeLoss: true }).problemFor(new Float64Array(problem.rank), 0);
      expect(cone.cones.filter((c) => c.type === "exp")).toHaveLength(12);
    }
    console.log(`replayed: ${JSON.stringify(tally)}`);
    expect(tally.binding).toBe(4);
    expect(tally.cut).toBeGreaterThanOrEqual(1);
  }, 120_000);

  it("with the TypeScript kernels as well", () => {
    const r = compare(makeInstance(3004, 70, 2, 200, "btl", 0.5), ts, solver, ["loss"], 3);
    expect(r.binding.loss).toBe(1);
    console.log(`conic-ts binding: max error ${r.maxError.toExponential(2)}`);
  }, 120_000);
});
