import type { ConicProblem, Triplets } from "../problem.js";
import { lcgUniform } from "./lcg.js";
import { plantQp, type PlantedQp } from "./planted-qp.js";
import { TripletBuilder } from "./sparse-builder.js";

/**
 * A QP stress set in the spirit of the Maros–Meszaros test set, built from the public descriptions
 * of its classes (nothing is copied: every problem is generated from a seed, with a planted optimum):
 * large sparse least squares, a bounded statistics QP with an optimum of −2.85·10⁷ (STADAT-like:
 * n ≈ 2000, ~6000 inequality rows), discrete-time optimal control (CONT-like banded equalities),
 * degenerate QPs (rank-deficient P, duplicated rows, s = y = 0 pairs), badly scaled QPs (rows and
 * columns scaled over up to 8 decades), and infeasible and unbounded variants.
 */
export type QpStressFamily =
  | "least-squares"
  | "statistics"
  | "optimal-control"
  | "degenerate"
  | "badly-scaled"
  | "primal-infeasible"
  | "dual-infeasible";

/** What a correct solver reports for a stress problem. */
export type QpStressExpected =
  | { readonly status: "solved"; readonly objective: number }
  | { readonly status: "primal_infeasible" }
  | { readonly status: "dual_infeasible" };

/** One problem of the stress set. */
export interface QpStressProblem {
  /** Unique name with the parameters that rebuild it, e.g. `statistics n=2000 seed=1`. */
  readonly name: string;
  readonly family: QpStressFamily;
  readonly problem: ConicProblem;
  readonly expected: QpStressExpected;
  /**
   * Stop the interior-point runs after this many iterations (the first member's, in a chain): a run
   * that ends early, as a stalled one does, must then say so (`max_iterations`), never call the
   * problem infeasible from its last iterate.
   */
  readonly stopAfter?: number;
}

type Rng = () => number;

/** A complementary (s, y) pair for an inequality row: active (s = 0 < y), inactive (y = 0 < s), or with `degenerate` probability both 0. */
function complementaryPair(r: Rng, scale: number, degenerate = 0): [number, number] {
  const u = r() + 0.5;
  if (u < degenerate) return [0, 0];
  return u < degenerate + (1 - degenerate) / 2 ? [0, scale * (r() + 0.6)] : [scale * (r() + 0.6), 0];
}

/** Pushes (s, y) for `count` equality rows: s = 0, y free. */
function equalityPairs(r: Rng, count: number, s: number[], y: number[]): void {
  for (let i = 0; i < count; i++) {
    s.push(0);
    y.push(2 * r());
  }
}

/**
 * Bounded statistics QP (STADAT-like): min ½Σwᵢxᵢ² + qᵀx over x ∈ Rⁿ and one free scalar t (P's
 * diagonal holds an explicit 0 for t) subject to the ordering xᵢ ≤ xᵢ₊₁ + bᵢ, xᵢ − t ≤ cᵢ and xᵢ ≤ uᵢ:
 * n + 1 variables and 3n − 1 inequality rows. The planted point is scaled so that the optimum is
 * `objective` (default −2.85·10⁷, the size of STADAT1's).
 */
export function statisticsQp(seed: number, n: number, objective = -2.85e7): PlantedQp {
  const r = lcgUniform(seed);
  const P = new TripletBuilder(n + 1, n + 1);
  for (let i = 0; i < n; i++) P.add(i, i, 1 + r());
  P.add(n, n, 0, true);
  const A = new TripletBuilder(0, n + 1);
  for (let i = 0; i + 1 < n; i++) A.add(A.nextRow(), i, 1).add(A.rowsUsed - 1, i + 1, -1);
  for (let i = 0; i < n; i++) A.add(A.nextRow(), i, 1).add(A.rowsUsed - 1, n, -1);
  for (let i = 0; i < n; i++) A.add(A.nextRow(), i, 1);
  // A rising trend with noise (the fitted "data"), t near its bottom.
  const x = Array.from({ length: n + 1 }, (_, i) => (i < n ? (2 * i) / n + 0.3 * r() : 0.2 * r()));
  const s: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < A.rowsUsed; i++) {
    const [si, yi] = complementaryPair(r, 1);
    s.push(si);
    y.push(yi);
  }
  return scaledToObjective({ P: P.toTriplets(), A: A.toTriplets(), equalities: 0, x, s, y }, objective);
}

