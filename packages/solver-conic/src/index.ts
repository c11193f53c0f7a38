export { ConfidenceSetCone, type ConeFormOptions } from "./confidence-set-cone.js";
export { createConicBackend, loadConicBackend, type ConicBackendOptions } from "./conic-backend.js";
export { registerConic, backendPackage, solverPackage } from "./backend-package.js";
