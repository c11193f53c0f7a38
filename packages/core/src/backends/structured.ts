import { maximizeEach, type ConfidenceSetBackend, type MaximizeRequest } from "../backend.js";
import type { BarrierLimits } from "../solver/barrier.js";
import type { CandidateDirections, ConfidenceSetProblem } from "../confidence-set.js";
import { ConeProjector, type ConeProjection, type ConeProjectionLimits } from "../solver/cone-projection.js";
import { passiveSetBounds } from "../solver/passive-set-bounds.js";
import { generalSupportCache } from "../solver/general-support.js";

/** Internal limits of the structured backend (tests shrink them to force capped solves). */
export interface StructuredBackendLimits {
  /** Iteration caps of the cone projection. @default CONE_PROJECTION_LIMITS */
  projection?: ConeProjectionLimits;
  /** Iteration caps of the barrier route. @default CENTER_ITERATION_CAP and PATH_ITERATION_CAP */
  barrier?: BarrierLimits;
}

/**
 * The default backend: exact, and fast because it uses the structure of SPEC's problems.
 * - Practical set, loss constraint redundant: V = S·‖Π_C(c)‖ = S·√(‖Π_{C_r}(a)‖² + ρ²), a cone
 *   projection by NNLS on the shared Gram matrix, abandoned as soon as its running upper bound
 *   cannot beat the best candidate so far.
 * - Loss set, loss constraint redundant: Θ is the ball, V = S·‖c‖.
 * - Otherwise: the barrier method of {@link GeneralSupport} in rank(Z) + 1 variables.
 * A projection that ends capped or failed is redone by the barrier route; a barrier solve that is
 * not exact either is an `internal_error` ({@link maximizeEach}).
 */
export function createStructuredBackend(limits: StructuredBackendLimits = {}): ConfidenceSetBackend {
  const supportFor = generalSupportCache(limits.barrier);
  return {
    name: "structured",
    description: "exact cone projection (NNLS) with pruning; barrier method where the loss constraint binds",
    maximize(problem, directions, request) {
      const a = new Float64Array(problem.rank);
      if (problem.lossMayBind) {
        const support = supportFor(problem);
        return maximizeEach(problem, directions, request, (j) => support.support(directions.reduced(j, a), directions.residualNorm(j)));
      }
      if (problem.kind === "loss") {
        return maximizeEach(problem, directions, request, (j) => problem.S * directions.norm(j));
      }
      const S2 = problem.S * problem.S;
      const t = problem.rows.count;
      const projector = new ConeProjector(problem, limits.projection);
      const dots = new Float64Array(t);
      // A cheap, tighter bound for ordering and pruning: C lies in each halfspace H_k, and
      // ‖Π_C(a)‖ ≤ ‖Π_{H_k}(a)‖ (projection norms grow with the cone), so
      // V² ≤ S²·(‖c‖² − max_k min(0, ⟨ẑ_k, a⟩)²/‖ẑ_k‖²). O(t) per candidate with the cached ZΦᵀ.
      const cuts = singleHalfspaceCuts(problem, directions, dots);
      const upperBound = (j: number): number => problem.S * Math.sqrt(Math.max(0, cuts(j)));
      // a_j into `a`, and ρ_j.
      const reduce = (j: number): number => {
        directions.reduced(j, a);
        let aSq = 0;
        for (let i = 0; i < problem.rank; i++) aSq += a[i]! * a[i]!;
        return problem.hasResidual ? directions.residualNorm(j, aSq) : 0;
      };
      // V_j of the candidates the shared bounds solved exactly (their leads): the per-candidate
      // pass below, which visits the strongest candidates first, reuses them instead of solving again.
      const solved = new Map<number, number>();
      const solveExactly = (j: number) => {
        const rho = reduce(j);
        const proj = projector.project(a, problem.rank, directions.halfspaceDots?.(j, dots));
        const value = Math.sqrt(S2 * (proj.normSq + rho * rho));
        if (proj.status === "exact") solved.set(j, value);
        return { proj, value };
      };
      // In `best` mode most candidates run close to the winner (at N = 1000, d = 512, t = 50 90%
      // of them lie within 1% of B), so the single-halfspace cut settles few of them. The passive
      // sets of a few exact projections bound every candidate at once (sharedPassiveBounds).
      const shared =
        request.mode === "best" && t > 0 && request.candidates.length >= SHARED_BOUND_MIN_CANDIDATES
          ? sharedPassiveBounds(problem, directions, request, cuts, solveExactly)
          : null;
      return maximizeEach(
        problem,
        directions,
        request,
        (j, hopeless) => {
          const known = solved.get(j);
          if (known !== undefined) return known;
          const rho = reduce(j);
          const rhoSq = rho * rho;
          // NNLS iterates tighten the upper bound step by step; stop once it cannot win.
          const proj = projector.project(a, problem.rank, directions.halfspaceDots?.(j, dots), (upper) =>
            hopeless(problem.S * Math.sqrt(upper + rhoSq)),
          );
          if (proj.pruned) return null;
          if (proj.status !== "exact") return supportFor(problem).support(a, rho);
          return Math.sqrt(S2 * (proj.normSq + rhoSq));
        },
        shared ? (j) => Math.min(upperBound(j), problem.S * Math.sqrt(Math.max(0, shared[j]!))) : upperBound,
      );
    },
  };
}

