/**
 * Independent verification of method.md step 2 (the norm-constrained MLE) in the full space R^d.
 *
 * θ̂ = state.basis.expand(step.alpha) must satisfy the KKT conditions of
 *   min L(θ) = Σ_k log(1 + exp(−⟨θ, z_k⟩))  s.t. ‖θ‖ ≤ S,
 * with L and ∇L written here (nothing from src's loss or solver code):
 *   ‖θ̂‖ ≤ S(1 + 1e-9);
 *   ‖θ̂‖ < S(1 − 1e-7)  ⇒  ‖∇L(θ̂)‖ ≤ 1e-6;
 *   otherwise ∇L(θ̂) = −λθ̂ with λ ≥ 0 (residual ‖∇L + λθ̂‖ ≤ 1e-6, λ = −⟨∇L, θ̂⟩/‖θ̂‖²).
 * θ̂ must lie in span(z_k) (the minimum-norm minimizer), and no random feasible θ near θ̂ may have a
 * lower loss.
 */
import { describe, expect, it } from "vitest";
import { PreferenceState } from "../src/preference-state.js";
import { computeStep } from "../src/step.js";
import { createStructuredBackend } from "../src/backends/structured.js";
import { Rng } from "../src/rng.js";
import { sphereFeatures } from "./helpers/pools.js";
import { softplusRef, sigmoidRef } from "./helpers/reference-math.js";

const S = 3;

/** θ̂ and y⁽¹⁾ only (no y⁽²⁾), with y⁽¹⁾ = `drawn` at t = 0. */
function mleStep(state: PreferenceState, drawn: number) {
  return computeStep(state, {
    S,
    delta: 0.05,
    kind: "practical",
    backend: createStructuredBackend(),
    mode: "best",
    tieTolerance: 1e-9,
    drawFirst: () => drawn,
    firstOnly: true,
  });
}

