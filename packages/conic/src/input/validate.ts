import { cscFromTriplets, emptyCsc, type CscMatrix } from "../csc.js";
import type { ConeSpec, ConicProblem, Triplets } from "../problem.js";
import { ConicInputError, type ConicInputIssue } from "./errors.js";

/** A checked problem in the solver's internal form: CSC matrices, typed arrays, the cones as given. */
export interface CheckedProblem {
  readonly n: number;
  readonly m: number;
  /** Upper triangle of P (n×n), duplicates summed. */
  readonly P: CscMatrix;
  readonly q: Float64Array;
  readonly A: CscMatrix;
  readonly b: Float64Array;
  readonly cones: readonly ConeSpec[];
}

const CONE_TYPES = new Set(["zero", "nonneg", "soc", "exp"]);
type Path = (string | number)[];

function isIndex(v: unknown, bound: number): boolean {
  return Number.isInteger(v) && (v as number) >= 0 && (v as number) < bound;
}

function checkVector(v: unknown, path: Path, issues: ConicInputIssue[]): v is readonly number[] {
  if (!Array.isArray(v) && !ArrayBuffer.isView(v)) {
    issues.push({ code: "invalid_format", path, message: "must be an array of numbers" });
    return false;
  }
  const arr = v as ArrayLike<unknown>;
  for (let i = 0; i < arr.length; i++) {
    if (typeof arr[i] !== "number") {
      issues.push({ code: "invalid_format", path: [...path, i], message: "must be a number" });
      return false;
    }
    if (!Number.isFinite(arr[i])) {
      issues.push({ code: "non_finite", path: [...path, i], message: `must be finite (got ${String(arr[i])})` });
      return false;
    }
  }
  return true;
}

/** Checks one triplet matrix against its expected shape; returns whether it is usable. */
function checkTriplets(
  T: Triplets | undefined,
  name: "P" | "A",
  expected: readonly [number, number],
  issues: ConicInputIssue[],
): T is Triplets {
  if (T === undefined || T === null || typeof T !== "object") {
    issues.push({ code: "invalid_format", path: [name], message: "must be {rows, cols, vals, shape}" });
    return false;
  }
  const before = issues.length;
  const okRows = checkVector(T.rows, [name, "rows"], issues);
  const okCols = checkVector(T.cols, [name, "cols"], issues);
  const okVals = checkVector(T.vals, [name, "vals"], issues);
  if (!okRows || !okCols || !okVals) return false;
  if (T.rows.length !== T.cols.length || T.rows.length !== T.vals.length) {
    issues.push({
      code: "ragged_triplets",
      path: [name],
      message: `rows, cols and vals must have the same length (got ${T.rows.length}, ${T.cols.length}, ${T.vals.length})`,
    });
    return false;
  }
  const shape = T.shape as unknown;
  if (!Array.isArray(shape) || shape.length !== 2 || !shape.every((d) => Number.isInteger(d) && d >= 0)) {
    issues.push({ code: "invalid_format", path: [name, "shape"], message: "must be [rows, cols] with non-negative integers" });
    return false;
  }
  if (shape[0] !== expected[0] || shape[1] !== expected[1]) {
    issues.push({ code: "shape_mismatch", path: [name, "shape"], message: `must be [${expected.join(", ")}] (got [${shape.join(", ")}])` });
    return false;
  }
  for (let k = 0; k < T.rows.length; k++) {
    if (!isIndex(T.rows[k], expected[0])) {
      issues.push({
        code: "index_out_of_range",
        path: [name, "rows", k],
        message: `must be an integer in [0, ${expected[0]}) (got ${T.rows[k]})`,
      });
      break;
    }
  }
  for (let k = 0; k < T.cols.length; k++) {
    if (!isIndex(T.cols[k], expected[1])) {
      issues.push({
        code: "index_out_of_range",
        path: [name, "cols", k],
        message: `must be an integer in [0, ${expected[1]}) (got ${T.cols[k]})`,
      });
      break;
    }
  }
  return issues.length === before;
}