/**
 * ‖c_j‖² − max_k min(0, ⟨ẑ_k, a_j⟩)²/‖ẑ_k‖² (lessened by a relative 1e-9 for rounding) for every
 * candidate: computed for all of them in row passes over ZΦᵀ when the directions give whole rows,
 * else per candidate.
 */
function singleHalfspaceCuts(problem: ConfidenceSetProblem, directions: CandidateDirections, dots: Float64Array): (j: number) => number {
  const t = problem.rows.count;
  const diag = (k: number) => problem.gram[k * problem.gramStride + k]!;
  const { halfspaceRow, normsSq } = directions;
  if (halfspaceRow && normsSq) {
    const n = directions.count;
    const cut = new Float64Array(n);
    const row = new Float64Array(n);
    for (let k = 0; k < t; k++) {
      const g = diag(k);
      if (!(g > 0)) continue;
      halfspaceRow.call(directions, k, row);
      for (let j = 0; j < n; j++) {
        const v = row[j]!;
        if (v < 0 && (v * v) / g > cut[j]!) cut[j] = (v * v) / g;
      }
    }
    const out = normsSq.call(directions, new Float64Array(n));
    for (let j = 0; j < n; j++) out[j] = out[j]! - cut[j]! * (1 - 1e-9);
    return (j) => out[j]!;
  }
  return (j) => {
    const c = directions.norm(j);
    if (!directions.halfspaceDots || t === 0) return c * c;
    directions.halfspaceDots(j, dots);
    let cut = 0;
    for (let k = 0; k < t; k++) {
      const v = dots[k]!;
      const g = diag(k);
      if (v < 0 && g > 0 && (v * v) / g > cut) cut = (v * v) / g;
    }
    return c * c - cut * (1 - 1e-9);
  };
}

/** Below this many candidates the per-candidate bounds are cheap enough on their own. */
const SHARED_BOUND_MIN_CANDIDATES = 16;

/** Rounds of shared bounds: each adds the passive set of the strongest remaining candidate. */
const SHARED_BOUND_ROUNDS = 4;
/** Exact projections per round after the first (their passive sets join the union). */
const LEADS_PER_ROUND = 3;
/** Stop the rounds when one leaves more than this fraction of the race in it. */
const SHARED_BOUND_MIN_GAIN = 0.5;
/** Stop the rounds once this few candidates can still beat the incumbent. */
const SHARED_BOUND_FEW = 8;
/** Smallest race that gets a last pass with the best lead's passive set (see sharedPassiveBounds). */
const LAST_PASS_MIN_RACE = 2048;

/**
 * ‖Π_C(c_j)‖² upper bounds (indexed by candidate j) from passive sets of exact projections. The
 * first is that of the candidate with the largest `bound` (lowest index on ties); each later round
 * solves the strongest candidate that can still beat the best value found, adds its passive set
 * to the union and recomputes the bounds of the candidates still in the race (measured at N = 1000,
 * d = 512, t = 50: one passive set settles ~79% of the candidates, the union of five ~99%). Null
 * when the directions cannot give whole rows.
 */
