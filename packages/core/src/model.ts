/**
 * The Bradley–Terry–Luce preference model (method.md "The job"): P[y ≻ y'] = σ(⟨θ*, φ(y) − φ(y')⟩).
 */

/** The logistic function σ(x) = 1 / (1 + e^(−x)), evaluated without overflow. */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** softplus(x) = log(1 + e^x), evaluated without overflow or loss of digits for large |x|. */
export function softplus(x: number): number {
  if (x > 0) return x + Math.log1p(Math.exp(-x));
  return Math.log1p(Math.exp(x));
}

/** P[a ≻ b] under BTL with preference vector `theta`. */
export function preferenceProbability(theta: ArrayLike<number>, featuresA: ArrayLike<number>, featuresB: ArrayLike<number>): number {
  let u = 0;
  for (let i = 0; i < theta.length; i++) u += theta[i]! * (featuresA[i]! - featuresB[i]!);
  return sigmoid(u);
}
