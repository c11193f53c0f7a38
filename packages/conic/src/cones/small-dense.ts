/** Tiny dense helpers for 3×3 cone blocks (row-major). */

/** Solves M x = r for a 3×3 M by Cramer's rule; undefined when M is numerically singular. */
export function solve3(M: ArrayLike<number>, r: readonly number[]): number[] | undefined {
  const [a, b, c, d, e, f, g, h, i] = [M[0]!, M[1]!, M[2]!, M[3]!, M[4]!, M[5]!, M[6]!, M[7]!, M[8]!];
  const A = e * i - f * h;
  const B = -(d * i - f * g);
  const C = d * h - e * g;
  const det = a * A + b * B + c * C;
  const scale = Math.max(...Array.from({ length: 9 }, (_, k) => Math.abs(M[k]!))) ** 3;
  if (!(Math.abs(det) > 1e-14 * scale)) return undefined;
  const inv = [A, -(b * i - c * h), b * f - c * e, B, a * i - c * g, -(a * f - c * d), C, -(a * h - b * g), a * e - b * d];
  return [0, 1, 2].map((k) => (inv[3 * k]! * r[0]! + inv[3 * k + 1]! * r[1]! + inv[3 * k + 2]! * r[2]!) / det);
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
