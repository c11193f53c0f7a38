/**
 * The top-`k` principal directions of a set of row vectors, uncentered as in SIF (Arora et al.,
 * 2017: the first singular vector of the sentence-embedding matrix), from a cyclic Jacobi
 * eigen-decomposition of the d × d second-moment matrix Σ v vᵀ. Jacobi converges for every
 * symmetric matrix; the sweep cap only guards against a bug, and its status is returned.
 */
export interface CommonComponents {
  /** `count` unit rows of length `dimension`, strongest first. */
  readonly directions: Float64Array;
  readonly count: number;
  readonly dimension: number;
  /** Whether the eigen-decomposition met its tolerance within the sweep cap. */
  readonly converged: boolean;
}

/** Off-diagonal mass below this fraction of the total counts as diagonal. */
const JACOBI_TOLERANCE = 1e-22;
/** Cyclic sweeps allowed (Jacobi needs ~6–10 at d = 100). */
const JACOBI_MAX_SWEEPS = 60;

/** Fits {@link CommonComponents} to `rows` (each of length `dimension`). */
export function fitCommonComponents(rows: readonly ArrayLike<number>[], dimension: number, k: number): CommonComponents {
  const d = dimension;
  const a = new Float64Array(d * d);
  for (const v of rows) for (let i = 0; i < d; i++) for (let j = i; j < d; j++) a[i * d + j]! += v[i]! * v[j]!;
  for (let i = 0; i < d; i++) for (let j = 0; j < i; j++) a[i * d + j] = a[j * d + i]!;
  const vectors = new Float64Array(d * d);
  for (let i = 0; i < d; i++) vectors[i * d + i] = 1;
  let total = 0;
  for (let i = 0; i < d * d; i++) total += a[i]! * a[i]!;
  let converged = false;
  for (let sweep = 0; sweep < JACOBI_MAX_SWEEPS && !converged; sweep++) {
    let off = 0;
    for (let p = 0; p < d; p++) for (let q = p + 1; q < d; q++) off += a[p * d + q]! * a[p * d + q]!;
    if (off <= JACOBI_TOLERANCE * total || total === 0) {
      converged = true;
      break;
    }
    for (let p = 0; p < d; p++) for (let q = p + 1; q < d; q++) rotate(a, vectors, d, p, q);
  }
  const order = Array.from({ length: d }, (_, i) => i).sort((x, y) => a[y * d + y]! - a[x * d + x]! || x - y);
  const count = Math.min(k, d);
  const directions = new Float64Array(count * d);
  order.slice(0, count).forEach((col, r) => {
    // Sign convention: the largest entry positive, so the fit is reproducible across platforms.
    let big = 0;
    for (let i = 0; i < d; i++) if (Math.abs(vectors[i * d + col]!) > Math.abs(big)) big = vectors[i * d + col]!;
    const sign = big < 0 ? -1 : 1;
    for (let i = 0; i < d; i++) directions[r * d + i] = sign * vectors[i * d + col]!;
  });
  return { directions, count, dimension: d, converged };
}

/** One Jacobi rotation zeroing a[p][q]; `vectors` accumulates the eigenvectors as columns. */
function rotate(a: Float64Array, vectors: Float64Array, d: number, p: number, q: number): void {
  const apq = a[p * d + q]!;
  if (apq === 0) return;
  const theta = (a[q * d + q]! - a[p * d + p]!) / (2 * apq);
  const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
  const c = 1 / Math.sqrt(t * t + 1);
  const s = t * c;
  for (let k = 0; k < d; k++) {
    const akp = a[k * d + p]!;
    const akq = a[k * d + q]!;
    a[k * d + p] = c * akp - s * akq;
    a[k * d + q] = s * akp + c * akq;
  }
  for (let k = 0; k < d; k++) {
    const apk = a[p * d + k]!;
    const aqk = a[q * d + k]!;
    a[p * d + k] = c * apk - s * aqk;
    a[q * d + k] = s * apk + c * aqk;
  }
  for (let k = 0; k < d; k++) {
    const vkp = vectors[k * d + p]!;
    const vkq = vectors[k * d + q]!;
    vectors[k * d + p] = c * vkp - s * vkq;
    vectors[k * d + q] = s * vkp + c * vkq;
  }
}

/** Removes the components along `components`' directions from `v` in place: v ← v − Σ u uᵀv. */
export function removeComponents(v: Float64Array, components: CommonComponents): void {
  const { directions, count, dimension: d } = components;
  for (let r = 0; r < count; r++) {
    let dot = 0;
    for (let i = 0; i < d; i++) dot += directions[r * d + i]! * v[i]!;
    for (let i = 0; i < d; i++) v[i]! -= dot * directions[r * d + i]!;
  }
}
