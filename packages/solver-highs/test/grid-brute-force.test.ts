/**
 * The practical set where the loss constraint binds, in d = 2, against an independent brute force
 * (a grid over the disk, every constraint checked with the core's own loss). On this instance θ̂
 * is not in H (the norm-constrained MLE misorders a pair) and Θ is a thin sliver near the ball's
 * edge. `structured` once reported it empty (a phase-I bug, fixed in core's barrier.ts); both
 * backends must now agree with the grid and with each other.
 */
import { afterAll, expect, it } from "vitest";
import { computeStep, createStructuredBackend, logisticLoss } from "@useralign/core";
import { createHighsBackend } from "../src/index.js";
import { randomHistory } from "./instances.js";

const highs = await createHighsBackend();
afterAll(() => highs.dispose());

it("practical set, loss constraint active: highs and structured match a 2-D grid brute force", () => {
  const { state } = randomHistory(7 + 40 + 200 + 400, 40, 2, 400, "consistent");
  const settings = { S: 3, delta: 0.05, kind: "practical" as const, mode: "all" as const, tieTolerance: 1e-9, drawFirst: () => 0 };
  const step = computeStep(state, { ...settings, backend: highs });
  const reference = computeStep(state, { ...settings, backend: createStructuredBackend() });
  expect(step.lossMayBind).toBe(true);
  const tau = step.loss + step.beta;
  const dirs = state.directions(step.first);
  const a = new Float64Array(2);
  const M = 500;
  const feasible: [number, number][] = [];
  for (let i = 0; i <= M; i++) {
    for (let k = 0; k <= M; k++) {
      const x: [number, number] = [-3 + (6 * i) / M, -3 + (6 * k) / M];
      if (x[0] ** 2 + x[1] ** 2 > 9) continue;
      let inH = true;
      for (let r = 0; r < state.count && inH; r++) {
        const z = state.row(r);
        if (z[0]! * x[0] + (z[1] ?? 0) * x[1] < 0) inH = false;
      }
      if (inH && logisticLoss(state, x) <= tau) feasible.push(x);
    }
  }
  expect(feasible.length).toBeGreaterThan(0);
  for (let j = 0; j < 5; j++) {
    if (j === step.first) continue;
    dirs.reduced(j, a);
    const grid = Math.max(...feasible.map((x) => a[0]! * x[0] + a[1]! * x[1]));
    // The grid is a lower bound; with spacing 0.012 it is within 3e-2 of the maximum here.
    expect(step.values[j]!).toBeGreaterThanOrEqual(grid - 1e-9);
    expect(step.values[j]! - grid).toBeLessThan(3e-2);
    expect(Math.abs(step.values[j]! - reference.values[j]!)).toBeLessThan(1e-6);
  }
}, 30_000);
