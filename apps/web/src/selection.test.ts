import { createSession } from "@useralign/core";
import { describe, expect, it } from "vitest";
import { selectionAfter } from "./selection.js";

const features = Array.from({ length: 12 }, (_, j) => [0.35 * Math.cos(j * 0.9), 0.35 * Math.sin(j * 1.7)].map((v) => Number(v.toFixed(4))));
const theta = [2, -1];
const score = (j: number) => theta[0]! * features[j]![0]! + theta[1]! * features[j]![1]!;

/** Runs a session with a consistent user to its end; returns it. */
function finish(method: "useralign" | "iidbest", budget: number, seed: number) {
  const session = createSession({ features, method, budget, budgetUnit: "questions", seed });
  for (let view = session.next(); view.status === "question"; view = session.next()) {
    const [a, b] = view.pair;
    session.answer(score(a) >= score(b) ? a : b);
  }
  return session;
}

describe("selectionAfter", () => {
  it("after all K answers, is the session's own final choice", () => {
    for (const method of ["useralign", "iidbest"] as const) {
      for (const seed of [1, 2, 3]) {
        const s = finish(method, 6, seed);
        const done = s.next();
        if (done.status !== "done") throw new Error("not done");
        expect(selectionAfter(features, s.history, 6, 3, seed)).toBe(done.choice);
      }
    }
  });

  it("after k < K answers of IIDBEST, is what IIDBEST with budget k returns (same seed, same pairs)", () => {
    for (const seed of [4, 5]) {
      const long = finish("iidbest", 8, seed);
      for (const k of [1, 3, 5]) {
        const short = finish("iidbest", k, seed).next();
        if (short.status !== "done") throw new Error("not done");
        expect(selectionAfter(features, long.history, k, 3, seed)).toBe(short.choice);
      }
    }
  });
});
