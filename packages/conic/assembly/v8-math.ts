// Math.log and Math.hypot computed exactly as V8 computes them, so the exponential-cone kernels
// give the same bits as the TypeScript path (AssemblyScript's own Math.log is a different
// algorithm and differs from V8's in the last place now and then). The barrier's interior tests
// and the step-length bisection branch on these values: equal bits mean equal decisions.
//
// log: the classic fdlibm e_log.c algorithm (Sun Microsystems, 1993: "Permission to use, copy,
// modify, and distribute this software is freely granted, provided that this notice is
// preserved"), which V8 uses for Math.log. Reduce x = 2^k·(1 + f) with √2/2 < 1 + f < √2, then
// log(1 + f) = 2s + s·R(s²) with s = f/(2 + f) and a degree-7 minimax R. A test compares it with
// Math.log bit for bit on millions of inputs (src/kernels/wasm-exp-batch.test.ts).

const LN2_HI: f64 = 6.93147180369123816490e-01;
const LN2_LO: f64 = 1.90821492927058770002e-10;
const TWO54: f64 = 1.80143985094819840000e+16;
const LG1: f64 = 6.666666666666735130e-01;
const LG2: f64 = 3.999999999940941908e-01;
const LG3: f64 = 2.857142874366239149e-01;
const LG4: f64 = 2.222219843214978396e-01;
const LG5: f64 = 1.818357216161805012e-01;
const LG6: f64 = 1.531383769920937332e-01;
const LG7: f64 = 1.479819860511658591e-01;

@inline function highWord(x: f64): i32 {
  return <i32>(reinterpret<u64>(x) >> 32);
}

@inline function lowWord(x: f64): u32 {
  return <u32>reinterpret<u64>(x);
}

@inline function withHighWord(x: f64, high: i32): f64 {
  return reinterpret<f64>((<u64><u32>high << 32) | <u64>lowWord(x));
}

/** Natural logarithm, bit-identical to V8's Math.log. */
export function v8Log(xIn: f64): f64 {
  let x = xIn;
  let hx = highWord(x);
  const lx = lowWord(x);
  let k: i32 = 0;
  if (hx < 0x00100000) {
    if (((hx & 0x7fffffff) | <i32>lx) == 0) return -Infinity;
    if (hx < 0) return NaN;
    // Subnormal: scale into the normal range.
    k -= 54;
    x *= TWO54;
    hx = highWord(x);
  }
  if (hx >= 0x7ff00000) return x + x;
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  let i = (hx + 0x95f64) & 0x100000;
  x = withHighWord(x, hx | (i ^ 0x3ff00000));
  k += i >> 20;
  const f = x - 1.0;
  const dk = <f64>k;
  if ((0x000fffff & (2 + hx)) < 3) {
    // |f| < 2^-20.
    if (f == 0) {
      if (k == 0) return 0;
      return dk * LN2_HI + dk * LN2_LO;
    }
    const r = f * f * (0.5 - 0.33333333333333333 * f);
    if (k == 0) return f - r;
    return dk * LN2_HI - ((r - dk * LN2_LO) - f);
  }
  const s = f / (2.0 + f);
  const z = s * s;
  i = hx - 0x6147a;
  const w = z * z;
  const j = 0x6b851 - hx;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  i |= j;
  const r = t2 + t1;
  if (i > 0) {
    const hfsq = 0.5 * f * f;
    if (k == 0) return f - (hfsq - s * (hfsq + r));
    return dk * LN2_HI - ((hfsq - (s * (hfsq + r) + dk * LN2_LO)) - f);
  }
  if (k == 0) return f - s * (f - r);
  return dk * LN2_HI - ((s * (f - r) - dk * LN2_LO) - f);
}

/**
 * √(a² + b² + c²) as V8's Math.hypot computes it: scale by the largest magnitude, then a
 * compensated (Kahan) sum of the squares.
 */
export function v8Hypot3(a: f64, b: f64, c: f64): f64 {
  const x = Math.abs(a);
  const y = Math.abs(b);
  const z = Math.abs(c);
  let max: f64 = 0;
  let nan = false;
  if (isNaN(x)) nan = true;
  else if (x > max) max = x;
  if (isNaN(y)) nan = true;
  else if (y > max) max = y;
  if (isNaN(z)) nan = true;
  else if (z > max) max = z;
  if (max == Infinity) return Infinity;
  if (nan) return NaN;
  if (max == 0) return 0;
  let sum: f64 = 0;
  let compensation: f64 = 0;
  let n = x / max;
  let summand = n * n - compensation;
  let preliminary = sum + summand;
  compensation = (preliminary - sum) - summand;
  sum = preliminary;
  n = y / max;
  summand = n * n - compensation;
  preliminary = sum + summand;
  compensation = (preliminary - sum) - summand;
  sum = preliminary;
  n = z / max;
  summand = n * n - compensation;
  preliminary = sum + summand;
  sum = preliminary;
  return Math.sqrt(sum) * max;
}
