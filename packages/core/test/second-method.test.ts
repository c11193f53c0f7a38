/**
 * Independent verification of the structured backend's V_j (method.md step 7, "structure") in
 * d ∈ {5, 8, 16, 32, 64} by a second method written here (no solver code from src):
 *
 * - Practical set, loss constraint redundant (t·log 2 ≤ L(θ̂) + β_t):
 *   V_j = max_{θ∈C, ‖θ‖≤S} ⟨θ, c_j⟩ = S·‖Π_C(c_j)‖, C = {θ ∈ R^d : Zθ ≥ 0}. Π_C is computed from
 *   the dual NNLS min_{μ≥0} ½‖c + Zᵀμ‖² (Moreau: Π_C(c) = c + Zᵀμ*) by accelerated projected
 *   gradient (FISTA with adaptive restart). Its support then gives a candidate active set A,
 *   and the answer is *certified* from both sides:
 *     · x̃ = projection of c onto {x : z_kᵀx = 0, k ∈ A}; if Zx̃ ≥ 0, θ = S·x̃/‖x̃‖ is feasible and
 *       ⟨θ, c⟩ is a lower bound on V;
 *     · for any μ ≥ 0, V ≤ S‖c + Zᵀμ‖ (⟨θ, c⟩ ≤ ⟨θ, c + Zᵀμ⟩ on C); μ from the active set.
 *   The library's V must lie inside the certified interval, widened by 1e-6, and the interval
 *   must be narrower than 1e-9.
 * - Loss set, loss constraint redundant (Σ softplus(S‖z_k‖) ≤ L(θ̂) + β_t): V_j = S‖c_j‖.
 * Every maximizer θ built here is checked against every constraint of Θ (norm, halfspaces, and
 * the loss level, which confirms the redundancy claims).
 */
import { describe, expect, it } from "vitest";
import { PreferenceState } from "../src/preference-state.js";
import { computeStep } from "../src/step.js";
import { createStructuredBackend } from "../src/backends/structured.js";
import { createGeneralBackend } from "../src/backends/general.js";
import { Rng } from "../src/rng.js";
import { softplusRef, sigmoidRef } from "./helpers/reference-math.js";

const S = 3;
const DELTA = 0.05;
const TOL = 1e-6;

// ---------- independent math ----------

function betaRef(t: number, d: number): number {
  return 10 * d * Math.log((S * t) / (4 * d) + Math.E) + 2 * (Math.E - 2 + S) * Math.log(1 / DELTA);
}