/** Scales (x, s, y) by c: q and b scale by c, the optimum by c², so c is chosen to hit `objective`. */
function scaledToObjective(data: Parameters<typeof plantQp>[0], objective: number): PlantedQp {
  const unit = plantQp(data);
  if (!(unit.objective < 0) || !(objective < 0)) throw new RangeError("scaledToObjective: needs negative objectives");
  const c = Math.sqrt(objective / unit.objective);
  const scale = (v: ArrayLike<number>) => Array.from(v, (e) => e * c);
  return plantQp({ ...data, x: scale(data.x), s: scale(data.s), y: scale(data.y) });
}

/**
 * Large sparse least squares: min ½‖e‖² + gᵀx s.t. Mx − e = c, −1 ≤ x ≤ 1, with M (rows × cols) four
 * nonzeros per row within a band (as in deconvolution or smoothing problems) — the lifted form
 * (P = diag(0 on x, explicit; 1 on e)) solvers use for ½‖Mx − c‖². n = cols + rows, m = rows + 2·cols.
 */
export function leastSquaresQp(seed: number, cols: number, rows: number): PlantedQp {
  const r = lcgUniform(seed);
  const n = cols + rows;
  const P = new TripletBuilder(n, n);
  for (let j = 0; j < cols; j++) P.add(j, j, 0, true);
  for (let i = 0; i < rows; i++) P.add(cols + i, cols + i, 1);
  const A = new TripletBuilder(0, n);
  for (let i = 0; i < rows; i++) {
    const row = A.nextRow();
    for (let k = 0; k < 4; k++) A.add(row, bandColumn(r, Math.floor((i * cols) / rows), cols), r() + (r() > 0 ? 0.6 : -0.6));
    A.add(row, cols + i, -1);
  }
  const x = new Array<number>(n);
  const s: number[] = [];
  const y: number[] = [];
  // Equality multipliers equal to e make q zero on e: the objective is exactly ½‖e‖² + gᵀx.
  for (let i = 0; i < rows; i++) {
    x[cols + i] = r();
    s.push(0);
    y.push(x[cols + i]!);
  }
  const bound = (j: number, sign: number, active: boolean) => {
    const row = A.nextRow();
    A.add(row, j, sign);
    s.push(active ? 0 : 1 - sign * x[j]!);
    y.push(active ? r() + 0.6 : 0);
  };
  for (let j = 0; j < cols; j++) {
    const u = r();
    x[j] = u < -0.35 ? -1 : u > 0.35 ? 1 : 1.6 * u;
    bound(j, 1, x[j] === 1);
    bound(j, -1, x[j] === -1);
  }
  return plantQp({ P: P.toTriplets(), A: A.toTriplets(), equalities: rows, x, s, y });
}

/**
 * Discrete-time optimal control (CONT-like): states ξₖ ∈ R⁴ (k = 1..T, ξ₀ given) and controls uₖ ∈ R²,
 * ξₖ₊₁ = Fξₖ + Guₖ as equalities, ½Σ(‖ξₖ‖² + 0.1‖uₖ‖²) plus a linear term, |uₖ| ≤ 1 and a bound on
 * each state's first entry. Variables interleaved (u₀, ξ₁, u₁, ξ₂, …) so the KKT matrix is banded.
 */
