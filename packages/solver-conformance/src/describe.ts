import { unsupportedFeature, type ConicSolver } from "@useralign/conic";
import { describe, expect, it } from "vitest";
import type { CaseFamily, ConicCase } from "./case.js";
import { conicCases } from "./cases/index.js";
import { runCase, type CaseResult, type ConformanceOptions } from "./run-case.js";

/** Options of {@link describeConicBackend}. */
export interface DescribeOptions extends ConformanceOptions {
  /** The cases to run. @default conicCases (all of them) */
  readonly cases?: readonly ConicCase[];
  /** Per-case test timeout in milliseconds. @default 20000 */
  readonly timeoutMs?: number;
  /** Called with every result (e.g. to collect iteration counts for a report). @default undefined */
  readonly onResult?: (result: CaseResult) => void;
  /**
   * Names of cases this solver is known to fail today. They still run, as `it.fails`: the test
   * fails as soon as the case passes, so the list can only shrink and never hides a new failure.
   * @default []
   */
  readonly knownFailures?: readonly string[];
}

/**
 * Registers vitest `describe`/`it` blocks that run every conformance case against `solver`: one
 * `describe` per family, one `it` per case. Cases using a cone the solver does not declare are
 * asserted to throw `UnsupportedProblemError` naming the cone, never skipped.
 *
 * @example
 * // test/conformance.test.ts of a solver package
 * import { describeConicBackend } from "@useralign/solver-conformance";
 * import { createMySolver } from "../src/index.js";
 * describeConicBackend(createMySolver());
 */
export function describeConicBackend(solver: ConicSolver, options: DescribeOptions = {}): void {
  const cases = options.cases ?? conicCases;
  const families = [...new Set(cases.map((c) => c.family))] as CaseFamily[];
  describe(`conic conformance: ${solver.name}`, () => {
    for (const family of families) {
      describe(family, () => {
        for (const c of cases.filter((k) => k.family === family)) {
          const feature = unsupportedFeature(c.problem, solver);
          const known = options.knownFailures?.includes(c.name) ?? false;
          const title =
            (feature ? `${c.name}: refuses (unsupported ${feature})` : `${c.name}: ${c.expected.status}`) +
            (known ? " (known failure)" : "");
          (known ? it.fails : it)(
            title,
            async () => {
              const result = await runCase(solver, c, options);
              options.onResult?.(result);
              expect(result.failures, `${c.name}: ${c.description}`).toEqual([]);
              expect(result.verdict).toBe(feature ? "refused" : "pass");
            },
            options.timeoutMs ?? 20_000,
          );
        }
      });
    }
  });
}