function dotRef(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

function normRef(a: ArrayLike<number>): number {
  return Math.sqrt(dotRef(a, a));
}

function lossRef(zs: Float64Array[], theta: ArrayLike<number>): number {
  let s = 0;
  for (const z of zs) s += softplusRef(-dotRef(z, theta));
  return s;
}

interface ConeSupport {
  /** Certified lower bound on V (from the feasible θ below). */
  lower: number;
  /** Certified upper bound on V (from a dual μ ≥ 0). */
  upper: number;
  /** A maximizer candidate: θ = S·x̃/‖x̃‖ (0 when x̃ = 0). */
  theta: Float64Array;
  iterations: number;
}

/**
 * max_{θ ∈ C, ‖θ‖ ≤ S} ⟨θ, c⟩ for C = {Zθ ≥ 0}, by FISTA on the dual NNLS plus an active-set
 * certificate (see the file comment). `lmax` ≥ the largest eigenvalue of ZZᵀ. Objective and
 * gradient are evaluated through the residual c + Zᵀμ (no cancellation near the optimum).
 */
function coneSupport(zs: Float64Array[], lmax: number, c: Float64Array): ConeSupport {
  const t = zs.length;
  const d = c.length;
  const cn = normRef(c);
  if (t === 0) return { lower: S * cn, upper: S * cn, theta: c.map((x) => (cn > 0 ? (S * x) / cn : 0)), iterations: 0 };
  const residual = (m: Float64Array) => {
    const r = Float64Array.from(c);
    for (let k = 0; k < t; k++) {
      const v = m[k]!;
      if (v !== 0) for (let i = 0; i < d; i++) r[i]! += v * zs[k]![i]!;
    }
    return r;
  };
  const step = 1 / lmax;
  let mu = new Float64Array(t);
  const y = new Float64Array(t);
  let momentum = 1;
  let fPrev = 0.5 * cn * cn;
  const best: ConeSupport = { lower: 0, upper: S * cn, theta: new Float64Array(d), iterations: 0 };
  const maxIter = 100_000;
  for (let it = 1; it <= maxIter; it++) {
    const ry = residual(y);
    const next = new Float64Array(t);
    for (let k = 0; k < t; k++) next[k] = Math.max(0, y[k]! - step * dotRef(zs[k]!, ry));
    const rn = residual(next);
    const fNext = 0.5 * dotRef(rn, rn);
    if (fNext > fPrev) {
      // Adaptive restart: drop the momentum, keep μ.
      momentum = 1;
      y.set(mu);
    } else {
      const mNext = (1 + Math.sqrt(1 + 4 * momentum * momentum)) / 2;
      for (let k = 0; k < t; k++) y[k] = next[k]! + ((momentum - 1) / mNext) * (next[k]! - mu[k]!);
      momentum = mNext;
      mu = next;
      fPrev = fNext;
    }
    if (it % 20 === 0 || it === maxIter) {
      // The iterate's own bound (valid because μ ≥ 0), then active-set certificates from the
      // support of μ, at a few thresholds (tiny multipliers may be noise).
      best.upper = Math.min(best.upper, S * Math.sqrt(2 * fPrev));
      let top = 0;
      for (let k = 0; k < t; k++) top = Math.max(top, mu[k]!);
      for (const rel of [0, 1e-9, 1e-6, 1e-3]) {
        const cert = certify(zs, c, mu, rel * top);
        if (cert.lower > best.lower) {
          best.lower = cert.lower;
          best.theta = cert.theta;
        }
        best.upper = Math.min(best.upper, cert.upper);
      }
      best.iterations = it;
      if (best.upper - best.lower <= 1e-11) return best;
    }
  }
  return best;
}

/** The active-set certificate from the support of μ (see the file comment). */
function certify(
  zs: Float64Array[],
  c: Float64Array,
  muIn: Float64Array,
  threshold: number,
): { lower: number; upper: number; theta: Float64Array } {
  const d = c.length;
  const mu = muIn.map((v) => (v > threshold ? v : 0));
  const active = [];
  for (let k = 0; k < zs.length; k++) if (mu[k]! > 0) active.push(k);
  active.sort((a, b) => mu[b]! - mu[a]!);
  // Modified Gram–Schmidt (twice) on the active rows: z_{I_i} = Σ_{j≤i} R[j][i] q_j.
  const q: Float64Array[] = [];
  const rCols: Float64Array[] = [];
  const kept: number[] = [];
  for (const k of active) {
    if (q.length >= d) break;
    const w = Float64Array.from(zs[k]!);
    const col = new Float64Array(q.length + 1);
    for (let pass = 0; pass < 2; pass++) {
      for (let j = 0; j < q.length; j++) {
        const h = dotRef(q[j]!, w);
        col[j]! += h;
        for (let i = 0; i < d; i++) w[i]! -= h * q[j]![i]!;
      }
    }
    const wn = normRef(w);
    if (wn <= 1e-10 * normRef(zs[k]!)) continue;
    col[q.length] = wn;
    q.push(w.map((v) => v / wn));
    rCols.push(col);
    kept.push(k);
  }
  const x = Float64Array.from(c);
  for (const qq of q) {
    const h = dotRef(qq, c);
    for (let i = 0; i < d; i++) x[i]! -= h * qq[i]!;
  }
  // Lower bound: θ = S·x/‖x‖ if x ∈ C.
  let lower = -Infinity;
  let theta = new Float64Array(d);
  const xn = normRef(x);
  let feasible = true;
  for (const z of zs) if (dotRef(z, x) < -1e-13 * normRef(z) * Math.max(xn, 1e-300)) feasible = false;
  if (feasible) {
    if (xn > 1e-14) {
      theta = x.map((v) => (S * v) / xn);
      lower = Math.max(0, dotRef(theta, c));
    } else lower = 0;
  }
  // Upper bound: polish the iterate, μ' = μ + δ with R·δ_I = −Q·r (back substitution), where
  // r = c + Zᵀμ, so that c + Zᵀμ' = x̃; clipped to μ' ≥ 0, which keeps it a valid certificate.
  const r = Float64Array.from(c);
  for (let k = 0; k < zs.length; k++) if (mu[k]! > 0) for (let i = 0; i < d; i++) r[i]! += mu[k]! * zs[k]![i]!;
  const m = kept.length;
  const delta = new Float64Array(m);
  for (let i = m - 1; i >= 0; i--) {
    let s = -dotRef(q[i]!, r);
    for (let l = i + 1; l < m; l++) s -= rCols[l]![i]! * delta[l]!;
    delta[i] = s / rCols[i]![i]!;
  }
  const polished = Float64Array.from(mu);
  for (let l = 0; l < m; l++) polished[kept[l]!]! += delta[l]!;
  const u = Float64Array.from(c);
  for (let k = 0; k < zs.length; k++) {
    const v = Math.max(0, polished[k]!);
    if (v > 0) for (let i = 0; i < d; i++) u[i]! += v * zs[k]![i]!;
  }
  return { lower, upper: S * normRef(u), theta };
}

// ---------- instances ----------

interface Instance {
  n: number;
  d: number;
  features: Float64Array;
  comparisons: { winner: number; loser: number }[];
  label: string;
}

type History = "random" | "session";

function makeInstance(
  seed: number,
  n: number,
  d: number,
  t: number,
  user: "consistent" | "btl",
  history: History,
  duplicates = false,
): Instance {
  const rng = Rng.fromSeed(seed);
  const features = new Float64Array(n * d);
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let k = 0; k < d; k++) {
      const v = rng.normal();
      features[j * d + k] = v;
      s += v * v;
    }
    s = Math.sqrt(s);
    for (let k = 0; k < d; k++) features[j * d + k]! /= 2 * s;
    // Degenerate pools: exact copies of earlier candidates (c_j = 0, z_k = 0 are possible).
    if (duplicates && j > 0 && rng.next() < 0.35) features.copyWithin(j * d, rng.int(j) * d, rng.int(j) * d + d);
  }
  const theta = new Float64Array(d);
  for (let k = 0; k < d; k++) theta[k] = rng.normal();
  const tn = normRef(theta);
  for (let k = 0; k < d; k++) theta[k]! *= S / tn;
  const answer = (a: number, b: number) => {
    let u = 0;
    for (let k = 0; k < d; k++) u += theta[k]! * (features[a * d + k]! - features[b * d + k]!);
    const aWins = user === "consistent" ? u >= 0 : rng.next() < sigmoidRef(u);
    return aWins ? { winner: a, loser: b } : { winner: b, loser: a };
  };
  const asked = new Set<string>();
  const key = (a: number, b: number) => (a < b ? `${a},${b}` : `${b},${a}`);
  const comparisons: { winner: number; loser: number }[] = [];
  const randomPair = (): [number, number] => {
    for (;;) {
      const a = rng.int(n);
      let b = rng.int(n - 1);
      if (b >= a) b++;
      if (!asked.has(key(a, b)) || asked.size >= (n * (n - 1)) / 2) return [a, b];
    }
  };
  // "session": the pairs UserAlign itself would ask (y⁽¹⁾ vs y⁽²⁾), random when it has none.
  const state = history === "session" ? new PreferenceState(features, n, d) : null;
  for (let i = 0; i < t; i++) {
    let pair: [number, number] | null = null;
    if (state) {
      const step = computeStep(state, {
        S,
        delta: DELTA,
        kind: "practical",
        backend: createStructuredBackend(),
        mode: "best",
        tieTolerance: 1e-9,
        drawFirst: () => rng.int(n),
        exclude: (j, first) => asked.has(key(j, first)),
      });
      if (step.second >= 0 && step.bound > 0) pair = [step.first, step.second];
    }
    pair ??= randomPair();
    asked.add(key(pair[0], pair[1]));
    const cmp = answer(pair[0], pair[1]);
    comparisons.push(cmp);
    state?.add(cmp);
  }
  return { n, d, features, comparisons, label: `seed=${seed} n=${n} d=${d} t=${t} ${user} ${history}${duplicates ? " duplicates" : ""}` };
}

