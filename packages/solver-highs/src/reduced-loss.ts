import { sigmoid, softplus, type ReducedRows } from "@useralign/core";

/**
 * The logistic loss of method.md step 1 in the step's reduced coordinates,
 * L(α) = Σ_k w_k·softplus(−⟨ẑ_k, α⟩) over the distinct comparisons with their multiplicities w_k,
 * with its gradient and Hessian: what the loss cuts and the exact finish need. Rows shorter than α
 * are zero-padded (they were recorded before later basis vectors existed).
 */
export class ReducedLoss {
  private readonly rows: Float64Array[];
  private readonly weights: Float64Array;
  private readonly margin: Float64Array;

  constructor(
    rows: ReducedRows,
    readonly rank: number,
  ) {
    this.rows = Array.from({ length: rows.count }, (_, k) => rows.row(k));
    this.weights = Float64Array.from({ length: rows.count }, (_, k) => rows.weight(k));
    this.margin = new Float64Array(rows.count);
  }

  /** L(α) (α may be longer than `rank`: the extra coordinate θ⊥ does not enter the loss). */
  value(alpha: ArrayLike<number>): number {
    let s = 0;
    for (let k = 0; k < this.rows.length; k++) s += this.weights[k]! * softplus(-this.dot(k, alpha));
    return s;
  }

  /** L(α) and ∇L(α) into `grad` (length ≥ rank; entries past rank are set to 0). */
  gradient(alpha: ArrayLike<number>, grad: Float64Array): number {
    grad.fill(0);
    let s = 0;
    for (let k = 0; k < this.rows.length; k++) {
      const m = this.dot(k, alpha);
      this.margin[k] = m;
      const weight = this.weights[k]!;
      s += weight * softplus(-m);
      const p = weight * sigmoid(-m);
      const z = this.rows[k]!;
      for (let i = 0; i < z.length; i++) grad[i]! -= p * z[i]!;
    }
    return s;
  }

  /** ∇²L at the margins of the last `gradient` call, added as `scale`·∇²L into `out` (stride `stride`). */
  addHessian(scale: number, out: Float64Array, stride: number): void {
    for (let k = 0; k < this.rows.length; k++) {
      const p = sigmoid(-this.margin[k]!);
      const w = scale * this.weights[k]! * p * (1 - p);
      const z = this.rows[k]!;
      for (let i = 0; i < z.length; i++) {
        const wi = w * z[i]!;
        for (let j = 0; j < z.length; j++) out[i * stride + j]! += wi * z[j]!;
      }
    }
  }

  private dot(k: number, alpha: ArrayLike<number>): number {
    const z = this.rows[k]!;
    let m = 0;
    for (let i = 0; i < z.length; i++) m += z[i]! * alpha[i]!;
    return m;
  }
}
