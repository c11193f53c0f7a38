// The entry esbuild bundles for the page: it hands the scenario to the test through one global,
// because a module script has no other way out. Bundled only by the test, never imported.
import "./strict-csp.js";
import { installPortableMath } from "./portable-math.js";
import { runSessions, solveCases, solveWithDefaultSolver, wasmEngineError } from "./scenario.js";

/** What the page exposes as `globalThis.useralign`. */
export interface PageApi {
  readonly solveCases: typeof solveCases;
  readonly solveWithDefaultSolver: typeof solveWithDefaultSolver;
  readonly runSessions: typeof runSessions;
  readonly installPortableMath: typeof installPortableMath;
  readonly wasmEngineError: typeof wasmEngineError;
}

(globalThis as unknown as { useralign: PageApi }).useralign = {
  solveCases,
  solveWithDefaultSolver,
  runSessions,
  installPortableMath,
  wasmEngineError,
};
