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

  it("gives the cold solve's answer from any warm λ: left or right of the root, far or at rounding, interior minimizers", () => {
    const rng = Rng.fromSeed(8);
    let warmFewer = 0;
    for (let trial = 0; trial < 150; trial++) {
      const n = 1 + rng.int(10);
      const a = Array.from({ length: n * n }, () => rng.normal());
      const h = new Float64Array(n * n);
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) {
          let s = i === j ? 1e-2 : 0;
          for (let k = 0; k < n; k++) s += a[i * n + k]! * a[j * n + k]!;
          h[i * n + j] = s;
        }
      const c = Float64Array.from({ length: n }, () => 5 * rng.normal());
      const radius = trial % 5 === 0 ? 1e3 : 0.1 + 3 * rng.next(); // every fifth: interior
      const cold = solveBallQp(h, c, n, radius);
      const root = cold.lambda;
      for (const start of [root * 0.5, root * (1 - 1e-3), root, root * (1 + 4e-16), root * 1.01, root * 3 + 0.1, 0.7]) {
        const warm = solveBallQp(h, c, n, radius, start);
        expect(warm.status).toBe("exact");
        expect(Math.abs(warm.lambda - root)).toBeLessThanOrEqual(1e-8 * (1 + root));
        for (let i = 0; i < n; i++) expect(Math.abs(warm.x[i]! - cold.x[i]!)).toBeLessThanOrEqual(1e-8 * (1 + Math.abs(cold.x[i]!)));
        if (root > 0 && start === root && warm.iterations < cold.iterations) warmFewer++;
      }
    }
    expect(warmFewer).toBeGreaterThan(50);
  });
});
