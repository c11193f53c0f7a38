import { backendInstance, isUserAlignError, type ConfidenceSetBackend, type UserAlignErrorCode } from "@useralign/core/backend";
import { describe, expect, it } from "vitest";
import { backendCases, type BackendCase } from "./cases.js";
import { CASE_DELTA, CASE_S, expectedBest, maximizeCase, prepareCase } from "./run-case.js";
import { tieCases, type TieCase } from "./tie-cases.js";

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

// Ties in the brute-force cases are decided at this tolerance (the session's own is 1e-9; the
// suite's values are only checked to `tolerance`, so real near-ties are kept out of its cases).
const CASE_TIE_TOLERANCE = 1e-9;

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
  const unsupported = options.unsupported ?? {};
  // Every case runs; one the backend declares unsupported must throw the typed error it names.
  const run = (name: string, body: () => void) => () => {
    const code = unsupported[name];
    if (code === undefined) return body();
    let thrown: unknown;
    try {
      body();
    } catch (e) {
      thrown = e;
    }
    expect(isUserAlignError(thrown, code), `${name}: expected a UserAlignError "${code}", got ${String(thrown)}`).toBe(true);
  };

  describe(`confidence-set backend conformance: ${backend.name}`, () => {
    for (const c of options.cases ?? backendCases) {
      describe(`${c.name}: ${c.description}`, () => {
        it(
          "the case is what it claims (brute-force status, binding test, τ)",
          () => {
            const p = prepareCase(c);
            expect(p.reference.status).toBe(c.expected.status);
            expect(p.lossMayBind).toBe(c.expected.lossMayBind);
            expect(p.instance.problem.lossMayBind).toBe(p.lossMayBind);
            expect(Math.abs(p.instance.problem.lossLevel - p.lossLevel)).toBeLessThanOrEqual(1e-9 * Math.max(1, p.lossLevel));
            if (c.expected.lossCuts) {
              const cut = p.reference.values.some((v, i) => v < p.withoutLoss!.values[i]! - 1e-3);
              expect(cut, "the loss constraint lowers some V_j by more than 1e-3").toBe(true);
            }
          },
          timeout,
        );

        it(
          "all mode: every V_j exact and within the tolerance of the brute force; y⁽²⁾ by the tie rule",
          run(c.name, () => {
            const p = prepareCase(c);
            const r = maximizeCase(backend, p, "all", CASE_TIE_TOLERANCE);
            expect(r.values.length).toBe(p.candidates.length);
            for (let i = 0; i < p.candidates.length; i++) {
              const j = p.candidates[i]!;
              expect(r.exact[i], `V_${j} exact`).toBe(1);
              expect(Math.abs(r.values[i]! - p.reference.values[i]!), `V_${j} = ${r.values[i]} vs brute force ${p.reference.values[i]}`).toBeLessThanOrEqual(tol);
            }
            expect(r.best).toBe(expectedBest(p.candidates, r.values, CASE_TIE_TOLERANCE));
          }),
          timeout,
        );

        it(
          "best mode: every value an upper bound, y⁽²⁾ exact and the same as in all mode",
          run(c.name, () => {
            const p = prepareCase(c);
            const all = maximizeCase(backend, p, "all", CASE_TIE_TOLERANCE);
            const r = maximizeCase(backend, p, "best", CASE_TIE_TOLERANCE);
            for (let i = 0; i < p.candidates.length; i++) {
              const j = p.candidates[i]!;
              expect(r.values[i]!, `value of candidate ${j} bounds V_${j} = ${p.reference.values[i]} from above`).toBeGreaterThanOrEqual(p.reference.values[i]! - tol);
              if (r.exact[i]) expect(Math.abs(r.values[i]! - p.reference.values[i]!), `exact V_${j}`).toBeLessThanOrEqual(tol);
            }
            expect(r.best).toBe(all.best);
            expect(r.exact[r.best]).toBe(1);
            expect(r.solves).toBeLessThanOrEqual(all.solves);
          }),
          timeout,
        );
      });
    }

    describe("tie rule: the lowest index among values within the tolerance", () => {
      const winner = () => {
        const pick = (kind: "practical" | "loss") => {
          const p = prepareCase(backendCases.find((c) => c.name === `few consistent answers (${kind})`)!);
          return p.candidates[expectedBest(p.candidates, p.reference.values, CASE_TIE_TOLERANCE)]!;
        };
        return { practical: pick("practical"), loss: pick("loss") };
      };
      // The cases depend on the brute force, so they are built inside the tests.
      for (const [k, name] of tieCaseNames().entries()) {
        it(
          name,
          run(name, () => {
            const tie = tieCases(winner())[k]!;
            checkTie(backend, tie);
          }),
          timeout,
        );
      }
    });
  });
}

function tieCaseNames(): string[] {
  return tieCases({ practical: 1, loss: 1 }).map((t) => t.name);
}

function checkTie(backend: ConfidenceSetBackend, tie: TieCase): void {
  const instance = backendInstance({ features: tie.features, comparisons: tie.comparisons, kind: tie.kind, S: CASE_S, delta: CASE_DELTA, first: tie.first ?? 0 });
  const { candidates } = instance;
  const at = (j: number) => candidates.indexOf(j);
  for (const mode of ["all", "best"] as const) {
    const r = backend.maximize(instance.problem, instance.directions, { candidates, mode, tieTolerance: tie.tieTolerance });
    expect(candidates[r.best], `${mode} mode`).toBe(tie.second);
    expect(r.exact[r.best]).toBe(1);
    if (mode === "all") {
      for (const j of tie.tiedWith) expect(Math.abs(r.values[at(j)]! - r.values[r.best]!), `V_${j} ties V_${tie.second}`).toBeLessThanOrEqual(tie.tieTolerance);
    }
  }
}
