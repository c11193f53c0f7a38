/**
 * Reference formulas written independently of src/, shared by the verification tests so that
 * they check the library against one plain statement of the math.
 */

/** log(1 + e^x) without overflow. */
export function softplusRef(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

/** 1 / (1 + e^(−x)) without overflow. */
export function sigmoidRef(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}
