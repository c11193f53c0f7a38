import { supportAtThetaHat, type ConfidenceSetProblem } from "../confidence-set.js";
import { UserAlignError } from "../errors.js";
import { totalWeight, type ReducedRows } from "../logistic-loss.js";
import { BarrierSolver, type BarrierLimits, type SmoothConvexSet } from "./barrier.js";
import { ConeProjector, type HalfspaceSystem } from "./cone-projection.js";
import type { NumericResult } from "./numeric-status.js";

/**
 * Θ counts as empty (method.md step 5: Θ = {θ̂}) when phase I finds no point inside the ball with
 * every halfspace and loss slack above EMPTY_TOLERANCE (slacks in their own units: ⟨ẑ_k, α⟩ and
 * τ − L(α)) and its duality bound proves that no point has them all above CERTIFIED_DEPTH.
 * Phase I keeps finding deeper points until double precision stalls it; on sets at the edge of
 * emptiness (τ within ~1e-9 of min_{H∩ball} L, t = 300) the bound then stands at ~1e-6. Sets
 * thinner than that are treated as empty; a phase I that cannot certify CERTIFIED_DEPTH throws
 * rather than guess.
 */
export const EMPTY_TOLERANCE = 1e-10;
/** See {@link EMPTY_TOLERANCE}. */
export const CERTIFIED_DEPTH = 1e-4;

/** What the general path needs to know about one step's confidence set. */
export interface GeneralSetSpec {
  rows: ReducedRows;
  rank: number;
  S: number;
  /** The halfspaces ⟨ẑ_k, α⟩ ≥ 0 (UserAlign) or none (UserAlign-loss). */
  halfspaces: HalfspaceSystem | null;
  /** τ = L(θ̂) + β_t, or null to leave the loss constraint out. */
  lossLevel: number | null;
  /** Whether θ has a component outside span(Z) (d > rank): adds the variable s = ‖θ⊥‖. */
  withResidual: boolean;
  /** α̂, the fallback point when the set is empty (method.md step 5). */
  thetaHat: Float64Array;
  /** Internal barrier limits (tests force caps with them). */
  limits?: BarrierLimits;
}

/**
 * The general path of the default solver: max_{θ ∈ Θ} ⟨θ, c⟩ when the loss constraint may bind.
 *
 * With θ = Qᵀα + θ⊥ the problem depends on θ⊥ only through s = ‖θ⊥‖ (the best θ⊥ points along c⊥),
 * so it becomes: maximize ⟨a, α⟩ + ρ·s over ‖(α, s)‖ ≤ S, Ẑα ≥ 0, L(α) ≤ τ — rank(Z) + 1 variables,
 * solved by a log-barrier method. Halfspaces that hold with equality on the whole cone (answer
 * cycles from a noisy user, e.g. a ≻ b ≻ c ≻ a) leave the set without interior; they are detected
 * first (k is such a row iff Π_C(ẑ_k) = 0) and the problem is restricted to their orthogonal
 * complement, where the barrier works.
 */
export class GeneralSupport {
  /** True when Θ is empty (or has no relative interior) and Θ = {θ̂} applies. */
  readonly empty: boolean;
  private readonly basis: Float64Array[] | null;
  private readonly set: SmoothConvexSet;
  private readonly solver: BarrierSolver;
  private readonly interior: Float64Array;

