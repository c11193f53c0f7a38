/**
 * Barriers of the exponential cone K = closure{(x, y, z): y > 0, y·exp(x/y) ≤ z} and its dual
 * K* = closure{(u, v, w): u < 0, −u·exp(v/u) ≤ e·w}, both of degree 3 (the ones Clarabel and
 * Dahl–Andersen use):
 *
 *   f(s)  = −log(ψ) − log y − log z,      ψ  = y·log(z/y) − x,
 *   f*(z) = −log(ψ*) − log(−u) − log w,   ψ* = v − u − u·log(w/(−u)).
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

/** f(s) (assumes interior). */
export function primalBarrier(s: ArrayLike<number>, o: number): number {
  const x = s[o]!;
  const y = s[o + 1]!;
  const z = s[o + 2]!;
  return -Math.log(y * Math.log(z / y) - x) - Math.log(y) - Math.log(z);
}

/** f*(z) (assumes interior). */
export function dualBarrier(zv: ArrayLike<number>, o: number): number {
  const u = zv[o]!;
  const v = zv[o + 1]!;
  const w = zv[o + 2]!;
  return -Math.log(v - u - u * Math.log(w / -u)) - Math.log(-u) - Math.log(w);
}

/** grad ← ∇f(s). */
export function primalGradient(grad: Float64Array, s: ArrayLike<number>, o: number): void {
  const x = s[o]!;
  const y = s[o + 1]!;
  const z = s[o + 2]!;
  const psi = y * Math.log(z / y) - x;
  // ∇ψ = (−1, log(z/y) − 1, y/z).
  grad[0] = 1 / psi;
  grad[1] = -(Math.log(z / y) - 1) / psi - 1 / y;
  grad[2] = -y / z / psi - 1 / z;
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

/** H ← ∇²f*(z) = ∇ψ*∇ψ*ᵀ/ψ*² − ∇²ψ*/ψ* + diag(1/u², 0, 1/w²). */
export function dualHessian(H: Float64Array, zv: ArrayLike<number>, o: number): void {
  const u = zv[o]!;
  const v = zv[o + 1]!;
  const w = zv[o + 2]!;
  const psi = v - u - u * Math.log(w / -u);
  const g0 = Math.log(-u / w);
  const g2 = -u / w;
  const g = [g0, 1, g2];
  // ∇²ψ*: ∂uu = 1/u, ∂uw = −1/w, ∂ww = u/w², the rest 0.
  const h = [1 / u, 0, -1 / w, 0, 0, 0, -1 / w, 0, u / (w * w)];
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) H[3 * i + j] = (g[i]! * g[j]!) / (psi * psi) - h[3 * i + j]! / psi;
  }
  H[0]! += 1 / (u * u);
  H[8]! += 1 / (w * w);
}
