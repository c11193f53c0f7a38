import { goldenMax, lossRef, type Vec2 } from "./reference-math.js";

/**
 * What the brute force found Θ to be: with interior, exactly {0} (H = {0} and 0 ∈ Θ_loss), empty
 * (the fallback Θ = {θ̂} of method.md step 5 applies), or too close to call.
 */
export type BruteStatus = "interior" | "zero" | "empty" | "ambiguous";

/** The brute force's answer for one confidence set and a list of directions. */
export interface BruteResult {
  readonly status: BruteStatus;
  /** V = max_{θ∈Θ} ⟨θ, c⟩ for each direction (NaN when ambiguous). */
  readonly values: readonly number[];
  /** max_θ g(θ), the largest distance-to-boundary lower bound found (> 0 iff Θ has interior). */
  readonly maxSlack: number;
}

/** One 2-D confidence set: Θ = {‖θ‖ ≤ S, L(θ) ≤ τ, and for the practical set ⟨θ, z_k⟩ ≥ 0 ∀k}. */
export interface BruteSet {
  /** z_k = φ(winner) − φ(loser), one per answer (repeats included). */
  readonly zs: readonly Vec2[];
  /** τ = L(θ̂) + β_t (Infinity: no loss constraint). */
  readonly tau: number;
  readonly practical: boolean;
  readonly S: number;
  /** θ̂, for the empty-set fallback. */
  readonly thetaHat: Vec2;
}

// Rays along which the boundary of Θ is located, and golden-section iterations per search.
const RAYS = 720;
const GOLDEN_ITERATIONS = 75;
const BISECTIONS = 80;
const INTERIOR = 1e-9;

/**
 * V = max_{θ∈Θ} ⟨θ, c⟩ in d = 2 for every direction c, by brute force, calling no solver.
 * Θ is convex, so the concave slack g(θ) = min(S − ‖θ‖, (τ − L(θ))/Σ‖z_k‖, min_k ⟨θ, z_k⟩/‖z_k‖)
 * (a lower bound on the distance to ∂Θ) is maximized by nested golden-section search (exact for
 * concave functions, so thin wedges are not missed). From that interior point the boundary radius
 * along 720 rays is found by bisection; for each c the best ray is refined by golden-section search
 * (⟨x, c⟩ is unimodal along the boundary of a convex set). No interior: Θ ⊆ {0} (H = {0}) or
 * Θ = ∅, and then the fallback Θ = {θ̂}.
 */
export function bruteForce2d(set: BruteSet, dirs: readonly Vec2[]): BruteResult {
  const { zs, tau, practical, S, thetaHat } = set;
  const t = zs.length;
  const znorm = zs.map((z) => Math.hypot(z[0], z[1]));
  const G = znorm.reduce((a, b) => a + b, 0);
  const withLoss = t > 0 && Number.isFinite(tau);
  const feasible = (x: number, y: number) => {
    if (x * x + y * y > S * S) return false;
    if (practical) for (const z of zs) if (z[0] * x + z[1] * y < 0) return false;
    return !withLoss || lossRef(zs, x, y) <= tau;
  };
  const slack = (x: number, y: number, loss: boolean) => {
    let g = S - Math.hypot(x, y);
    // (z_k = 0, a comparison between identical candidates, is the constraint 0 ≥ 0: no slack limit.)
    if (practical) for (let k = 0; k < t; k++) if (znorm[k]! > 0) g = Math.min(g, (zs[k]![0] * x + zs[k]![1] * y) / znorm[k]!);
    if (loss && withLoss) g = Math.min(g, (tau - lossRef(zs, x, y)) / G);
    return g;
  };
  const maximizeSlack = (loss: boolean): [number, number, number] => {
    const [bx, gv] = goldenMax((x) => goldenMax((y) => slack(x, y, loss), -S, S, GOLDEN_ITERATIONS)[1], -S, S, GOLDEN_ITERATIONS);
    const [by, gy] = goldenMax((y) => slack(bx, y, loss), -S, S, GOLDEN_ITERATIONS);
    return [bx, by, Math.max(gv, gy)];
  };
  const [px, py, maxSlack] = maximizeSlack(true);
  const ambiguous = (): BruteResult => ({ status: "ambiguous", values: dirs.map(() => NaN), maxSlack });
  const fallback = (): BruteResult => ({ status: "empty", values: dirs.map((c) => thetaHat[0] * c[0] + thetaHat[1] * c[1]), maxSlack });
  if (!(maxSlack > INTERIOR)) {
    if (!practical) return ambiguous();
    const [, , hSlack] = maximizeSlack(false);
    if (hSlack > INTERIOR) return maxSlack < -INTERIOR ? fallback() : ambiguous(); // H has interior, Θ_loss ∩ H none.
    // H = {0} (a lower-dimensional H ≠ {0} is non-generic and not among the suite's instances).
    const l0 = t * Math.LN2;
    if (Math.abs(l0 - tau) < INTERIOR) return ambiguous();
    return l0 <= tau ? { status: "zero", values: dirs.map(() => 0), maxSlack } : fallback();
  }
  if (!feasible(px, py)) throw new Error("brute force: the slack maximizer is not in Θ");
  const radius = (psi: number): Vec2 => {
    const ux = Math.cos(psi);
    const uy = Math.sin(psi);
    let lo = 0;
    let hi = 2 * S + 1e-3;
    for (let i = 0; i < BISECTIONS && hi - lo > 1e-15; i++) {
      const mid = 0.5 * (lo + hi);
      if (feasible(px + mid * ux, py + mid * uy)) lo = mid;
      else hi = mid;
    }
    return [px + lo * ux, py + lo * uy];
  };
  const boundary: Vec2[] = [];
  for (let i = 0; i < RAYS; i++) boundary.push(radius((2 * Math.PI * i) / RAYS));
  const h = (2 * Math.PI) / RAYS;
  const values = dirs.map((c) => {
    let bi = 0;
    let bv = -Infinity;
    for (let i = 0; i < RAYS; i++) {
      const v = boundary[i]![0] * c[0] + boundary[i]![1] * c[1];
      if (v > bv) {
        bv = v;
        bi = i;
      }
    }
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
  });
  return { status: "interior", values, maxSlack };
}
