import { describe, expect, it } from "vitest";
import { backendInstance } from "./backend-instance.js";
import { createStructuredBackend } from "./backends/structured.js";
import { evaluateStep } from "./evaluate-step.js";
import { isUserAlignError } from "./errors.js";

const features = [
  [0.5, 0],
  [0, 0.5],
  [-0.3, 0.2],
  [0.2, -0.3],
];

describe("backendInstance", () => {
  it("hands a backend the same problem a step does: its values are useralign step's", () => {
    const comparisons = [
      { winner: 1, loser: 0 },
      { winner: 2, loser: 3 },
    ];
    for (const method of ["useralign", "useralign-loss"] as const) {
      const inst = backendInstance({ features, comparisons, kind: method === "useralign" ? "practical" : "loss" });
      const r = createStructuredBackend().maximize(inst.problem, inst.directions, {
        candidates: inst.candidates,
        mode: "all",
        tieTolerance: 1e-9,
      });
      const { report } = evaluateStep({ features, comparisons, method });
      expect(inst.first).toBe(report.first);
      expect(Array.from(inst.thetaHat)).toEqual(report.theta_hat);
      expect(Array.from(inst.candidates)).toEqual([0, 1, 2, 3].filter((j) => j !== report.first));
      inst.candidates.forEach((j, i) => expect(r.values[i]).toBe(report.values[String(j)]));
    }
  });

  it("takes y⁽¹⁾ from `first` when there are no answers", () => {
    expect(backendInstance({ features, comparisons: [], kind: "practical", first: 2 }).first).toBe(2);
  });

  it("rejects out-of-range or self comparisons, a bad first and a malformed pool with invalid_input", () => {
    const bad = [
      () => backendInstance({ features, comparisons: [{ winner: 4, loser: 0 }], kind: "practical" }),
      () => backendInstance({ features, comparisons: [{ winner: 1, loser: 1 }], kind: "practical" }),
      () => backendInstance({ features, comparisons: [], kind: "loss", first: -1 }),
      () => backendInstance({ features: [[0.5, 0], [0]], comparisons: [], kind: "loss" }),
    ];
    for (const f of bad) {
      let err: unknown;
      try {
        f();
      } catch (e) {
        err = e;
      }
      expect(isUserAlignError(err, "invalid_input"), String(err)).toBe(true);
    }
  });
});
