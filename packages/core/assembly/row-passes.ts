// The row passes of src/solver/passive-set-bounds.ts as WebAssembly SIMD (f64x2: two candidates
// per instruction), compiled by scripts/build-wasm.mjs into src/solver/row-passes-wasm.ts. Every
// operation is the TypeScript route's, in the same order (no fused multiply-add), so both give
// the same bits. Arguments are byte addresses into this module's memory; rows hold n doubles, n
// even (the caller pads with zeros).

// target −= Σ_{k∈[from,to)} factor[at + k·step]·rows[k], four rows per pass over the target.
function subtractRows(target: usize, factor: usize, at: i32, step: i32, rows: usize, from: i32, to: i32, bytes: usize): void {
  let k = from;
  for (; k + 3 < to; k += 4) {
    const l0 = f64x2.splat(load<f64>(factor + ((<usize>(at + k * step)) << 3)));
    const l1 = f64x2.splat(load<f64>(factor + ((<usize>(at + (k + 1) * step)) << 3)));
    const l2 = f64x2.splat(load<f64>(factor + ((<usize>(at + (k + 2) * step)) << 3)));
    const l3 = f64x2.splat(load<f64>(factor + ((<usize>(at + (k + 3) * step)) << 3)));
    const r0 = rows + <usize>k * bytes;
    const r1 = r0 + bytes;
    const r2 = r1 + bytes;
    const r3 = r2 + bytes;
    for (let j: usize = 0; j < bytes; j += 16) {
      const s01 = f64x2.add(f64x2.mul(l0, v128.load(r0 + j)), f64x2.mul(l1, v128.load(r1 + j)));
      const s = f64x2.add(f64x2.add(s01, f64x2.mul(l2, v128.load(r2 + j))), f64x2.mul(l3, v128.load(r3 + j)));
      v128.store(target + j, f64x2.sub(v128.load(target + j), s));
    }
  }
  for (; k < to; k++) {
    const l = f64x2.splat(load<f64>(factor + ((<usize>(at + k * step)) << 3)));
    const r = rows + <usize>k * bytes;
    for (let j: usize = 0; j < bytes; j += 16) v128.store(target + j, f64x2.sub(v128.load(target + j), f64x2.mul(l, v128.load(r + j))));
  }
}

function scaleRow(row: usize, s: f64, bytes: usize): void {
  const sv = f64x2.splat(s);
  for (let j: usize = 0; j < bytes; j += 16) v128.store(row + j, f64x2.mul(v128.load(row + j), sv));
}

/**
 * Given L (p×p, row-major lower Cholesky factor of G_PP) and the p rows b_i: y = L⁻¹(−b),
 * x = L⁻ᵀy, β = Σ_i b_i·x_i⁺, Σ|b_i·x_i⁺|, ‖x‖², then ‖Lᵀx⁺‖² = ‖y − Lᵀx⁻‖² (b's rows are
 * overwritten with x⁻, y's with Lᵀx⁺).
 */
export function passiveRowPasses(
  p: i32,
  n: i32,
  factor: usize,
  b: usize,
  y: usize,
  x: usize,
  beta: usize,
  betaAbs: usize,
  xx: usize,
  ww: usize,
): void {
  const bytes = (<usize>n) << 3;
  const zero = f64x2.splat(0);
  for (let i = 0; i < p; i++) {
    const yi = y + <usize>i * bytes;
    const bi = b + <usize>i * bytes;
    for (let j: usize = 0; j < bytes; j += 16) v128.store(yi + j, f64x2.neg(v128.load(bi + j)));
    subtractRows(yi, factor, i * p, 1, y, 0, i, bytes);
    scaleRow(yi, 1 / load<f64>(factor + ((<usize>(i * p + i)) << 3)), bytes);
  }
  for (let i = p - 1; i >= 0; i--) {
    const xi = x + <usize>i * bytes;
    memory.copy(xi, y + <usize>i * bytes, bytes);
    subtractRows(xi, factor, i, p, x, i + 1, p, bytes);
    scaleRow(xi, 1 / load<f64>(factor + ((<usize>(i * p + i)) << 3)), bytes);
  }
  memory.fill(beta, 0, bytes);
  memory.fill(betaAbs, 0, bytes);
  memory.fill(xx, 0, bytes);
  memory.fill(ww, 0, bytes);
  for (let i = 0; i < p; i++) {
    const xi = x + <usize>i * bytes;
    const bi = b + <usize>i * bytes;
    for (let j: usize = 0; j < bytes; j += 16) {
      const v = v128.load(xi + j);
      const negative = f64x2.lt(v, zero);
      // Where x < 0 the term is 0 (β unchanged) and b's entry becomes x; else b's entry becomes 0.
      const term = v128.bitselect(zero, f64x2.mul(v128.load(bi + j), v), negative);
      v128.store(beta + j, f64x2.add(v128.load(beta + j), term));
      v128.store(betaAbs + j, f64x2.add(v128.load(betaAbs + j), f64x2.abs(term)));
      v128.store(bi + j, v128.bitselect(v, zero, negative));
      v128.store(xx + j, f64x2.add(v128.load(xx + j), f64x2.mul(v, v)));
    }
  }
  for (let i = 0; i < p; i++) {
    const wi = y + <usize>i * bytes;
    subtractRows(wi, factor, i, p, b, i, p, bytes);
    for (let j: usize = 0; j < bytes; j += 16) {
      const w = v128.load(wi + j);
      v128.store(ww + j, f64x2.add(v128.load(ww + j), f64x2.mul(w, w)));
    }
  }
}
