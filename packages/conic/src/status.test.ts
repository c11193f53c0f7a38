import { describe, expect, it } from "vitest";
import { isErrored, isInfeasible, type SolverStatus } from "./status.js";

describe("status predicates", () => {
  it("classifies every status exactly once (or as solved)", () => {
    const all: SolverStatus[] = [
      "solved",
      "primal_infeasible",
      "dual_infeasible",
      "almost_solved",
      "almost_primal_infeasible",
      "almost_dual_infeasible",
      "max_iterations",
      "max_time",
      "numerical_error",
      "insufficient_progress",
    ];
    for (const s of all) expect(isErrored(s) && isInfeasible(s)).toBe(false);
    expect(all.filter(isErrored)).toEqual(["max_iterations", "max_time", "numerical_error", "insufficient_progress"]);
    expect(all.filter(isInfeasible)).toHaveLength(4);
  });
});
