/**
 * Independent verification of SPEC step 7 in d = 2 by brute force.
 *
 * For every candidate j ≠ y⁽¹⁾ the library's V_j = max_{θ∈Θ} ⟨θ, c_j⟩ (c_j = φ_j − φ_first) is
 * recomputed here without calling any solver from src:
 *   Θ = {‖θ‖ ≤ S, L(θ) ≤ L(θ̂) + β_t, and for "practical" ⟨θ, z_k⟩ ≥ 0 ∀k},
 *   L(θ) = Σ_k log(1 + exp(−⟨θ, z_k⟩)), β_t from SPEC step 3 (both written below),
 *   θ̂ = state.basis.expand(step.alpha) (the only library quantity used besides the history).
 * Method: Θ is convex, so the concave "slack" g(θ) = min(S − ‖θ‖, (τ − L(θ))/Σ‖z_k‖,
 * min_k ⟨θ, z_k⟩/‖z_k‖) (a lower bound on the distance to ∂Θ) is maximized by nested golden-section
 * search (exact for concave functions, so thin wedges are not missed). From that interior point,
 * the boundary radius along 720 rays is found by bisection; for each c the best ray is refined by
 * golden-section search (⟨x, c⟩ is unimodal along the boundary of a convex set). No interior →
 * Θ ⊆ {0} (H = {0}) or Θ = ∅ → the SPEC fallback Θ = {θ̂}.
 */
import { describe, expect, it } from "vitest";
import { PreferenceState } from "../src/preference-state.js";
import { computeStep } from "../src/step.js";
import { createStructuredBackend } from "../src/backends/structured.js";
import { createGeneralBackend } from "../src/backends/general.js";
import { Rng } from "../src/rng.js";
import { softplusRef } from "./helpers/reference-math.js";

const S = 3;
const DELTA = 0.05;
const TOL = 1e-6;

// ---------- independent math (nothing from src) ----------


function betaRef(t: number, d: number): number {
  return 10 * d * Math.log((S * t) / (4 * d) + Math.E) + 2 * (Math.E - 2 + S) * Math.log(1 / DELTA);
}

type V2 = [number, number];

function lossRef(zs: V2[], x: number, y: number): number {
  let s = 0;
  for (const z of zs) s += softplusRef(-(z[0] * x + z[1] * y));
  return s;
}

/** Golden-section maximization of a unimodal function on [a, b]; returns [argmax, max]. */
function goldenMax(f: (x: number) => number, a: number, b: number, iters: number): [number, number] {
  const r = (Math.sqrt(5) - 1) / 2;
  let x1 = b - r * (b - a);
  let x2 = a + r * (b - a);
  let f1 = f(x1);
  let f2 = f(x2);
  for (let i = 0; i < iters; i++) {
    if (f1 < f2) {
      a = x1;
      x1 = x2;
      f1 = f2;
      x2 = a + r * (b - a);
      f2 = f(x2);
    } else {
      b = x2;
      x2 = x1;
      f2 = f1;
      x1 = b - r * (b - a);
      f1 = f(x1);
    }
  }
  return f1 >= f2 ? [x1, f1] : [x2, f2];
}

type BruteStatus = "interior" | "zero" | "empty" | "ambiguous";

interface BruteResult {
  status: BruteStatus;
  /** V for each direction (NaN when ambiguous). */
  values: number[];
  maxSlack: number;
}