interface Tally {
  instances: number;
  practicalChecked: number;
  lossChecked: number;
  skippedBinding: Record<string, number>;
  maxErr: Record<string, number>;
  maxGap: number;
  maxIterations: number;
  zeroValues: number;
  generalChecked: number;
  /** Comparisons with z_k = 0 seen. */
  zeroRows: number;
}

function check(inst: Instance, tally: Tally, withGeneral: boolean): void {
  const { n, d, features: f } = inst;
  const state = new PreferenceState(f, n, d);
  for (const c of inst.comparisons) state.add(c);
  const t = inst.comparisons.length;
  const zs = inst.comparisons.map(({ winner: w, loser: l }) => {
    const z = new Float64Array(d);
    for (let k = 0; k < d; k++) z[k] = f[w * d + k]! - f[l * d + k]!;
    return z;
  });
  tally.zeroRows += zs.filter((z) => normRef(z) === 0).length;
  const gram = new Float64Array(t * t);
  for (let k = 0; k < t; k++) for (let l = 0; l < t; l++) gram[k * t + l] = dotRef(zs[k]!, zs[l]!);
  // λ_max(G) by power iteration, padded (the step size only needs an upper bound).
  let lmax = 0;
  if (t > 0) {
    let v = new Float64Array(t).fill(1 / Math.sqrt(t));
    for (let it = 0; it < 200; it++) {
      const w = new Float64Array(t);
      for (let k = 0; k < t; k++) for (let l = 0; l < t; l++) w[k]! += gram[k * t + l]! * v[l]!;
      lmax = normRef(w);
      v = w.map((x) => x / lmax);
    }
    let trace = 0;
    for (let k = 0; k < t; k++) trace += gram[k * t + k]!;
    lmax = Math.min(trace, lmax * 1.05) * (1 + 1e-12);
  }
  for (const kind of ["practical", "loss"] as const) {
    const backends = withGeneral
      ? ([
          ["structured", createStructuredBackend()],
          ["general", createGeneralBackend()],
        ] as const)
      : ([["structured", createStructuredBackend()]] as const);
    for (const [bname, backend] of backends) {
      const step = computeStep(state, { S, delta: DELTA, kind, backend, mode: "all", tieTolerance: 1e-9, drawFirst: () => 0 });
      const thetaHat = state.basis.expand(step.alpha);
      const lHat = lossRef(zs, thetaHat);
      expect(Math.abs(step.loss - lHat)).toBeLessThanOrEqual(1e-9 * Math.max(1, lHat));
      expect(Math.abs(step.beta - betaRef(t, d))).toBeLessThanOrEqual(1e-9);
      const tau = lHat + betaRef(t, d);
      const redundant = kind === "practical" ? t * Math.LN2 <= tau : zs.reduce((s, z) => s + softplusRef(S * normRef(z)), 0) <= tau;
      expect(step.lossMayBind, inst.label).toBe(!redundant);
      if (!redundant) {
        tally.skippedBinding[kind] = (tally.skippedBinding[kind] ?? 0) + 1;
        continue;
      }
      const key = `${kind}/${bname}`;
      const first = step.first;
      let bestJ = -1;
      let bestV = -Infinity;
      for (let j = 0; j < n; j++) {
        if (j === first) {
          expect(step.values[j]).toBeNaN();
          continue;
        }
        const c = new Float64Array(d);
        for (let k = 0; k < d; k++) c[k] = f[j * d + k]! - f[first * d + k]!;
        const lib = step.values[j]!;
        let theta: Float64Array;
        let ref: number;
        if (kind === "practical") {
          const sup = coneSupport(zs, lmax, c);
          const gap = sup.upper - sup.lower;
          tally.maxGap = Math.max(tally.maxGap, gap);
          tally.maxIterations = Math.max(tally.maxIterations, sup.iterations);
          if (!(gap <= 1e-9)) throw new Error(`${inst.label} j=${j}: second method not certified: [${sup.lower}, ${sup.upper}]`);
          if (!(lib >= sup.lower - TOL && lib <= sup.upper + TOL)) {
            throw new Error(`${inst.label} ${key} j=${j}: library V=${lib}, certified V ∈ [${sup.lower}, ${sup.upper}]`);
          }
          theta = sup.theta;
          ref = sup.lower;
          // While θ = 0 ∈ Θ (here always: the loss constraint is redundant), every V_j ≥ 0.
          expect(lib, inst.label).toBeGreaterThanOrEqual(-1e-9);
          if (ref < 1e-9) tally.zeroValues++;
          tally.practicalChecked++;
        } else {
          const cn = normRef(c);
          theta = c.map((x) => (cn > 0 ? (S * x) / cn : 0));
          ref = S * cn;
          tally.lossChecked++;
        }
        // The maximizer built here is feasible for every constraint of Θ and attains the library's V.
        expect(normRef(theta), inst.label).toBeLessThanOrEqual(S * (1 + 1e-12));
        if (kind === "practical") for (const z of zs) expect(dotRef(z, theta), inst.label).toBeGreaterThanOrEqual(-1e-12);
        expect(lossRef(zs, theta), inst.label).toBeLessThanOrEqual(tau);
        const err = Math.abs(dotRef(theta, c) - lib);
        if (!(err <= TOL)) throw new Error(`${inst.label} ${key} j=${j}: library V=${lib}, ⟨θ, c⟩ = ${dotRef(theta, c)} at a feasible θ`);
        tally.maxErr[key] = Math.max(tally.maxErr[key] ?? 0, err, Math.abs(ref - lib));
        if (ref > bestV + 1e-9) {
          bestV = ref;
          bestJ = j;
        }
        if (bname === "general") tally.generalChecked++;
      }
      // y⁽²⁾ and B (mode "all" and mode "best" agree with the reference values).
      const best = computeStep(state, { S, delta: DELTA, kind, backend, mode: "best", tieTolerance: 1e-9, drawFirst: () => 0 });
      for (const s of [step, best]) {
        expect(Math.abs(s.bound - bestV), inst.label).toBeLessThanOrEqual(TOL);
        expect(step.values[s.second]!, inst.label).toBeGreaterThanOrEqual(bestV - 2 * TOL);
        expect(s.first).toBe(first);
      }
      void bestJ;
    }
  }
  tally.instances++;
}

