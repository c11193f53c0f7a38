/** Tiny dense helpers for 3×3 cone blocks (row-major). */

/**
 * Solves M x = r for a 3×3 M by Cramer's rule into `out` (no allocation: it runs per exp cone per
 * iteration); false when M is numerically singular (then `out` is untouched).
 */
export function solve3(M: ArrayLike<number>, r0: number, r1: number, r2: number, out: Float64Array): boolean {
  const a = M[0]!;
  const b = M[1]!;
  const c = M[2]!;
  const d = M[3]!;
  const e = M[4]!;
  const f = M[5]!;
  const g = M[6]!;
  const h = M[7]!;
  const i = M[8]!;
  const A = e * i - f * h;
  const B = -(d * i - f * g);
  const C = d * h - e * g;
  const det = a * A + b * B + c * C;
  let largest = 0;
  for (let k = 0; k < 9; k++) largest = Math.max(largest, Math.abs(M[k]!));
  // Products, not `** 3`: V8's pow and the wasm port's would differ in the last place.
  const scale = largest * largest * largest;
  if (!(Math.abs(det) > 1e-14 * scale)) return false;
  const i01 = -(b * i - c * h);
  const i02 = b * f - c * e;
  const i11 = a * i - c * g;
  const i12 = -(a * f - c * d);
  const i21 = -(a * h - b * g);
  const i22 = a * e - b * d;
  out[0] = (A * r0 + i01 * r1 + i02 * r2) / det;
  out[1] = (B * r0 + i11 * r1 + i12 * r2) / det;
  out[2] = (C * r0 + i21 * r1 + i22 * r2) / det;
  return true;
}

/** M ← (M + Mᵀ)/2. */
export function symmetrize3(M: Float64Array): void {
  for (let i = 0; i < 3; i++) {
    for (let j = i + 1; j < 3; j++) {
      const v = (M[3 * i + j]! + M[3 * j + i]!) / 2;
      M[3 * i + j] = v;
      M[3 * j + i] = v;
    }
  }
}

/** Whether a symmetric 3×3 matrix is positive definite (Sylvester's criterion on the leading minors). */
export function isPositiveDefinite3(M: ArrayLike<number>): boolean {
  const d1 = M[0]!;
  const d2 = M[0]! * M[4]! - M[1]! * M[3]!;
  const d3 = M[0]! * (M[4]! * M[8]! - M[5]! * M[7]!) - M[1]! * (M[3]! * M[8]! - M[5]! * M[6]!) + M[2]! * (M[3]! * M[7]! - M[4]! * M[6]!);
  return d1 > 0 && d2 > 0 && d3 > 0 && Number.isFinite(d3);
}

/**
 * Makes a symmetric 3×3 matrix positive definite by raising its eigenvalues to at least
 * `relativeFloor`·λ_max (cyclic Jacobi eigendecomposition). Near the boundary of the exponential cone
 * the scaling is a huge rank-one term plus O(1) ones, and rounding can leave a tiny negative
 * eigenvalue that would break the quasi-definite KKT system; this undoes only that rounding.
 */
export function clipToPositiveDefinite3(M: Float64Array, relativeFloor: number): void {
  const a = Array.from(M);
  const V = [1, 0, 0, 0, 1, 0, 0, 0, 1];
  for (let sweep = 0; sweep < 50; sweep++) {
    const off = a[1]! ** 2 + a[2]! ** 2 + a[5]! ** 2;
    if (off <= 1e-30 * (a[0]! ** 2 + a[4]! ** 2 + a[8]! ** 2)) break;
    for (const [p, q] of [
      [0, 1],
      [0, 2],
      [1, 2],
    ] as const) {
      const apq = a[3 * p + q]!;
      if (apq === 0) continue;
      const theta = (a[3 * q + q]! - a[3 * p + p]!) / (2 * apq);
      const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
      const c = 1 / Math.sqrt(t * t + 1);
      const s = t * c;
      // a ← Jᵀ a J with the rotation J in the (p, q) plane; V ← V J.
      for (let k = 0; k < 3; k++) {
        const akp = a[3 * k + p]!;
        const akq = a[3 * k + q]!;
        a[3 * k + p] = c * akp - s * akq;
        a[3 * k + q] = s * akp + c * akq;
      }
      for (let k = 0; k < 3; k++) {
        const apk = a[3 * p + k]!;
        const aqk = a[3 * q + k]!;
        a[3 * p + k] = c * apk - s * aqk;
        a[3 * q + k] = s * apk + c * aqk;
      }
      for (let k = 0; k < 3; k++) {
        const vkp = V[3 * k + p]!;
        const vkq = V[3 * k + q]!;
        V[3 * k + p] = c * vkp - s * vkq;
        V[3 * k + q] = s * vkp + c * vkq;
      }
    }
  }
  const lambda = [a[0]!, a[4]!, a[8]!];
  const floor = relativeFloor * Math.max(...lambda.map(Math.abs));
  const clipped = lambda.map((l) => Math.max(l, floor));
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) {
      let sum = 0;
      for (let k = 0; k < 3; k++) sum += V[3 * i + k]! * clipped[k]! * V[3 * j + k]!;
      M[3 * i + j] = sum;
    }
  }
}
