import type { UpperCscPattern } from "../../src/kernels/kernel.js";

/** A symmetric test matrix: dense copy for the reference, upper CSC for the engine, and signs. */
export interface TestMatrix {
  readonly name: string;
  readonly dense: number[][];
  readonly pattern: UpperCscPattern;
  readonly values: Float64Array;
  readonly signs: Int8Array;
}

/** A small deterministic RNG (mulberry32) so every test run sees the same matrices. */
export function testRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface CscOptions {
  /** Also store these (row ≤ col) positions with value 0. */
  readonly explicitZeros?: readonly (readonly [number, number])[];
  /** Split every entry in two halves stored as repeats. */
  readonly duplicate?: boolean;
  /** Leave zero diagonals out of the pattern (the engine must add its own slot). */
  readonly dropZeroDiagonal?: boolean;
}

/** Upper-triangle CSC of a dense symmetric matrix (nonzeros only, plus the options' extras). */
export function toUpperCsc(
  dense: readonly (readonly number[])[],
  options: CscOptions = {},
): {
  pattern: UpperCscPattern;
  values: Float64Array;
} {
  const n = dense.length;
  const zeros = new Set((options.explicitZeros ?? []).map(([i, j]) => i * n + j));
  const colPtr = new Int32Array(n + 1);
  const rows: number[] = [];
  const vals: number[] = [];
  for (let j = 0; j < n; j++) {
    for (let i = 0; i <= j; i++) {
      const v = dense[i]![j]!;
      const keep = v !== 0 || zeros.has(i * n + j) || (i === j && !options.dropZeroDiagonal);
      if (!keep) continue;
      if (options.duplicate && v !== 0) {
        rows.push(i, i);
        vals.push(v * 0.25, v * 0.75);
      } else {
        rows.push(i);
        vals.push(v);
      }
    }
    colPtr[j + 1] = rows.length;
  }
  return { pattern: { n, colPtr, rowIdx: Int32Array.from(rows) }, values: Float64Array.from(vals) };
}

function zerosMatrix(n: number): number[][] {
  return Array.from({ length: n }, () => new Array<number>(n).fill(0));
}

function setSym(m: number[][], i: number, j: number, v: number): void {
  m[i]![j] = v;
  m[j]![i] = v;
}

/**
 * A random quasi-definite KKT matrix [H Aᵀ; A −G]: H = diagonal + sparse symmetric diagonally
 * dominant (nPrimal), A random sparse (nDual × nPrimal), G positive diagonal (some ~0 so the dual
 * block relies on regularization when asked).
 */
export function randomKkt(nPrimal: number, nDual: number, density: number, seed: number, tinyDual = false): TestMatrix {
  const rng = testRng(seed);
  const n = nPrimal + nDual;
  const m = zerosMatrix(n);
  for (let i = 0; i < nPrimal; i++) {
    for (let j = i + 1; j < nPrimal; j++) if (rng() < density) setSym(m, i, j, rng() * 2 - 1);
  }
  for (let i = 0; i < nPrimal; i++) {
    let off = 0;
    for (let j = 0; j < nPrimal; j++) if (j !== i) off += Math.abs(m[i]![j]!);
    m[i]![i] = off + 0.5 + rng();
  }
  for (let r = 0; r < nDual; r++) {
    for (let c = 0; c < nPrimal; c++) if (rng() < density) setSym(m, nPrimal + r, c, rng() * 2 - 1);
    m[nPrimal + r]![nPrimal + r] = tinyDual && r % 3 === 0 ? 0 : -(0.1 + rng());
  }
  const signs = new Int8Array(n).map((_, i) => (i < nPrimal ? 1 : -1));
  return { name: `kkt ${nPrimal}+${nDual} d=${density} seed=${seed}`, dense: m, ...toUpperCsc(m), signs };
}

/** An arrowhead: a hub at index 0 coupled to everyone, diagonal elsewhere. Natural order fills completely. */
export function arrowhead(n: number): TestMatrix {
  const m = zerosMatrix(n);
  for (let i = 1; i < n; i++) {
    setSym(m, 0, i, 1);
    m[i]![i] = 2;
  }
  m[0]![0] = n + 1;
  return { name: `arrowhead ${n}`, dense: m, ...toUpperCsc(m), signs: new Int8Array(n).fill(1) };
}

/** The 5-point Laplacian of a side×side grid (positive definite). */
export function grid(side: number): TestMatrix {
  const n = side * side;
  const m = zerosMatrix(n);
  for (let r = 0; r < side; r++) {
    for (let c = 0; c < side; c++) {
      const i = r * side + c;
      m[i]![i] = 4.1;
      if (c + 1 < side) setSym(m, i, i + 1, -1);
      if (r + 1 < side) setSym(m, i, i + side, -1);
    }
  }
  return { name: `grid ${side}x${side}`, dense: m, ...toUpperCsc(m), signs: new Int8Array(n).fill(1) };
}

/** A dense quasi-definite matrix (every entry structurally nonzero). */
export function denseQuasiDefinite(nPrimal: number, nDual: number, seed: number): TestMatrix {
  const rng = testRng(seed);
  const n = nPrimal + nDual;
  const m = zerosMatrix(n);
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) setSym(m, i, j, (rng() * 2 - 1) * 0.3);
  for (let i = 0; i < n; i++) m[i]![i] = i < nPrimal ? n : -n;
  const signs = new Int8Array(n).map((_, i) => (i < nPrimal ? 1 : -1));
  return { name: `dense ${nPrimal}+${nDual}`, dense: m, ...toUpperCsc(m), signs };
}

/** Relative ∞-norm distance ‖a − b‖∞ / max(1, ‖b‖∞). */
export function relativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let diff = 0;
  let scale = 1;
  for (let i = 0; i < b.length; i++) {
    diff = Math.max(diff, Math.abs(a[i]! - b[i]!));
    scale = Math.max(scale, Math.abs(b[i]!));
  }
  return diff / scale;
}

/**
 * A quasi-definite matrix of random size and structure: n ∈ [1, 30], a random primal/dual split,
 * random density, some rows coupled to nothing (empty off-diagonal columns), diagonals dominant
 * enough that no regularization is needed.
 */
export function randomStructure(seed: number): TestMatrix {
  const rng = testRng(seed);
  const n = 1 + Math.floor(rng() * 30);
  const nPrimal = Math.floor(rng() * (n + 1));
  const density = rng() * 0.5;
  const isolated = new Set<number>();
  for (let i = 0; i < n; i++) if (rng() < 0.1) isolated.add(i);
  const m = zerosMatrix(n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (!isolated.has(i) && !isolated.has(j) && rng() < density) setSym(m, i, j, rng() * 2 - 1);
    }
  }
  // Quasi-definite: primal block positive definite, dual block negative definite, by dominance.
  for (let i = 0; i < n; i++) {
    let off = 0;
    for (let j = 0; j < n; j++) if (j !== i && j < nPrimal === i < nPrimal) off += Math.abs(m[i]![j]!);
    const magnitude = off + 0.1 + rng();
    m[i]![i] = i < nPrimal ? magnitude : -magnitude;
  }
  const signs = new Int8Array(n).map((_, i) => (i < nPrimal ? 1 : -1));
  return { name: `random structure seed=${seed} (n=${n}, primal ${nPrimal})`, dense: m, ...toUpperCsc(m), signs };
}
