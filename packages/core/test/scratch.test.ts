import { describe, expect, it } from "vitest";
import { PreferenceState } from "../src/preference-state.js";
import { computeStep } from "../src/step.js";
import { createStructuredBackend } from "../src/backends/structured.js";
import { createGeneralBackend } from "../src/backends/general.js";
import { Rng } from "../src/rng.js";

function pool(rng: Rng, n: number, d: number) {
  const f = new Float64Array(n * d);
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let k = 0; k < d; k++) { const v = rng.normal(); f[j * d + k] = v; s += v * v; }
    s = Math.sqrt(s);
    for (let k = 0; k < d; k++) f[j * d + k]! /= 2 * s;
  }
  return f;
}

describe("scratch", () => {
  it("structured vs general", () => {
    for (const [n, d, t, kind] of [[10, 5, 4, "practical"], [12, 8, 9, "practical"], [15, 2, 60, "practical"], [15, 3, 80, "loss"], [20, 64, 10, "practical"]] as const) {
      const rng = Rng.fromSeed(n * 100 + d);
      const f = pool(rng, n, d);
      const st = new PreferenceState(f, n, d);
      const theta = Array.from({ length: d }, () => rng.normal());
      for (let i = 0; i < t; i++) {
        const a = rng.int(n); let b = rng.int(n - 1); if (b >= a) b++;
        let u = 0; for (let k = 0; k < d; k++) u += theta[k]! * (f[a * d + k]! - f[b * d + k]!);
        st.add(u >= 0 ? { winner: a, loser: b } : { winner: b, loser: a });
      }
      const common = { S: 3, delta: 0.05, kind, mode: "all", tieTolerance: 1e-9, drawFirst: () => 0 } as const;
      const s1 = computeStep(st, { ...common, backend: createStructuredBackend() });
      const s2 = computeStep(st, { ...common, backend: createGeneralBackend() });
      let maxDiff = 0;
      for (let j = 0; j < n; j++) if (j !== s1.first) maxDiff = Math.max(maxDiff, Math.abs(s1.values[j]! - s2.values[j]!));
      console.log(n, d, t, kind, "first", s1.first, s2.first, "second", s1.second, s2.second, "B", s1.bound, s2.bound, "binds", s1.lossMayBind, "maxdiff", maxDiff, s1.timings, s2.timings);
      expect(maxDiff).toBeLessThan(1e-6);
    }
  });
});