function sharedPassiveBounds(
  problem: ConfidenceSetProblem,
  directions: CandidateDirections,
  request: MaximizeRequest,
  bound: (j: number) => number,
  solveExactly: (j: number) => { proj: ConeProjection; value: number },
): Float64Array | null {
  const { halfspaceRow, normsSq } = directions;
  if (!halfspaceRow || !normsSq) return null;
  const rows = { count: directions.count, halfspaceRow: halfspaceRow.bind(directions), normsSq: normsSq.bind(directions) };
  const bounds = new Float64Array(directions.count).fill(Infinity);
  for (const j of request.candidates) bounds[j] = bound(j);
  const union = new Set<number>();
  const solved = new Set<number>();
  let bestV = -Infinity;
  /** Passive set of the lead with the best value so far. */
  let bestPassive: number[] = [];
  let race = request.candidates;
  // Still in the race: candidates whose bound can reach the best value found (ties included).
  const narrow = () => {
    const floor = bestV - 2 * request.tieTolerance;
    race = race.filter((j) => problem.S * Math.sqrt(Math.max(0, bounds[j]!)) >= floor);
  };
  // Lowers the race's bounds to those of passive set P; false when G_PP is not positive definite.
  const tighten = (passive: number[]): boolean => {
    const fresh = passiveSetBounds(problem, passive, passive.length, rows, race);
    if (!fresh) return false;
    race.forEach((j, m) => {
      if (fresh[m]! < bounds[j]!) bounds[j] = fresh[m]!;
    });
    return true;
  };
  for (let round = 0; round < SHARED_BOUND_ROUNDS; round++) {
    // The first round has only the weak single-halfspace bounds to pick by: one lead. Later
    // rounds pick by good bounds, so their leads include the winner early and narrow the race.
    for (let q = 0; q < (round === 0 ? 1 : LEADS_PER_ROUND); q++) {
      let lead = -1;
      for (const j of race) if (!solved.has(j) && (lead < 0 || bounds[j]! > bounds[lead]!)) lead = j;
      if (lead < 0) break;
      const { proj, value } = solveExactly(lead);
      solved.add(lead);
      if (proj.status !== "exact") return bounds;
      const own: number[] = [];
      proj.mu.forEach((m, k) => {
        if (m > 0) own.push(k);
      });
      if (value > bestV) bestPassive = own;
      bestV = Math.max(bestV, value);
      for (const k of own) union.add(k);
    }
    const beforeSolves = race.length;
    narrow();
    if (race.length <= SHARED_BOUND_FEW) break;
    // A bound pass costs O(p²) for every candidate left. When the leads' values (near B from
    // round 1 on) rule out few of them, the bounds so far are loose for most of the race, and the
    // per-candidate projections (best-first, mostly settled on a warm-set bound) take over. In a
    // large race first one pass with the best lead's own passive set (most candidates near the
    // winner share it; the union's p is larger): N = 10,000, d = 512, t = 50, race 7968 of 8949,
    // p = 34: ~5.5 ms, and the per-candidate work drops from ~17.6 ms (~1,780 visits) to ~6.4 ms
    // (a pass with the union, p = 48, cost more than it saved). In small races (N = 200, d = 512;
    // N = 1000, d = 64) that pass made the step 1.2–1.3× slower.
    if (round > 0 && race.length > SHARED_BOUND_MIN_GAIN * beforeSolves) {
      if (race.length >= LAST_PASS_MIN_RACE) tighten(bestPassive);
      break;
    }
    if (!tighten([...union].sort((x, y) => x - y))) break;
    const before = race.length;
    narrow();
    // Where passive sets differ widely between candidates (smaller d), a round that settles
    // few of them is not worth another: the per-candidate projections take over. Round 0 is
    // exempt: its one lead was picked by the weak single-halfspace bound and is rarely near the
    // winner, so its floor is low and little settles however good the bounds (N = 1000, d = 512,
    // t = 50: 957 → 949); round 1's leads, picked by these bounds, then settle all but ~5.
    if (race.length <= SHARED_BOUND_FEW || (round > 0 && race.length > SHARED_BOUND_MIN_GAIN * before)) break;
  }
  return bounds;
}
