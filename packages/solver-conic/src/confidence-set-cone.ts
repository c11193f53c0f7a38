import type { ConeSpec, ConicProblem, Triplets } from "@useralign/conic";
import type { ConfidenceSetProblem } from "@useralign/core/backend";

/** Options of {@link ConfidenceSetCone}. */
export interface ConeFormOptions {
  /**
   * Include the loss constraint L(α) ≤ τ. Leaving it out is exact when `problem.lossMayBind` is
   * false (method.md "structure": it then cannot bind on the rest of the set).
   * @default problem.lossMayBind
   */
  readonly includeLoss?: boolean;
}

/**
 * One step's confidence set Θ in the conic standard form of `@useralign/conic`, in the reduced
 * coordinates the core hands a backend (method.md "structure"): with θ = Qᵀα + θ⊥ and σ = ‖θ⊥‖,
 *
 *   V(c) = max ⟨a, α⟩ + ρ·σ  over  ‖(α, σ)‖ ≤ S,  Ẑα ≥ 0 (practical set only),  L(α) ≤ τ,
 *
 * (a = Q·c, ρ = ‖c − Qᵀa‖), rank(Z) + 1 variables plus three per distinct comparison for the
 * loss: L(α) = Σₖ mₖ·softplus(uₖ) with uₖ = −⟨ẑₖ, α⟩ and mₖ the comparison's multiplicity in the
 * history (answers replayed instead of asking a pair twice, method.md step 7, add to it), and
 * softplus(u) ≤ v ⇔ e^{−v} + e^{u−v} ≤ 1, so
 *
 *   (−vₖ, 1, w¹ₖ) ∈ K_exp,  (uₖ − vₖ, 1, w²ₖ) ∈ K_exp,  w¹ₖ + w²ₖ ≤ 1,  Σₖ mₖ·vₖ ≤ τ.
 *
 * (mₖ copies of one comparison would each get their own vₖ, all equal at any point that matters,
 * so weighting one copy is the same set with fewer cones.)
 *
 * Variables x = (α, σ?, v, w¹, w²); rows: one SOC block (S; α, σ), the nonnegative rows
 * (halfspaces, w¹ + w² ≤ 1, Σmv ≤ τ), then two exponential cones per comparison. A, b and the
 * cones are built once per step; each candidate only changes q = −(a, ρ, 0, …).
 */
export class ConfidenceSetCone {
  /** Number of variables. */
  readonly n: number;
  /** Whether the loss rows are present. */
  readonly includesLoss: boolean;
  private readonly A: Triplets;
  private readonly b: number[];
  private readonly cones: ConeSpec[];
  private readonly rank: number;
  private readonly hasResidual: boolean;

  constructor(problem: ConfidenceSetProblem, options: ConeFormOptions = {}) {
    const r = problem.rank;
    const h = problem.hasResidual ? 1 : 0;
    const t = problem.rows.count;
    const loss = (options.includeLoss ?? problem.lossMayBind) && t > 0;
    this.rank = r;
    this.hasResidual = problem.hasResidual;
    this.includesLoss = loss;
    const vOff = r + h;
    const w1Off = vOff + t;
    const w2Off = w1Off + t;
    this.n = loss ? r + h + 3 * t : r + h;
    const rows: number[] = [];
    const cols: number[] = [];
    const vals: number[] = [];
    const b: number[] = [];
    const cones: ConeSpec[] = [];
    const entry = (col: number, val: number) => {
      rows.push(b.length);
      cols.push(col);
      vals.push(val);
    };
    // ‖(α, σ)‖ ≤ S: s = (S, α, σ); the first row of A is empty.
    b.push(problem.S);
    for (let i = 0; i < r + h; i++) {
      entry(i, -1);
      b.push(0);
    }
    cones.push({ type: "soc", dim: r + h + 1 });
    let nonneg = 0;
    if (problem.kind === "practical") {
      for (let k = 0; k < t; k++) {
        const z = problem.rows.row(k);
        // z_k = 0 (two identical candidates compared) is the constraint 0 ≥ 0: no row.
        if (!z.some((v) => v !== 0)) continue;
        z.forEach((v, i) => v !== 0 && entry(i, -v));
        b.push(0);
        nonneg++;
      }
    }
    if (loss) {
      for (let k = 0; k < t; k++) {
        entry(w1Off + k, 1);
        entry(w2Off + k, 1);
        b.push(1);
      }
      for (let k = 0; k < t; k++) entry(vOff + k, problem.rows.weight(k));
      b.push(problem.lossLevel);
      nonneg += t + 1;
    }
    if (nonneg > 0) cones.push({ type: "nonneg", dim: nonneg });
    if (loss) {
      for (let k = 0; k < t; k++) {
        const z = problem.rows.row(k);
        // (−v_k, 1, w¹_k): s = −v_k, 1, w¹_k
        entry(vOff + k, 1);
        b.push(0);
        b.push(1);
        entry(w1Off + k, -1);
        b.push(0);
        // (u_k − v_k, 1, w²_k) with u_k = −⟨ẑ_k, α⟩
        z.forEach((v, i) => v !== 0 && entry(i, v));
        entry(vOff + k, 1);
        b.push(0);
        b.push(1);
        entry(w2Off + k, -1);
        b.push(0);
        cones.push({ type: "exp", dim: 3 }, { type: "exp", dim: 3 });
      }
    }
    this.A = { rows, cols, vals, shape: [b.length, this.n] };
    this.b = b;
    this.cones = cones;
  }

  /** The conic problem of the candidate with reduced coordinates `a` and residual norm `rho` (minimizes −V). */
  problemFor(a: ArrayLike<number>, rho: number): ConicProblem {
    const q = new Array<number>(this.n).fill(0);
    for (let i = 0; i < this.rank; i++) q[i] = -(a[i] ?? 0);
    if (this.hasResidual) q[this.rank] = -rho;
    return { q, A: this.A, b: this.b, cones: this.cones };
  }
}