function bruteForce(zs: V2[], tau: number, practical: boolean, thetaHat: V2, dirs: V2[]): BruteResult {
  const t = zs.length;
  const znorm = zs.map((z) => Math.hypot(z[0], z[1]));
  const G = znorm.reduce((a, b) => a + b, 0);
  const feasible = (x: number, y: number) => {
    if (x * x + y * y > S * S) return false;
    if (practical) for (const z of zs) if (z[0] * x + z[1] * y < 0) return false;
    return t === 0 || lossRef(zs, x, y) <= tau;
  };
  const slack = (x: number, y: number, withLoss: boolean) => {
    let g = S - Math.hypot(x, y);
    // (z_k = 0, a comparison between identical candidates, is the constraint 0 ≥ 0: no slack limit.)
    if (practical) for (let k = 0; k < t; k++) if (znorm[k]! > 0) g = Math.min(g, (zs[k]![0] * x + zs[k]![1] * y) / znorm[k]!);
    if (withLoss && t > 0) g = Math.min(g, (tau - lossRef(zs, x, y)) / G);
    return g;
  };
  const maximizeSlack = (withLoss: boolean): [number, number, number] => {
    let bestY = 0;
    const [bx, gv] = goldenMax(
      (x) => {
        const [y, v] = goldenMax((yy) => slack(x, yy, withLoss), -S, S, 75);
        bestY = y;
        return v;
      },
      -S,
      S,
      75,
    );
    const [by, gy] = goldenMax((yy) => slack(bx, yy, withLoss), -S, S, 75);
    void bestY;
    return [bx, by, Math.max(gv, gy)];
  };
  const [px, py, maxSlack] = maximizeSlack(true);
  const fallback = dirs.map((c) => thetaHat[0] * c[0] + thetaHat[1] * c[1]);
  if (!(maxSlack > 1e-9)) {
    if (!practical) return { status: "ambiguous", values: dirs.map(() => NaN), maxSlack };
    const [, , hSlack] = maximizeSlack(false);
    if (hSlack > 1e-9) {
      // H has interior but Θ_loss ∩ H has none.
      if (maxSlack < -1e-9) return { status: "empty", values: fallback, maxSlack };
      return { status: "ambiguous", values: dirs.map(() => NaN), maxSlack };
    }
    // H = {0} (no repeated pairs in these instances, so a lower-dimensional H ≠ {0} is non-generic).
    const l0 = t * Math.LN2;
    if (Math.abs(l0 - tau) < 1e-9) return { status: "ambiguous", values: dirs.map(() => NaN), maxSlack };
    if (l0 <= tau) return { status: "zero", values: dirs.map(() => 0), maxSlack };
    return { status: "empty", values: fallback, maxSlack };
  }
  expect(feasible(px, py)).toBe(true);
  const radius = (psi: number) => {
    const ux = Math.cos(psi);
    const uy = Math.sin(psi);
    let lo = 0;
    let hi = 2 * S + 1e-3;
    for (let i = 0; i < 80 && hi - lo > 1e-15; i++) {
      const mid = 0.5 * (lo + hi);
      if (feasible(px + mid * ux, py + mid * uy)) lo = mid;
      else hi = mid;
    }
    return [px + lo * ux, py + lo * uy] as V2;
  };
  const M = 720;
  const boundary: V2[] = [];
  for (let i = 0; i < M; i++) boundary.push(radius((2 * Math.PI * i) / M));
  const values = dirs.map((c) => {
    let bi = 0;
    let bv = -Infinity;
    for (let i = 0; i < M; i++) {
      const v = boundary[i]![0] * c[0] + boundary[i]![1] * c[1];
      if (v > bv) {
        bv = v;
        bi = i;
      }
    }
    const h = (2 * Math.PI) / M;
    const [, gv] = goldenMax(
      (psi) => {
        const b = radius(psi);
        return b[0] * c[0] + b[1] * c[1];
      },
      h * (bi - 1),
      h * (bi + 1),
      70,
    );
    return Math.max(bv, gv);
  }, 60_000);
  return { status: "interior", values, maxSlack };
}

// ---------- instances ----------

interface Instance {
  n: number;
  features: Float64Array;
  comparisons: { winner: number; loser: number }[];
  label: string;
}

