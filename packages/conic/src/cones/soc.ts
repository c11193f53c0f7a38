import type { Cone } from "./cone.js";
import { expandedSocEntries, writeExpandedSoc } from "./soc-expansion.js";

/**
 * The second-order cone {(t, x): t ≥ ‖x‖₂}, self-dual, degree 1, e = (1, 0, …, 0).
 *
 * Nesterov–Todd scaling (Vandenberghe's CVXOPT notes §4): with J = diag(1, −1, …, −1),
 * s̄ = s/√(sᵀJs), z̄ = z/√(zᵀJz), γ = √((1 + s̄ᵀz̄)/2), w̄ = (s̄ + Jz̄)/(2γ) and η = (sᵀJs / zᵀJz)^¼,
 *   W = η·[w̄₀ w̄₁ᵀ; w̄₁ I + w̄₁w̄₁ᵀ/(1 + w̄₀)],   λ = W z = W⁻¹ s,   H = W² = η²(2w̄w̄ᵀ − J).
 * Jordan product u∘v = (uᵀv, u₀v₁ + v₀u₁).
 *
 * `expanded` cones write H for the KKT matrix in the sparse form of `soc-expansion.ts`
 * (η²D, aᵤ, aᵥ and the two extra diagonals) instead of its dense upper triangle.
 */
export class SecondOrderCone implements Cone {
  readonly degree = 1;
  readonly symmetric = true;
  readonly hessianShape: "dense" | "expanded";
  private readonly w: Float64Array;
  private readonly lambda: Float64Array;
  private eta = 1;
  private readonly work1: Float64Array;
  private readonly work2: Float64Array;
  constructor(
    readonly start: number,
    readonly dim: number,
    expanded = false,
  ) {
    this.hessianShape = expanded ? "expanded" : "dense";
    this.w = new Float64Array(dim);
    this.w[0] = 1;
    this.lambda = new Float64Array(dim);
    this.work1 = new Float64Array(dim);
    this.work2 = new Float64Array(dim);
  }

  unitInitialization(s: Float64Array, z: Float64Array): void {
    s.fill(0, this.start, this.start + this.dim);
    z.fill(0, this.start, this.start + this.dim);
    s[this.start] = 1;
    z[this.start] = 1;
  }

  minEigenvalue(v: Float64Array): number {
    // The eigenvalues of v in the Jordan algebra are t ± ‖x‖.
    return v[this.start]! - this.tailNorm(v);
  }
  unitShift(v: Float64Array, alpha: number): void {
    v[this.start]! += alpha;
  }

  private tailNorm(v: Float64Array): number {
    let sum = 0;
    for (let i = this.start + 1; i < this.start + this.dim; i++) sum += v[i]! * v[i]!;
    return Math.sqrt(sum);
  }

  /** vᵀJv = v₀² − ‖v₁‖², computed as (v₀ − ‖v₁‖)(v₀ + ‖v₁‖) to avoid cancellation. */
  private jNorm2(v: Float64Array): number {
    const t = this.tailNorm(v);
    return (v[this.start]! - t) * (v[this.start]! + t);
  }

  updateScaling(s: Float64Array, z: Float64Array): boolean {
    const sJs = this.jNorm2(s);
    const zJz = this.jNorm2(z);
    if (!(sJs > 0 && zJz > 0 && s[this.start]! > 0 && z[this.start]! > 0)) return false;
    const sNorm = Math.sqrt(sJs);
    const zNorm = Math.sqrt(zJz);
    let dot = 0;
    for (let i = 0; i < this.dim; i++) dot += (s[this.start + i]! / sNorm) * (z[this.start + i]! / zNorm);
    const gamma = Math.sqrt((1 + dot) / 2);
    this.w[0] = (s[this.start]! / sNorm + z[this.start]! / zNorm) / (2 * gamma);
    for (let i = 1; i < this.dim; i++) this.w[i] = (s[this.start + i]! / sNorm - z[this.start + i]! / zNorm) / (2 * gamma);
    // w̄ is J-normalized in exact arithmetic; re-derive w̄₀ from the tail so W stays exactly invertible as written.
    let tail = 0;
    for (let i = 1; i < this.dim; i++) tail += this.w[i]! * this.w[i]!;
    this.w[0] = Math.sqrt(1 + tail);
    this.eta = Math.sqrt(sNorm / zNorm);
    this.applyW(this.lambda, z, this.start, false);
    return true;
  }

  /** out[0..dim) ← W·v[offset..] (or W⁻¹·v). */
  private applyW(out: Float64Array, v: Float64Array, offset: number, inverse: boolean): void {
    const w0 = this.w[0]!;
    let tailDot = 0;
    for (let i = 1; i < this.dim; i++) tailDot += this.w[i]! * v[offset + i]!;
    const v0 = v[offset]!;
    const sign = inverse ? -1 : 1;
    const scale = inverse ? 1 / this.eta : this.eta;
    const c = sign * v0 + tailDot / (1 + w0);
    out[0] = scale * (w0 * v0 + sign * tailDot);
    for (let i = 1; i < this.dim; i++) out[i] = scale * (v[offset + i]! + c * this.w[i]!);
  }

