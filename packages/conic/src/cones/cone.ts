/**
 * What the interior-point method needs from one cone K (and its dual K*), on the slice
 * [start, start + dim) of the stacked vectors s, z. Mirrors Clarabel's cone trait:
 *
 * - scaling: a positive definite H with H z = s (Nesterov–Todd H = WᵀW for symmetric cones, a
 *   primal–dual quasi-Newton scaling for the exponential cone), so that the linearized
 *   complementarity reads Δs + H Δz = −offset;
 * - the affine and combined (Mehrotra) right-hand sides of that equation;
 * - the largest step keeping s + αΔs ∈ K and z + αΔz ∈ K*.
 */
export interface Cone {
  readonly start: number;
  readonly dim: number;
  /** Barrier degree ν (0 for the zero cone). */
  readonly degree: number;
  /** Symmetric cones get a Jordan-algebra predictor–corrector; the exp cone a barrier-based one. */
  readonly symmetric: boolean;
  /**
   * How H is stored in the KKT matrix: its diagonal (`dim` values), its dense upper triangle
   * (column by column), or — second-order cones above `socExpansionThreshold` — the sparse
   * expansion η²D, aᵤ, aᵥ, −δᵤ, δᵥ of `soc-expansion.ts` (3·dim + 2 values, two extra KKT rows and columns).
   */
  readonly hessianShape: "diagonal" | "dense" | "expanded";
  /** s, z ← the cone's central unit point (s = z = e; 0 and free for the zero cone). */
  unitInitialization(s: Float64Array, z: Float64Array): void;
  /** For the symmetric initialization: the smallest eigenvalue of v in the cone's Jordan algebra (Infinity for the zero cone). */
  minEigenvalue(v: Float64Array): number;
  /** v ← v + α·e (the zero cone: s ← 0, z unchanged). */
  unitShift(v: Float64Array, alpha: number, isDual: boolean): void;
  /**
   * Recomputes the scaling at (s, z); μ is the current complementarity. `dualOnly` asks nonsymmetric
   * cones for the dual scaling μ∇²f*(z) (the fallback strategy). Returns false if s or z is not interior.
   */
  updateScaling(s: Float64Array, z: Float64Array, mu: number, dualOnly: boolean): boolean;
  /** Writes the KKT block of H (in the layout `hessianShape` names) at out[offset...]; returns the count. */
  writeHessian(out: Float64Array, offset: number): number;
  /** out ← H·v (on this cone's slice). */
  multiplyHessian(out: Float64Array, v: Float64Array): void;
  /** ds ← affine right-hand side: λ∘λ (symmetric) or s (exponential). */
  affineDs(ds: Float64Array, s: Float64Array): void;
  /** ds ← ds + Mehrotra correction for the combined step from the affine step (Δz, Δs), with target σμ. */
  combinedDsShift(ds: Float64Array, dzAffine: Float64Array, dsAffine: Float64Array, sigmaMu: number): void;
  /** out ← the offset so that Δs = −out − H Δz solves the linearized complementarity with right-hand side ds. */
  deltaSOffset(out: Float64Array, ds: Float64Array): void;
  /** Largest α ≤ alphaMax with z + αΔz ∈ K* and s + αΔs ∈ K (strictly, for cones without a closed form). */
  stepLength(dz: Float64Array, ds: Float64Array, z: Float64Array, s: Float64Array, alphaMax: number): number;
}

/** Largest α in [0, alphaMax] with v + α·d ≥ 0 componentwise on [start, end). */
export function orthantStep(v: Float64Array, d: Float64Array, start: number, end: number, alphaMax: number): number {
  let alpha = alphaMax;
  for (let i = start; i < end; i++) {
    if (d[i]! < 0) alpha = Math.min(alpha, -v[i]! / d[i]!);
  }
  return Math.max(alpha, 0);
}
