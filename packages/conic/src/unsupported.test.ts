import { describe, expect, it } from "vitest";
import type { ConicProblem } from "./problem.js";
import { assertSupported, isUnsupportedProblemError, UnsupportedProblemError, unsupportedFeature } from "./unsupported.js";

const empty = { rows: [], cols: [], vals: [], shape: [0, 1] as [number, number] };
const problem = (cones: ConicProblem["cones"], P?: ConicProblem["P"]): ConicProblem => ({
  q: [1],
  A: { ...empty, shape: [cones.reduce((s, c) => s + c.dim, 0), 1] },
  b: new Array(cones.reduce((s, c) => s + c.dim, 0)).fill(0),
  cones,
  ...(P ? { P } : {}),
});
const linearOnly = { name: "lp-only", supportedCones: new Set(["zero", "nonneg"] as const), supportsQuadratic: false };

describe("UnsupportedProblemError", () => {
  it("names the first unsupported cone, then a quadratic term", () => {
    expect(
      unsupportedFeature(
        problem([
          { type: "nonneg", dim: 2 },
          { type: "exp", dim: 3 },
          { type: "soc", dim: 2 },
        ]),
        linearOnly,
      ),
    ).toBe("exp");
    expect(unsupportedFeature(problem([{ type: "nonneg", dim: 1 }], { rows: [0], cols: [0], vals: [2], shape: [1, 1] }), linearOnly)).toBe(
      "quadratic",
    );
    // explicit zeros in P and empty cones do not count
    expect(
      unsupportedFeature(problem([{ type: "soc", dim: 0 }], { rows: [0], cols: [0], vals: [0], shape: [1, 1] }), linearOnly),
    ).toBeNull();
  });

  it("is thrown with a message naming the cone and the solver", () => {
    let caught: unknown;
    try {
      assertSupported(problem([{ type: "soc", dim: 3 }]), linearOnly);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(UnsupportedProblemError);
    expect(isUnsupportedProblemError(caught)).toBe(true);
    expect((caught as UnsupportedProblemError).feature).toBe("soc");
    expect((caught as UnsupportedProblemError).code).toBe("unsupported_problem");
    expect((caught as Error).message).toBe('Solver "lp-only" does not support the "soc" cone.');
    expect(isUnsupportedProblemError(new Error("x"))).toBe(false);
  });
});
