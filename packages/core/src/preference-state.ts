import type { CandidateDirections } from "./confidence-set.js";
import type { ReducedRows } from "./logistic-loss.js";
import { OrthonormalBasis } from "./linalg/orthonormal-basis.js";
import { combineRows } from "./linalg/row-updates.js";
import { dotAt } from "./linalg/vector.js";

/** One answered question: the person preferred `winner` over `loser` (indices into the pool). */
export interface Comparison {
  readonly winner: number;
  readonly loser: number;
}

/**
 * The pool and the answer history, with everything the step computations share kept up to date
 * incrementally (method.md "structure"): an orthonormal basis Q of span(Z), the coordinates ẑ_k of every
 * z_k, the Gram matrix ZZᵀ, the projections P = QΦᵀ and the residuals Φ − PᵀQ of the candidates
 * that can need them (those in the history, and any a step asked for).
 * Each new comparison costs O(N·d) (one new row of P when the span grows), not a recomputation.
 *
 * Rows are distinct comparisons with a multiplicity w_k: adding a comparison that is already in
 * the history (an answer replayed instead of asking a pair twice, method.md step 7) raises its weight
 * and changes nothing else. The loss is L(θ) = Σ_k w_k·softplus(−⟨θ, z_k⟩), the same function as
 * with one row per entry, and the halfspaces of the practical set are unaffected by repeats, so
 * every step sees the same confidence set while its problems stay the size of the distinct history.
 */