export function optimalControlQp(seed: number, horizon: number): PlantedQp {
  const r = lcgUniform(seed);
  const ns = 4;
  const nu = 2;
  const block = ns + nu;
  const n = horizon * block;
  const F = Array.from({ length: ns }, (_, i) => Array.from({ length: ns }, (_, j) => (i === j ? 0.9 : 0) + 0.2 * r()));
  const G = Array.from({ length: ns }, () => Array.from({ length: nu }, () => r()));
  const u = (k: number, i: number) => k * block + i;
  const xi = (k: number, i: number) => (k - 1) * block + nu + i; // k = 1..T
  const P = new TripletBuilder(n, n);
  for (let k = 0; k < horizon; k++) {
    for (let i = 0; i < nu; i++) P.add(u(k, i), u(k, i), 0.1);
    for (let i = 0; i < ns; i++) P.add(xi(k + 1, i), xi(k + 1, i), 1);
  }
  const A = new TripletBuilder(0, n);
  // ξₖ₊₁ − Fξₖ − Guₖ = 0 (for k = 0 the Fξ₀ part is in b through the planted point's s = 0).
  for (let k = 0; k < horizon; k++) {
    for (let i = 0; i < ns; i++) {
      const row = A.nextRow();
      A.add(row, xi(k + 1, i), 1);
      if (k > 0) for (let j = 0; j < ns; j++) A.add(row, xi(k, j), -F[i]![j]!);
      for (let j = 0; j < nu; j++) A.add(row, u(k, j), -G[i]![j]!);
    }
  }
  const equalities = A.rowsUsed;
  const x = new Array<number>(n).fill(0);
  for (let k = 0; k < horizon; k++) for (let j = 0; j < nu; j++) x[u(k, j)] = Math.max(-1, Math.min(1, 1.6 * r()));
  // Roll the dynamics forward from ξ₀ so the equalities hold with b = Fξ₀ on the first block.
  let state = Array.from({ length: ns }, () => 2 * r());
  const firstRhs = state.map((_, i) => F[i]!.reduce((sum, f, j) => sum + f * state[j]!, 0));
  for (let k = 0; k < horizon; k++) {
    state = state.map(
      (_, i) => F[i]!.reduce((sum, f, j) => sum + f * state[j]!, 0) + G[i]!.reduce((sum, g, j) => sum + g * x[u(k, j)]!, 0),
    );
    for (let i = 0; i < ns; i++) x[xi(k + 1, i)] = state[i]!;
  }
  const s: number[] = [];
  const y: number[] = [];
  equalityPairs(r, equalities, s, y);
  for (let k = 0; k < horizon; k++) {
    for (let j = 0; j < nu; j++) {
      for (const sign of [1, -1]) {
        const row = A.nextRow();
        A.add(row, u(k, j), sign);
        const active = sign * x[u(k, j)]! === 1;
        s.push(active ? 0 : 1 - sign * x[u(k, j)]!);
        y.push(active ? r() + 0.6 : 0);
      }
    }
    const row = A.nextRow();
    A.add(row, xi(k + 1, 0), 1);
    const active = r() > 0.3;
    s.push(active ? 0 : r() + 0.6);
    y.push(active ? r() + 0.6 : 0);
  }
  const planted = plantQp({ P: P.toTriplets(), A: A.toTriplets(), equalities, x, s, y });
  // The planted b of the first block is ξ₁ − Gu₀ = Fξ₀: check the construction, it is the CONT structure.
  for (let i = 0; i < ns; i++)
    if (Math.abs(planted.problem.b[i]! - firstRhs[i]!) > 1e-9 * (1 + Math.abs(firstRhs[i]!)))
      throw new Error("optimalControlQp: dynamics do not close");
  return planted;
}

/**
 * Half-width of the band the generators draw column indices from. Uniformly random columns make the
 * KKT factor fill in almost completely (a random sparse graph): the n = 10⁴ least-squares problem
 * did not finish 7 iterations in 400 s; the structured problems of the public test sets are banded
 * or block-structured.
 */
const BAND = 10;

/** A column within BAND of `center`, clipped to [0, n). */
function bandColumn(r: Rng, center: number, n: number): number {
  return Math.min(n - 1, Math.max(0, center + Math.round(2 * BAND * r())));
}

/** Sparse random rows (three nonzeros each, within a band that moves along the diagonal) as a builder over n columns. */
function sparseRows(r: Rng, A: TripletBuilder, count: number, n: number): number[] {
  const made: number[] = [];
  for (let i = 0; i < count; i++) {
    const row = A.nextRow();
    for (let k = 0; k < 3; k++) A.add(row, bandColumn(r, Math.floor((i * n) / count), n), r() + (r() > 0 ? 0.6 : -0.6));
    made.push(row);
  }
  return made;
}

/** P = BᵀB + diag(d) with B (rank × n) three banded nonzeros per row: PSD, singular when d has zeros and rank < n. */
function lowRankP(r: Rng, n: number, rank: number, diagonal: (j: number) => number): Triplets {
  const P = new TripletBuilder(n, n);
  for (let j = 0; j < n; j++) P.add(j, j, diagonal(j), true);
  for (let k = 0; k < rank; k++) {
    const center = Math.floor((k * n) / rank);
    const cols = [0, 1, 2].map(() => bandColumn(r, center, n));
    const vals = cols.map(() => r());
    for (let a = 0; a < 3; a++) for (let c = 0; c < 3; c++) if (cols[a]! <= cols[c]!) P.add(cols[a]!, cols[c]!, vals[a]! * vals[c]!);
  }
  return P.toTriplets();
}

/**
 * Degenerate QP: P = BᵀB of rank n/2 (no diagonal), n/10 equality rows each repeated (A rank-deficient),
 * n inequality rows each repeated at twice the scale, and a third of the inequality pairs with s = y = 0
 * (no strict complementarity).
 */
