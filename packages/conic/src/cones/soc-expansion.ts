/**
 * The sparse expansion of a second-order cone's NT scaling block (Clarabel's "sparse SOC"), so a
 * cone of dimension d costs the KKT matrix 3d + 2 entries instead of d(d + 1)/2.
 *
 * With w̄ J-normalized (w̄₀² − ‖w̄₁‖² = 1) the block is H = η²(2w̄w̄ᵀ − J). Write it as
 *
 *   H = η²(D + uuᵀ − vvᵀ),  D = diag(d, 1, …, 1),  u = (u₀, α·w̄₁),  v = (0, β·w̄₁).
 *
 * Matching the three blocks of 2w̄w̄ᵀ − J: tail–tail I + (α² − β²)w̄₁w̄₁ᵀ needs α² − β² = 2;
 * corner d + u₀² = 2w̄₀² − 1 =: ω (= w̄₀² + ‖w̄₁‖² ≥ 1); cross u₀α = 2w̄₀. One free choice is left:
 * d = 1/(2ω) (Clarabel's), so u₀ = √(ω − d), α = 2w̄₀/u₀ and, using w̄₀² = (ω + 1)/2,
 *
 *   β² = α² − 2 = 2(2ω + 1)/(2ω² − 1),
 *
 * evaluated in that closed form (α² − 2 cancels catastrophically once ω ≫ 1 late in a run).
 *
 * In the KKT matrix the block −H becomes, with two extra variables p, r per cone,
 *
 *   [ −η²D   −aᵤ   −aᵥ ]      aᵤ = η²‖u‖·u, δᵤ = η²‖u‖²,   aᵥ = η²·v, δᵥ = η²
 *   [ −aᵤᵀ   δᵤ    0   ]      (eliminating p and r gives −η²D − aᵤaᵤᵀ/δᵤ + aᵥaᵥᵀ/δᵥ
 *   [ −aᵥᵀ   0    −δᵥ  ]       = −η²(D + uuᵀ − vvᵀ) = −H).
 *
 * p joins the positive (primal) side, r the negative one. Quasi-definiteness needs the negative
 * side's block [η²D, aᵥ; aᵥᵀ, δᵥ] positive definite, i.e. vᵀD⁻¹v < 1: here vᵀD⁻¹v = β²‖w̄₁‖² =
 * 1 − ω/(2ω² − 1) < 1 for every ω ≥ 1, so any elimination order the LDLᵀ picks has pivots of the
 * prescribed signs.
 *
 * Why the columns are scaled so (any c with a = c·ηu, δ = c² gives the same Schur complement):
 * static regularization adds ±ε to δ, which perturbs H by ε·η²uuᵀ/δ. With δ = 1 that is
 * ε·η²‖u‖² ~ ε·η²·2ω in norm, against H's smallest eigenvalue η²/(2ω): late in a run (ω ~ 1e4 and
 * up) refinement stopped converging and fragile problems took up to 9 more iterations. With
 * δᵤ = η²‖u‖² the perturbation is ε·ûûᵀ, the size of the ε·I the dense block gets; ‖v‖ < 1, so
 * δᵥ = η² already gives at most ε·vvᵀ.
 */

/** Entries an expanded cone of dimension `dim` writes: η²·diag(D), aᵤ, aᵥ, then −δᵤ and δᵥ. */
export function expandedSocEntries(dim: number): number {
  return 3 * dim + 2;
}

/**
 * Writes the expanded block in H's sign convention (the KKT matrix negates every entry): η²D,
 * aᵤ, aᵥ (each `dim` long), then −δᵤ and +δᵥ (so the extra diagonals come out as +δᵤ and −δᵥ), at
 * out[offset…], from w̄ = w[wAt … wAt + dim) and η. The WebAssembly batch (assembly/cones.ts)
 * repeats these operations in this order.
 */
export function writeExpandedSoc(w: Float64Array, wAt: number, dim: number, eta: number, out: Float64Array, offset: number): void {
  let tail2 = 0;
  for (let i = 1; i < dim; i++) tail2 += w[wAt + i]! * w[wAt + i]!;
  const w0 = w[wAt]!;
  const omega = w0 * w0 + tail2;
  const d = 0.5 / omega;
  const u0 = Math.sqrt(omega - d);
  const alpha = (2 * w0) / u0;
  const beta = Math.sqrt((2 * (2 * omega + 1)) / (2 * omega * omega - 1));
  const uNorm2 = omega - d + alpha * alpha * tail2;
  const eta2 = eta * eta;
  const scaleU = eta2 * Math.sqrt(uNorm2);
  const scaleUAlpha = scaleU * alpha;
  const scaleVBeta = eta2 * beta;
  const uAt = offset + dim;
  const vAt = offset + 2 * dim;
  out[offset] = eta2 * d;
  out[uAt] = scaleU * u0;
  out[vAt] = 0;
  for (let i = 1; i < dim; i++) {
    out[offset + i] = eta2;
    out[uAt + i] = scaleUAlpha * w[wAt + i]!;
    out[vAt + i] = scaleVBeta * w[wAt + i]!;
  }
  out[offset + 3 * dim] = -(eta2 * uNorm2);
  out[offset + 3 * dim + 1] = eta2;
}
