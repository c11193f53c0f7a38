import { describe, expect, it } from "vitest";
import { Rng } from "../rng.js";
import { solveBallQp } from "./ball-qp.js";

describe("ball-constrained QP", () => {
  it("satisfies (H + λI)x = −c, λ ≥ 0, ‖x‖ ≤ R and λ(‖x‖ − R) = 0", () => {
    const rng = Rng.fromSeed(3);
    for (let trial = 0; trial < 200; trial++) {
      const n = 1 + rng.int(8);
      const a = Array.from({ length: n * n }, () => rng.normal());
      const h = new Float64Array(n * n);
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) {
          let s = i === j ? 1e-3 : 0;
          for (let k = 0; k < n; k++) s += a[i * n + k]! * a[j * n + k]!;
          h[i * n + j] = s;
        }
      const c = Float64Array.from({ length: n }, () => 5 * rng.normal());
      const radius = 0.1 + 3 * rng.next();
      const { x, lambda } = solveBallQp(h, c, n, radius);
      const norm = Math.hypot(...x);
      expect(norm).toBeLessThanOrEqual(radius * (1 + 1e-12));
      expect(lambda).toBeGreaterThanOrEqual(0);
      if (lambda > 0) expect(Math.abs(norm - radius)).toBeLessThan(1e-9 * radius);
      for (let i = 0; i < n; i++) {
        let r = c[i]! + lambda * x[i]!;
        for (let j = 0; j < n; j++) r += h[i * n + j]! * x[j]!;
        expect(Math.abs(r)).toBeLessThan(1e-7 * (1 + Math.abs(c[i]!) + lambda));
      }
    }
  });
});
