/**
 * Why the exact finish exists: pure Kelley cutting planes (finish off) converge on the ball only
 * linearly. Counted in LP solves (not time) on the same steps, with and without the finish.
 */
import { describe, expect, it } from "vitest";
import { computeStep, createStructuredBackend } from "@useralign/core";
import { createHighsBackend } from "../src/index.js";
import { randomHistory } from "./instances.js";

const structured = createStructuredBackend();

async function run(d: number, t: number, finish: boolean, tolerance: number) {
  const backend = await createHighsBackend({ finish, tolerance, maxRounds: 3000 });
  const { state } = randomHistory(500 + d, 15, d, t, "consistent");
  const settings = { S: 3, delta: 0.05, kind: "practical" as const, mode: "all" as const, tieTolerance: 1e-9, drawFirst: () => 0 };
  const ref = computeStep(state, { ...settings, backend: structured });
  const got = computeStep(state, { ...settings, backend });
  let err = 0;
  for (let j = 0; j < state.n; j++) if (j !== ref.first) err = Math.max(err, Math.abs(ref.values[j]! - got.values[j]!));
  const stats = backend.lastStats()!;
  backend.dispose();
  return { err, ...stats };
}

describe("pure cutting planes vs the exact finish (LP solves for 14 candidates)", () => {
  for (const [d, t] of [
    [3, 2],
    [16, 6],
    [32, 12],
  ] as const) {
    it(`d = ${d}, t = ${t}: both reach 1e-6, the finish with far fewer LP solves`, async () => {
      const pure = await run(d, t, false, 1e-8);
      const finished = await run(d, t, true, 1e-9);
      console.log(`d=${d} t=${t} pure Kelley: ${JSON.stringify(pure)}; with finish: ${JSON.stringify(finished)}`);
      expect(pure.unconverged).toBe(0);
      expect(pure.err).toBeLessThan(1e-6);
      expect(finished.err).toBeLessThan(1e-9);
      expect(pure.lpSolves).toBeGreaterThan(2 * finished.lpSolves);
    }, 60_000);
  }
});
