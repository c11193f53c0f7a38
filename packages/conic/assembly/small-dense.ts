// Port of src/cones/small-dense.ts (3×3 row-major helpers); keep the two in step.
import { getF64, setF64 } from "./memory";

/** Solves M x = r by Cramer's rule into out; false (out untouched) when M is numerically singular. */
export function solve3(M: usize, r0: f64, r1: f64, r2: f64, out: usize): bool {
  const a = getF64(M, 0);
  const b = getF64(M, 1);
  const c = getF64(M, 2);
  const d = getF64(M, 3);
  const e = getF64(M, 4);
  const f = getF64(M, 5);
  const g = getF64(M, 6);
  const h = getF64(M, 7);
  const i = getF64(M, 8);
  const A = e * i - f * h;
  const B = -(d * i - f * g);
  const C = d * h - e * g;
  const det = a * A + b * B + c * C;
  let largest: f64 = 0;
  for (let k = 0; k < 9; k++) largest = Math.max(largest, Math.abs(getF64(M, k)));
  const scale = largest * largest * largest;
  if (!(Math.abs(det) > 1e-14 * scale)) return false;
  const i01 = -(b * i - c * h);
  const i02 = b * f - c * e;
  const i11 = a * i - c * g;
  const i12 = -(a * f - c * d);
  const i21 = -(a * h - b * g);
  const i22 = a * e - b * d;
  setF64(out, 0, (A * r0 + i01 * r1 + i02 * r2) / det);
  setF64(out, 1, (B * r0 + i11 * r1 + i12 * r2) / det);
  setF64(out, 2, (C * r0 + i21 * r1 + i22 * r2) / det);
  return true;
}

/** M ← (M + Mᵀ)/2. */
export function symmetrize3(M: usize): void {
  for (let i = 0; i < 3; i++) {
    for (let j = i + 1; j < 3; j++) {
      const v = (getF64(M, 3 * i + j) + getF64(M, 3 * j + i)) / 2;
      setF64(M, 3 * i + j, v);
      setF64(M, 3 * j + i, v);
    }
  }
}

/** Sylvester's criterion on the leading minors. */
export function isPositiveDefinite3(M: usize): bool {
  const m0 = getF64(M, 0);
  const m1 = getF64(M, 1);
  const m2 = getF64(M, 2);
  const m3 = getF64(M, 3);
  const m4 = getF64(M, 4);
  const m5 = getF64(M, 5);
  const m6 = getF64(M, 6);
  const m7 = getF64(M, 7);
  const m8 = getF64(M, 8);
  const d2 = m0 * m4 - m1 * m3;
  const d3 = m0 * (m4 * m8 - m5 * m7) - m1 * (m3 * m8 - m5 * m6) + m2 * (m3 * m7 - m4 * m6);
  return m0 > 0 && d2 > 0 && d3 > 0 && isFinite(d3);
}

// Work space of clipToPositiveDefinite3 (static data: the module allocates nothing at run time).
const JACOBI_A: usize = memory.data(8 * 9, 8);
const JACOBI_V: usize = memory.data(8 * 9, 8);
const CLIPPED: usize = memory.data(8 * 3, 8);

/** Rotation (p, q) of one cyclic Jacobi sweep: a ← Jᵀ a J, V ← V J. */
function rotate(p: i32, q: i32): void {
  const a = JACOBI_A;
  const V = JACOBI_V;
  const apq = getF64(a, 3 * p + q);
  if (apq == 0) return;
  const theta = (getF64(a, 3 * q + q) - getF64(a, 3 * p + p)) / (2 * apq);
  // Math.sign(theta || 1): 0 and NaN count as +1.
  const sign: f64 = theta < 0 ? -1.0 : 1.0;
  const t = sign / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
  const c = 1 / Math.sqrt(t * t + 1);
  const s = t * c;
  for (let k = 0; k < 3; k++) {
    const akp = getF64(a, 3 * k + p);
    const akq = getF64(a, 3 * k + q);
    setF64(a, 3 * k + p, c * akp - s * akq);
    setF64(a, 3 * k + q, s * akp + c * akq);
  }
  for (let k = 0; k < 3; k++) {
    const apk = getF64(a, 3 * p + k);
    const aqk = getF64(a, 3 * q + k);
    setF64(a, 3 * p + k, c * apk - s * aqk);
    setF64(a, 3 * q + k, s * apk + c * aqk);
  }
  for (let k = 0; k < 3; k++) {
    const vkp = getF64(V, 3 * k + p);
    const vkq = getF64(V, 3 * k + q);
    setF64(V, 3 * k + p, c * vkp - s * vkq);
    setF64(V, 3 * k + q, s * vkp + c * vkq);
  }
}

/** Raises the eigenvalues of a symmetric 3×3 M to at least relativeFloor·λ_max (cyclic Jacobi). */
export function clipToPositiveDefinite3(M: usize, relativeFloor: f64): void {
  const a = JACOBI_A;
  const V = JACOBI_V;
  for (let k = 0; k < 9; k++) {
    setF64(a, k, getF64(M, k));
    setF64(V, k, k % 4 == 0 ? 1.0 : 0.0);
  }
  for (let sweep = 0; sweep < 50; sweep++) {
    const a1 = getF64(a, 1);
    const a2 = getF64(a, 2);
    const a5 = getF64(a, 5);
    const a0 = getF64(a, 0);
    const a4 = getF64(a, 4);
    const a8 = getF64(a, 8);
    const off = a1 * a1 + a2 * a2 + a5 * a5;
    if (off <= 1e-30 * (a0 * a0 + a4 * a4 + a8 * a8)) break;
    rotate(0, 1);
    rotate(0, 2);
    rotate(1, 2);
  }
  const l0 = getF64(a, 0);
  const l1 = getF64(a, 4);
  const l2 = getF64(a, 8);
  const floor = relativeFloor * Math.max(Math.max(Math.abs(l0), Math.abs(l1)), Math.abs(l2));
  setF64(CLIPPED, 0, Math.max(l0, floor));
  setF64(CLIPPED, 1, Math.max(l1, floor));
  setF64(CLIPPED, 2, Math.max(l2, floor));
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) {
      let sum: f64 = 0;
      for (let k = 0; k < 3; k++) sum += getF64(V, 3 * i + k) * getF64(CLIPPED, k) * getF64(V, 3 * j + k);
      setF64(M, 3 * i + j, sum);
    }
  }
}
