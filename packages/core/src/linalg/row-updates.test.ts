import { describe, expect, it } from "vitest";
import { combineRows, subtractRows } from "./row-updates.js";

describe("row updates", () => {
  let s = 17;
  const rnd = () => (s = (s * 16807) % 2147483647) / 2147483647 - 0.5;

  it("combineRows equals Σ_i c_i·row_i summed one row at a time (to rounding), for every row count mod 4", () => {
    for (const count of [0, 1, 2, 3, 4, 5, 7, 9]) {
      const n = 13;
      const rows = Array.from({ length: count }, () => Float64Array.from({ length: n }, rnd));
      const coefficients = Array.from({ length: count }, (_, i) => (i === 2 ? 0 : 3 * rnd()));
      const got = combineRows(Float64Array.from({ length: n }, rnd), coefficients, rows);
      for (let j = 0; j < n; j++) {
        let plain = 0;
        let scale = 0;
        for (let i = 0; i < count; i++) {
          plain += coefficients[i]! * rows[i]![j]!;
          scale += Math.abs(coefficients[i]! * rows[i]![j]!);
        }
        expect(Math.abs(got[j]! - plain)).toBeLessThanOrEqual(8 * 2 ** -53 * scale);
      }
    }
  });

  it("subtractRows reads the coefficients at at + k·step (a column of a row-major factor)", () => {
    const p = 6;
    const factor = Float64Array.from({ length: p * p }, rnd);
    const rows = Array.from({ length: p }, () => Float64Array.from({ length: 5 }, rnd));
    const target = Float64Array.from({ length: 5 }, rnd);
    const want = target.map((v, j) => {
      let s2 = v;
      for (let k = 1; k < p; k++) s2 -= factor[2 + k * p]! * rows[k]![j]!;
      return s2;
    });
    subtractRows(target, factor, 2, p, rows, 1, p);
    for (let j = 0; j < 5; j++) expect(Math.abs(target[j]! - want[j]!)).toBeLessThan(1e-14);
  });
});
