import { backendInstance, type BackendInstance, type ConfidenceSetBackend, type MaximizeResult } from "@useralign/core/backend";
import { bruteForce2d, type BruteResult } from "./brute-force-2d.js";
import type { BackendCase } from "./cases.js";
import { betaRef, lossMayBindRef, lossRef, type Vec2 } from "./reference-math.js";

/** S of every case (the method's default). */
export const CASE_S = 3;
/** δ of every case (the method's default). */
export const CASE_DELTA = 0.05;

/** A case made concrete: the instance a backend receives and the brute force's answer for it. */
export interface PreparedCase {
  readonly instance: BackendInstance;
  /** The candidates evaluated (a subset of `instance.candidates` when the case asks for one). */
  readonly candidates: Int32Array;
  /** The brute force's V for each of `candidates`. */
  readonly reference: BruteResult;
  /** The brute force without the loss constraint (only for cases that expect it to cut V). */
  readonly withoutLoss: BruteResult | null;
  /** Whether θ̂ satisfies ⟨θ̂, z_k⟩ ≥ 0 for every answer. */
  readonly thetaHatInH: boolean;
  /** τ = L(θ̂) + β_t recomputed here, and the binding test of method.md "Structure" on it. */
  readonly lossLevel: number;
  readonly lossMayBind: boolean;
}

// The brute force dominates the suite's run time: each case is prepared once per process, however
// many backends and modes use it.
const prepared = new Map<string, PreparedCase>();

/** The instance of `c` and its brute-force reference (memoized by case name). */
export function prepareCase(c: BackendCase): PreparedCase {
  const hit = prepared.get(c.name);
  if (hit) return hit;
  const pool = c.pool();
  const instance = backendInstance({
    features: pool.features,
    comparisons: pool.comparisons,
    kind: c.kind,
    S: CASE_S,
    delta: CASE_DELTA,
    first: c.first ?? 0,
  });
  const { features } = pool;
  const zs: Vec2[] = pool.comparisons.map(({ winner: w, loser: l }) => [
    features[w]![0] - features[l]![0],
    features[w]![1] - features[l]![1],
  ]);
  const thetaHat: Vec2 = [instance.thetaHat[0]!, instance.thetaHat[1]!];
  const lossLevel = lossRef(zs, thetaHat[0], thetaHat[1]) + betaRef(zs.length, 2, CASE_S, CASE_DELTA);
  let candidates = instance.candidates;
  if (c.subset !== undefined && c.subset < candidates.length) {
    const all = candidates;
    candidates = Int32Array.from({ length: c.subset }, (_, i) => all[Math.floor(((i + 0.5) * all.length) / c.subset!)]!);
  }
  const first = features[instance.first]!;
  const dirs: Vec2[] = Array.from(candidates, (j) => [features[j]![0] - first[0], features[j]![1] - first[1]]);
  const practical = c.kind === "practical";
  const set = { zs, tau: lossLevel, practical, S: CASE_S, thetaHat };
  const result: PreparedCase = {
    instance,
    candidates,
    reference: bruteForce2d(set, dirs),
    withoutLoss: c.expected.lossCuts ? bruteForce2d({ ...set, tau: Infinity }, dirs) : null,
    thetaHatInH: zs.every((z) => z[0] * thetaHat[0] + z[1] * thetaHat[1] >= 0),
    lossLevel,
    lossMayBind: lossMayBindRef(zs, lossLevel, practical, CASE_S),
  };
  prepared.set(c.name, result);
  return result;
}

/**
 * The position y⁽²⁾ must take among `values` by the tie rule of method.md step 7: the lowest
 * candidate index among those within `tolerance` of the largest value. (The suite's cases keep
 * near-ties apart from real ties, so this agrees with the incremental rule of `beats`.)
 */
export function expectedBest(candidates: Int32Array, values: ArrayLike<number>, tolerance: number): number {
  let max = -Infinity;
  for (let i = 0; i < candidates.length; i++) max = Math.max(max, values[i]!);
  let best = -1;
  for (let i = 0; i < candidates.length; i++) {
    if (values[i]! >= max - tolerance && (best < 0 || candidates[i]! < candidates[best]!)) best = i;
  }
  return best;
}

/** Runs `backend` on a prepared case. */
export function maximizeCase(backend: ConfidenceSetBackend, p: PreparedCase, mode: "all" | "best", tieTolerance: number): MaximizeResult {
  return backend.maximize(p.instance.problem, p.instance.directions, { candidates: p.candidates, mode, tieTolerance });
}
