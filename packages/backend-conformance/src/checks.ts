import { backendInstance, isUserAlignError, type ConfidenceSetBackend, type UserAlignErrorCode } from "@useralign/core/backend";
import { expect } from "vitest";
import { backendCases, type BackendCase } from "./cases.js";
import { CASE_DELTA, CASE_S, expectedBest, maximizeCase, prepareCase } from "./run-case.js";
import type { TieCase } from "./tie-cases.js";

/**
 * Ties in the brute-force cases are decided at this tolerance (the session's own is 1e-9; values
 * are only checked to the suite's `tolerance`, so real near-ties are kept out of its cases).
 */
export const CASE_TIE_TOLERANCE = 1e-9;

/** The case is what it claims: the brute force's status, the binding test and τ as expected. */
export function checkCaseClaims(c: BackendCase): void {
  const p = prepareCase(c);
  expect(p.reference.status).toBe(c.expected.status);
  expect(p.lossMayBind).toBe(c.expected.lossMayBind);
  expect(p.instance.problem.lossMayBind).toBe(p.lossMayBind);
  expect(Math.abs(p.instance.problem.lossLevel - p.lossLevel)).toBeLessThanOrEqual(1e-9 * Math.max(1, p.lossLevel));
  if (c.expected.thetaHatInH !== undefined) expect(p.thetaHatInH, "θ̂ ∈ H").toBe(c.expected.thetaHatInH);
  if (c.expected.lossCuts) {
    const cut = p.reference.values.some((v, i) => v < p.withoutLoss!.values[i]! - 1e-3);
    expect(cut, "the loss constraint lowers some V_j by more than 1e-3").toBe(true);
  }
}

/** `all` mode: every V_j exact and within `tol` of the brute force; y⁽²⁾ by the tie rule. */
export function checkAllMode(backend: ConfidenceSetBackend, c: BackendCase, tol: number): void {
  const p = prepareCase(c);
  const r = maximizeCase(backend, p, "all", CASE_TIE_TOLERANCE);
  expect(r.values.length).toBe(p.candidates.length);
  for (let i = 0; i < p.candidates.length; i++) {
    const j = p.candidates[i]!;
    expect(r.exact[i], `V_${j} exact`).toBe(1);
    expect(
      Math.abs(r.values[i]! - p.reference.values[i]!),
      `V_${j} = ${r.values[i]} vs brute force ${p.reference.values[i]}`,
    ).toBeLessThanOrEqual(tol);
  }
  expect(r.best).toBe(expectedBest(p.candidates, r.values, CASE_TIE_TOLERANCE));
}

/** `best` mode: every value an upper bound (exact ones within `tol`), y⁽²⁾ exact and as in `all` mode. */
export function checkBestMode(backend: ConfidenceSetBackend, c: BackendCase, tol: number): void {
  const p = prepareCase(c);
  const all = maximizeCase(backend, p, "all", CASE_TIE_TOLERANCE);
  const r = maximizeCase(backend, p, "best", CASE_TIE_TOLERANCE);
  for (let i = 0; i < p.candidates.length; i++) {
    const j = p.candidates[i]!;
    expect(r.values[i]!, `value of candidate ${j} bounds V_${j} = ${p.reference.values[i]} from above`).toBeGreaterThanOrEqual(
      p.reference.values[i]! - tol,
    );
    if (r.exact[i]) expect(Math.abs(r.values[i]! - p.reference.values[i]!), `exact V_${j}`).toBeLessThanOrEqual(tol);
  }
  expect(r.best).toBe(all.best);
  expect(r.exact[r.best]).toBe(1);
  expect(r.solves).toBeLessThanOrEqual(all.solves);
}

/** y⁽²⁾ of a tie case in both modes, and in `all` mode the tied values within the tolerance. */
export function checkTie(backend: ConfidenceSetBackend, tie: TieCase): void {
  const instance = backendInstance({
    features: tie.features,
    comparisons: tie.comparisons,
    kind: tie.kind,
    S: CASE_S,
    delta: CASE_DELTA,
    first: tie.first ?? 0,
  });
  const { candidates } = instance;
  const at = (j: number) => candidates.indexOf(j);
  for (const mode of ["all", "best"] as const) {
    const r = backend.maximize(instance.problem, instance.directions, { candidates, mode, tieTolerance: tie.tieTolerance });
    expect(candidates[r.best], `${mode} mode`).toBe(tie.second);
    expect(r.exact[r.best]).toBe(1);
    if (mode === "all") {
      for (const j of tie.tiedWith)
        expect(Math.abs(r.values[at(j)]! - r.values[r.best]!), `V_${j} ties V_${tie.second}`).toBeLessThanOrEqual(tie.tieTolerance);
    }
  }
}

/** y⁽²⁾ of the "few consistent answers" case of each kind, by the brute force (the tie cases copy it). */
export function fewAnswersWinner(): { practical: number; loss: number } {
  const pick = (kind: "practical" | "loss") => {
    const p = prepareCase(backendCases.find((c) => c.name === `few consistent answers (${kind})`)!);
    return p.candidates[expectedBest(p.candidates, p.reference.values, CASE_TIE_TOLERANCE)]!;
  };
  return { practical: pick("practical"), loss: pick("loss") };
}

/** Runs `body`, which must throw a `UserAlignError` with `code`. */
export function expectUserAlignError(code: UserAlignErrorCode, name: string, body: () => void): void {
  let thrown: unknown;
  try {
    body();
  } catch (e) {
    thrown = e;
  }
  expect(isUserAlignError(thrown, code), `${name}: expected a UserAlignError "${code}", got ${String(thrown)}`).toBe(true);
}
