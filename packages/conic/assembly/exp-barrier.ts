// Port of src/cones/exp-barrier.ts (the exponential cone's barriers); keep the two in step.
// Vectors are 3-long slices at element index `o` of an f64 array; matrices row-major 3×3.
import { getF64, setF64 } from "./memory";
import { v8Log } from "./v8-math";

/** Whether s[o..o+3) is in the interior of K. */
export function isPrimalInterior(s: usize, o: i32): bool {
  const x = getF64(s, o);
  const y = getF64(s, o + 1);
  const z = getF64(s, o + 2);
  return y > 0 && z > 0 && y * v8Log(z / y) - x > 0;
}

/** Whether z[o..o+3) is in the interior of K*. */
export function isDualInterior(zv: usize, o: i32): bool {
  const u = getF64(zv, o);
  const v = getF64(zv, o + 1);
  const w = getF64(zv, o + 2);
  return u < 0 && w > 0 && v - u - u * v8Log(w / -u) > 0;
}

/** The Wright omega function on [1, ∞): the y with y + log y = t (series or t − log t, then Newton). */
export function wrightOmega(t: f64): f64 {
  let y: f64;
  if (t < 1 + Math.PI) {
    const d = t - 1;
    y = 1 + d / 2 + (d * d) / 16 - (d * d * d) / 192;
  } else {
    const l = v8Log(t);
    y = t - l + l / t;
  }
  for (let k = 0; k < 50; k++) {
    const r = y + v8Log(y) - t;
    const next = y - r / (1 + 1 / y);
    if (!(next > 0)) break;
    const done = Math.abs(next - y) <= 1e-15 * next;
    y = next;
    if (done) break;
  }
  return y;
}

/** grad ← ∇f(s), f the conjugate of f* (via the Wright omega function). */
export function primalGradient(grad: usize, s: usize, o: i32): void {
  const x = getF64(s, o);
  const y = getF64(s, o + 1);
  const z = getF64(s, o + 2);
  const omega = wrightOmega(1 - x / y - v8Log(y / z));
  const g0 = 1 / ((omega - 1) * y);
  setF64(grad, 0, g0);
  setF64(grad, 1, g0 + g0 * v8Log((omega * y) / z) - 1 / y);
  setF64(grad, 2, omega / ((1 - omega) * z));
}

/** grad ← ∇f*(z). */
export function dualGradient(grad: usize, zv: usize, o: i32): void {
  const u = getF64(zv, o);
  const v = getF64(zv, o + 1);
  const w = getF64(zv, o + 2);
  const psi = v - u - u * v8Log(w / -u);
  setF64(grad, 0, -v8Log(-u / w) / psi - 1 / u);
  setF64(grad, 1, -1 / psi);
  setF64(grad, 2, u / w / psi - 1 / w);
}

/** H ← ∇²f*(z) = ∇ψ*∇ψ*ᵀ/ψ*² − ∇²ψ* / ψ* + diag(1/u², 0, 1/w²). */
export function dualHessian(H: usize, zv: usize, o: i32): void {
  const u = getF64(zv, o);
  const v = getF64(zv, o + 1);
  const w = getF64(zv, o + 2);
  const psi = v - u - u * v8Log(w / -u);
  const g0 = v8Log(-u / w);
  const g2 = -u / w;
  const psi2 = psi * psi;
  const uw = (g0 * g2) / psi2 + 1 / w / psi;
  setF64(H, 0, (g0 * g0) / psi2 - 1 / u / psi + 1 / (u * u));
  setF64(H, 1, g0 / psi2);
  setF64(H, 2, uw);
  setF64(H, 3, g0 / psi2);
  setF64(H, 4, 1 / psi2);
  setF64(H, 5, g2 / psi2);
  setF64(H, 6, uw);
  setF64(H, 7, g2 / psi2);
  setF64(H, 8, (g2 * g2) / psi2 - u / (w * w) / psi + 1 / (w * w));
}
