/**
 * Barriers of the exponential cone K = closure{(x, y, z): y > 0, y·exp(x/y) ≤ z} and its dual
 * K* = closure{(u, v, w): u < 0, −u·exp(v/u) ≤ e·w}, both of degree 3 (the ones Clarabel and
 * Dahl–Andersen use):
 *
 *   f*(z) = −log(ψ*) − log(−u) − log w,   ψ* = v − u − u·log(w/(−u)),
 *   f(s)  = the conjugate barrier of f* (below; via the Wright omega function).
 *
 * Vectors are 3-long slices at `o` of a longer array; matrices are row-major 3×3.
 */

/** Whether s[o..o+3) is in the interior of K. */
export function isPrimalInterior(s: ArrayLike<number>, o: number): boolean {
  const x = s[o]!;
  const y = s[o + 1]!;
  const z = s[o + 2]!;
  return y > 0 && z > 0 && y * Math.log(z / y) - x > 0;
}

/** Whether z[o..o+3) is in the interior of K*. */
export function isDualInterior(zv: ArrayLike<number>, o: number): boolean {
  const u = zv[o]!;
  const v = zv[o + 1]!;
  const w = zv[o + 2]!;
  return u < 0 && w > 0 && v - u - u * Math.log(w / -u) > 0;
}

/**
 * f(s), the conjugate of f* (so that s = −∇f*(z) ⇔ z = −∇f(s), which the primal–dual scaling
 * needs): f(s) = −2·log y − log z − log((1 − ω)²/ω) − 3 with ω = ω(1 − x/y − log(y/z)), the Wright
 * omega function (Clarabel's closed form; assumes interior).
 */
export function primalBarrier(s: ArrayLike<number>, o: number): number {
  const x = s[o]!;
  const y = s[o + 1]!;
  const z = s[o + 2]!;
  const omega = wrightOmega(1 - x / y - Math.log(y / z));
  return -Math.log(((omega - 1) * (omega - 1)) / omega) - 2 * Math.log(y) - Math.log(z) - 3;
}

/**
 * The Wright omega function on [1, ∞): the y with y + log y = t. Starts from a series (t near 1) or
 * t − log t, then Newton steps on y + log y − t (monotone, so a few steps reach machine precision).
 */
export function wrightOmega(t: number): number {
  let y: number;
  if (t < 1 + Math.PI) {
    const d = t - 1;
    y = 1 + d / 2 + (d * d) / 16 - (d * d * d) / 192;
  } else {
    const l = Math.log(t);
    y = t - l + l / t;
  }
  for (let k = 0; k < 50; k++) {
    const r = y + Math.log(y) - t;
    const next = y - r / (1 + 1 / y);
    if (!(next > 0)) break;
    const done = Math.abs(next - y) <= 1e-15 * next;
    y = next;
    if (done) break;
  }
  return y;
}

/** f*(z) (assumes interior). */
export function dualBarrier(zv: ArrayLike<number>, o: number): number {
  const u = zv[o]!;
  const v = zv[o + 1]!;
  const w = zv[o + 2]!;
  return -Math.log(v - u - u * Math.log(w / -u)) - Math.log(-u) - Math.log(w);
}

/** grad ← ∇f(s) of the conjugate barrier above (= −z for the z with s = −∇f*(z)). */
export function primalGradient(grad: Float64Array, s: ArrayLike<number>, o: number): void {
  const x = s[o]!;
  const y = s[o + 1]!;
  const z = s[o + 2]!;
  const omega = wrightOmega(1 - x / y - Math.log(y / z));
  grad[0] = 1 / ((omega - 1) * y);
  grad[1] = grad[0] + grad[0] * Math.log((omega * y) / z) - 1 / y;
  grad[2] = omega / ((1 - omega) * z);
}

/** grad ← ∇f*(z). */
export function dualGradient(grad: Float64Array, zv: ArrayLike<number>, o: number): void {
  const u = zv[o]!;
  const v = zv[o + 1]!;
  const w = zv[o + 2]!;
  const psi = v - u - u * Math.log(w / -u);
  // ∇ψ* = (log(−u/w), 1, −u/w).
  grad[0] = -Math.log(-u / w) / psi - 1 / u;
  grad[1] = -1 / psi;
  grad[2] = u / w / psi - 1 / w;
}

/** H ← ∇²f*(z) = ∇ψ*∇ψ*ᵀ/ψ*² − ∇²ψ* / ψ* + diag(1/u², 0, 1/w²). */
export function dualHessian(H: Float64Array, zv: ArrayLike<number>, o: number): void {
  const u = zv[o]!;
  const v = zv[o + 1]!;
  const w = zv[o + 2]!;
  const psi = v - u - u * Math.log(w / -u);
  const g0 = Math.log(-u / w);
  const g2 = -u / w;
  const psi2 = psi * psi;
  // ∇ψ* = (g0, 1, g2); ∇²ψ*: ∂uu = 1/u, ∂uw = −1/w, ∂ww = u/w², the rest 0. Written out without
  // temporaries (this runs three times per exp cone per iteration); each entry is rounded exactly as
  // the generic ∇ψ*∇ψ*ᵀ/ψ*² − ∇²ψ*/ψ* form would round it.
  const uw = (g0 * g2) / psi2 + 1 / w / psi;
  H[0] = (g0 * g0) / psi2 - 1 / u / psi + 1 / (u * u);
  H[1] = g0 / psi2;
  H[2] = uw;
  H[3] = g0 / psi2;
  H[4] = 1 / psi2;
  H[5] = g2 / psi2;
  H[6] = uw;
  H[7] = g2 / psi2;
  H[8] = (g2 * g2) / psi2 - u / (w * w) / psi + 1 / (w * w);
}
