/**
 * The confidence radius of method.md step 3:
 * β_t = 10·d·log(S·t/(4d) + e) + 2·((e − 2) + S)·log(1/δ).
 */
export function confidenceRadius(t: number, dim: number, S: number, delta: number): number {
  return 10 * dim * Math.log((S * t) / (4 * dim) + Math.E) + 2 * (Math.E - 2 + S) * Math.log(1 / delta);
}
