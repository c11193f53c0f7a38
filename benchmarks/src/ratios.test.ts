import { describe, expect, it } from "vitest";
import { CI_GRID } from "./grid.js";
import { checkFloors, confirmFloors, floorSpec, type RatioFloor } from "./ratios.js";
import type { GridResult } from "./run-grid.js";

const point = { n: 20, d: 2, t: 20 };
const floor: RatioFloor = { ...point, versus: "general", min_ratio: 10, why: "test" };

function run(referenceMs: number, generalMs: number): GridResult {
  const timing = (median_ms: number) => ({ median_ms }) as never;
  return {
    solvers: ["structured", "general"],
    reference: "structured",
    rows: [
      { ...point, solver: "structured", history: { method: 20, random: 0 }, timing: timing(referenceMs) },
      { ...point, solver: "general", history: { method: 20, random: 0 }, timing: timing(generalMs) },
    ],
    wallMs: 1,
    node: "v20",
    date: "2026-12-07",
  };
}

describe("confirmFloors", () => {
  it("does not re-time a point that holds its floor", () => {
    let calls = 0;
    const [f] = confirmFloors(run(1, 30), [floor], () => {
      calls++;
      return run(1, 30);
    });
    expect(calls).toBe(0);
    expect(f).toMatchObject({ ok: true, ratio: 30, ratios: [30] });
  });

  it("passes a point whose first ratio was a noisy outlier, keeping every ratio measured", () => {
    const again = [run(1, 8), run(1, 25)];
    const [f] = confirmFloors(run(1, 6), [floor], () => again.shift()!);
    expect(f).toMatchObject({ ok: true, ratio: 25, ratios: [6, 8, 25] });
    expect(checkFloors(run(1, 6), [floor])[0]!.ok).toBe(false);
  });

  it("fails a point that stays below its floor in every run, and one that never ran", () => {
    expect(confirmFloors(run(1, 6), [floor], () => run(1, 7))[0]).toMatchObject({ ok: false, ratio: 7, ratios: [6, 7, 7] });
    const missing = { ...run(1, 6), rows: [] };
    expect(confirmFloors(missing, [floor], () => missing)[0]).toMatchObject({ ok: false, ratio: null, ratios: [null, null, null] });
  });

  it("re-times only the floor's point, with more repetitions", () => {
    expect(floorSpec(CI_GRID, floor)).toMatchObject({ ns: [20], ds: [2], ts: [20], reps: CI_GRID.reps * 2 });
  });
});
