import { UserAlignError } from "@useralign/core";
import type { ConicProblem, Triplets } from "@useralign/conic";

/** Checks the shapes and numbers of a conic problem (misuse is an error, before any solve). */
export function validateConicProblem(problem: ConicProblem): { n: number; m: number } {
  const fail = (path: (string | number)[], message: string): never => {
    throw new UserAlignError("invalid_input", `Invalid conic problem: ${path.join(".")} ${message}.`, [{ path, message }]);
  };
  const n = problem.q.length;
  const m = problem.b.length;
  problem.q.forEach((v, i) => Number.isFinite(v) || fail(["q", i], "is not a finite number"));
  problem.b.forEach((v, i) => Number.isFinite(v) || fail(["b", i], "is not a finite number"));
  const checkTriplets = (name: string, t: Triplets, rows: number, cols: number, upper: boolean) => {
    if (t.shape[0] !== rows || t.shape[1] !== cols) fail([name, "shape"], `is [${t.shape.join(", ")}], expected [${rows}, ${cols}]`);
    if (t.rows.length !== t.vals.length || t.cols.length !== t.vals.length) fail([name], "has rows, cols and vals of different lengths");
    for (let k = 0; k < t.vals.length; k++) {
      const r = t.rows[k]!;
      const c = t.cols[k]!;
      if (!Number.isInteger(r) || r < 0 || r >= rows) fail([name, "rows", k], `= ${r} is out of range`);
      if (!Number.isInteger(c) || c < 0 || c >= cols) fail([name, "cols", k], `= ${c} is out of range`);
      if (!Number.isFinite(t.vals[k]!)) fail([name, "vals", k], "is not a finite number");
      if (upper && r > c) fail([name, "rows", k], "is below the diagonal (P is given as its upper triangle)");
    }
  };
  checkTriplets("A", problem.A, m, n, false);
  if (problem.P) checkTriplets("P", problem.P, n, n, true);
  let total = 0;
  problem.cones.forEach((c, i) => {
    if (!Number.isInteger(c.dim) || c.dim < 0) fail(["cones", i, "dim"], "must be a nonnegative integer");
    total += c.dim;
  });
  if (total !== m) fail(["cones"], `cover ${total} rows, but b has ${m}`);
  return { n, m };
}