export class PreferenceState implements ReducedRows {
  readonly n: number;
  readonly d: number;
  /** Φ, N×d row-major. */
  readonly features: Float64Array;
  readonly basis: OrthonormalBasis;
  /** The distinct comparisons, in the order they first entered the history (row k of Z). */
  readonly comparisons: Comparison[] = [];
  /** w_k: how many times comparison k is in the history. */
  private readonly multiplicity: number[] = [];
  /** Row index of each distinct comparison, keyed winner·N + loser. */
  private readonly rowOf = new Map<number, number>();
  private totalWeight = 0;
  private readonly normsSq: Float64Array;
  private readonly projections: Float64Array[] = [];
  /**
   * Residuals φ_j − QᵀQφ_j, each with the number of basis vectors taken out of it so far, for the
   * candidates {@link CandidateDirections.residualNorm}'s accurate fallback can need: it is taken
   * when c_j = φ_j − φ_first nearly lies in span(Z), which happens for candidates in the history
   * (kept up to date on every answer) and rarely for others (their
   * rows are made when first asked for, then kept up to date too).
   */
  private readonly residuals = new Map<number, { row: Float64Array; deflatedBy: number }>();
  private readonly zRows: Float64Array[] = [];
  /** Rows of ZΦᵀ: zPhi[k][j] = ⟨z_k, φ_j⟩, so ⟨z_k, c_j⟩ costs O(1) per k in every later step. */
  private readonly zPhi: Float64Array[] = [];
  /** Columns of ΦΦᵀ for recent y⁽¹⁾ (y⁽¹⁾ rarely changes between steps). */
  private readonly crossCache = new Map<number, Float64Array>();
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
    this.stride = 16;
    this.gramData = new Float64Array(this.stride * this.stride);
  }

  /** Number of distinct comparisons (rows of Z). */
  get count(): number {
    return this.zRows.length;
  }

  /** t = Σ_k w_k, the number of comparisons in the history, repeats included (method.md steps 1–3). */
  get total(): number {
    return this.totalWeight;
  }

  /** w_k, the multiplicity of row k. */
  weight(k: number): number {
    return this.multiplicity[k]!;
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

  /**
   * Adds a comparison to the history: a new row (updating every shared quantity), or one more
   * unit of weight on the row that already holds it. Returns the row index.
   */
  add(comparison: Comparison): number {
    const { n, d } = this;
    const key = comparison.winner * n + comparison.loser;
    this.totalWeight++;
    const known = this.rowOf.get(key);
    if (known !== undefined) {
      this.multiplicity[known]!++;
      return known;
    }
    const z = new Float64Array(d);
    const w = comparison.winner * d;
    const l = comparison.loser * d;
    for (let k = 0; k < d; k++) z[k] = this.features[w + k]! - this.features[l + k]!;
    const { coords, added } = this.basis.add(z);
    if (added) {
      // New row of P: p_j = ⟨q_new, φ_j⟩, one read of Φ. Only the residual rows that can be
      // needed are deflated (see `residuals`): deflating all N of them was a read and a write of
      // N·d per answer, about a fifth of the step at N = 1000, d = 512.
      const p = new Float64Array(n);
      for (let j = 0; j < n; j++) p[j] = dotAt(added, 0, this.features, j * d, d);
      this.projections.push(p);
    }
    if (this.basis.rank < d) {
      for (const j of this.residuals.keys()) this.residualRow(j);
      this.residualRow(comparison.winner);
      this.residualRow(comparison.loser);
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
    this.zPhi.push(combineRows(new Float64Array(n), coords, this.projections.slice(0, coords.length)));
    this.zRows.push(coords);
    this.comparisons.push({ winner: comparison.winner, loser: comparison.loser });
    this.multiplicity.push(1);
    this.rowOf.set(key, t);
    return t;
  }

  /**
   * Row j of the residuals Φ − PᵀQ (φ_j with every basis vector taken out, one at a time: each
   * deflation against an already-orthogonal residual keeps ρ_j accurate near zero), brought up
   * to date with the basis vectors added since it was last read.
   */
  private residualRow(j: number): Float64Array {
    const { d } = this;
    let entry = this.residuals.get(j);
    if (!entry) {
      entry = { row: this.feature(j).slice(), deflatedBy: 0 };
      this.residuals.set(j, entry);
    }
    const { row } = entry;
    const vectors = this.basis.vectors;
    for (; entry.deflatedBy < vectors.length; entry.deflatedBy++) {
      const q = vectors[entry.deflatedBy]!;
      let s = 0;
      for (let k = 0; k < d; k++) s += q[k]! * row[k]!;
      for (let k = 0; k < d; k++) row[k]! -= s * q[k]!;
    }
    return row;
  }

  /** ⟨θ, φ_j⟩ for every j, with θ = Qᵀα. */
  scores(alpha: ArrayLike<number>): Float64Array {
    return combineRows(new Float64Array(this.n), alpha, this.projections);
  }

  /** ⟨φ_j, φ_first⟩ for every j (cached: y⁽¹⁾ rarely changes from one step to the next). */
  private crossWith(first: number): Float64Array {
    let cross = this.crossCache.get(first);
    if (cross) return cross;
    const { n, d, features } = this;
    cross = new Float64Array(n);
    for (let i = 0; i < n; i++) cross[i] = dotAt(features, i * d, features, first * d, d);
    if (this.crossCache.size >= 4) this.crossCache.delete(this.crossCache.keys().next().value!);
    this.crossCache.set(first, cross);
    return cross;
  }

  /** The directions c_j = φ_j − φ_first of one step, in reduced coordinates. */
  directions(first: number): CandidateDirections {
    const { n, d, features, projections, zPhi, normsSq } = this;
    const r = projections.length;
    const t = zPhi.length;
    const hasResidual = r < d;
    const cross = this.crossWith(first);
    const fOff = first * d;
    const normSq = (j: number) => Math.max(0, normsSq[j]! + normsSq[first]! - 2 * cross[j]!);
    const residualRow = (j: number) => this.residualRow(j);
    return {
      count: n,
      first,
      reduced(j, out) {
        for (let i = 0; i < r; i++) out[i] = projections[i]![j]! - projections[i]![first]!;
        return out;
      },
      halfspaceDots(j, out) {
        for (let k = 0; k < t; k++) out[k] = zPhi[k]![j]! - zPhi[k]![first]!;
        return out;
      },
      residualNorm(j, reducedNormSq) {
        if (!hasResidual) return 0;
        if (reducedNormSq !== undefined) {
          // ‖c‖² − ‖a‖² is exact enough while the residual is not tiny next to ‖c‖; near zero it
          // would carry ~1e-8 of cancellation noise into V, so fall back to the residual vectors.
          const c2 = normSq(j);
          const rho2 = c2 - reducedNormSq;
          if (rho2 > 1e-6 * c2) return Math.sqrt(rho2);
        }
        const rj = residualRow(j);
        const rf = residualRow(first);
        let s = 0;
        for (let k = 0; k < d; k++) {
          const x = rj[k]! - rf[k]!;
          s += x * x;
        }
        return Math.sqrt(s);
      },
      norm: (j) => Math.sqrt(normSq(j)),
      halfspaceRow(k, out) {
        const row = zPhi[k]!;
        const f = row[first]!;
        for (let j = 0; j < n; j++) out[j] = row[j]! - f;
        return out;
      },
      normsSq(out) {
        for (let j = 0; j < n; j++) out[j] = normSq(j);
        return out;
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