function newTally(): Tally {
  return {
    instances: 0,
    practicalChecked: 0,
    lossChecked: 0,
    skippedBinding: {},
    maxErr: {},
    maxGap: 0,
    maxIterations: 0,
    zeroValues: 0,
    generalChecked: 0,
    zeroRows: 0,
  };
}

describe("structured backend against a second, independent method (d = 5…64)", () => {
  it("random instances: N = 8–40, t = 1–60, consistent and BTL users, random and session histories", () => {
    const tally = newTally();
    const rng = Rng.fromSeed(424242);
    let seed = 9000;
    for (const d of [5, 8, 16, 32, 64]) {
      for (const t of [1, 3, 8, 20, 40, 60]) {
        for (const user of ["consistent", "btl"] as const) {
          const history: History = (seed & 1) === 0 ? "random" : "session";
          const n = 8 + rng.int(33);
          const inst = makeInstance(seed++, n, d, t, user, history);
          check(inst, tally, d <= 16 && t <= 20);
        }
      }
    }
    console.log(JSON.stringify(tally));
    expect(tally.instances).toBe(60);
    // The practical set's loss constraint is redundant throughout this regime (t ≤ 10d + 22).
    expect(tally.skippedBinding.practical ?? 0).toBe(0);
    expect(tally.practicalChecked).toBeGreaterThan(1000);
    expect(tally.lossChecked).toBeGreaterThan(500);
    // Both zero and positive V values occurred.
    expect(tally.zeroValues).toBeGreaterThan(10);
    expect(tally.practicalChecked - tally.zeroValues).toBeGreaterThan(100);
  }, 120_000);

  // Generative models do return identical responses, so identical embeddings happen: then
  // c_j = 0 for a copy of y⁽¹⁾, and a comparison between two copies has z_k = 0 (its halfspace
  // 0 ≥ 0 holds everywhere and its loss term is the constant log 2).
  for (const withGeneral of [false, true]) {
    it(`pools with duplicated candidates (${withGeneral ? "structured and general" : "structured"} backend)`, () => {
      const tally = newTally();
      let seed = 9500;
      for (const [d, t, user] of [
        [5, 12, "consistent"],
        [5, 40, "btl"],
        [8, 20, "consistent"],
        [16, 30, "consistent"],
        [32, 25, "btl"],
        [64, 40, "consistent"],
      ] as const) {
        check(makeInstance(seed++, 20, d, t, user, "random", true), tally, withGeneral);
      }
      console.log(JSON.stringify(tally));
      expect(tally.instances).toBe(6);
    }, 60_000);
  }
});
