/**
 * `evaluateStep` (the engine of `useralign step --json`) on histories that repeat comparisons
 * (prefixes of the replay-heavy sessions in fixtures/replay-trajectories.json), against reports
 * recorded with the core of commit f05ca81, which kept one row per entry
 * (fixtures/step-reports.json, written by fixtures/record-step-reports.mjs). The step's own
 * replays (up to 25) happen on top. Same first, second, stop and replay count; every V_j and B to
 * 1e-9; θ̂ to 1e-7, the accuracy the old MLE stopped at on such histories.
 *
 * One recorded case differs, and the old core was wrong there: food2d's history three times over
 * (597 entries, 5 distinct comparisons) for UserAlign, where the loss constraint may bind. With
 * ~120 identical rows per comparison the old general path maximized over only part of
 * Θ = H ∩ Θ_loss (V_7 = −0.041, so it stopped, while points of Θ on a grid reach 0.205); with 5
 * weighted rows it finds the whole set. A grid over the disk confirms the new V_j (B = 0.206).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { computeStep, createStructuredBackend, evaluateStep, PreferenceState, type StepReport } from "../src/index.js";

interface Recorded {
  label: string;
  input: {
    features: number[][];
    comparisons: { winner: number; loser: number }[];
    method: "useralign" | "useralign-loss";
    S: number;
    delta: number;
  };
  report: StepReport;
  replayed: number;
}
const { cases } = JSON.parse(readFileSync(new URL("./fixtures/step-reports.json", import.meta.url), "utf8")) as { cases: Recorded[] };

/** Whether the loss constraint may bind on the input's history (before the step's own replays). */
function lossMayBind(rec: Recorded): { mayBind: boolean; distinct: number; total: number } {
  const d = rec.input.features[0]!.length;
  const state = new PreferenceState(Float64Array.from(rec.input.features.flat()), rec.input.features.length, d);
  for (const c of rec.input.comparisons) state.add(c);
  const step = computeStep(state, {
    S: rec.input.S,
    delta: rec.input.delta,
    kind: rec.input.method === "useralign-loss" ? "loss" : "practical",
    backend: createStructuredBackend(),
    mode: "best",
    tieTolerance: 1e-9,
    drawFirst: () => 0,
  });
  return { mayBind: step.lossMayBind, distinct: state.count, total: state.total };
}

/** Cases where the old core missed part of Θ (see above). */
const OLD_FALLBACK = new Set(["useralign on the first 199 entries of useralign-loss food2d seed 11, 3 times over"]);

const softplusRef = (x: number) => (x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x)));

/** max ⟨θ, φ_j − φ_first⟩ over the points of a grid (spacing 6/1200) in Θ = H ∩ Θ_loss, per j. */
function gridValues(rec: Recorded, tau: number, first: number): Map<number, number> {
  const F = rec.input.features;
  // Equal entries give equal terms: sum each distinct one times its count (the plain definition
  // of L, grouped so the grid stays fast).
  const counts = new Map<string, number>();
  for (const { winner, loser } of rec.input.comparisons) counts.set(`${winner},${loser}`, (counts.get(`${winner},${loser}`) ?? 0) + 1);
  const zs = [...counts].map(([key, count]) => {
    const [w, l] = key.split(",").map(Number) as [number, number];
    return [F[w]![0]! - F[l]![0]!, F[w]![1]! - F[l]![1]!, count] as const;
  });
  const S = rec.input.S;
  const inside: [number, number][] = [];
  const G = 1200;
  for (let i = 0; i <= G; i++) {
    for (let k = 0; k <= G; k++) {
      const a = -S + (2 * S * i) / G;
      const b = -S + (2 * S * k) / G;
      if (a * a + b * b > S * S) continue;
      let loss = 0;
      let inH = true;
      for (const z of zs) {
        const m = z[0] * a + z[1] * b;
        if (m < 0) {
          inH = false;
          break;
        }
        loss += z[2] * softplusRef(-m);
      }
      if (inH && loss <= tau) inside.push([a, b]);
    }
  }
  expect(inside.length).toBeGreaterThan(1000);
  const out = new Map<number, number>();
  F.forEach((f, j) => {
    if (j === first) return;
    const c = [f[0]! - F[first]![0]!, f[1]! - F[first]![1]!];
    let best = -Infinity;
    for (const [a, b] of inside) best = Math.max(best, c[0]! * a + c[1]! * b);
    out.set(j, best);
  });
  return out;
}

describe("useralign step on histories with repeated comparisons, against the one-row-per-entry core", () => {
  it("the recorded inputs repeat comparisons heavily, and the loss constraint may bind in both sets", () => {
    const info = cases.map(lossMayBind);
    info.forEach((x, i) => expect(x.total).toBe(cases[i]!.input.comparisons.length));
    expect(info.filter((x) => x.total >= 5 * x.distinct).length).toBeGreaterThanOrEqual(6);
    expect(cases.filter((c, i) => c.input.method === "useralign" && info[i]!.mayBind).length).toBeGreaterThanOrEqual(1);
    expect(cases.filter((c, i) => c.input.method === "useralign-loss" && info[i]!.mayBind).length).toBeGreaterThanOrEqual(3);
  });

  for (const rec of cases.filter((c) => OLD_FALLBACK.has(c.label))) {
    it(`${rec.label}: the old core missed part of Θ; a grid brute force confirms the new V_j`, () => {
      const { report, decision } = evaluateStep(rec.input);
      expect(decision.lossMayBind).toBe(true);
      expect(report.first).toBe(rec.report.first);
      const grid = gridValues(rec, decision.loss + decision.beta, report.first);
      // The old values fall below points of Θ: they were wrong, not just different.
      expect([...grid].some(([j, v]) => rec.report.values[String(j)]! < v - 0.1)).toBe(true);
      for (const [j, v] of grid) {
        // Grid points lie in Θ, so V_j is at least their best; the spacing bounds the gap.
        expect(report.values[String(j)]!, `V_${j}`).toBeGreaterThanOrEqual(v - 1e-9);
        expect(report.values[String(j)]!, `V_${j}`).toBeLessThanOrEqual(v + 5e-3);
      }
      expect(report.bound).toBeGreaterThan(0.2);
      expect(report.stop).toBe(false);
    }, 30_000);
  }

  for (const rec of cases.filter((c) => !OLD_FALLBACK.has(c.label))) {
    it(rec.label, () => {
      const { report, replayed } = evaluateStep(rec.input);
      expect([report.first, report.second, report.stop]).toEqual([rec.report.first, rec.report.second, rec.report.stop]);
      expect(replayed).toBe(rec.replayed);
      expect(Math.abs(report.bound - rec.report.bound)).toBeLessThanOrEqual(1e-9);
      expect(Object.keys(report.values)).toEqual(Object.keys(rec.report.values));
      for (const [j, v] of Object.entries(rec.report.values)) expect(Math.abs(report.values[j]! - v), `V_${j}`).toBeLessThanOrEqual(1e-9);
      expect(report.theta_hat).toHaveLength(rec.report.theta_hat.length);
      report.theta_hat.forEach((x, i) => expect(Math.abs(x - rec.report.theta_hat[i]!)).toBeLessThanOrEqual(1e-7));
    });
  }
});