export function degenerateQp(seed: number, n: number): PlantedQp {
  const r = lcgUniform(seed);
  const P = lowRankP(r, n, Math.floor(n / 2), () => 0);
  const A = new TripletBuilder(0, n);
  const x = Array.from({ length: n }, () => 2 * r());
  const base = sparseRows(r, A, Math.max(1, Math.floor(n / 10)), n);
  const duplicate = (row: number, factor: number) => {
    const copy = A.nextRow();
    const k0 = A.vals.length;
    for (let k = 0; k < k0; k++) if (A.rows[k] === row) A.add(copy, A.cols[k]!, factor * A.vals[k]!);
  };
  for (const row of base) duplicate(row, 1);
  const equalities = A.rowsUsed;
  const s: number[] = [];
  const y: number[] = [];
  // A repeated equality shares its multiplier between the copies.
  for (let i = 0; i < equalities; i++) {
    s.push(0);
    y.push(i < base.length ? 2 * r() : 0);
  }
  const inequalities = sparseRows(r, A, n, n);
  const pairs = inequalities.map(() => complementaryPair(r, 1, 1 / 3));
  for (const row of inequalities) duplicate(row, 2);
  for (const [si, yi] of pairs) {
    s.push(si);
    y.push(yi);
  }
  for (const [si, yi] of pairs) {
    s.push(2 * si);
    y.push(yi === 0 ? 0 : 0.5 * yi);
  }
  return plantQp({ P, A: A.toTriplets(), equalities, x, s, y });
}

/**
 * Badly scaled QP: a random sparse QP (P = BᵀB + diag, n/10 equalities, n inequalities) whose columns
 * and rows are scaled by 10^u with u uniform over `decades` decades (x = Dx̃, rows by E): P̃ = DPD,
 * Ã = EAD, q̃ = Dq, b̃ = Eb — the same optimum, on data spanning up to 10^(2·decades).
 */
export function badlyScaledQp(seed: number, n: number, decades: number): PlantedQp {
  const r = lcgUniform(seed);
  const colScale = Array.from({ length: n }, () => 10 ** (decades * r()));
  const P0 = lowRankP(r, n, n, () => 0.1);
  const A0 = new TripletBuilder(0, n);
  const equalities = Math.max(1, Math.floor(n / 10));
  sparseRows(r, A0, equalities + n, n);
  const m = A0.rowsUsed;
  const rowScale = Array.from({ length: m }, () => 10 ** (decades * r()));
  const P = { ...P0, vals: P0.vals.map((v, k) => v * colScale[P0.rows[k]!]! * colScale[P0.cols[k]!]!) };
  const A = { ...A0.toTriplets(), vals: A0.vals.map((v, k) => v * rowScale[A0.rows[k]!]! * colScale[A0.cols[k]!]!) };
  const x0 = Array.from({ length: n }, () => 2 * r());
  const s: number[] = [];
  const y: number[] = [];
  equalityPairs(r, equalities, s, y);
  for (let i = equalities; i < m; i++) {
    const [si, yi] = complementaryPair(r, 1);
    s.push(si);
    y.push(yi);
  }
  // In scaled coordinates: x̃ = D⁻¹x, s̃ = Es, ỹ = E⁻¹y.
  return plantQp({
    P,
    A,
    equalities,
    x: x0.map((v, j) => v / colScale[j]!),
    s: s.map((v, i) => v * rowScale[i]!),
    y: y.map((v, i) => v / rowScale[i]!),
  });
}

/** The statistics QP with one contradictory row added (x₀ ≥ u₀ + 1 against x₀ ≤ u₀): primal infeasible. */
export function infeasibleStatisticsQp(seed: number, n: number): ConicProblem {
  const { problem } = statisticsQp(seed, n);
  const A = problem.A;
  const m = A.shape[0];
  // The last n rows are the upper bounds xᵢ ≤ uᵢ; row m − n holds x₀'s.
  const upper0 = problem.b[m - n]!;
  return {
    ...problem,
    A: { rows: [...A.rows, m], cols: [...A.cols, 0], vals: [...A.vals, -1], shape: [m + 1, A.shape[1]] },
    b: [...problem.b, -(upper0 + 1)],
    cones: [{ type: "nonneg", dim: m + 1 }],
  };
}

/**
 * A QP with a free pair (v, w) tied by the equality v − w = 0, explicit zeros for both on P's
 * diagonal, and cost −v: unbounded along (v, w) = (1, 1) — the "free variable, explicit zero on
 * the diagonal" class, on top of a least-squares problem (`extraRows` equalities) or on its own.
 */
