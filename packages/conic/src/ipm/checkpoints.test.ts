import { describe, expect, it } from "vitest";
import {
  checkpointBudget,
  checkpointInsufficientProgress,
  checkpointNonFinite,
  checkpointNumericalError,
  checkpointSmallStep,
  checkpointStalled,
  MAX_NO_STEPS,
  MAX_STALLS,
} from "./checkpoints.js";
import { IpmState } from "./ipm-state.js";

const symmetric = () => new IpmState(1, 1, true);
const withExp = () => new IpmState(1, 1, false);

describe("strategy checkpoints", () => {
  it("small step: switches the exp scaling once, then counts stalls and fails after three non-steps", () => {
    const s = withExp();
    expect(checkpointSmallStep(s, 0.05)).toEqual({ kind: "update" });
    expect(s.dualOnly).toBe(true);
    s.iteration = 7;
    for (let k = 1; k < MAX_NO_STEPS; k++) expect(checkpointSmallStep(s, 0)).toEqual({ kind: "skip" });
    expect(checkpointSmallStep(s, 1e-12)).toEqual({ kind: "fail", status: "insufficient_progress", iterations: 8 });
  });

  it("short steps count towards the stall limit, a normal step resets it", () => {
    const s = symmetric();
    for (let k = 0; k < MAX_STALLS - 1; k++) expect(checkpointSmallStep(s, 1e-4)).toEqual({ kind: "no_update" });
    expect(checkpointStalled(s)).toEqual({ kind: "no_update" });
    expect(checkpointSmallStep(s, 1e-4)).toEqual({ kind: "no_update" });
    expect(checkpointStalled(s).kind).toBe("fail");
    checkpointSmallStep(s, 0.5);
    expect(s.stalls).toBe(0);
  });

  it("going backwards undoes the step: switches when it can, else fails with the restored iterate", () => {
    for (const [state, kind] of [
      [withExp(), "update"],
      [symmetric(), "fail"],
    ] as const) {
      state.previous.x[0] = 42;
      state.previousResiduals = { primal: 1e-9, dual: 1e-9 };
      state.v.tau = 1;
      state.v.kappa = 0.5;
      let restored = false;
      const c = checkpointInsufficientProgress(state, { primal: 1e-5, dual: 1e-9 }, 1e-8, () => (restored = true));
      expect(c.kind).toBe(kind);
      expect(state.v.x[0]).toBe(42);
      expect(state.previousResiduals).toBeUndefined();
      expect(restored).toBe(kind === "fail");
    }
    // Heading for a certificate (κ ≥ τ) the residuals may grow.
    const s = symmetric();
    s.previousResiduals = { primal: 1e-9, dual: 1e-9 };
    s.v.kappa = 2;
    expect(checkpointInsufficientProgress(s, { primal: 1, dual: 1 }, 1e-8, () => {}).kind).toBe("no_update");
  });

  it("budget, non-finite values and numerical failures", () => {
    const s = symmetric();
    s.iteration = 100;
    expect(checkpointBudget(s, 100, 0, Infinity)).toEqual({ kind: "fail", status: "max_iterations", iterations: 100 });
    expect(checkpointBudget(s, 200, 5, 5)).toEqual({ kind: "fail", status: "max_time", iterations: 100 });
    expect(checkpointNonFinite(s, Number.NaN).kind).toBe("fail");
    expect(checkpointNumericalError(s)).toEqual({ kind: "fail", status: "numerical_error", iterations: 100 });
    const e = withExp();
    expect(checkpointNumericalError(e)).toEqual({ kind: "update" });
    expect(checkpointNumericalError(e).kind).toBe("fail");
  });
});
