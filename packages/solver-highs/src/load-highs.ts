// `highs` types its package as CommonJS but resolves `import` to an ES module whose default export
// is the loader; NodeNext then types the default import as the whole module. Say what runs.
import * as highsModule from "highs";
import type { Highs } from "highs";

/** The loaded HiGHS WebAssembly runtime (`highs` npm package). */
export type HighsRuntime = Highs;

/** Options for loading HiGHS. */
export interface LoadHighsOptions {
  /**
   * A runtime loaded already (shared between the backend and the conic adapter, or loaded with
   * `locateFile` in a browser). @default a fresh `loadHighs()` of the `highs` package
   */
  readonly runtime?: HighsRuntime;
}

/** Loads HiGHS (asynchronous: WebAssembly compiles once; every solve after that is synchronous). */
export async function loadHighs(options: LoadHighsOptions = {}): Promise<HighsRuntime> {
  return options.runtime ?? (await (highsModule as unknown as { default: () => Promise<Highs> }).default());
}
