import { maximizeEach, type ConfidenceSetBackend } from "../backend.js";
import type { BarrierLimits } from "../solver/barrier.js";
import { ConeProjector, type ConeProjectionLimits } from "../solver/cone-projection.js";
import { generalSupportCache } from "../solver/general-support.js";

/** Internal limits of the structured backend (tests shrink them to force capped solves). */
export interface StructuredBackendLimits {
  /** Iteration caps of the cone projection. @default CONE_PROJECTION_LIMITS */
  projection?: ConeProjectionLimits;
  /** Iteration caps of the barrier route. @default CENTER_ITERATION_CAP and PATH_ITERATION_CAP */
  barrier?: BarrierLimits;
}

/**
 * The default backend: exact, and fast because it uses the structure of SPEC's problems.
 * - Practical set, loss constraint redundant: V = S·‖Π_C(c)‖ = S·√(‖Π_{C_r}(a)‖² + ρ²), a cone
 *   projection by NNLS on the shared Gram matrix, abandoned as soon as its running upper bound
 *   cannot beat the best candidate so far.
 * - Loss set, loss constraint redundant: Θ is the ball, V = S·‖c‖.
 * - Otherwise: the barrier method of {@link GeneralSupport} in rank(Z) + 1 variables.
 * A projection that ends capped or failed is redone by the barrier route; a barrier solve that is
 * not exact either is an `internal_error` ({@link maximizeEach}).
 */
export function createStructuredBackend(limits: StructuredBackendLimits = {}): ConfidenceSetBackend {
  const supportFor = generalSupportCache(limits.barrier);
  return {
    name: "structured",
    description: "exact cone projection (NNLS) with pruning; barrier method where the loss constraint binds",
    maximize(problem, directions, request) {
      const a = new Float64Array(problem.rank);
      if (problem.lossMayBind) {
        const support = supportFor(problem);
        return maximizeEach(problem, directions, request, (j) => support.support(directions.reduced(j, a), directions.residualNorm(j)));
      }
      if (problem.kind === "loss") {
        return maximizeEach(problem, directions, request, (j) => problem.S * directions.norm(j));
      }
      const S2 = problem.S * problem.S;
      const t = problem.rows.count;
      const projector = new ConeProjector(problem, limits.projection);
      const dots = new Float64Array(t);
      // A cheap, tighter bound for ordering and pruning: C lies in each halfspace H_k, and
      // ‖Π_C(a)‖ ≤ ‖Π_{H_k}(a)‖ (projection norms grow with the cone), so
      // V² ≤ S²·(‖c‖² − max_k min(0, ⟨ẑ_k, a⟩)²/‖ẑ_k‖²). O(t) per candidate with the cached ZΦᵀ.
      const upperBound = (j: number): number => {
        const c = directions.norm(j);
        if (!directions.halfspaceDots || t === 0) return problem.S * c;
        directions.halfspaceDots(j, dots);
        let cut = 0;
        for (let k = 0; k < t; k++) {
          const v = dots[k]!;
          if (v < 0) {
            const g = problem.gram[k * problem.gramStride + k]!;
            if (g > 0 && (v * v) / g > cut) cut = (v * v) / g;
          }
        }
        return problem.S * Math.sqrt(Math.max(0, c * c - cut * (1 - 1e-9)));
      };
      return maximizeEach(
        problem,
        directions,
        request,
        (j, hopeless) => {
          directions.reduced(j, a);
          let aSq = 0;
          for (let i = 0; i < problem.rank; i++) aSq += a[i]! * a[i]!;
          const rho = problem.hasResidual ? directions.residualNorm(j, aSq) : 0;
          const rhoSq = rho * rho;
          // NNLS iterates tighten the upper bound step by step; stop once it cannot win.
          const proj = projector.project(a, problem.rank, directions.halfspaceDots?.(j, dots), (upper) =>
            hopeless(problem.S * Math.sqrt(upper + rhoSq)),
          );
          if (proj.pruned) return null;
          if (proj.status !== "exact") return supportFor(problem).support(a, rho);
          return Math.sqrt(S2 * (proj.normSq + rhoSq));
        },
        upperBound,
      );
    },
  };
}
