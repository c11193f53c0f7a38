import { supportAtThetaHat, type ConfidenceSetProblem } from "@useralign/core/backend";
import { CutPoolLp } from "./cut-pool-lp.js";
import { finishExactly, type ReducedSet } from "./exact-finish.js";
import type { HighsRuntime } from "./load-highs.js";
import { ReducedLoss } from "./reduced-loss.js";

/** Settings of the cutting-plane loop. */
export interface OuterApproximationSettings {
  /**
   * Stop cutting once the LP optimum violates the ball and the loss constraint by at most this
   * (relative to S and to 1 + τ). @default 1e-9
   */
  readonly tolerance?: number;
  /** LP rounds per candidate before giving up on that candidate. @default 500 */
  readonly maxRounds?: number;
  /**
   * Try the exact finish ({@link finishExactly}) after every LP solve. Without it the loop is
   * pure Kelley cutting planes (for measuring how slowly they converge). @default true
   */
  readonly finish?: boolean;
}

/** Counters of one step (for the benchmark and the docs). */
export interface OuterApproximationStats {
  lpSolves: number;
  cuts: number;
  finishes: number;
  /** Candidates whose loop hit `maxRounds` (their value is the LP upper bound). */
  unconverged: number;
  /** Candidates abandoned because the LP bound could not beat the incumbent. */
  pruned: number;
}

/** The answer for one candidate, or null when pruned by the caller's bound test. */
export type SupportValue = number | null;

/**
 * V = max ⟨g, x⟩ over one step's Θ by outer approximation (issue #4): HiGHS solves the LP over
 * the halfspaces plus the cuts so far; at its optimum x̄ we add a tangent cut of the ball,
 * ⟨x̄/‖x̄‖, x⟩ ≤ S, when ‖x̄‖ > S, and a gradient cut of the convex loss,
 * L(x̄) + ⟨∇L(x̄), x − x̄⟩ ≤ τ, when L(x̄) > τ, until both violations are below tolerance or the
 * exact finish verifies the KKT conditions at the LP's active set. The cuts are shared by every
 * candidate of the step. An infeasible LP proves Θ empty, and then Θ = {θ̂} (method.md step 5).
 */
export class OuterApproximation {
  readonly stats: OuterApproximationStats = { lpSolves: 0, cuts: 0, finishes: 0, unconverged: 0, pruned: 0 };
  private readonly set: ReducedSet;
  private readonly lp: CutPoolLp;
  private readonly tolerance: number;
  private readonly maxRounds: number;
  private readonly finish: boolean;
  private readonly grad: Float64Array;
  private empty = false;

  constructor(
    highs: HighsRuntime,
    private readonly problem: ConfidenceSetProblem,
    settings: OuterApproximationSettings = {},
  ) {
    const n = problem.rank + (problem.hasResidual ? 1 : 0);
    const halfspaces: Float64Array[] = [];
    if (problem.kind === "practical") {
      for (let k = 0; k < problem.rows.count; k++) {
        const h = new Float64Array(n);
        h.set(problem.rows.row(k));
        halfspaces.push(h);
      }
    }
    this.set = {
      n,
      rank: problem.rank,
      S: problem.S,
      halfspaces,
      halfspaceNorms: Float64Array.from(halfspaces, (h) => Math.hypot(...h)),
      loss: problem.lossMayBind ? new ReducedLoss(problem.rows, problem.rank) : null,
      tau: problem.lossLevel,
    };
    this.lp = new CutPoolLp(highs, n, problem.rank, problem.S, halfspaces);
    this.tolerance = settings.tolerance ?? 1e-9;
    this.maxRounds = settings.maxRounds ?? 500;
    this.finish = settings.finish ?? true;
    this.grad = new Float64Array(n);
  }

  /**
   * V for the direction with reduced coordinates `a` and residual norm `rho`. `hopeless(upper)`
   * says when an upper bound can no longer win: every LP value is one, so the candidate is dropped
   * as soon as it says so.
   */
  support(a: Float64Array, rho: number, hopeless: (upper: number) => boolean): SupportValue {
    const { set } = this;
    const g = new Float64Array(set.n);
    g.set(a.subarray(0, set.rank));
    if (set.n > set.rank) g[set.rank] = rho;
    if (this.empty) return this.atThetaHat(a);
    for (let round = 0; round < this.maxRounds; round++) {
      const lp = this.lp.solve(g);
      this.stats.lpSolves++;
      if ("status" in lp.outcome && lp.outcome.status === "primal_infeasible") {
        this.empty = true;
        return this.atThetaHat(a);
      }
      if (!("status" in lp.outcome) || lp.outcome.status !== "solved") {
        throw new Error(`HiGHS could not solve the outer approximation (${JSON.stringify(lp.outcome)})`);
      }
      // The LP value bounds V from above (up to HiGHS's 1e-10 feasibility tolerance).
      if (hopeless(lp.value + 1e-9 * (1 + Math.abs(lp.value)))) {
        this.stats.pruned++;
        return null;
      }
      const x = lp.x;
      const xNorm = Math.hypot(...x);
      const ballViolation = (xNorm - set.S) / set.S;
      const lossValue = set.loss ? set.loss.gradient(x, this.grad) : 0;
      const lossViolation = set.loss ? (lossValue - set.tau) / (1 + Math.abs(set.tau)) : 0;
      if (ballViolation <= this.tolerance && lossViolation <= this.tolerance) return lp.value;
      if (this.finish) {
        const done = finishExactly(set, g, x, lp.activeHalfspaces);
        if (done && done.value <= lp.value + 1e-9 * (1 + Math.abs(lp.value))) {
          this.stats.finishes++;
          return done.value;
        }
      }
      if (ballViolation > this.tolerance) {
        this.lp.addCut(
          Float64Array.from(x, (v) => v / xNorm),
          set.S,
        );
        this.stats.cuts++;
      }
      if (lossViolation > this.tolerance) {
        // L(x̄) + ⟨∇L(x̄), x − x̄⟩ ≤ τ  ⇔  ⟨∇L(x̄), x⟩ ≤ τ − L(x̄) + ⟨∇L(x̄), x̄⟩.
        let gx = 0;
        for (let i = 0; i < set.n; i++) gx += this.grad[i]! * x[i]!;
        this.lp.addCut(Float64Array.from(this.grad), set.tau - lossValue + gx);
        this.stats.cuts++;
      }
    }
    this.stats.unconverged++;
    return this.lp.solve(g).value;
  }

  /** Frees HiGHS's memory for this step. */
  dispose(): void {
    this.lp.dispose();
  }

  private atThetaHat(a: Float64Array): number {
    return supportAtThetaHat(this.problem, a);
  }
}