function dotRef(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

function lossRef(zs: Float64Array[], theta: ArrayLike<number>): number {
  let s = 0;
  for (const z of zs) s += softplusRef(-dotRef(z, theta));
  return s;
}

/** ∇L(θ) = −Σ σ(−⟨θ, z_k⟩) z_k. */
function gradRef(zs: Float64Array[], theta: ArrayLike<number>, d: number): Float64Array {
  const g = new Float64Array(d);
  for (const z of zs) {
    const p = sigmoidRef(-dotRef(z, theta));
    for (let i = 0; i < d; i++) g[i]! -= p * z[i]!;
  }
  return g;
}

/** Residual of the least-squares projection of v onto span(rows) (modified Gram–Schmidt, twice). */
function spanResidual(rows: Float64Array[], v: Float64Array): number {
  const d = v.length;
  const basis: Float64Array[] = [];
  for (const z of rows) {
    const w = Float64Array.from(z);
    const n0 = Math.sqrt(dotRef(w, w));
    for (let pass = 0; pass < 2; pass++) {
      for (const q of basis) {
        const c = dotRef(q, w);
        for (let i = 0; i < d; i++) w[i]! -= c * q[i]!;
      }
    }
    const n1 = Math.sqrt(dotRef(w, w));
    if (n0 > 0 && n1 > 1e-12 * n0) basis.push(w.map((x) => x / n1));
  }
  const r = Float64Array.from(v);
  for (let pass = 0; pass < 2; pass++) {
    for (const q of basis) {
      const c = dotRef(q, r);
      for (let i = 0; i < d; i++) r[i]! -= c * q[i]!;
    }
  }
  return Math.sqrt(dotRef(r, r));
}

interface Instance {
  n: number;
  d: number;
  features: Float64Array;
  comparisons: { winner: number; loser: number }[];
  label: string;
}

function makeInstance(seed: number, n: number, d: number, t: number, user: "consistent" | "btl", thetaScale: number): Instance {
  const rng = Rng.fromSeed(seed);
  const features = sphereFeatures(rng, n, d);
  const theta = new Float64Array(d);
  for (let k = 0; k < d; k++) theta[k] = rng.normal();
  const tn = Math.sqrt(dotRef(theta, theta));
  for (let k = 0; k < d; k++) theta[k]! *= thetaScale / tn;
  const comparisons = [];
  for (let i = 0; i < t; i++) {
    const a = rng.int(n);
    let b = rng.int(n - 1);
    if (b >= a) b++;
    let u = 0;
    for (let k = 0; k < d; k++) u += theta[k]! * (features[a * d + k]! - features[b * d + k]!);
    const aWins = user === "consistent" ? u >= 0 : rng.next() < sigmoidRef(u);
    comparisons.push(aWins ? { winner: a, loser: b } : { winner: b, loser: a });
  }
  return { n, d, features, comparisons, label: `seed=${seed} n=${n} d=${d} t=${t} ${user} |θ*|=${thetaScale}` };
}

describe("MLE θ̂ against the KKT conditions in R^d", () => {
  it("random instances, d ∈ {2, 5, 16, 64}, t = 1…80, consistent and BTL users", () => {
    let instances = 0;
    let interior = 0;
    let boundary = 0;
    let maxStationarity = 0;
    let maxSpan = 0;
    let maxNormExcess = 0;
    let minLambda = Infinity;
    let perturbations = 0;
    let maxLossDrop = 0;
    let maxWarmDiff = 0;
    let seed = 7000;
    const ts = [1, 2, 3, 5, 8, 13, 20, 30, 45, 60, 80];
    for (const d of [2, 5, 16, 64]) {
      for (const t of ts) {
        for (const user of ["consistent", "btl"] as const) {
          // A weak-preference BTL user (|θ*| = 0.5) gives noisy data with an interior minimum.
          for (const scale of user === "btl" ? [3, 0.5, 3, 0.5] : [3, 3]) {
            const inst = makeInstance(seed++, 8 + (seed % 25), d, t, user, scale);
            const state = new PreferenceState(inst.features, inst.n, inst.d);
            for (const c of inst.comparisons) state.add(c);
            const step = mleStep(state, 0);
            const f = inst.features;
            const zs = inst.comparisons.map(({ winner: w, loser: l }) => {
              const z = new Float64Array(d);
              for (let k = 0; k < d; k++) z[k] = f[w * d + k]! - f[l * d + k]!;
              return z;
            });
            const theta = state.basis.expand(step.alpha);
            expect(theta.length).toBe(d);
            const norm = Math.sqrt(dotRef(theta, theta));
            const loss = lossRef(zs, theta);
            const grad = gradRef(zs, theta, d);
            const label = inst.label;

            // Feasibility.
            expect(norm, label).toBeLessThanOrEqual(S * (1 + 1e-9));
            maxNormExcess = Math.max(maxNormExcess, norm - S);
            // The reported L(θ̂) is the loss of the reported θ̂.
            expect(Math.abs(step.loss - loss), label).toBeLessThanOrEqual(1e-9 * Math.max(1, loss));

            // Stationarity.
            if (norm < S * (1 - 1e-7)) {
              interior++;
              const g = Math.sqrt(dotRef(grad, grad));
              expect(g, `${label}: interior θ̂ with ‖∇L‖ = ${g}`).toBeLessThanOrEqual(1e-10);
              maxStationarity = Math.max(maxStationarity, g);
            } else {
              boundary++;
              const lambda = -dotRef(grad, theta) / (norm * norm);
              expect(lambda, `${label}: multiplier`).toBeGreaterThanOrEqual(-1e-9);
              minLambda = Math.min(minLambda, lambda);
              let r = 0;
              for (let i = 0; i < d; i++) r += (grad[i]! + lambda * theta[i]!) ** 2;
              r = Math.sqrt(r);
              expect(r, `${label}: ‖∇L + λθ̂‖`).toBeLessThanOrEqual(1e-10);
              maxStationarity = Math.max(maxStationarity, r);
            }

            // θ̂ ∈ span(Z): the minimum-norm minimizer.
            const res = spanResidual(zs, theta);
            expect(res, `${label}: distance of θ̂ from span(Z)`).toBeLessThanOrEqual(1e-8);
            maxSpan = Math.max(maxSpan, res);

            // No random feasible θ near θ̂ does better.
            const rng = Rng.fromSeed(seed * 31 + 1);
            for (const radius of [1e-1, 1e-2, 1e-3, 1e-4, 1e-5]) {
              for (let rep = 0; rep < 4; rep++) {
                const trial = new Float64Array(d);
                for (let i = 0; i < d; i++) trial[i] = theta[i]! + radius * rng.normal();
                const tn = Math.sqrt(dotRef(trial, trial));
                if (tn > S) for (let i = 0; i < d; i++) trial[i]! *= S / tn;
                const lt = lossRef(zs, trial);
                expect(lt, `${label}: L at a feasible θ near θ̂`).toBeGreaterThanOrEqual(loss - 1e-12 * Math.max(1, loss));
                maxLossDrop = Math.max(maxLossDrop, loss - lt);
                perturbations++;
              }
            }
            // A different start (warm start far from θ̂, clipped to the ball by the solver) reaches the
            // same θ̂: L is strictly convex on span(Z), so the constrained minimizer there is unique.
            const warm = new Float64Array(state.rank);
            for (let i = 0; i < warm.length; i++) warm[i] = 2 * rng.normal();
            const again = computeStep(state, {
              S,
              delta: 0.05,
              kind: "practical",
              backend: createStructuredBackend(),
              mode: "best",
              tieTolerance: 1e-9,
              drawFirst: () => 0,
              firstOnly: true,
              warmStart: warm,
            });
            const theta2 = state.basis.expand(again.alpha);
            let diff = 0;
            for (let i = 0; i < d; i++) diff = Math.max(diff, Math.abs(theta2[i]! - theta[i]!));
            expect(diff, `${label}: θ̂ from a warm start`).toBeLessThanOrEqual(1e-10);
            maxWarmDiff = Math.max(maxWarmDiff, diff);
            instances++;
          }
        }
      }
    }
    console.log(
      JSON.stringify({
        instances,
        interior,
        boundary,
        maxStationarity,
        maxSpan,
        maxNormExcess,
        minLambda,
        perturbations,
        maxLossDrop,
        maxWarmDiff,
      }),
    );
    expect(instances).toBe(4 * ts.length * 6);
    // Both branches of the KKT check were exercised.
    expect(interior).toBeGreaterThanOrEqual(10);
    expect(boundary).toBeGreaterThanOrEqual(10);
  });

  it("t = 0: θ̂ = 0", () => {
    const inst = makeInstance(1, 6, 5, 0, "consistent", 3);
    const state = new PreferenceState(inst.features, inst.n, inst.d);
    const step = mleStep(state, 4);
    const theta = state.basis.expand(step.alpha);
    expect(Array.from(theta)).toEqual([0, 0, 0, 0, 0]);
    expect(step.loss).toBe(0);
    expect(step.first).toBe(4);
  });
});
