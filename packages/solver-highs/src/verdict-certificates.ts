import type { ConicProblem } from "@useralign/conic";

/**
 * Products with the ORIGINAL problem data (never HiGHS's regularized copy), in Clarabel's standard
 * form: minimize ½xᵀPx + qᵀx s.t. Ax + s = b, s ∈ K, K = zero rows × nonneg rows.
 */
export interface ProblemOps {
  readonly n: number;
  readonly m: number;
  /** 1 on zero-cone rows. */
  readonly isZero: Uint8Array;
  Ax(x: ArrayLike<number>): Float64Array;
  ATy(y: ArrayLike<number>): Float64Array;
  /** P x with P stored as its upper triangle. */
  Px(x: ArrayLike<number>): Float64Array;
}

/** Inner product. */
export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

function normInf(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s = Math.max(s, Math.abs(v[i]!));
  return s;
}

/** {@link ProblemOps} over `problem`'s triplets. */
export function problemOps(problem: ConicProblem, isZero: Uint8Array): ProblemOps {
  const n = problem.q.length;
  const m = problem.b.length;
  const { A, P } = problem;
  return {
    n,
    m,
    isZero,
    Ax: (x) => {
      const out = new Float64Array(m);
      A.vals.forEach((v, k) => (out[A.rows[k]!]! += v * x[A.cols[k]!]!));
      return out;
    },
    ATy: (y) => {
      const out = new Float64Array(n);
      A.vals.forEach((v, k) => (out[A.cols[k]!]! += v * y[A.rows[k]!]!));
      return out;
    },
    Px: (x) => {
      const out = new Float64Array(n);
      P?.vals.forEach((v, k) => {
        const i = P.rows[k]!;
        const j = P.cols[k]!;
        out[i]! += v * x[j]!;
        if (i !== j) out[j]! += v * x[i]!;
      });
      return out;
    },
  };
}

/** KKT residuals of a candidate (x, y), each scaled as in Clarabel's termination test. */
export interface KktReport {
  readonly s: Float64Array;
  readonly primalObjective: number;
  readonly dualObjective: number;
  /** ‖Ax + s − b‖∞ with s the projection of b − Ax on K (absolute). */
  readonly primalResidual: number;
  /** ‖Px + q + Aᵀy‖∞ (absolute). */
  readonly dualResidual: number;
  /** max(primal/(1+‖b‖), dual/(1+‖q‖), cone violation of y, |gap|/(1+|pobj|+|dobj|)): the certification measure. */
  readonly worst: number;
}

/** Residuals of (x, y) against the unregularized problem. */
export function kktReport(problem: ConicProblem, ops: ProblemOps, x: ArrayLike<number>, y: ArrayLike<number>): KktReport {
  const ax = ops.Ax(x);
  const s = Float64Array.from(problem.b, (bi, i) => (ops.isZero[i] ? 0 : Math.max(0, bi - ax[i]!)));
  let primalResidual = 0;
  for (let i = 0; i < ops.m; i++) primalResidual = Math.max(primalResidual, Math.abs(ax[i]! + s[i]! - problem.b[i]!));
  const px = ops.Px(x);
  const aty = ops.ATy(y);
  let dualResidual = 0;
  for (let i = 0; i < ops.n; i++) dualResidual = Math.max(dualResidual, Math.abs(px[i]! + problem.q[i]! + aty[i]!));
  let coneViolation = 0;
  for (let i = 0; i < ops.m; i++) if (!ops.isZero[i]) coneViolation = Math.max(coneViolation, -y[i]!);
  const quad = 0.5 * dot(x, px);
  const primalObjective = quad + dot(problem.q, x);
  const dualObjective = -quad - dot(problem.b, y);
  // The gap bounds complementarity: pobj − dobj = sᵀy + (Ax + s − b)ᵀy.
  const gap = Math.abs(primalObjective - dualObjective) / (1 + Math.abs(primalObjective) + Math.abs(dualObjective));
  const worst = Math.max(
    primalResidual / (1 + normInf(problem.b)),
    dualResidual / (1 + normInf(problem.q)),
    coneViolation / (1 + normInf(y)),
    gap,
  );
  return { s, primalObjective, dualObjective, primalResidual, dualResidual, worst: Number.isFinite(worst) ? worst : Infinity };
}

/**
 * How far `d` is from a certificate of unboundedness (dual infeasibility): after scaling to
 * qᵀd = −1, the largest of ‖Pd‖∞, the zero rows' |A_i d| and the nonneg rows' max(0, A_i d)
 * (A d + s = 0 with s ∈ K). Infinity when qᵀd ≥ 0 or d is not finite.
 */
export function rayViolation(problem: ConicProblem, ops: ProblemOps, d: ArrayLike<number>): number {
  const qd = dot(problem.q, d);
  if (!(qd < 0) || !Number.isFinite(qd)) return Infinity;
  const scale = -1 / qd;
  let worst = normInf(ops.Px(d)) * scale;
  const ad = ops.Ax(d);
  for (let i = 0; i < ops.m; i++) worst = Math.max(worst, (ops.isZero[i] ? Math.abs(ad[i]!) : Math.max(0, ad[i]!)) * scale);
  return Number.isFinite(worst) ? worst : Infinity;
}

/**
 * How far `y` is from a certificate of primal infeasibility: after scaling to bᵀy = −1, the largest
 * of ‖Aᵀy‖∞ and the nonneg rows' max(0, −y_i) (y ∈ K*). Infinity when bᵀy ≥ 0 or y is not finite.
 */
export function farkasViolation(problem: ConicProblem, ops: ProblemOps, y: ArrayLike<number>): number {
  const by = dot(problem.b, y);
  if (!(by < 0) || !Number.isFinite(by)) return Infinity;
  const scale = -1 / by;
  let worst = normInf(ops.ATy(y)) * scale;
  for (let i = 0; i < ops.m; i++) if (!ops.isZero[i]) worst = Math.max(worst, -y[i]! * scale);
  return Number.isFinite(worst) ? worst : Infinity;
}

/** Certification tolerances: an exact verdict at `exact`, its `almost_` form at `loose`. */
export interface VerdictTolerances {
  readonly exact: number;
  readonly loose: number;
}

/** Clarabel's defaults: 1e-8 full accuracy, 1e-5 reduced; widened to 1e-7 for HiGHS's 1e-9 simplex tolerances on scaled data. */
export const VERDICT_TOLERANCES: VerdictTolerances = { exact: 1e-7, loose: 1e-5 };

/** `exact` / `almost` / `refused` for a violation measure. */
export function grade(violation: number, tol: VerdictTolerances = VERDICT_TOLERANCES): "exact" | "almost" | "refused" {
  if (violation <= tol.exact) return "exact";
  return violation <= tol.loose ? "almost" : "refused";
}
