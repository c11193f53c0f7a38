/**
 * `@useralign/core/backend`: what a backend author needs — the interface a confidence-set backend
 * implements, the request and result of one step, the shared one-candidate-at-a-time loop and tie
 * rule, the problem types, the registry and package types, and test instances. App developers
 * import from `@useralign/core`.
 */
export {
  beats,
  maximizeEach,
  exactValue,
  type ConfidenceSetBackend,
  type MaximizeRequest,
  type MaximizeResult,
} from "./backend.js";
export { supportAtThetaHat, type ConfidenceSetProblem, type ConfidenceSetKind, type CandidateDirections } from "./confidence-set.js";
export type { NumericResult, NumericStatus } from "./solver/numeric-status.js";
export { createGeneralBackend } from "./backends/general.js";
export type { HalfspaceSystem } from "./solver/cone-projection.js";
export type { ReducedRows } from "./logistic-loss.js";
export { createBackendRegistry, type BackendRegistry, type BackendRegistryOptions } from "./registry.js";
export { type BackendPackage } from "./backend-packages.js";
export { backendInstance, type BackendInstance, type BackendInstanceInput } from "./backend-instance.js";
export type { Comparison } from "./preference-state.js";
export { UserAlignError, isUserAlignError, type UserAlignErrorCode } from "./errors.js";