function makeInstance(seed: number, n: number, t: number, user: "consistent" | "btl", minGap: number, duplicate = false): Instance {
  const rng = Rng.fromSeed(seed);
  const features = new Float64Array(n * 2);
  for (let j = 0; j < n; j++) {
    const r = 0.5 * Math.sqrt(rng.next());
    const a = 2 * Math.PI * rng.next();
    features[2 * j] = r * Math.cos(a);
    features[2 * j + 1] = r * Math.sin(a);
  }
  if (duplicate) {
    // The last candidate is an exact copy of the first one (identical responses embed identically).
    features[2 * (n - 1)] = features[0]!;
    features[2 * (n - 1) + 1] = features[1]!;
  }
  const ang = 2 * Math.PI * rng.next();
  const theta: V2 = [S * Math.cos(ang), S * Math.sin(ang)];
  const pairs: [number, number][] = [];
  for (let a = 0; a < n; a++)
    for (let b = a + 1; b < n; b++) {
      if (Math.hypot(features[2 * a]! - features[2 * b]!, features[2 * a + 1]! - features[2 * b + 1]!) >= minGap) pairs.push([a, b]);
    }
  // Random order, no pair asked twice.
  for (let i = pairs.length - 1; i > 0; i--) {
    const k = rng.int(i + 1);
    [pairs[i], pairs[k]] = [pairs[k]!, pairs[i]!];
  }
  if (pairs.length < t) throw new Error(`instance ${seed}: only ${pairs.length} pairs`);
  const comparisons = pairs.slice(0, t).map(([a, b]) => {
    const u = theta[0] * (features[2 * a]! - features[2 * b]!) + theta[1] * (features[2 * a + 1]! - features[2 * b + 1]!);
    const aWins = user === "consistent" ? u >= 0 : rng.next() < 1 / (1 + Math.exp(-u));
    return aWins ? { winner: a, loser: b } : { winner: b, loser: a };
  }, 60_000);
  // ... and the person was once asked to compare the two copies (z = 0).
  if (duplicate) comparisons.splice(t >> 1, 0, { winner: 0, loser: n - 1 });
  return { n, features, comparisons, label: `seed=${seed} n=${n} t=${comparisons.length} ${user} gap≥${minGap}${duplicate ? " duplicate" : ""}` };
}

interface Tally {
  instances: number;
  candidates: number;
  maxErr: Record<string, number>;
  statuses: Record<string, number>;
  bindInterior: Record<string, number>;
  bind: Record<string, number>;
  /** Candidates whose V the loss constraint lowers by more than 1e-3. */
  lossCut: Record<string, number>;
  /** The smallest brute-force interior slack max_θ g(θ) among sets with interior. */
  minSlack: number;
}

