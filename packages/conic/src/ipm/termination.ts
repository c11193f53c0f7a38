import { cscMultiply, cscMultiplyTransposed, symmetricUpperMultiply } from "../csc.js";
import type { Equilibration } from "../equilibration.js";
import type { CheckedProblem } from "../input/validate.js";
import type { SolverStatus } from "../status.js";
import { dot, normInf } from "./residuals.js";
import type { Variables } from "./variables.js";

/** Tolerances of one termination test (the full ones, or the reduced ones of the `almost_*` statuses). */
export interface Tolerances {
  readonly gapAbs: number;
  readonly gapRel: number;
  readonly feas: number;
  readonly infeasAbs: number;
  readonly infeasRel: number;
}

/** The current iterate mapped back to the user's problem, with its residuals. */
export interface Candidate {
  readonly x: Float64Array;
  readonly s: Float64Array;
  readonly z: Float64Array;
  readonly primalObjective: number;
  readonly dualObjective: number;
  /** ‖Ax + s − b‖∞ and ‖Px + Aᵀz + q‖∞ of the unscaled solution candidate (x, s, z)/τ. */
  readonly primalResidual: number;
  readonly dualResidual: number;
  /** Unscaled directions (no division by τ) for the infeasibility tests. */
  readonly direction: { readonly x: Float64Array; readonly s: Float64Array; readonly z: Float64Array };
  readonly tau: number;
  readonly kappa: number;
  /** Scratch space the certificate tests may overwrite. */
  readonly work: CandidateWorkspace;
}

/** Buffers for {@link candidateOf} and the certificate tests, reused across iterations (no per-iteration allocation). */
export class CandidateWorkspace {
  readonly x: Float64Array;
  readonly s: Float64Array;
  readonly z: Float64Array;
  readonly dx: Float64Array;
  readonly ds: Float64Array;
  readonly dz: Float64Array;
  readonly workN: Float64Array;
  readonly workN2: Float64Array;
  readonly workM: Float64Array;
  readonly workM2: Float64Array;
  constructor(n: number, m: number) {
    this.x = new Float64Array(n);
    this.s = new Float64Array(m);
    this.z = new Float64Array(m);
    this.dx = new Float64Array(n);
    this.ds = new Float64Array(m);
    this.dz = new Float64Array(m);
    this.workN = new Float64Array(n);
    this.workN2 = new Float64Array(n);
    this.workM = new Float64Array(m);
    this.workM2 = new Float64Array(m);
  }
}

/**
 * Maps the scaled iterate back through the equilibration and measures it on the original data.
 * With a workspace the candidate's arrays ARE the workspace's (valid until the next call with it).
 */
export function candidateOf(
  original: CheckedProblem,
  eq: Equilibration,
  v: Variables,
  work: CandidateWorkspace = new CandidateWorkspace(original.n, original.m),
): Candidate {
  const { n, m } = original;
  const { x, s, z, dx, ds, dz } = work;
  for (let j = 0; j < n; j++) {
    dx[j] = v.x[j]! * eq.D[j]!;
    x[j] = dx[j]! / v.tau;
  }
  for (let i = 0; i < m; i++) {
    ds[i] = v.s[i]! / eq.E[i]!;
    dz[i] = (v.z[i]! * eq.E[i]!) / eq.c;
    s[i] = ds[i]! / v.tau;
    z[i] = dz[i]! / v.tau;
  }
  const Px = work.workN;
  symmetricUpperMultiply(original.P, x, Px);
  const r = work.workM;
  cscMultiply(original.A, x, r);
  for (let i = 0; i < m; i++) r[i] = r[i]! + s[i]! - original.b[i]!;
  const rd = work.workN2;
  cscMultiplyTransposed(original.A, z, rd);
  for (let j = 0; j < n; j++) rd[j] = rd[j]! + Px[j]! + original.q[j]!;
  const xPx = dot(x, Px);
  return {
    x,
    s,
    z,
    primalObjective: 0.5 * xPx + dot(original.q, x),
    dualObjective: -0.5 * xPx - dot(original.b, z),
    primalResidual: normInf(r),
    dualResidual: normInf(rd),
    direction: { x: dx, s: ds, z: dz },
    tau: v.tau,
    kappa: v.kappa,
    work,
  };
}

/** The primal and dual residuals relative to the data and iterate sizes, as the optimality test scales them. */
export function relativeResiduals(original: CheckedProblem, c: Candidate): { readonly primal: number; readonly dual: number } {
  return {
    primal: c.primalResidual / Math.max(1, normInf(original.b) + normInf(c.x) + normInf(c.s)),
    dual: c.dualResidual / Math.max(1, normInf(original.q) + normInf(c.x) + normInf(c.z)),
  };
}

