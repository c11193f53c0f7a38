import type { Triplets } from "../problem.js";

/** Accumulates a sparse matrix as triplets (repeated entries add up, as the problem format says). */
export class TripletBuilder {
  readonly rows: number[] = [];
  readonly cols: number[] = [];
  readonly vals: number[] = [];
  constructor(
    private rowCount: number,
    readonly colCount: number,
  ) {}

  /** Adds one entry; zeros are kept only when `explicit` (P's explicit diagonal zeros). */
  add(row: number, col: number, val: number, explicit = false): this {
    if (val === 0 && !explicit) return this;
    this.rows.push(row);
    this.cols.push(col);
    this.vals.push(val);
    return this;
  }

  /** Starts a new row at the bottom and returns its index. */
  nextRow(): number {
    return this.rowCount++;
  }

  get rowsUsed(): number {
    return this.rowCount;
  }

  toTriplets(): Triplets {
    return { rows: this.rows, cols: this.cols, vals: this.vals, shape: [this.rowCount, this.colCount] };
  }
}

/** y = M·x for triplets (duplicates add up). */
export function tripletMultiply(M: Triplets, x: ArrayLike<number>): Float64Array {
  const y = new Float64Array(M.shape[0]);
  for (let k = 0; k < M.vals.length; k++) y[M.rows[k]!]! += M.vals[k]! * x[M.cols[k]!]!;
  return y;
}

/** y = Mᵀ·x for triplets. */
export function tripletMultiplyTransposed(M: Triplets, x: ArrayLike<number>): Float64Array {
  const y = new Float64Array(M.shape[1]);
  for (let k = 0; k < M.vals.length; k++) y[M.cols[k]!]! += M.vals[k]! * x[M.rows[k]!]!;
  return y;
}

/** y = P·x for the upper triangle of a symmetric P. */
export function tripletMultiplySymmetric(P: Triplets, x: ArrayLike<number>): Float64Array {
  const y = new Float64Array(P.shape[0]);
  for (let k = 0; k < P.vals.length; k++) {
    const i = P.rows[k]!;
    const j = P.cols[k]!;
    y[i]! += P.vals[k]! * x[j]!;
    if (i !== j) y[j]! += P.vals[k]! * x[i]!;
  }
  return y;
}
