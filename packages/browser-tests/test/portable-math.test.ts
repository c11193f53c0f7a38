import { describe, expect, it } from "vitest";
import { installPortableMath, portableExp, portableHypot, portableLog, portableLog1p, portablePow } from "../src/portable-math.js";

// Arguments across the ranges the solvers use, from a fixed LCG (no Math.random).
function samples(count: number, low: number, high: number): number[] {
  let state = 12345;
  return Array.from({ length: count }, () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return low + ((high - low) * state) / 2 ** 32;
  });
}

const relativeError = (got: number, want: number) => (want === 0 ? Math.abs(got) : Math.abs(got - want) / Math.abs(want));

describe("portable Math", () => {
  it("exp agrees with the platform's to 2 ulp over [−740, 709] and handles the edges", () => {
    for (const x of [...samples(5_000, -740, 709), ...samples(5_000, -1, 1), 0, 1, -1, 1e-300, -1e-300]) {
      expect(relativeError(portableExp(x), Math.exp(x)), `exp(${x})`).toBeLessThanOrEqual(4.5e-16);
    }
    expect([portableExp(0), portableExp(800), portableExp(-800), portableExp(-Infinity), portableExp(Infinity)]).toEqual([
      1,
      Infinity,
      0,
      0,
      Infinity,
    ]);
    expect(Math.abs(portableExp(1) - Math.E)).toBeLessThanOrEqual(Number.EPSILON * Math.E);
    expect(portableExp(Number.NaN)).toBeNaN();
    // Subnormal results keep their magnitude.
    expect(relativeError(portableExp(-740), Math.exp(-740))).toBeLessThan(1e-10);
  });

  it("log agrees with the platform's to 2 ulp from subnormals to 1e300 and handles the edges", () => {
    const xs = [...samples(5_000, 0, 10).map((v) => 10 ** (30 * v - 300)), ...samples(5_000, 0.5, 2), 5e-324, 2.5e-310, Number.MAX_VALUE];
    for (const x of xs)
      expect(Math.abs(portableLog(x) - Math.log(x)), `log(${x})`).toBeLessThanOrEqual(4.5e-16 * Math.max(1, Math.abs(Math.log(x))));
    expect([portableLog(1), portableLog(0), portableLog(Infinity)]).toEqual([0, -Infinity, Infinity]);
    expect(portableLog(-1)).toBeNaN();
    expect(portableLog(Number.NaN)).toBeNaN();
  });

  it("log1p keeps small arguments accurate; hypot neither overflows nor underflows", () => {
    for (const x of [...samples(5_000, -0.9, 10), ...samples(2_000, -1e-10, 1e-10), 1e-20]) {
      expect(relativeError(portableLog1p(x), Math.log1p(x)), `log1p(${x})`).toBeLessThanOrEqual(1e-15);
    }
    expect(portableHypot(3, 4)).toBe(5);
    expect(portableHypot(3e300, 4e300)).toBeCloseTo(5e300, -290);
    expect(relativeError(portableHypot(3e-310, 4e-310), 5e-310)).toBeLessThan(1e-9);
    expect([portableHypot(), portableHypot(0, 0), portableHypot(-Infinity, Number.NaN)]).toEqual([0, 0, Infinity]);
    expect(portableHypot(1, Number.NaN)).toBeNaN();
  });

  it("pow: integer exponents by products (σ = (1 − α)³ is the same on every engine), others via exp/log", () => {
    for (const x of samples(5_000, 0, 1)) {
      // Exactly the product the interior-point method's centring would take.
      expect(Object.is(portablePow(x, 3), x * (x * x)), `pow(${x}, 3)`).toBe(true);
      expect(relativeError(portablePow(x, 3), Math.pow(x, 3))).toBeLessThanOrEqual(4.5e-16);
      expect(relativeError(portablePow(x, -2), Math.pow(x, -2))).toBeLessThanOrEqual(4.5e-16);
    }
    for (const x of samples(2_000, 1e-3, 1e3)) {
      for (const y of [0.5, -1.5, 2.25])
        expect(relativeError(portablePow(x, y), Math.pow(x, y)), `pow(${x}, ${y})`).toBeLessThanOrEqual(1e-13);
    }
    expect([
      portablePow(2, 10),
      portablePow(-2, 3),
      portablePow(7, 0),
      portablePow(Number.NaN, 0),
      portablePow(0, 0.5),
      portablePow(0, -0.5),
    ]).toEqual([1024, -8, 1, 1, 0, Infinity]);
    expect(Object.is(portablePow(-0, 3), -0)).toBe(true);
    expect(portablePow(-2, 0.5)).toBeNaN();
    expect(portablePow(Number.NaN, 2)).toBeNaN();
  });

  it("installs on a Math object and restores it", () => {
    const math = Object.create(Math) as Math;
    Object.assign(math, { exp: Math.exp, log: Math.log, log1p: Math.log1p, hypot: Math.hypot, pow: Math.pow });
    const restore = installPortableMath(math);
    expect(math.exp).toBe(portableExp);
    expect(math.hypot).toBe(portableHypot);
    expect(math.pow).toBe(portablePow);
    restore();
    expect(math.exp).toBe(Math.exp);
    expect(math.log1p).toBe(Math.log1p);
    expect(math.pow).toBe(Math.pow);
  });
});
