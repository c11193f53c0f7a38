export { createScsSolver, type ScsSolverOptions } from "./scs-solver.js";
export { DEFAULT_SCS_SETTINGS, resolveScsSettings, type ScsSettings } from "./scs-settings.js";
export { projectExp } from "./exp-projection.js";