  constructor(private readonly spec: GeneralSetSpec) {
    const { rows, rank } = spec;
    const rowList: Float64Array[] = [];
    const lossWeights: number[] = [];
    for (let k = 0; k < rows.count; k++) {
      rowList.push(rows.row(k));
      lossWeights.push(rows.weight(k));
    }
    let halfspaceRows = spec.halfspaces ? rowList : [];
    let lossRows = rowList;
    let reducedRank = rank;
    this.basis = null;
    if (spec.halfspaces && rows.count > 0) {
      const equalities = implicitEqualities(spec.halfspaces, rowList, rank, spec.thetaHat);
      if (equalities.length > 0) {
        const basis = complementBasis(
          equalities.map((k) => rowList[k]!),
          rank,
        );
        this.basis = basis;
        reducedRank = basis.length;
        const transform = (v: Float64Array) => this.toReduced(v);
        const isEq = new Set(equalities);
        halfspaceRows = rowList.filter((_, k) => !isEq.has(k)).map(transform);
        lossRows = rowList.map(transform);
      }
    }
    // A comparison between two identical candidates has z = 0: its halfspace 0 ≥ 0 holds
    // everywhere, but as a barrier term it would leave no interior and fake an empty set.
    halfspaceRows = halfspaceRows.filter((h) => h.some((v) => v !== 0));
    const n = reducedRank + (spec.withResidual ? 1 : 0);
    // One loss row per distinct comparison, weighted by its multiplicity; one halfspace per
    // distinct comparison (a repeated halfspace is the same constraint).
    this.set = { n, radius: spec.S, halfspaces: halfspaceRows, lossRows, lossWeights, lossLevel: spec.lossLevel };
    this.solver = new BarrierSolver(this.set, spec.limits);
    if (n === 0) {
      // Θ ⊆ {0}: nonempty iff 0 meets the loss constraint.
      const zeroLoss = totalWeight(rows) * Math.LN2;
      this.empty = spec.lossLevel !== null && zeroLoss > spec.lossLevel;
      this.interior = new Float64Array(0);
      return;
    }
    const start = new Float64Array(n);
    const hat = this.toReduced(spec.thetaHat);
    for (let i = 0; i < hat.length; i++) start[i] = 0.5 * hat[i]!;
    const phase1 = this.solver.findInteriorPoint(start, EMPTY_TOLERANCE);
    this.interior = phase1.x;
    if (phase1.value < -EMPTY_TOLERANCE) {
      this.empty = false;
    } else if (phase1.lowerBound > -CERTIFIED_DEPTH) {
      // Θ is empty or thinner than the phase-I bound can resolve (see EMPTY_TOLERANCE).
      this.empty = true;
    } else {
      // Falling back to {θ̂} here would silently report a wrong V for a set that may be wide.
      throw new UserAlignError(
        "internal_error",
        `phase I of the barrier method did not converge (best constraint value ${phase1.value}, duality bound ${phase1.lowerBound} after ${phase1.newtonSteps} Newton steps), so it cannot tell whether the confidence set is empty`,
      );
    }
  }

  /**
   * max_{θ∈Θ} ⟨θ, c⟩ for c with reduced coordinates `a` and residual norm `rho`, with the status of
   * the barrier solve (exact for the empty-set fallback and Θ ⊆ {0}).
   */
  support(a: Float64Array, rho: number): NumericResult {
    if (this.empty) return { value: supportAtThetaHat(this.spec, a), status: "exact" };
    if (this.set.n === 0) return { value: 0, status: "exact" };
    const g = new Float64Array(this.set.n);
    g.set(this.toReduced(a));
    if (this.spec.withResidual) g[this.set.n - 1] = rho;
    const result = this.solver.maximize(g, this.interior);
    return { value: result.value, status: result.status };
  }

  private toReduced(v: ArrayLike<number>): Float64Array {
    if (!this.basis) return Float64Array.from({ length: this.spec.rank }, (_, i) => v[i] ?? 0);
    return Float64Array.from(this.basis, (u) => {
      let s = 0;
      for (let i = 0; i < u.length; i++) s += u[i]! * (v[i] ?? 0);
      return s;
    });
  }
}

/**
 * One {@link GeneralSupport} per step's problem, built on first use (a backend keeps one cache;
 * every candidate of the step shares the phase-I work).
 */
export function generalSupportCache(limits?: BarrierLimits): (problem: ConfidenceSetProblem) => GeneralSupport {
  const cache = new WeakMap<ConfidenceSetProblem, GeneralSupport>();
  return (problem) => {
    let support = cache.get(problem);
    if (!support) {
      support = new GeneralSupport({
        rows: problem.rows,
        rank: problem.rank,
        S: problem.S,
        halfspaces: problem.kind === "practical" ? problem : null,
        lossLevel: problem.lossLevel,
        withResidual: problem.hasResidual,
        thetaHat: problem.thetaHat,
        ...(limits ? { limits } : {}),
      });
      cache.set(problem, support);
    }
    return support;
  };
}

/**
 * Rows k with ⟨ẑ_k, α⟩ = 0 for every α in the cone C (equivalently Π_C(ẑ_k) = 0). A nonzero
 * y = Π_C(ẑ_k) is a point of C, so one projection also settles every row with ⟨ẑ_i, y⟩ > 0 as
 * strict somewhere: only the equality rows need a projection of their own.
 */
