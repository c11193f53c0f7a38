/**
 * Issue 12: `almost_solved` met only the conic solver's looser tolerance, so the conic backend
 * never reports its objective as V_j: it redoes the candidate by core's general barrier route.
 * A wrapper relabels every `solved` as `almost_solved` (and perturbs its objective, so a value
 * taken from it would show): the backend's values must still be the structured backend's.
 */
import { createScsSolver, type ConicSolver } from "@useralign/conic";
import { describe, expect, it } from "vitest";
import { createConicBackend } from "../src/index.js";
import { makeInstance, stateOf, step, structured } from "./instances.js";

function almostSolving(inner: ConicSolver): ConicSolver {
  return {
    ...inner,
    solve(problem, settings) {
      const result = inner.solve(problem, settings);
      if (result instanceof Promise) throw new Error("the test wraps a synchronous solver");
      return result.status === "solved" ? { ...result, status: "almost_solved", primalObjective: result.primalObjective - 0.01 } : result;
    },
  };
}

describe("almost_solved is not exact", () => {
  it("redoes almost-solved candidates by the general route instead of reporting them", () => {
    const state = stateOf(makeInstance(23, 10, 2, 12, "btl"));
    const backend = createConicBackend({ solver: almostSolving(createScsSolver()), name: "conic-almost" });
    for (const kind of ["practical", "loss"] as const) {
      const ref = step(state, kind, structured);
      const got = step(state, kind, backend);
      expect(got.second).toBe(ref.second);
      ref.values.forEach((v, j) => {
        if (!Number.isNaN(v)) expect(Math.abs(got.values[j]! - v), `${kind} j=${j}`).toBeLessThan(1e-8);
      });
    }
  });
});
