/** A mean with its standard error (sample standard deviation / √n; 0 for n ≤ 1). */
export interface MeanSem {
  readonly mean: number;
  readonly sem: number;
  readonly n: number;
}

/** Mean and standard error of `values` (NaN mean for none). */
export function meanSem(values: readonly number[]): MeanSem {
  const n = values.length;
  if (n === 0) return { mean: Number.NaN, sem: 0, n };
  const mean = values.reduce((s, v) => s + v, 0) / n;
  if (n === 1) return { mean, sem: 0, n };
  const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1);
  return { mean, sem: Math.sqrt(variance / n), n };
}