export function unboundedFreePairQp(seed: number, cols: number, rows: number): ConicProblem {
  const base = rows > 0 ? leastSquaresQp(seed, cols, rows).problem : undefined;
  const n0 = base ? base.q.length : 1;
  const m0 = base ? base.b.length : 0;
  const P = base?.P ?? { rows: [0], cols: [0], vals: [1], shape: [1, 1] as const };
  const A = base?.A ?? { rows: [], cols: [], vals: [], shape: [0, 1] as const };
  const equalities = base ? rows : 0;
  const v = n0;
  const w = n0 + 1;
  // The new equality row goes first (after the base's equalities) so the zero cone stays one block.
  const shift = (i: number) => (i >= equalities ? i + 1 : i);
  return {
    P: { rows: [...P.rows, v, w], cols: [...P.cols, v, w], vals: [...P.vals, 0, 0], shape: [n0 + 2, n0 + 2] },
    q: [...(base?.q ?? [1]), -1, 0],
    A: { rows: [...A.rows.map(shift), equalities, equalities], cols: [...A.cols, v, w], vals: [...A.vals, 1, -1], shape: [m0 + 1, n0 + 2] },
    b: [...(base?.b.slice(0, equalities) ?? []), 0, ...(base?.b.slice(equalities) ?? [])],
    cones: [{ type: "zero", dim: equalities + 1 }, ...(m0 > equalities ? [{ type: "nonneg" as const, dim: m0 - equalities }] : [])],
  };
}

/** Sizes of {@link qpStressSet}: `tiny` for unit tests (n ≤ ~200), `full` for the report (n up to ~10⁴). */
export type QpStressScale = "tiny" | "full";

/** The stress set: every family at the given scale, over `seeds`. */
export function qpStressSet(scale: QpStressScale = "full", seeds: readonly number[] = [1, 2]): QpStressProblem[] {
  const full = scale === "full";
  const out: QpStressProblem[] = [];
  const solved = (name: string, family: QpStressFamily, p: PlantedQp) =>
    out.push({ name, family, problem: p.problem, expected: { status: "solved", objective: p.objective } });
  for (const seed of seeds) {
    const nStat = full ? 2000 : 40;
    const statistics = statisticsQp(seed, nStat);
    solved(`statistics n=${nStat} seed=${seed}`, "statistics", statistics);
    // The wrong verdict: its statistics QP stalled after seven iterations of tiny steps.
    // (At the tiny size 3: it solves in 8, and from 6 on the stop is already almost_solved.)
    const stop = full ? 7 : 3;
    out.push({
      name: `statistics n=${nStat} seed=${seed} stopped after ${stop}`,
      family: "statistics",
      problem: statistics.problem,
      expected: { status: "solved", objective: statistics.objective },
      stopAfter: stop,
    });
    const [lsCols, lsRows] = full ? (seed === 1 ? [4000, 6000] : [1000, 2000]) : [30, 60];
    solved(`least-squares cols=${lsCols} rows=${lsRows} seed=${seed}`, "least-squares", leastSquaresQp(seed, lsCols, lsRows));
    const horizon = full ? (seed === 1 ? 1500 : 300) : 10;
    solved(`optimal-control T=${horizon} seed=${seed}`, "optimal-control", optimalControlQp(seed, horizon));
    const nDeg = full ? 2000 : 40;
    solved(`degenerate n=${nDeg} seed=${seed}`, "degenerate", degenerateQp(seed, nDeg));
    for (const decades of full ? [4, 8] : [4]) {
      const nBad = full ? 1000 : 30;
      solved(`badly-scaled n=${nBad} decades=${decades} seed=${seed}`, "badly-scaled", badlyScaledQp(seed, nBad, decades));
    }
    out.push({
      name: `statistics-infeasible n=${nStat} seed=${seed}`,
      family: "primal-infeasible",
      problem: infeasibleStatisticsQp(seed, nStat),
      expected: { status: "primal_infeasible" },
    });
    const [uCols, uRows] = full ? [500, 1000] : [10, 20];
    out.push({
      name: `free-pair-unbounded cols=${uCols} rows=${uRows} seed=${seed}`,
      family: "dual-infeasible",
      problem: unboundedFreePairQp(seed, uCols, uRows),
      expected: { status: "dual_infeasible" },
    });
  }
  out.push({
    name: "free-pair-unbounded tiny",
    family: "dual-infeasible",
    problem: unboundedFreePairQp(1, 0, 0),
    expected: { status: "dual_infeasible" },
  });
  return out;
}
