/**
 * Math.exp, Math.log, Math.log1p, Math.hypot and Math.pow written with + − × ÷ and √ only. ECMAScript lets
 * each engine implement its transcendental functions as it likes (only √ is correctly rounded),
 * and Chromium's V8 and Node 20's really do differ in the last bit on some arguments; the
 * elementary operations are IEEE-754 round-to-nearest everywhere. With these installed in both
 * runtimes, the same code computes bit-for-bit the same numbers in Chromium and in Node, so
 * the browser test can hold the packages to "same iterations, x/y/s within 1e-9" on every case.
 *
 * The algorithms are the classic ones (argument reduction by ln 2, then a short polynomial), with
 * fdlibm's published coefficients; accurate to about one ulp, which is all a solver needs.
 */

const LN2_HI = 6.9314718036912381649e-1; // ln 2 rounded so that k·LN2_HI is exact for |k| < 2¹¹
const LN2_LO = 1.90821492927058770002e-10;
const LOG2_E = 1.442695040888963387;
// exp(r) on |r| ≤ ln2/2: R(r²) of the Remez fit.
const P1 = 1.66666666666666019037e-1;
const P2 = -2.77777777770155933842e-3;
const P3 = 6.61375632143793436117e-5;
const P4 = -1.6533902205465251539e-6;
const P5 = 4.13813679705723846039e-8;
// log(1 + f) = 2s + s·R(s²), s = f / (2 + f).
const LG1 = 6.66666666666673513e-1;
const LG2 = 3.999999999940941908e-1;
const LG3 = 2.857142874366239149e-1;
const LG4 = 2.222219843214978396e-1;
const LG5 = 1.818357216161805012e-1;
const LG6 = 1.531383769920937332e-1;
const LG7 = 1.479819860511658591e-1;

const words = new DataView(new ArrayBuffer(8));

/** 2^k for an integer k in [−1022, 1023], built from its bits. */
function powerOfTwo(k: number): number {
  words.setUint32(0, (k + 1023) << 20);
  words.setUint32(4, 0);
  return words.getFloat64(0);
}

/** e^x. */
export function portableExp(x: number): number {
  if (Number.isNaN(x) || x === Number.POSITIVE_INFINITY) return x;
  if (x === Number.NEGATIVE_INFINITY) return 0;
  if (x > 709.782712893383973096) return Number.POSITIVE_INFINITY;
  if (x < -745.13321910194110842) return 0;
  const k = Math.round(x * LOG2_E);
  const hi = x - k * LN2_HI;
  const lo = k * LN2_LO;
  const r = hi - lo;
  const r2 = r * r;
  const c = r - r2 * (P1 + r2 * (P2 + r2 * (P3 + r2 * (P4 + r2 * P5))));
  const y = 1 - (lo - (r * c) / (2 - c) - hi);
  // Scale in two steps so that 2^k never leaves the normal range on its own.
  const half = Math.trunc(k / 2);
  return y * powerOfTwo(half) * powerOfTwo(k - half);
}

/** The natural logarithm. */
export function portableLog(x: number): number {
  if (Number.isNaN(x) || x < 0) return Number.NaN;
  if (x === 0) return Number.NEGATIVE_INFINITY;
  if (x === Number.POSITIVE_INFINITY) return x;
  let k = 0;
  if (x < 2.2250738585072014e-308) {
    x *= 18014398509481984; // 2^54: subnormals become normal
    k = -54;
  }
  words.setFloat64(0, x);
  let high = words.getUint32(0);
  k += (high >>> 20) - 1023;
  high &= 0x000fffff;
  // Put the mantissa m in [√2/2, √2): halve it (k + 1) when it is above √2.
  const above = (high + 0x95f64) & 0x100000;
  words.setUint32(0, high | (above ^ 0x3ff00000));
  k += above >>> 20;
  const f = words.getFloat64(0) - 1;
  const s = f / (2 + f);
  const z = s * s;
  const w = z * z;
  const r = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7))) + w * (LG2 + w * (LG4 + w * LG6));
  const halfSquare = 0.5 * f * f;
  return k * LN2_HI - (halfSquare - (s * (halfSquare + r) + k * LN2_LO) - f);
}

/** log(1 + x), accurate for small x (the rounding error of 1 + x is divided back out). */
export function portableLog1p(x: number): number {
  const u = 1 + x;
  if (u === 1) return x;
  if (u === Number.POSITIVE_INFINITY) return u;
  return (portableLog(u) * x) / (u - 1);
}

/** √(a² + b² + …) without overflow. */
export function portableHypot(...values: number[]): number {
  let largest = 0;
  for (const v of values) {
    const a = Math.abs(v);
    if (a === Number.POSITIVE_INFINITY) return a;
    if (Number.isNaN(a)) largest = Number.NaN;
    else if (a > largest) largest = a;
  }
  if (largest === 0 || Number.isNaN(largest)) return largest;
  let sum = 0;
  for (const v of values) sum += (v / largest) * (v / largest);
  return largest * Math.sqrt(sum);
}

/**
 * x^y. Integer exponents up to 1024 in magnitude by repeated squaring (products only, so the
 * interior-point method's σ = (1 − α)³ is (1 − α)·(1 − α)² on every engine); others as
 * exp(y·log x), about 1e-14 relative, with NaN for a negative base.
 */
export function portablePow(x: number, y: number): number {
  if (Number.isInteger(y) && Math.abs(y) <= 1024) {
    let result = 1;
    let base = x;
    for (let n = Math.abs(y); n > 0; n = Math.floor(n / 2)) {
      if (n % 2 === 1) result *= base;
      base *= base;
    }
    return y < 0 ? 1 / result : result;
  }
  if (Number.isNaN(x) || Number.isNaN(y) || x < 0) return Number.NaN;
  if (x === 0) return y > 0 ? 0 : Number.POSITIVE_INFINITY;
  return portableExp(y * portableLog(x));
}

/** The functions {@link installPortableMath} replaces. */
export const PORTABLE_FUNCTIONS = {
  exp: portableExp,
  log: portableLog,
  log1p: portableLog1p,
  hypot: portableHypot,
  pow: portablePow,
} as const;

/** Replaces the functions of {@link PORTABLE_FUNCTIONS} on `math`; returns the undo. */
export function installPortableMath(math: Math = Math): () => void {
  const saved = { exp: math.exp, log: math.log, log1p: math.log1p, hypot: math.hypot, pow: math.pow };
  Object.assign(math, PORTABLE_FUNCTIONS);
  return () => {
    Object.assign(math, saved);
  };
}
