import type { ConicProblem } from "@useralign/conic";
import { confidenceSetInstance, confidenceSetProblem, randomProblem } from "@useralign/conic/testing";

/** Where the loss level of a sweep problem sits: 1.02·L₀ and 1.5·L₀ (L₀ = the loss at a random θ₀) or slack (1000·t). */
export type SweepLossLevel = "1.02" | "1.5" | "slack";

/**
 * The UserAlign confidence-set problem of @useralign/conic's tests (`@useralign/conic/testing`,
 * the same generator and seeds, so a sweep problem and a test problem with the same seed are the same
 * problem): minimize cᵀθ over ‖θ‖ ≤ S and Σᵢ softplus(aᵢᵀθ) ≤ L, each softplus(u) ≤ tᵢ as
 * (−tᵢ, 1, v₁) ∈ K_exp, (u − tᵢ, 1, v₂) ∈ K_exp, v₁ + v₂ ≤ 1. Variables (θ, t, v₁, v₂).
 */
export function sweepConfidenceSet(seed: number, d: number, T: number, level: SweepLossLevel, S = 3): ConicProblem {
  const { a, c, loss0 } = confidenceSetInstance(seed, d, T);
  return confidenceSetProblem(a, c, S, level === "slack" ? 1e3 * T : loss0 * Number(level));
}

/**
 * The random problem with 1–3 exponential cones and a known optimum of @useralign/conic's tests
 * (`randomProblem(seed, true)` of `@useralign/conic/testing`): a complementary
 * pair (s₀, y₀) cone by cone (exp cones: both on the boundary facing each other, or one side
 * interior), a PSD P = LᵀL or none, b = Ax₀ + s₀, q = −Px₀ − Aᵀy₀; the optimal value is returned.
 */
export function sweepRandomExp(seed: number): { problem: ConicProblem; objective: number } {
  return randomProblem(seed, true);
}
