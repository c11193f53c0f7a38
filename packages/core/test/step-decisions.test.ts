/**
 * The speed work on the step must not change a single decision. Whole sessions of every method,
 * recorded with the core of commit d9d50d5 (fixtures/method-sessions.json, written by
 * fixtures/record-method-sessions.mjs), are replayed with today's core: every step must pick the
 * same y⁽¹⁾ and y⁽²⁾ (identical indices), every question the same pair, every session the same
 * result, and B(t) must agree to 1e-12 relative (the exact value of the winner depends on which
 * candidate's NNLS warm-starts it, so the last bits may move; the indices may not).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createSession, createSolverRegistry, Rng, sigmoid, type Method } from "../src/index.js";
import { spherePool } from "./helpers/pools.js";

interface RecordedSession {
  config: { n: number; d: number; seed: number; user: "consistent" | "btl"; method: Method; maxSteps: number; budget?: number };
  steps: [number, number, number][];
  questions: [number, number][];
  result: { choice: number; bound: number | null; reason: string; steps: number; questions: number };
}

const fixture = JSON.parse(readFileSync(new URL("./fixtures/method-sessions.json", import.meta.url), "utf8")) as {
  sessions: RecordedSession[];
};

/** B within 1e-12 relative (absolute near 0). */
function expectSameBound(actual: number, recorded: number): void {
  expect(Math.abs(actual - recorded)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(recorded)));
}

describe("decisions are those of the recorded sessions (every method, to the cap)", () => {
  for (const recorded of fixture.sessions) {
    const { config } = recorded;
    const label = `${config.method} on sphere n=${config.n} d=${config.d} seed ${config.seed}, ${config.user} user${config.budget ? `, budget ${config.budget}` : ""}`;
    it(label, { timeout: 60_000 }, () => {
      const { features, theta } = spherePool(config.n, config.d, config.seed);
      const utility = features.map((f) => f.reduce((s, x, k) => s + x * theta[k]!, 0));
      const userRng = Rng.fromSeed(1000 + config.seed);
      const answer = ([a, b]: readonly [number, number]) => {
        if (config.user === "consistent") return utility[a]! >= utility[b]! ? a : b;
        return userRng.next() < sigmoid(utility[a]! - utility[b]!) ? a : b;
      };
      const inner = createSolverRegistry().get("structured");
      const steps: [number, number, number][] = [];
      const session = createSession({
        features,
        seed: config.seed,
        method: config.method,
        maxSteps: config.maxSteps,
        theta,
        ...(config.budget === undefined ? {} : { budget: config.budget }),
        solver: {
          name: "structured",
          description: inner.description,
          maximize(problem, directions, request) {
            const result = inner.maximize(problem, directions, request);
            steps.push([
              directions.first,
              result.best < 0 ? -1 : request.candidates[result.best]!,
              result.best < 0 ? 0 : result.values[result.best]!,
            ]);
            return result;
          },
        },
      });
      const questions: [number, number][] = [];
      let view = session.next();
      while (view.status === "question") {
        questions.push([view.pair[0], view.pair[1]]);
        view = session.answer(answer(view.pair));
      }
      expect(questions).toEqual(recorded.questions);
      expect(steps.map(([f, s]) => [f, s])).toEqual(recorded.steps.map(([f, s]) => [f, s]));
      steps.forEach(([, , bound], i) => expectSameBound(bound, recorded.steps[i]![2]));
      expect({ choice: view.choice, reason: view.reason, steps: view.steps, questions: view.questions }).toEqual({
        choice: recorded.result.choice,
        reason: recorded.result.reason,
        steps: recorded.result.steps,
        questions: recorded.result.questions,
      });
    });
  }
});
