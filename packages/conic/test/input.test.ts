import { describe, expect, it } from "vitest";
import { ConicInputError, isConicInputError, type ConicInputErrorCode } from "../src/input/errors.js";
import { checkProblem } from "../src/input/validate.js";
import { parseWireProblem } from "../src/input/wire.js";
import type { ConicProblem } from "../src/problem.js";
import { createClarabelSolver } from "../src/ipm-solvers.js";
import { resolveSettings } from "../src/settings.js";

const base = (): ConicProblem => ({
  P: { rows: [0, 0, 1], cols: [0, 1, 1], vals: [2, 1, 2], shape: [2, 2] },
  q: [1, 1],
  A: { rows: [0, 1], cols: [0, 1], vals: [-1, -1], shape: [2, 2] },
  b: [0, 0],
  cones: [{ type: "nonneg", dim: 2 }],
});

function expectIssue(problem: unknown, code: ConicInputErrorCode, path: (string | number)[], message?: RegExp): void {
  try {
    checkProblem(problem as ConicProblem);
  } catch (e) {
    expect(isConicInputError(e, code)).toBe(true);
    const err = e as ConicInputError;
    expect(err.issues[0]!.path).toEqual(path);
    if (message) expect(err.message).toMatch(message);
    return;
  }
  throw new Error(`expected a ConicInputError ${code}`);
}

describe("problem checks (before any iteration)", () => {
  it("accepts a valid problem and converts it to CSC, summing duplicates", () => {
    const p = { ...base(), A: { rows: [0, 0, 1], cols: [0, 0, 1], vals: [-0.5, -0.5, -1], shape: [2, 2] as const } };
    const checked = checkProblem(p);
    expect(Array.from(checked.A.values)).toEqual([-1, -1]);
    expect(Array.from(checked.A.colPtr)).toEqual([0, 1, 2]);
  });

  it("NaN and Infinity name the field", () => {
    expectIssue({ ...base(), q: [1, Number.NaN] }, "non_finite", ["q", 1], /q\.1: must be finite/);
    expectIssue({ ...base(), b: [0, Number.POSITIVE_INFINITY] }, "non_finite", ["b", 1]);
    expectIssue({ ...base(), A: { ...base().A, vals: [Number.NaN, 1] } }, "non_finite", ["A", "vals", 0]);
  });

  it("shape mismatches", () => {
    expectIssue({ ...base(), A: { ...base().A, shape: [3, 2] } }, "shape_mismatch", ["A", "shape"], /must be \[2, 2\] \(got \[3, 2\]\)/);
    expectIssue({ ...base(), P: { ...base().P!, shape: [3, 3] } }, "shape_mismatch", ["P", "shape"]);
  });

  it("triplet arrays of different lengths", () => {
    expectIssue({ ...base(), A: { ...base().A, vals: [1] } }, "ragged_triplets", ["A"], /same length/);
  });

  it("out-of-range and non-integer indices", () => {
    expectIssue({ ...base(), A: { ...base().A, rows: [0, 2] } }, "index_out_of_range", ["A", "rows", 1]);
    expectIssue({ ...base(), A: { ...base().A, cols: [-1, 1] } }, "index_out_of_range", ["A", "cols", 0]);
    expectIssue({ ...base(), A: { ...base().A, cols: [0.5, 1] } }, "index_out_of_range", ["A", "cols", 0]);
  });

  it("unknown cone types and cone dimensions that do not add up", () => {
    expectIssue({ ...base(), cones: [{ type: "psd", dim: 2 }] }, "unknown_cone", ["cones", 0, "type"], /unknown cone type "psd"/);
    expectIssue({ ...base(), cones: [{ type: "nonneg", dim: 1 }] }, "cone_dimensions", ["cones"], /add up to 1, but A has 2 rows/);
    expectIssue(
      {
        ...base(),
        cones: [
          { type: "nonneg", dim: 0 },
          { type: "nonneg", dim: 2 },
        ],
      },
      "cone_dimensions",
      ["cones", 0, "dim"],
    );
    expectIssue(
      { ...base(), A: { rows: [0], cols: [0], vals: [1], shape: [2, 2] }, cones: [{ type: "exp", dim: 2 }] },
      "cone_dimensions",
      ["cones", 0, "dim"],
      /dimension 3/,
    );
  });

  it("P entries below the diagonal are rejected (P is the upper triangle)", () => {
    expectIssue({ ...base(), P: { rows: [1], cols: [0], vals: [1], shape: [2, 2] } }, "lower_triangle", ["P", "rows", 0], /upper triangle/);
  });

  it("P not PSD where detectable: a negative diagonal, a negative 2×2 minor", () => {
    expectIssue({ ...base(), P: { rows: [0], cols: [0], vals: [-1], shape: [2, 2] } }, "not_psd", ["P"], /P\[0\]\[0\] = -1/);
    expectIssue({ ...base(), P: { rows: [0, 0, 1], cols: [0, 1, 1], vals: [1, 2, 1], shape: [2, 2] } }, "not_psd", ["P"], /2×2 minor/);
  });

  it("lists every issue it finds, first issue's code on the error", () => {
    try {
      checkProblem({ ...base(), q: [Number.NaN, 1], cones: [{ type: "cube" as never, dim: 2 }] });
      expect.unreachable();
    } catch (e) {
      const err = e as ConicInputError;
      expect(err.code).toBe("non_finite");
      expect(err.issues.map((i) => i.code)).toEqual(["non_finite", "unknown_cone"]);
    }
  });

  it("the solver throws before any iteration and leaves the input unchanged", async () => {
    const p = { ...base(), b: [0, Number.NaN] };
    const copy = JSON.stringify(p);
    await expect(createClarabelSolver().solve(p)).rejects.toThrow(ConicInputError);
    expect(JSON.stringify(p)).toBe(copy);
  });
});