function checkCones(cones: unknown, m: number, issues: ConicInputIssue[]): void {
  if (!Array.isArray(cones)) {
    issues.push({ code: "invalid_format", path: ["cones"], message: "must be an array of {type, dim}" });
    return;
  }
  let total = 0;
  let ok = true;
  cones.forEach((cone: unknown, k) => {
    const c = (cone ?? {}) as { type?: unknown; dim?: unknown };
    if (typeof c.type !== "string" || !CONE_TYPES.has(c.type)) {
      issues.push({
        code: "unknown_cone",
        path: ["cones", k, "type"],
        message: `unknown cone type ${JSON.stringify(c.type)} (expected zero, nonneg, soc or exp)`,
      });
      ok = false;
      return;
    }
    if (!Number.isInteger(c.dim) || (c.dim as number) < 1) {
      issues.push({ code: "cone_dimensions", path: ["cones", k, "dim"], message: `must be a positive integer (got ${String(c.dim)})` });
      ok = false;
      return;
    }
    if (c.type === "exp" && c.dim !== 3) {
      issues.push({ code: "cone_dimensions", path: ["cones", k, "dim"], message: `an exp cone has dimension 3 (got ${String(c.dim)})` });
      ok = false;
      return;
    }
    total += c.dim as number;
  });
  if (ok && total !== m)
    issues.push({ code: "cone_dimensions", path: ["cones"], message: `cone dimensions add up to ${total}, but A has ${m} rows` });
}

/** P must be the upper triangle of a PSD matrix: no entries below the diagonal, and what is detectable cheaply (diagonal, 2×2 minors) must hold. */
function checkPsd(P: CscMatrix, issues: ConicInputIssue[]): void {
  const diagonal = new Float64Array(P.ncols);
  for (let j = 0; j < P.ncols; j++) {
    for (let p = P.colPtr[j]!; p < P.colPtr[j + 1]!; p++) if (P.rowIdx[p] === j) diagonal[j] = P.values[p]!;
  }
  for (let j = 0; j < P.ncols; j++) {
    if (diagonal[j]! < 0) {
      issues.push({ code: "not_psd", path: ["P"], message: `P is not positive semidefinite: P[${j}][${j}] = ${diagonal[j]} < 0` });
      return;
    }
  }
  for (let j = 0; j < P.ncols; j++) {
    for (let p = P.colPtr[j]!; p < P.colPtr[j + 1]!; p++) {
      const i = P.rowIdx[p]!;
      const v = P.values[p]!;
      // Relative slack: products of large entries carry rounding error of their own size.
      if (i !== j && diagonal[i]! * diagonal[j]! - v * v < -1e-12 * Math.max(v * v, diagonal[i]! * diagonal[j]!)) {
        issues.push({
          code: "not_psd",
          path: ["P"],
          message: `P is not positive semidefinite: the 2×2 minor of rows ${i}, ${j} is negative (P[${i}][${i}]·P[${j}][${j}] < P[${i}][${j}]²)`,
        });
        return;
      }
    }
  }
}

/**
 * Checks a problem completely before any iteration and converts it to the internal form.
 * Throws {@link ConicInputError} listing every issue found (each with a code and the field's path).
 * P is the upper triangle: an entry with row > col is rejected (`lower_triangle`), never folded.
 */
export function checkProblem(problem: ConicProblem): CheckedProblem {
  const issues: ConicInputIssue[] = [];
  if (problem === null || typeof problem !== "object")
    throw new ConicInputError([{ code: "invalid_format", path: [], message: "must be an object {P?, q, A, b, cones}" }]);
  const okQ = checkVector(problem.q, ["q"], issues);
  const okB = checkVector(problem.b, ["b"], issues);
  const n = okQ ? problem.q.length : -1;
  const m = okB ? problem.b.length : -1;
  const okA = n >= 0 && m >= 0 && checkTriplets(problem.A, "A", [m, n], issues);
  const hasP = problem.P !== undefined && problem.P !== null;
  const okP = n >= 0 && hasP && checkTriplets(problem.P, "P", [n, n], issues);
  if (m >= 0) checkCones(problem.cones, m, issues);
  let P: CscMatrix | undefined;
  if (okP) {
    const T = problem.P!;
    const below = T.rows.findIndex((r, k) => r > T.cols[k]!);
    if (below >= 0) {
      issues.push({
        code: "lower_triangle",
        path: ["P", "rows", below],
        message: `P holds only the upper triangle (row ≤ col), got an entry at (${T.rows[below]}, ${T.cols[below]}); drop the lower half of a symmetric P`,
      });
    } else {
      P = cscFromTriplets(n, n, T.rows, T.cols, T.vals);
      checkPsd(P, issues);
    }
  }
  const [first, ...rest] = issues;
  if (first) throw new ConicInputError([first, ...rest]);
  if (!okA || (hasP && !P)) throw new ConicInputError([{ code: "invalid_format", path: [], message: "could not be read" }]);
  const A = cscFromTriplets(m, n, problem.A.rows, problem.A.cols, problem.A.vals);
  return {
    n,
    m,
    P: P ?? emptyCsc(n, n),
    q: Float64Array.from(problem.q),
    A,
    b: Float64Array.from(problem.b),
    cones: problem.cones.map((c) => ({ ...c }) as ConeSpec),
  };
}
