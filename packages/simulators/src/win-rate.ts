import { sigmoid } from "@useralign/core";

/** How a simulated user's win-rate of one response over another is scored (method.md "Metrics"). */
export type WinRateModel = "btl" | "consistent";

/**
 * P_u[a ≻ b] for a user with preference vector θ*: σ(⟨θ*, φ(a) − φ(b)⟩) for BTL users, and 1, ½
 * or 0 for consistent users (a tie counts half).
 */
export function winProbability(model: WinRateModel, theta: ArrayLike<number>, a: ArrayLike<number>, b: ArrayLike<number>): number {
  let u = 0;
  for (let i = 0; i < theta.length; i++) u += theta[i]! * (a[i]! - b[i]!);
  if (model === "btl") return sigmoid(u);
  return u > 0 ? 1 : u < 0 ? 0 : 0.5;
}
