export { UserAlignError, isUserAlignError, type UserAlignErrorCode, type UserAlignIssue } from "./errors.js";
export { sigmoid, softplus, preferenceProbability } from "./model.js";
export { confidenceRadius } from "./beta.js";
export { logisticLoss, totalWeight, type ReducedRows } from "./logistic-loss.js";
export {
  toFeatureMatrix,
  scaleFeatures,
  assertFeatureScale,
  maxPairwiseDistance,
  type FeatureMatrix,
  type FeatureRows,
  type ScaleOptions,
} from "./features.js";
export { Rng } from "./rng.js";
export { PreferenceState, type Comparison } from "./preference-state.js";
export type { ConfidenceSetBackend } from "./backend.js";
export { createStructuredBackend } from "./backends/structured.js";
export { createGeneralBackend } from "./backends/general.js";
export {
  createBackendRegistry,
  createSolverRegistry,
  type BackendRegistry,
  type BackendRegistryOptions,
  type SolverRegistry,
} from "./registry.js";
export {
  loadBackendRegistry,
  loadSolverRegistry,
  type BackendPackage,
  type LoadBackendRegistryOptions,
  type LoadSolverRegistryOptions,
  type SolverPackage,
} from "./backend-packages.js";
// Deprecated here: a backend author's API lives in `@useralign/core/backend` (one release).
export {
  beats,
  maximizeEach,
  type ConfidenceSetProblem,
  type ConfidenceSetKind,
  type CandidateDirections,
  type MaximizeRequest,
  type MaximizeResult,
} from "./deprecated-backend-exports.js";
export { fitMle, type MleResult } from "./solver/mle.js";
export type { NumericResult, NumericStatus } from "./solver/numeric-status.js";
export { projectOntoCone, type ConeProjection, type HalfspaceSystem } from "./solver/cone-projection.js";
export { computeStep, type StepDecision, type StepSettings } from "./step.js";
export { evaluateStep, type StepReport } from "./evaluate-step.js";
export { STOP_TOLERANCE, stopsOnBound, type BoundedStep } from "./stop-rule.js";
export type { BackendChoice } from "./resolve-backend.js";
export {
  methodSchema,
  answerSchema,
  sessionSettingsSchema,
  snapshotSchema,
  snapshotV1Schema,
  settingsChangeSchema,
  stepInputSchema,
  type Method,
  type AnswerInput,
  type SessionSettings,
  type SessionSnapshot,
  type SessionSnapshotV1,
  type SettingsChange,
  type StepInput,
} from "./schemas.js";
export {
  UserAlignSession,
  createSession,
  restoreSession,
  type SessionOptions,
  type RestoreOptions,
  type SessionView,
  type QuestionView,
  type ResultView,
  type FinishReason,
  type HistoryEntry,
} from "./session/session.js";
export type { PairwiseUser, ComparisonQuery, ComparisonCandidate } from "./user.js";