function check(inst: Instance, tally: Tally, opts: { subset?: number; kinds?: readonly ("practical" | "loss")[]; backends?: readonly ("structured" | "general")[] } = {}): void {
  const { n, features } = inst;
  const state = new PreferenceState(features, n, 2);
  for (const c of inst.comparisons) state.add(c);
  const zs: V2[] = inst.comparisons.map(({ winner: w, loser: l }) => [features[2 * w]! - features[2 * l]!, features[2 * w + 1]! - features[2 * l + 1]!]);
  const t = zs.length;
  // Optionally evaluate only a random subset of candidates (the rest are excluded from y⁽²⁾).
  let allowed: Set<number> | null = null;
  if (opts.subset !== undefined) {
    const rng = Rng.fromSeed(inst.n * 7919 + t);
    allowed = new Set<number>();
    while (allowed.size < opts.subset) allowed.add(rng.int(n));
  }
  const exclude = (j: number) => allowed !== null && !allowed.has(j);
  const cache = new Map<string, BruteResult>();
  for (const kind of opts.kinds ?? (["practical", "loss"] as const)) {
    for (const [bname, backend] of [
      ["structured", createStructuredBackend()],
      ["general", createGeneralBackend()],
    ] as const) {
      if (opts.backends && !opts.backends.includes(bname)) continue;
      const step = computeStep(state, { S, delta: DELTA, kind, backend, mode: "all", tieTolerance: 1e-9, drawFirst: () => 0, exclude });
      const th = state.basis.expand(step.alpha);
      const thetaHat: V2 = [th[0]!, th[1]!];
      const lHat = lossRef(zs, thetaHat[0], thetaHat[1]);
      const beta = betaRef(t, 2);
      // The library's L(θ̂) and β_t agree with the ones written here.
      expect(Math.abs(step.beta - beta)).toBeLessThan(1e-9);
      expect(Math.abs(step.loss - lHat)).toBeLessThan(1e-9 * Math.max(1, lHat));
      const tau = lHat + beta;
      // y⁽¹⁾ = argmax ⟨θ̂, φ⟩, lowest index on ties (t = 0: drawFirst → 0).
      let first = 0;
      if (t > 0) {
        for (let j = 1; j < n; j++) {
          const sj = thetaHat[0] * features[2 * j]! + thetaHat[1] * features[2 * j + 1]!;
          const sf = thetaHat[0] * features[2 * first]! + thetaHat[1] * features[2 * first + 1]!;
          if (sj > sf + 1e-12) first = j;
        }
      }
      expect(step.first, inst.label).toBe(first);
      const idx: number[] = [];
      const dirs: V2[] = [];
      for (let j = 0; j < n; j++) {
        if (j === first) continue;
        if (allowed && !allowed.has(j)) {
          expect(step.values[j]).toBeNaN();
          continue;
        }
        idx.push(j);
        dirs.push([features[2 * j]! - features[2 * first]!, features[2 * j + 1]! - features[2 * first + 1]!]);
      }
      // The brute force depends on the backend only through θ̂ (both run the same MLE): reuse it.
      const cacheKey = `${kind}|${thetaHat[0]}|${thetaHat[1]}|${first}`;
      let brute = cache.get(cacheKey);
      if (!brute) {
        brute = bruteForce(zs, tau, kind === "practical", thetaHat, dirs);
        cache.set(cacheKey, brute);
      }
      const key = `${kind}/${bname}`;
      tally.statuses[`${kind}:${brute.status}`] = (tally.statuses[`${kind}:${brute.status}`] ?? 0) + 1;
      if (brute.status === "interior") tally.minSlack = Math.min(tally.minSlack, brute.maxSlack);
      // The library's own binding test must agree with the bounds of SPEC "structure".
      const bindRef = kind === "practical" ? t * Math.LN2 > tau : zs.reduce((s, z) => s + softplusRef(S * Math.hypot(z[0], z[1])), 0) > tau;
      expect(step.lossMayBind, inst.label).toBe(bindRef);
      if (step.lossMayBind) {
        tally.bind[kind] = (tally.bind[kind] ?? 0) + 1;
        if (brute.status === "interior") {
          tally.bindInterior[kind] = (tally.bindInterior[kind] ?? 0) + 1;
          if (bname === "structured") {
            // (counted once per instance and kind)
            // Does the loss constraint really cut V here? (Same brute force without it.)
            const loose = bruteForce(zs, Infinity, kind === "practical", thetaHat, dirs);
            for (let i = 0; i < dirs.length; i++) {
              if (brute.values[i]! < loose.values[i]! - 1e-3) tally.lossCut[kind] = (tally.lossCut[kind] ?? 0) + 1;
            }
          }
        }
      }
      expect(brute.status, inst.label).not.toBe("ambiguous");
      let err = 0;
      for (let i = 0; i < idx.length; i++) {
        const lib = step.values[idx[i]!]!;
        const ref = brute.values[i]!;
        const e = Math.abs(lib - ref);
        if (!(e <= TOL)) {
          const hat = thetaHat[0] * dirs[i]![0] + thetaHat[1] * dirs[i]![1];
          throw new Error(`${inst.label} ${key} status=${brute.status} slack=${brute.maxSlack} j=${idx[i]} library V=${lib} brute force V=${ref} (⟨θ̂, c_j⟩ = ${hat})`);
        }
        err = Math.max(err, e);
        tally.candidates++;
      }
      expect(step.values[first]).toBeNaN();
      tally.maxErr[key] = Math.max(tally.maxErr[key] ?? 0, err);
      // While θ = 0 ∈ Θ (practical, t·log 2 ≤ L(θ̂) + β_t), every V_j ≥ 0.
      if (kind === "practical" && t * Math.LN2 <= tau) {
        for (const j of idx) expect(step.values[j]!, inst.label).toBeGreaterThanOrEqual(-1e-9);
      }
      // y⁽²⁾ and B from the values (ties within 1e-9 go to the lowest index).
      let best = -1;
      for (let i = 0; i < idx.length; i++) if (best < 0 || brute.values[i]! > brute.values[best]! + 1e-9) best = i;
      expect(Math.abs(step.bound - brute.values[best]!)).toBeLessThan(TOL);
      expect(brute.values[idx.indexOf(step.second)]!).toBeGreaterThan(brute.values[best]! - 2 * TOL);
    }
  }
  tally.instances++;
}

function newTally(): Tally {
  return { instances: 0, candidates: 0, maxErr: {}, statuses: {}, bindInterior: {}, bind: {}, lossCut: {}, minSlack: Infinity };
}

