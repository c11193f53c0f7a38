/** Byte addresses of one factorization's arrays inside a wasm linear memory. */
export interface WasmLayout {
  readonly colPtr: number;
  readonly rowIdx: number;
  readonly values: number;
  readonly parent: number;
  readonly signs: number;
  readonly perm: number;
  readonly lColPtr: number;
  readonly lRowIdx: number;
  readonly lValues: number;
  readonly diagonal: number;
  readonly diagonalInverse: number;
  readonly y: number;
  readonly pattern: number;
  readonly path: number;
  readonly mark: number;
  readonly next: number;
  readonly rhs: number;
  readonly work: number;
  /** First byte after the last array. */
  readonly end: number;
}

/** Sizes (in elements) of the arrays of a factorization. */
export interface LayoutSizes {
  readonly n: number;
  readonly nnzPermuted: number;
  readonly nnzL: number;
}

/** Lays the arrays out from `base`, each 8-byte aligned (f64 loads stay aligned). */
export function layoutFor(base: number, { n, nnzPermuted, nnzL }: LayoutSizes): WasmLayout {
  let at = align(base);
  const take = (bytes: number): number => {
    const start = at;
    at = align(at + bytes);
    return start;
  };
  const layout = {
    colPtr: take(4 * (n + 1)),
    rowIdx: take(4 * nnzPermuted),
    values: take(8 * nnzPermuted),
    parent: take(4 * n),
    signs: take(n),
    perm: take(4 * n),
    lColPtr: take(4 * (n + 1)),
    lRowIdx: take(4 * nnzL),
    lValues: take(8 * nnzL),
    diagonal: take(8 * n),
    diagonalInverse: take(8 * n),
    y: take(8 * n),
    pattern: take(4 * n),
    path: take(4 * n),
    mark: take(4 * n),
    next: take(4 * n),
    rhs: take(8 * n),
    work: take(8 * n),
  };
  return { ...layout, end: at };
}

function align(bytes: number): number {
  return Math.ceil(bytes / 8) * 8;
}