/** Whether the candidate is optimal to the tolerances (Clarabel's tests: gap absolute or relative, residuals relative to the data and iterate sizes). */
export function isOptimal(original: CheckedProblem, c: Candidate, tol: Tolerances): boolean {
  const gap = Math.abs(c.primalObjective - c.dualObjective);
  const gapOk = gap < tol.gapAbs || gap / Math.max(1, Math.min(Math.abs(c.primalObjective), Math.abs(c.dualObjective))) < tol.gapRel;
  const relative = relativeResiduals(original, c);
  const primalOk = relative.primal <= tol.feas;
  const dualOk = relative.dual <= tol.feas;
  return gapOk && primalOk && dualOk && Number.isFinite(c.primalObjective);
}

/**
 * κ/τ above which an iterate is read as heading for an infeasibility certificate (Clarabel's
 * `ktratio > 1000`). Below it the embedding is still near a solution scaled by τ, and a large
 * optimum passes the normalized certificate tests by size alone: a bounded QP with optimum
 * −2.85e7 stalled at κ/τ ≈ 1e-6, and its x/(−qᵀx) met the reduced tolerances of a dual-infeasibility
 * certificate (`almost_dual_infeasible` on a problem with a solution).
 */
export const INFEASIBILITY_KAPPA_TAU_RATIO = 1000;

/** Whether κ/τ says the iterate heads for a certificate (τ → 0 against κ), not a solution. */
function headsForCertificate(c: Candidate): boolean {
  return c.kappa > INFEASIBILITY_KAPPA_TAU_RATIO * c.tau;
}

/** y = z/(−bᵀz) when it certifies primal infeasibility (Aᵀy ≈ 0, bᵀy = −1, y ∈ K*), else undefined. */
export function primalCertificate(original: CheckedProblem, c: Candidate, tol: Tolerances): Float64Array | undefined {
  const bz = dot(original.b, c.direction.z);
  if (!(bz < 0) || !headsForCertificate(c)) return undefined;
  const y = c.work.workM2;
  for (let i = 0; i < y.length; i++) y[i] = c.direction.z[i]! / -bz;
  const Aty = c.work.workN2;
  cscMultiplyTransposed(original.A, y, Aty);
  const yNorm = normInf(y);
  if (!(yNorm * tol.infeasRel < 1)) return undefined;
  // Absolute on the normalized certificate: a tolerance growing with ‖y‖ would accept long
  // near-misses (rounding in a huge y) as certificates.
  return normInf(Aty) <= tol.infeasAbs ? y.slice() : undefined;
}

/** (x, s)/(−qᵀx) when they certify dual infeasibility (Px ≈ 0, Ax + s ≈ 0, qᵀx = −1, s ∈ K), else undefined. */
export function dualCertificate(original: CheckedProblem, c: Candidate, tol: Tolerances): { x: Float64Array; s: Float64Array } | undefined {
  const qx = dot(original.q, c.direction.x);
  if (!(qx < 0) || !headsForCertificate(c)) return undefined;
  // x, s go into the workspace's last two vectors (after candidateOf's residuals are read).
  const x = c.work.workN;
  const s = c.work.workM2;
  for (let j = 0; j < x.length; j++) x[j] = c.direction.x[j]! / -qx;
  for (let i = 0; i < s.length; i++) s[i] = c.direction.s[i]! / -qx;
  const xNorm = normInf(x);
  if (!(xNorm * tol.infeasRel < 1)) return undefined;
  const Px = c.work.workN2;
  symmetricUpperMultiply(original.P, x, Px);
  const r = c.work.workM;
  cscMultiply(original.A, x, r);
  for (let i = 0; i < r.length; i++) r[i]! += s[i]!;
  return normInf(Px) <= tol.infeasAbs && normInf(r) <= tol.infeasAbs ? { x: x.slice(), s: s.slice() } : undefined;
}

/** The verdict of one termination test. */
export type Verdict =
  | { readonly status: Extract<SolverStatus, "solved" | "almost_solved"> }
  | { readonly status: Extract<SolverStatus, "primal_infeasible" | "almost_primal_infeasible">; readonly y: Float64Array }
  | {
      readonly status: Extract<SolverStatus, "dual_infeasible" | "almost_dual_infeasible">;
      readonly x: Float64Array;
      readonly s: Float64Array;
    };

/** Runs the three tests at one tolerance level; `almost` selects the reduced statuses. */
export function judge(original: CheckedProblem, c: Candidate, tol: Tolerances, almost: boolean): Verdict | undefined {
  if (isOptimal(original, c, tol)) return { status: almost ? "almost_solved" : "solved" };
  const y = primalCertificate(original, c, tol);
  if (y) return { status: almost ? "almost_primal_infeasible" : "primal_infeasible", y };
  const d = dualCertificate(original, c, tol);
  if (d) return { status: almost ? "almost_dual_infeasible" : "dual_infeasible", ...d };
  return undefined;
}