describe("V_j in d = 2 against an independent brute force", () => {
  it("few comparisons (loss constraint not binding)", () => {
    const tally = newTally();
    let seed = 1000;
    for (const t of [0, 1, 2, 3, 5, 8, 12, 20, 35]) {
      for (const user of ["consistent", "btl"] as const) {
        check(makeInstance(seed++, 12 + (seed % 9), t, user, 0), tally);
      }
    }
    console.log("few comparisons:", JSON.stringify(tally));
    expect(tally.instances).toBe(18);
    expect(tally.bind.practical ?? 0).toBe(0);
  }, 60_000);

  it("many comparisons (t = 150–300, consistent and BTL): the loss constraint binds", () => {
    const tally = newTally();
    const specs: [number, number, "consistent" | "btl", number][] = [
      [3001, 300, "consistent", 0.5],
      [3003, 150, "consistent", 0.5],
      [3004, 200, "btl", 0.5],
      [3005, 300, "btl", 0.4],
    ];
    for (const [seed, t, user, gap] of specs) check(makeInstance(seed, 70, t, user, gap), tally, { subset: 4 });
    console.log("many comparisons:", JSON.stringify(tally));
    // The binding path (loss constraint may bind, and Θ has interior) ran for both kinds, on both
    // backends (each `bindInterior` count is per backend).
    expect(tally.bindInterior.practical ?? 0).toBeGreaterThanOrEqual(2);
    expect(tally.bindInterior.loss ?? 0).toBeGreaterThanOrEqual(4);
    // ... and the loss constraint was active at the optimum for some candidates of each kind.
    expect(tally.lossCut.practical ?? 0).toBeGreaterThanOrEqual(1);
    expect(tally.lossCut.loss ?? 0).toBeGreaterThanOrEqual(1);
  }, 60_000);

  // Regression: 300 consistent answers leave H a narrow wedge and the loss binds. Phase I used to
  // start at barrier weight 1, whose center lies at σ ≈ m = 302 far outside the ball, ran out of
  // Newton steps on the way back and reported Θ empty, so every V_j fell back to ⟨θ̂, c_j⟩
  // (V_14 = −1.18 instead of −0.108) although a disk of radius 0.06 fits inside Θ.
  it("many consistent answers: H is a narrow wedge, Θ has a wide interior (no fallback to θ̂)", () => {
    const tally = newTally();
    check(makeInstance(3006, 70, 300, "consistent", 0.5), tally, { subset: 4, kinds: ["practical"] });
    console.log("narrow wedge:", JSON.stringify(tally));
    expect(tally.statuses["practical:interior"]).toBe(2);
    expect(tally.bindInterior.practical).toBe(2);
    // Not a tolerance call: the set is wide.
    expect(tally.minSlack).toBeGreaterThan(1e-2);
  }, 60_000);

  it("noisy answers over many steps: H = {0}, 0 ∉ Θ_loss, so Θ = ∅ and V_j = ⟨θ̂, c_j⟩", () => {
    const tally = newTally();
    check(makeInstance(4002, 110, 600, "btl", 0.7), tally, { kinds: ["practical"] });
    console.log("empty set:", JSON.stringify(tally));
    expect(tally.statuses["practical:empty"]).toBe(2);
    expect(tally.bind.practical).toBe(2);
  }, 60_000);

  // Identical candidates (a generative model repeating itself) give c_j = 0 for a copy of y⁽¹⁾ and,
  // once the two copies were compared, a row z_k = 0 whose halfspace 0 ≥ 0 holds everywhere.
  for (const backend of ["structured", "general"] as const) {
    it(`duplicated candidate with a z_k = 0 row, loss constraint not binding and binding (${backend} backend)`, () => {
      const tally = newTally();
      check(makeInstance(5001, 15, 10, "consistent", 0, true), tally, { backends: [backend] });
      check(makeInstance(3001, 70, 299, "consistent", 0.5, true), tally, { subset: 3, backends: [backend] });
      console.log("duplicate:", JSON.stringify(tally));
      expect(tally.bindInterior.practical ?? 0).toBeGreaterThanOrEqual(1);
    }, 60_000);
  }
});
