import type { ConfidenceSetBackend, UserAlignErrorCode } from "@useralign/core/backend";
import { describe, it } from "vitest";
import { backendCases, type BackendCase } from "./cases.js";
import { checkAllMode, checkBestMode, checkCaseClaims, checkTie, expectUserAlignError, fewAnswersWinner } from "./checks.js";
import { tieCases } from "./tie-cases.js";

/** Options of {@link describeConfidenceSetBackend}. */
export interface DescribeBackendOptions {
  /** The brute-force cases to run. @default backendCases */
  readonly cases?: readonly BackendCase[];
  /** Largest |V_j − brute force| accepted for an exact value. @default 1e-6 */
  readonly tolerance?: number;
  /** Per-test timeout in milliseconds. @default 60000 */
  readonly timeoutMs?: number;
  /**
   * Cases (by name) this backend cannot handle, with the `UserAlignError` code it must throw on
   * them: they still run and pass only if the backend throws that error — never skipped.
   * @default {}
   */
  readonly unsupported?: Readonly<Record<string, UserAlignErrorCode>>;
}

/**
 * Registers vitest `describe`/`it` blocks that run a confidence-set backend through the suite:
 * V_j against a 2-D brute force in `all` mode (every value exact), `best` mode (every value an
 * upper bound, y⁽²⁾'s value exact and the same y⁽²⁾ as in `all` mode), both kinds, the loss
 * constraint redundant and binding, Θ = {0}, Θ empty (the θ̂ fallback), and the tie rule (lowest
 * index within the tolerance).
 *
 * @example
 * // test/backend-conformance.test.ts of a backend package
 * import { describeConfidenceSetBackend } from "@useralign/backend-conformance";
 * import { createMyBackend } from "../src/index.js";
 * describeConfidenceSetBackend(createMyBackend());
 */
export function describeConfidenceSetBackend(backend: ConfidenceSetBackend, options: DescribeBackendOptions = {}): void {
  const tol = options.tolerance ?? 1e-6;
  const timeout = options.timeoutMs ?? 60_000;
  // Every case runs; one the backend declares unsupported must throw the typed error it names.
  const run = (name: string, body: () => void) => () => {
    const code = options.unsupported?.[name];
    if (code === undefined) body();
    else expectUserAlignError(code, name, body);
  };

  describe(`confidence-set backend conformance: ${backend.name}`, () => {
    for (const c of options.cases ?? backendCases) {
      describe(`${c.name}: ${c.description}`, () => {
        it("the case is what it claims (brute-force status, binding test, τ)", () => checkCaseClaims(c), timeout);
        it(
          "all mode: every V_j exact and within the tolerance of the brute force; y⁽²⁾ by the tie rule",
          run(c.name, () => checkAllMode(backend, c, tol)),
          timeout,
        );
        it(
          "best mode: every value an upper bound, y⁽²⁾ exact and the same as in all mode",
          run(c.name, () => checkBestMode(backend, c, tol)),
          timeout,
        );
      });
    }

    describe("tie rule: the lowest index among values within the tolerance", () => {
      // The copy cases depend on the brute force, so they are built inside the tests.
      const names = tieCases({ practical: 1, loss: 1 }).map((t) => t.name);
      names.forEach((name, k) => {
        it(
          name,
          run(name, () => checkTie(backend, tieCases(fewAnswersWinner())[k]!)),
          timeout,
        );
      });
    });
  });
}
