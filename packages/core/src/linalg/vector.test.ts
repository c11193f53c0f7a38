import { describe, expect, it } from "vitest";
import { dotAt } from "./vector.js";

describe("dotAt", () => {
  it("equals the one-sum dot product (to rounding) for every length mod 4 and offset", () => {
    let s = 11;
    const rnd = () => (s = (s * 16807) % 2147483647) / 2147483647 - 0.5;
    const x = Float64Array.from({ length: 40 }, rnd);
    const y = Float64Array.from({ length: 40 }, rnd);
    for (const n of [0, 1, 2, 3, 4, 5, 7, 8, 13, 29])
      for (const [xAt, yAt] of [
        [0, 0],
        [3, 10],
        [11, 1],
      ] as const) {
        let plain = 0;
        let scale = 0;
        for (let i = 0; i < n; i++) {
          plain += x[xAt + i]! * y[yAt + i]!;
          scale += Math.abs(x[xAt + i]! * y[yAt + i]!);
        }
        expect(Math.abs(dotAt(x, xAt, y, yAt, n) - plain)).toBeLessThanOrEqual(4 * n * 2 ** -53 * scale);
      }
    expect(dotAt(x, 0, y, 0, 0)).toBe(0);
  });
});
