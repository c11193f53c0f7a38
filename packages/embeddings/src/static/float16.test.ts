import { describe, expect, it } from "vitest";
import { float16ToNumber, numberToFloat16 } from "./float16.js";

describe("binary16", () => {
  it("decodes reference bit patterns", () => {
    const cases: [number, number][] = [
      [0x3c00, 1],
      [0xc000, -2],
      [0x7bff, 65504],
      [0x0001, 2 ** -24],
      [0x0400, 2 ** -14],
      [0x3555, 0.333251953125],
      [0x0000, 0],
      [0x7c00, Infinity],
      [0xfc00, -Infinity],
    ];
    for (const [bits, value] of cases) expect(float16ToNumber(bits)).toBe(value);
    expect(float16ToNumber(0x7e00)).toBeNaN();
    expect(Object.is(float16ToNumber(0x8000), -0)).toBe(true);
  });

  it("encodes to nearest, ties to even, and round-trips every finite pattern", () => {
    expect(numberToFloat16(0.1)).toBe(0x2e66);
    expect(numberToFloat16(1 + 2 ** -11)).toBe(0x3c00); // halfway between 1 and the next: even
    expect(numberToFloat16(1 + 3 * 2 ** -11)).toBe(0x3c02);
    expect(numberToFloat16(70000)).toBe(0x7c00);
    const mismatches: number[] = [];
    for (let bits = 0; bits < 0x10000; bits++) {
      if ((bits & 0x7c00) === 0x7c00) continue; // Inf / NaN
      if (numberToFloat16(float16ToNumber(bits)) !== bits) mismatches.push(bits);
    }
    expect(mismatches).toEqual([]);
  });
});