describe("settings", () => {
  it("fills in defaults and rejects bad values and unknown keys by name", () => {
    expect(resolveSettings({}).maxIter).toBe(100);
    expect(resolveSettings({ maxIter: 7 }).maxIter).toBe(7);
    try {
      resolveSettings({ maxIter: 0, tolFeas: -1, kernels: "gpu" as never, bogus: 1 } as never);
      expect.unreachable();
    } catch (e) {
      const err = e as ConicInputError;
      expect(err.code).toBe("invalid_settings");
      expect(err.issues.map((i) => i.path.join("."))).toEqual([
        "settings.maxIter",
        "settings.tolFeas",
        "settings.kernels",
        "settings.bogus",
      ]);
    }
  });

  it("takes socExpansionThreshold as an integer ≥ 0 or Infinity (default 16)", () => {
    expect(resolveSettings({}).socExpansionThreshold).toBe(16);
    expect(resolveSettings({ socExpansionThreshold: 0 }).socExpansionThreshold).toBe(0);
    expect(resolveSettings({ socExpansionThreshold: Number.POSITIVE_INFINITY }).socExpansionThreshold).toBe(Number.POSITIVE_INFINITY);
    for (const bad of [-1, 2.5, Number.NaN, Number.NEGATIVE_INFINITY]) {
      expect(() => resolveSettings({ socExpansionThreshold: bad })).toThrow(/socExpansionThreshold|integer/);
    }
  });
});

describe("wire format", () => {
  it("parses a problem with settings and rejects malformed structure with paths", () => {
    const { problem, settings } = parseWireProblem({ ...base(), settings: { maxIter: 20 } });
    expect(settings).toEqual({ maxIter: 20 });
    expect(problem.q).toEqual([1, 1]);
    try {
      parseWireProblem({ ...base(), q: "nope", extra: 1 });
      expect.unreachable();
    } catch (e) {
      const err = e as ConicInputError;
      expect(err.code).toBe("invalid_format");
      expect(err.issues.map((i) => i.path.join("."))).toContain("q");
    }
  });

  it("accepts P: null and a missing P as an LP", () => {
    const { problem } = parseWireProblem({ ...base(), P: null });
    expect(problem.P).toBeUndefined();
    expect(() => checkProblem(problem)).not.toThrow();
  });
});