function implicitEqualities(system: HalfspaceSystem, rows: Float64Array[], rank: number, hint: Float64Array): number[] {
  const t = rows.length;
  // 0 unknown, 1 equality, 2 strict somewhere in C.
  const status = new Uint8Array(t);
  // Rounding leaves ⟨ẑ_i, y⟩ of an equality row at ~1e-16·‖ẑ_i‖·‖y‖, so "strict" must clear that
  // by a wide relative margin.
  const markStrict = (point: ArrayLike<number>) => {
    let pp = 0;
    for (let j = 0; j < rank; j++) pp += (point[j] ?? 0) ** 2;
    const pNorm = Math.sqrt(pp);
    rows.forEach((z, i) => {
      if (status[i] !== 0) return;
      let m = 0;
      let zz = 0;
      for (let j = 0; j < z.length; j++) {
        m += z[j]! * (point[j] ?? 0);
        zz += z[j]! * z[j]!;
      }
      if (zz === 0)
        status[i] = 2; // 0 ≥ 0: not a constraint at all
      else if (m > 1e-9 * Math.sqrt(zz) * pNorm) status[i] = 2;
    });
  };
  // θ̂ often lies inside C already (consistent answers): every row it satisfies strictly is settled.
  let hintInC = true;
  for (const z of rows) {
    let m = 0;
    for (let j = 0; j < z.length; j++) m += z[j]! * (hint[j] ?? 0);
    if (m < 0) hintInC = false;
  }
  if (hintInC) markStrict(hint);
  const projector = new ConeProjector(system);
  const a = new Float64Array(rank);
  for (let k = 0; k < t; k++) {
    if (status[k] !== 0) continue;
    const z = rows[k]!;
    a.fill(0);
    a.set(z);
    let zz = 0;
    for (const v of z) zz += v * v;
    const proj = projector.project(a, rank);
    if (proj.status !== "exact") {
      throw new UserAlignError(
        "internal_error",
        `The cone projection that tests halfspace ${k} for an implicit equality ended ${proj.status}.`,
      );
    }
    if (proj.normSq <= 1e-20 * zz) {
      // (supp(μ) would be equalities too in exact arithmetic, but near-cycles make that call
      // unreliable; each row is confirmed by its own projection.)
      status[k] = 1;
    } else {
      // y = a + Ẑᵀμ lies in C.
      const y = Float64Array.from(a);
      proj.mu.forEach((m, i) => {
        if (!(m > 0)) return;
        const zi = rows[i]!;
        for (let j = 0; j < zi.length; j++) y[j]! += m * zi[j]!;
      });
      status[k] = 2;
      markStrict(y);
    }
  }
  const out: number[] = [];
  status.forEach((s, k) => {
    if (s === 1) out.push(k);
  });
  return out;
}

/** An orthonormal basis of the orthogonal complement of span(vectors) in R^rank. */
function complementBasis(vectors: Float64Array[], rank: number): Float64Array[] {
  const span: Float64Array[] = [];
  const orthogonalize = (v: Float64Array, against: Float64Array[]) => {
    for (let pass = 0; pass < 2; pass++) {
      for (const q of against) {
        let c = 0;
        for (let i = 0; i < rank; i++) c += q[i]! * v[i]!;
        for (let i = 0; i < rank; i++) v[i]! -= c * q[i]!;
      }
    }
    let norm = 0;
    for (let i = 0; i < rank; i++) norm += v[i]! * v[i]!;
    return Math.sqrt(norm);
  };
  for (const z of vectors) {
    const v = new Float64Array(rank);
    v.set(z);
    const before = Math.sqrt(v.reduce((s, x) => s + x * x, 0));
    const norm = orthogonalize(v, span);
    if (norm > 1e-10 * before) span.push(v.map((x) => x / norm));
  }
  const complement: Float64Array[] = [];
  for (let e = 0; e < rank && span.length + complement.length < rank; e++) {
    const v = new Float64Array(rank);
    v[e] = 1;
    const norm = orthogonalize(v, [...span, ...complement]);
    if (norm > 1e-8) complement.push(v.map((x) => x / norm));
  }
  return complement;
}
