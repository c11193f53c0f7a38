import { dot, dotAt } from "./vector.js";

/**
 * An orthonormal basis Q of span(z_1, …, z_t), grown one vector at a time (method.md "structure":
 * θ = Qα + θ⊥). Modified Gram–Schmidt with a second pass when the first cancelled most of the
 * vector, which keeps Q orthonormal to machine precision even for nearly dependent inputs.
 */
export class OrthonormalBasis {
  /** Basis vectors q_i, each of length `dim`. */
  readonly vectors: Float64Array[] = [];

  /**
   * @param dim ambient dimension d
   * @param rankTolerance a vector whose component outside the span is at most this fraction of
   *   its norm counts as lying in the span
   */
  constructor(
    readonly dim: number,
    readonly rankTolerance = 1e-10,
  ) {}

  get rank(): number {
    return this.vectors.length;
  }

  /**
   * Expresses `v` in the basis, extending the basis first when `v` leaves the span. Returns the
   * coordinates (length = rank after the call) and the new basis vector, if one was added.
   */
  add(v: ArrayLike<number>): { coords: Float64Array; added: Float64Array | null } {
    const d = this.dim;
    const r = this.vectors.length;
    const w = Float64Array.from(v as ArrayLike<number>);
    const coords = new Float64Array(r + 1);
    const vNorm = Math.sqrt(dot(w, w));
    let resid = this.orthogonalize(w, coords, r);
    // A second pass only when the first cancelled most of v ("twice is enough": what is left after
    // a pass that kept more than half of ‖v‖ is orthogonal to Q to working precision). New answers
    // in a high-dimensional pool almost always keep most of their direction, so this halves the work.
    if (resid < 0.5 * vNorm) resid = this.orthogonalize(w, coords, r);
    if (vNorm === 0 || resid <= this.rankTolerance * vNorm || r >= d) {
      return { coords: coords.subarray(0, r).slice(), added: null };
    }
    for (let k = 0; k < d; k++) w[k]! /= resid;
    this.vectors.push(w);
    coords[r] = resid;
    return { coords, added: w };
  }

  /** One modified Gram–Schmidt pass of `w` against the first `r` vectors; adds the coefficients to `coords`, returns ‖w‖ after. */
  private orthogonalize(w: Float64Array, coords: Float64Array, r: number): number {
    const d = this.dim;
    for (let i = 0; i < r; i++) {
      const q = this.vectors[i]!;
      const c = dotAt(q, 0, w, 0, d);
      coords[i]! += c;
      for (let k = 0; k < d; k++) w[k]! -= c * q[k]!;
    }
    return Math.sqrt(dotAt(w, 0, w, 0, d));
  }

  /** Coordinates Q·x (length = rank). */
  project(x: ArrayLike<number>): Float64Array {
    const out = new Float64Array(this.vectors.length);
    for (let i = 0; i < out.length; i++) out[i] = dot(this.vectors[i]!, x, this.dim);
    return out;
  }

  /** Qᵀ·alpha: the vector of R^d with coordinates `alpha`. */
  expand(alpha: ArrayLike<number>): Float64Array {
    const out = new Float64Array(this.dim);
    for (let i = 0; i < this.vectors.length; i++) {
      const a = alpha[i] ?? 0;
      if (a === 0) continue;
      const q = this.vectors[i]!;
      for (let k = 0; k < this.dim; k++) out[k]! += a * q[k]!;
    }
    return out;
  }
}
