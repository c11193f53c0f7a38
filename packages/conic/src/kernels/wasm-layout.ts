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
  const { take, end } = byteAllocator(base);
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
  return { ...layout, end: end() };
}

/** Hands out byte ranges upward from `base`, each 8-byte aligned so f64 loads stay aligned. */
export function byteAllocator(base: number): { take(bytes: number): number; end(): number } {
  let at = align(base);
  return {
    take(bytes) {
      const start = at;
      at = align(at + bytes);
      return start;
    },
    end: () => at,
  };
}

/** The part of a wasm memory `ensureMemory` needs. */
export interface GrowableMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

/**
 * Grows `memory` by whole 64 KiB pages until it holds `end` bytes and returns its buffer. Growing
 * detaches views taken before, so callers take their views after this call.
 */
export function ensureMemory(memory: GrowableMemory, end: number): ArrayBuffer {
  const shortfall = end - memory.buffer.byteLength;
  if (shortfall > 0) memory.grow(Math.ceil(shortfall / PAGE_BYTES));
  return memory.buffer;
}

const PAGE_BYTES = 65536;

function align(bytes: number): number {
  return Math.ceil(bytes / 8) * 8;
}
