import { DEFAULT_IPM_SETTINGS, type IpmSettings } from "../settings.js";

/**
 * The choices that make one interior-point configuration differ from another (same embedding,
 * same KKT system). `clarabel` follows Clarabel; `ecos` is in the spirit of ECOS: larger static
 * regularization and a more cautious step. (ECOS proper scales exp cones
 * with the dual Hessian only and has no third-order corrector; here the dual scaling is the fallback
 * strategy of both configurations, because as the sole strategy — and without the corrector — it
 * stalled on the unbounded and infeasible exp-cone tests. The options stay, for experiments.)
 */
export interface IpmConfiguration {
  /** The solver name reported in solutions. */
  readonly name: string;
  /** Defaults of the settings for this configuration. */
  readonly defaults: IpmSettings;
  /** `symmetric`: least-squares start shifted into the cones (only when every cone is symmetric); `unit`: s = z = e, x = 0. */
  readonly initialization: "symmetric" | "unit";
  /** Exponential-cone scaling: the primal–dual quasi-Newton one, or the dual barrier Hessian μ∇²f*(z). */
  readonly expScaling: "primal-dual" | "dual";
  /** Whether the combined step includes the Mehrotra second-order terms. */
  readonly higherOrderCorrection: boolean;
  /** Whether exp cones add Dahl–Andersen's third-order corrector term (ECOS has none). */
  readonly expThirdOrderCorrection: boolean;
  /** Whether the combined step backtracks until the iterate stays near the central path (Clarabel's barrier line search; problems with exp cones only). */
  readonly barrierLineSearch: boolean;
}

/** Clarabel's choices. */
export const CLARABEL_CONFIGURATION: IpmConfiguration = {
  name: "clarabel",
  defaults: DEFAULT_IPM_SETTINGS,
  initialization: "symmetric",
  expScaling: "primal-dual",
  higherOrderCorrection: true,
  expThirdOrderCorrection: true,
  barrierLineSearch: true,
};

/** ECOS-like choices (ECOS: static regularization 7e-8, dynamic 2e-7 at 1e-13, 9 refinement steps; step factor 0.98). ECOS's 3 equilibration passes failed the 1e-8..1e4 scaling test, so it keeps 10. */
export const ECOS_CONFIGURATION: IpmConfiguration = {
  name: "ecos",
  defaults: Object.freeze({
    ...DEFAULT_IPM_SETTINGS,
    staticRegularization: 7e-8,
    dynamicDelta: 2e-7,
    refinementSteps: 9,
    maxStepFraction: 0.98,
  }),
  initialization: "symmetric",
  expScaling: "primal-dual",
  expThirdOrderCorrection: true,
  higherOrderCorrection: true,
  barrierLineSearch: true,
};
