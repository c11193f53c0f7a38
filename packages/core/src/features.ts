import { UserAlignError } from "./errors.js";

/** A pool's features as one row-major Float64Array. */
export interface FeatureMatrix {
  readonly data: Float64Array;
  /** Number of candidates N. */
  readonly n: number;
  /** Feature dimension d. */
  readonly d: number;
}

/** Anything that lists rows of numbers: `number[][]`, `Float32Array[]`, … */
export type FeatureRows = readonly ArrayLike<number>[];

/**
 * Checks and packs a pool's feature rows. Throws `invalid_input` naming the first bad row and
 * column: fewer than two candidates, an empty or ragged row, a non-finite entry. −0 is stored as +0.
 */
export function toFeatureMatrix(rows: FeatureRows, path: (string | number)[] = ["features"]): FeatureMatrix {
  if (!Array.isArray(rows) || rows.length < 2) {
    throw new UserAlignError(
      "invalid_input",
      `A pool needs at least 2 candidates; got ${Array.isArray(rows) ? rows.length : typeof rows}.`,
      [{ path, message: "needs at least 2 rows" }],
    );
  }
  const first = rows[0];
  const d = first && typeof first.length === "number" ? first.length : 0;
  if (d < 1) {
    throw new UserAlignError("invalid_input", "Feature rows must be non-empty arrays of numbers.", [
      { path: [...path, 0], message: "empty or not an array" },
    ]);
  }
  const n = rows.length;
  const data = new Float64Array(n * d);
  for (let j = 0; j < n; j++) {
    const row = rows[j];
    if (!row || typeof row.length !== "number" || row.length !== d) {
      const len = row && typeof row.length === "number" ? row.length : "not an array";
      throw new UserAlignError(
        "invalid_input",
        `Feature row ${j} has length ${len}, but row 0 has length ${d}: every candidate needs the same dimension.`,
        [{ path: [...path, j], message: `expected length ${d}` }],
      );
    }
    for (let k = 0; k < d; k++) {
      const v = row[k];
      if (typeof v !== "number" || !Number.isFinite(v)) {
        throw new UserAlignError("invalid_input", `Feature row ${j}, column ${k} is ${String(v)}; features must be finite numbers.`, [
          { path: [...path, j, k], message: "not a finite number" },
        ]);
      }
      // −0 becomes +0: JSON writes both as 0, and a pool must mean the same numbers (and digest)
      // after a snapshot's trip through JSON as before it.
      data[j * d + k] = v + 0;
    }
  }
  return { data, n, d };
}

/** The pool's mean and the largest distance of a row from it. */
function centerAndRadius(m: FeatureMatrix): { mean: Float64Array; radius: number } {
  const { data, n, d } = m;
  const mean = new Float64Array(d);
  for (let j = 0; j < n; j++) for (let k = 0; k < d; k++) mean[k]! += data[j * d + k]! / n;
  let radius = 0;
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let k = 0; k < d; k++) s += (data[j * d + k]! - mean[k]!) ** 2;
    radius = Math.max(radius, Math.sqrt(s));
  }
  return { mean, radius };
}

/** The largest ‖φ_j‖. */
function maxRowNorm(m: FeatureMatrix): number {
  const { data, n, d } = m;
  let best = 0;
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let k = 0; k < d; k++) s += data[j * d + k]! ** 2;
    if (s > best) best = s;
  }
  return Math.sqrt(best);
}

/** The largest ‖φ_i − φ_j‖ over all pairs (O(N²·d)). */
export function maxPairwiseDistance(m: FeatureMatrix): number {
  const { data, n, d } = m;
  let best = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      let s = 0;
      for (let k = 0; k < d; k++) {
        const v = data[i * d + k]! - data[j * d + k]!;
        s += v * v;
      }
      if (s > best) best = s;
    }
  }
  return Math.sqrt(best);
}

/**
 * Throws `invalid_input` unless ‖φ_i − φ_j‖ ≤ 1 for every pair (SPEC: the confidence radius β_t
 * assumes it). Two cheap bounds, 2·max‖φ‖ and 2·max‖φ − φ̄‖, settle most pools without the pairwise scan.
 */
export function assertFeatureScale(m: FeatureMatrix, tolerance = 1e-9): void {
  // ‖φ_i − φ_j‖ ≤ ‖φ_i‖ + ‖φ_j‖: settles embeddings scaled to norm ½ at once, where the centered
  // bound below often fails (their mean is near 0, so rows sit ~½ from it) and the scan is O(N²·d).
  if (2 * maxRowNorm(m) <= 1 + tolerance) return;
  const { radius } = centerAndRadius(m);
  if (2 * radius <= 1 + tolerance) return;
  const diameter = maxPairwiseDistance(m);
  if (diameter <= 1 + tolerance) return;
  throw new UserAlignError(
    "invalid_input",
    `Features must satisfy ‖φ(y) − φ(y')‖ ≤ 1 for every pair; this pool's largest distance is ${diameter.toPrecision(4)}. ` +
      `Rescale with scaleFeatures(rows) (unit norm × ½) or scaleFeatures(rows, { method: "center" }).`,
    [{ path: ["features"], message: `pairwise distance ${diameter} > 1` }],
  );
}

/** How {@link scaleFeatures} rescales a pool. */
export interface ScaleOptions {
  /**
   * `unit`: every row to norm ½ (the usual choice for embeddings, whose direction carries the
   * meaning). `center`: subtract the mean and shrink uniformly so the farthest row is ½ from it,
   * which keeps the pool's geometry (for hand-made or low-dimensional features).
   * @default "unit"
   */
  method?: "unit" | "center";
}

/**
 * Rescales a pool so that ‖φ(y) − φ(y')‖ ≤ 1 for every pair (method.md "The job"). Returns new rows;
 * the input is not modified. Throws `invalid_input` for malformed rows and for an all-zero row
 * under `unit`.
 */
export function scaleFeatures(rows: FeatureRows, options: ScaleOptions = {}): number[][] {
  const m = toFeatureMatrix(rows);
  const { data, n, d } = m;
  const out: number[][] = [];
  if ((options.method ?? "unit") === "unit") {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += data[j * d + k]! ** 2;
      if (s === 0) {
        throw new UserAlignError("invalid_input", `Feature row ${j} is all zeros and has no direction to normalize.`, [
          { path: ["features", j], message: "zero vector" },
        ]);
      }
      const scale = 0.5 / Math.sqrt(s);
      out.push(Array.from({ length: d }, (_, k) => data[j * d + k]! * scale));
    }
    return out;
  }
  const { mean, radius } = centerAndRadius(m);
  const scale = radius > 0 ? 0.5 / radius : 1;
  for (let j = 0; j < n; j++) out.push(Array.from({ length: d }, (_, k) => (data[j * d + k]! - mean[k]!) * scale));
  return out;
}
