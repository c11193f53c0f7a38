import { ConicInputError } from "../input/errors.js";

/** Settings of the `scs` first-order solver. */
export interface ScsSettings {
  /** Iteration limit. @default 100000 */
  readonly maxIter: number;
  /** Wall-clock limit in milliseconds; Infinity for none. @default Infinity */
  readonly timeLimitMs: number;
  /** Absolute tolerance on residuals and gap. @default 1e-7 */
  readonly epsAbs: number;
  /** Relative tolerance on residuals and gap. @default 1e-7 */
  readonly epsRel: number;
  /** Tolerance of infeasibility certificates (normalized to bᵀy = −1 or qᵀx = −1). @default 1e-8 */
  readonly epsInfeasible: number;
  /** Over-relaxation α ∈ (0, 2). @default 1.5 */
  readonly alpha: number;
  /** Initial penalty on the equality rows (SCS's `scale`; adapted during the run when `adaptiveScale`). @default 0.1 */
  readonly scale: number;
  /** Rebalance `scale` from the primal/dual residual ratio. @default true */
  readonly adaptiveScale: boolean;
  /** Proximal weight on x (SCS's rho_x). @default 1e-6 */
  readonly rhoX: number;
  /** Equilibration passes (0 for none). @default 10 */
  readonly equilibratePasses: number;
  /** Iterations between termination checks. @default 10 */
  readonly checkInterval: number;
  /**
   * How each iteration's linear system is solved: `sparse` factors the quasi-definite KKT matrix
   * with the package's LDLᵀ kernels (TypeScript engine), `dense` the n×n normal matrix by Cholesky.
   * @default "sparse"
   */
  readonly linearSystem: "sparse" | "dense";
}

/** The defaults of {@link ScsSettings}. */
export const DEFAULT_SCS_SETTINGS: ScsSettings = Object.freeze({
  maxIter: 100_000,
  timeLimitMs: Infinity,
  epsAbs: 1e-7,
  epsRel: 1e-7,
  epsInfeasible: 1e-8,
  alpha: 1.5,
  scale: 0.1,
  adaptiveScale: true,
  rhoX: 1e-6,
  equilibratePasses: 10,
  checkInterval: 10,
  linearSystem: "sparse",
});

/** Fills in defaults and validates once (a bad setting is an input error, thrown before any iteration). */
export function resolveScsSettings(partial: Partial<ScsSettings> = {}): ScsSettings {
  const s = { ...DEFAULT_SCS_SETTINGS, ...partial };
  const positive = ["epsAbs", "epsRel", "epsInfeasible", "scale", "rhoX", "timeLimitMs"] as const;
  for (const key of positive) {
    if (!(s[key] > 0))
      throw new ConicInputError([
        { code: "invalid_settings", path: ["settings", key], message: `must be positive (got ${String(s[key])})` },
      ]);
  }
  for (const key of ["maxIter", "checkInterval", "equilibratePasses"] as const) {
    if (!Number.isInteger(s[key]) || s[key] < 0 || (key === "checkInterval" && s[key] === 0)) {
      throw new ConicInputError([
        {
          code: "invalid_settings",
          path: ["settings", key],
          message: `must be a ${key === "checkInterval" ? "positive" : "non-negative"} integer (got ${String(s[key])})`,
        },
      ]);
    }
  }
  if (s.linearSystem !== "sparse" && s.linearSystem !== "dense") {
    throw new ConicInputError([
      {
        code: "invalid_settings",
        path: ["settings", "linearSystem"],
        message: `must be "sparse" or "dense" (got ${String(s.linearSystem)})`,
      },
    ]);
  }
  if (!(s.alpha > 0 && s.alpha < 2))
    throw new ConicInputError([
      { code: "invalid_settings", path: ["settings", "alpha"], message: `must lie in (0, 2) (got ${String(s.alpha)})` },
    ]);
  return s;
}
