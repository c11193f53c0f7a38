export { createHighsBackend, type HighsBackend, type HighsBackendOptions } from "./highs-backend.js";
export { loadHighs, type HighsRuntime, type LoadHighsOptions } from "./load-highs.js";
export { HIGHS_STATUS_TABLE, highsOutcome, type HighsOutcome, type HighsStatusEntry } from "./status-table.js";
export type { OuterApproximationSettings, OuterApproximationStats } from "./outer-approximation.js";
export { registerHighs, backendPackage, solverPackage } from "./register.js";
export { createHighsConicSolver, loadHighsConicSolver, type HighsConicSettings } from "./conic-adapter.js";
export { validateConicProblem } from "./conic-validation.js";
