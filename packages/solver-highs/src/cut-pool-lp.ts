import type { Model } from "highs";
import type { HighsRuntime } from "./load-highs.js";
import { highsOutcome, type HighsOutcome } from "./status-table.js";

/** One LP solve of the outer approximation. */
export interface LpSolve {
  readonly outcome: HighsOutcome;
  /** Optimal value (an upper bound on V: the LP's set contains Θ). */
  readonly value: number;
  readonly x: Float64Array;
  /** Halfspaces (indices into the set's list) that are nonbasic — active and linearly independent. */
  readonly activeHalfspaces: number[];
}

/**
 * The persistent HiGHS LP over one step's outer approximation of Θ: the box |x_i| ≤ S (implied by
 * the ball), s ≥ 0, the halfspaces ⟨ẑ_k, α⟩ ≥ 0 (rows scaled to unit norm), and the cuts added so
 * far. Every candidate of the step shares it: only the objective changes between candidates, so
 * simplex restarts from the previous basis, and every cut stays valid for all of them.
 */
export class CutPoolLp {
  private readonly model: Model;
  private rows = 0;
  private cutCount = 0;
  private readonly halfspaceRow: number[] = [];
  private readonly everything: { kind: "range"; from: number; to: number };

  constructor(
    highs: HighsRuntime,
    private readonly n: number,
    rank: number,
    S: number,
    halfspaces: readonly Float64Array[],
  ) {
    const lower = Array.from({ length: n }, (_, i) => (i < rank ? -S : 0));
    const upper = Array.from({ length: n }, () => S);
    this.model = highs.createModel({
      numCols: n,
      numRows: 0,
      sense: highs.constants.objectiveSense.maximize,
      colCost: new Float64Array(n),
      colLower: lower,
      colUpper: upper,
      rowLower: [],
      rowUpper: [],
      matrix: { format: "csr", numRows: 0, numCols: n, starts: [0], indices: [], values: [] },
    });
    this.everything = { kind: "range", from: 0, to: n - 1 };
    // Tight tolerances: the LP value is the upper bound that prunes candidates.
    this.model.options.set({
      output_flag: false,
      presolve: "off",
      solver: "simplex",
      primal_feasibility_tolerance: 1e-10,
      dual_feasibility_tolerance: 1e-10,
    });
    halfspaces.forEach((h, k) => {
      let nh = 0;
      for (let i = 0; i < n; i++) nh += h[i]! * h[i]!;
      // z = 0 (two identical candidates compared) is no constraint at all.
      if (!(nh > 0)) return;
      nh = Math.sqrt(nh);
      this.addRow(
        Float64Array.from(h, (v) => v / nh),
        0,
        Infinity,
      );
      this.halfspaceRow[this.rows - 1] = k;
    });
  }

  /** Cuts added so far. */
  get cuts(): number {
    return this.cutCount;
  }

  /** Adds the cut ⟨a, x⟩ ≤ b. */
  addCut(a: Float64Array, b: number): void {
    this.addRow(a, -Infinity, b);
    this.cutCount++;
  }

  /** Maximizes ⟨g, x⟩ over the current outer approximation. */
  solve(g: Float64Array): LpSolve {
    this.model.changeColsCost(this.everything, g.subarray(0, this.n));
    this.model.run();
    const outcome = highsOutcome(this.model.getModelStatus());
    if (!("status" in outcome) || outcome.status !== "solved") {
      return { outcome, value: NaN, x: new Float64Array(this.n), activeHalfspaces: [] };
    }
    const solution = this.model.getSolution();
    const basis = this.model.getBasis();
    const active: number[] = [];
    this.halfspaceRow.forEach((k, row) => {
      if (basis.rowStatus[row] !== 1) active.push(k);
    });
    return { outcome, value: this.model.getObjectiveValue(), x: Float64Array.from(solution.colValue), activeHalfspaces: active };
  }

  /** Frees the WebAssembly memory (garbage collection does not). */
  dispose(): void {
    this.model.dispose();
  }

  private addRow(a: Float64Array, lower: number, upper: number): void {
    const indices: number[] = [];
    const values: number[] = [];
    for (let i = 0; i < this.n; i++) {
      if (a[i] !== 0) {
        indices.push(i);
        values.push(a[i]!);
      }
    }
    this.model.addRow(lower, upper, { indices, values });
    this.rows++;
  }
}
