import type { CandidateDirections } from "./confidence-set.js";
import type { ReducedRows } from "./logistic-loss.js";
import { OrthonormalBasis } from "./linalg/orthonormal-basis.js";

/** One answered question: the person preferred `winner` over `loser` (indices into the pool). */
export interface Comparison {
  readonly winner: number;
  readonly loser: number;
}

/**
 * The pool and the answer history, with everything the step computations share kept up to date
 * incrementally (SPEC "structure"): an orthonormal basis Q of span(Z), the coordinates ẑ_k of every
 * z_k, the Gram matrix ZZᵀ, the projections P = QΦᵀ and the residuals Φ − PᵀQ of every candidate.
 * Each new comparison costs O(N·d) (one new row of P when the span grows), not a recomputation.
 */
export class PreferenceState implements ReducedRows {
  readonly n: number;
  readonly d: number;
  /** Φ, N×d row-major. */
  readonly features: Float64Array;
  readonly basis: OrthonormalBasis;
  readonly comparisons: Comparison[] = [];
  private readonly normsSq: Float64Array;
  private readonly projections: Float64Array[] = [];
  private readonly residuals: Float64Array;
  private readonly zRows: Float64Array[] = [];
  private gramData: Float64Array;
  private stride: number;

  constructor(features: Float64Array, n: number, d: number) {
    this.n = n;
    this.d = d;
    this.features = features;
    this.basis = new OrthonormalBasis(d);
    this.normsSq = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += features[j * d + k]! ** 2;
      this.normsSq[j] = s;
    }
    this.residuals = Float64Array.from(features);
    this.stride = 16;
    this.gramData = new Float64Array(this.stride * this.stride);
  }

  /** t, the number of comparisons in the history. */
  get count(): number {
    return this.zRows.length;
  }

  /** rank(Z). */
  get rank(): number {
    return this.basis.rank;
  }

  /** ẑ_k (length = the rank when it was recorded; later entries are zero). */
  row(k: number): Float64Array {
    return this.zRows[k]!;
  }

  get gram(): Float64Array {
    return this.gramData;
  }

  get gramStride(): number {
    return this.stride;
  }

  /** Row j of Φ as a view. */
  feature(j: number): Float64Array {
    return this.features.subarray(j * this.d, (j + 1) * this.d);
  }

  /** Appends a comparison and updates every shared quantity. */
  add(comparison: Comparison): void {
    const { n, d } = this;
    const z = new Float64Array(d);
    const w = comparison.winner * d;
    const l = comparison.loser * d;
    for (let k = 0; k < d; k++) z[k] = this.features[w + k]! - this.features[l + k]!;
    const { coords, added } = this.basis.add(z);
    if (added) {
      // New row of P from the residuals (they are already orthogonal to the old basis, which
      // keeps the projections accurate), then deflate the residuals.
      const p = new Float64Array(n);
      for (let j = 0; j < n; j++) {
        const off = j * d;
        let s = 0;
        for (let k = 0; k < d; k++) s += added[k]! * this.residuals[off + k]!;
        p[j] = s;
        for (let k = 0; k < d; k++) this.residuals[off + k]! -= s * added[k]!;
      }
      this.projections.push(p);
    }
    const t = this.zRows.length;
    if (t + 1 > this.stride) this.growGram();
    const s = this.stride;
    for (let k = 0; k < t; k++) {
      const other = this.zRows[k]!;
      let g = 0;
      for (let i = 0; i < other.length; i++) g += other[i]! * coords[i]!;
      this.gramData[t * s + k] = g;
      this.gramData[k * s + t] = g;
    }
    let self = 0;
    for (let i = 0; i < coords.length; i++) self += coords[i]! * coords[i]!;
    this.gramData[t * s + t] = self;
    this.zRows.push(coords);
    this.comparisons.push({ winner: comparison.winner, loser: comparison.loser });
  }

  /** ⟨θ, φ_j⟩ for every j, with θ = Qᵀα. */
  scores(alpha: ArrayLike<number>): Float64Array {
    const out = new Float64Array(this.n);
    for (let i = 0; i < this.projections.length; i++) {
      const a = alpha[i] ?? 0;
      if (a === 0) continue;
      const p = this.projections[i]!;
      for (let j = 0; j < this.n; j++) out[j]! += a * p[j]!;
    }
    return out;
  }

  /** ‖φ_j − φ_k‖² over all pairs would be O(N²d); this is the one row the step needs. */
  directions(first: number): CandidateDirections {
    const { n, d, features, residuals, projections } = this;
    const r = projections.length;
    const hasResidual = r < d;
    const rho = new Float64Array(n).fill(NaN);
    let cross: Float64Array | null = null;
    const fOff = first * d;
    return {
      count: n,
      first,
      reduced(j, out) {
        for (let i = 0; i < r; i++) out[i] = projections[i]![j]! - projections[i]![first]!;
        return out;
      },
      residualNorm(j) {
        if (!hasResidual) return 0;
        let v = rho[j]!;
        if (Number.isNaN(v)) {
          let s = 0;
          const off = j * d;
          for (let k = 0; k < d; k++) {
            const x = residuals[off + k]! - residuals[fOff + k]!;
            s += x * x;
          }
          v = Math.sqrt(s);
          rho[j] = v;
        }
        return v;
      },
      norm: (j) => {
        if (!cross) {
          cross = new Float64Array(n);
          for (let i = 0; i < n; i++) {
            let s = 0;
            const off = i * d;
            for (let k = 0; k < d; k++) s += features[off + k]! * features[fOff + k]!;
            cross[i] = s;
          }
        }
        const sq = this.normsSq[j]! + this.normsSq[first]! - 2 * cross[j]!;
        return Math.sqrt(Math.max(0, sq)) + 1e-12;
      },
      full(j) {
        const out = new Float64Array(d);
        for (let k = 0; k < d; k++) out[k] = features[j * d + k]! - features[fOff + k]!;
        return out;
      },
    };
  }

  private growGram(): void {
    const old = this.gramData;
    const os = this.stride;
    const ns = os * 2;
    const next = new Float64Array(ns * ns);
    for (let i = 0; i < this.zRows.length; i++) next.set(old.subarray(i * os, i * os + this.zRows.length), i * ns);
    this.gramData = next;
    this.stride = ns;
  }
}