  writeHessian(out: Float64Array, offset: number): number {
    if (this.hessianShape === "expanded") {
      writeExpandedSoc(this.w, 0, this.dim, this.eta, out, offset);
      return expandedSocEntries(this.dim);
    }
    const eta2 = this.eta * this.eta;
    let k = offset;
    for (let j = 0; j < this.dim; j++) {
      for (let i = 0; i <= j; i++) {
        const J = i === j ? (i === 0 ? 1 : -1) : 0;
        out[k++] = eta2 * (2 * this.w[i]! * this.w[j]! - J);
      }
    }
    return k - offset;
  }

  multiplyHessian(out: Float64Array, v: Float64Array): void {
    const eta2 = this.eta * this.eta;
    let dot = 0;
    for (let i = 0; i < this.dim; i++) dot += this.w[i]! * v[this.start + i]!;
    out[this.start] = eta2 * (2 * this.w[0]! * dot - v[this.start]!);
    for (let i = 1; i < this.dim; i++) out[this.start + i] = eta2 * (2 * this.w[i]! * dot + v[this.start + i]!);
  }

  affineDs(ds: Float64Array): void {
    // λ∘λ = (‖λ‖², 2λ₀λ₁).
    const l = this.lambda;
    let norm2 = 0;
    for (let i = 0; i < this.dim; i++) norm2 += l[i]! * l[i]!;
    ds[this.start] = norm2;
    for (let i = 1; i < this.dim; i++) ds[this.start + i] = 2 * l[0]! * l[i]!;
  }

  combinedDsShift(ds: Float64Array, dzAffine: Float64Array, dsAffine: Float64Array, sigmaMu: number): void {
    const a = this.work1;
    const b = this.work2;
    this.applyW(a, dsAffine, this.start, true);
    this.applyW(b, dzAffine, this.start, false);
    let dot = 0;
    for (let i = 0; i < this.dim; i++) dot += a[i]! * b[i]!;
    ds[this.start]! += dot - sigmaMu;
    for (let i = 1; i < this.dim; i++) ds[this.start + i]! += a[0]! * b[i]! + b[0]! * a[i]!;
  }

  deltaSOffset(out: Float64Array, ds: Float64Array): void {
    // x = λ \ ds solves λ∘x = ds: x₀ = (λ₀d₀ − λ₁ᵀd₁)/(λᵀJλ), x₁ = (d₁ − x₀λ₁)/λ₀; then out = W x.
    const l = this.lambda;
    const x = this.work1;
    let tailDot = 0;
    let tail2 = 0;
    for (let i = 1; i < this.dim; i++) {
      tailDot += l[i]! * ds[this.start + i]!;
      tail2 += l[i]! * l[i]!;
    }
    const tail = Math.sqrt(tail2);
    const det = (l[0]! - tail) * (l[0]! + tail);
    x[0] = (l[0]! * ds[this.start]! - tailDot) / det;
    for (let i = 1; i < this.dim; i++) x[i] = (ds[this.start + i]! - x[0]! * l[i]!) / l[0]!;
    this.applyW(this.work2, x, 0, false);
    for (let i = 0; i < this.dim; i++) out[this.start + i] = this.work2[i]!;
  }

  /** Largest α ≤ alphaMax with v + αd ∈ SOC: the first positive root of (v₀+αd₀)² − ‖v₁+αd₁‖² = 0. */
  private coneStep(v: Float64Array, d: Float64Array, alphaMax: number): number {
    const a = this.jNorm2(d);
    let b = d[this.start]! * v[this.start]!;
    for (let i = this.start + 1; i < this.start + this.dim; i++) b -= d[i]! * v[i]!;
    const c = Math.max(this.jNorm2(v), 0);
    // Roots of aα² + 2bα + c (c > 0 inside the cone).
    let alpha = Infinity;
    if (a === 0) {
      if (b < 0) alpha = c / (-2 * b);
    } else {
      const disc = b * b - a * c;
      if (disc >= 0) {
        const sq = Math.sqrt(disc);
        // Stable pair of roots: r1 = (−b − sign(b)·√disc)/a, r2 = c/(a·r1).
        const qv = -(b + (b >= 0 ? sq : -sq));
        const roots = [qv / a, qv !== 0 ? c / qv : Infinity];
        for (const r of roots) if (r > 0 && r < alpha) alpha = r;
      }
    }
    // The leading coordinate must also stay positive (the root can otherwise lie in −SOC).
    if (d[this.start]! < 0) alpha = Math.min(alpha, -v[this.start]! / d[this.start]!);
    return Math.max(0, Math.min(alpha, alphaMax));
  }

  stepLength(dz: Float64Array, ds: Float64Array, z: Float64Array, s: Float64Array, alphaMax: number): number {
    return Math.min(this.coneStep(z, dz, alphaMax), this.coneStep(s, ds, alphaMax));
  }
}
