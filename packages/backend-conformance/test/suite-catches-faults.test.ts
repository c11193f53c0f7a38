/**
 * The suite has teeth: backends with one planted fault each fail the check aimed at that fault
 * (and pass the others), and `unsupported` passes only on the declared typed error.
 */
import { createStructuredBackend, UserAlignError } from "@useralign/core";
import type { ConfidenceSetBackend, MaximizeResult } from "@useralign/core/backend";
import { describe, expect, it } from "vitest";
import {
  backendCases,
  checkAllMode,
  checkBestMode,
  checkTie,
  expectUserAlignError,
  fewAnswersWinner,
  tieCases,
  type BackendCase,
} from "../src/index.js";

const structured = createStructuredBackend();
const caseNamed = (name: string): BackendCase => backendCases.find((c) => c.name === name)!;

/** `structured`, with its result rewritten by `fault`. */
function faulty(name: string, fault: (r: MaximizeResult, mode: "all" | "best") => MaximizeResult): ConfidenceSetBackend {
  return {
    name,
    description: "a planted fault",
    maximize: (problem, directions, request) => fault(structured.maximize(problem, directions, request), request.mode),
  };
}

// Ignores H and the loss constraint: V_j = S·‖c_j‖, the ball's value.
const ballOnly: ConfidenceSetBackend = {
  name: "ball-only",
  description: "ignores every constraint but the ball",
  maximize(problem, directions, request) {
    const values = Float64Array.from(request.candidates, (j) => problem.S * directions.norm(j));
    let best = 0;
    for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;
    return { values, exact: new Uint8Array(values.length).fill(1), best, solves: values.length };
  },
};

// Ties go to the highest index instead of the lowest.
const lastOnTies = faulty("last-on-ties", (r) => {
  let best = r.best;
  for (let i = 0; i < r.values.length; i++) if (r.exact[i] && r.values[i]! >= r.values[best]! - 1e-6) best = i;
  return { ...r, best };
});

// Reports pruned candidates as 0 instead of an upper bound.
const zeroForPruned = faulty("zero-for-pruned", (r) => ({ ...r, values: r.values.map((v, i) => (r.exact[i] ? v : 0)) }));

// No θ̂ fallback: an empty set answers 0.
const noFallback = faulty("no-fallback", (r) => ({ ...r, values: r.values.map(() => 0) }));

describe("the suite catches planted faults", () => {
  it("a backend that ignores the halfspaces fails the brute-force values, and passes the ball", () => {
    expect(() => checkAllMode(ballOnly, caseNamed("few consistent answers (practical)"), 1e-6)).toThrow(/vs brute force/);
    checkAllMode(ballOnly, caseNamed("ball: no answers (practical)"), 1e-6);
  });

  it("a backend that gives ties to the highest index fails the tie rule", () => {
    const ties = tieCases(fewAnswersWinner());
    for (const tie of ties) checkTie(structured, tie);
    expect(() => checkTie(lastOnTies, ties.find((t) => t.name.startsWith("no answers, a larger value within"))!)).toThrow();
    expect(() => checkTie(lastOnTies, ties.find((t) => t.name.startsWith("a copy of the winner placed last"))!)).toThrow();
  });

  it("a backend whose pruned values are not upper bounds fails best mode", () => {
    const c = caseNamed("some BTL answers (loss)");
    checkBestMode(structured, c, 1e-6);
    expect(() => checkBestMode(zeroForPruned, c, 1e-6)).toThrow(/bounds V_\d+ .* from above/);
  });

  it("a backend without the θ̂ fallback fails the empty set", () => {
    checkAllMode(structured, caseNamed("theta is empty"), 1e-6);
    expect(() => checkAllMode(noFallback, caseNamed("theta is empty"), 1e-6)).toThrow(/vs brute force/);
  });

  it("an unsupported case passes only on the declared typed error", () => {
    const refusing: ConfidenceSetBackend = {
      name: "refusing",
      description: "refuses everything",
      maximize: () => {
        throw new UserAlignError("unsupported_problem", "no");
      },
    };
    const c = caseNamed("theta is empty");
    expectUserAlignError("unsupported_problem", c.name, () => checkAllMode(refusing, c, 1e-6));
    expect(() => expectUserAlignError("internal_error", c.name, () => checkAllMode(refusing, c, 1e-6))).toThrow(
      /expected a UserAlignError "internal_error"/,
    );
    // A backend that declares a case unsupported but solves it fails too.
    expect(() => expectUserAlignError("unsupported_problem", c.name, () => checkAllMode(structured, c, 1e-6))).toThrow(/got undefined/);
  });
});
