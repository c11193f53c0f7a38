// Port of src/cones/nonneg.ts and src/cones/soc.ts, batched: one call covers every nonnegative and
// second-order block of a problem, so JavaScript crosses into wasm once per operation per iteration,
// not once per cone. Keep the operation order identical to the TypeScript (the paths agree to 1e-12).
//
// `blocks` holds 4 i32 per block: kind (0 nonneg, 1 SOC, 2 SOC written in the sparse expanded form
// of src/cones/soc-expansion.ts), start, dim, offset of its Hessian entries.
// Vectors (s, z, ds, …, w, λ) are full stacked length-m arrays indexed by the block's start; `eta`
// has one entry per block.
import { getF64, getI32, setF64 } from "./memory";

const NONNEG: i32 = 0;
const SOC_EXPANDED: i32 = 2;

@inline function kindOf(blocks: usize, b: i32): i32 {
  return getI32(blocks, 4 * b);
}
@inline function startOf(blocks: usize, b: i32): i32 {
  return getI32(blocks, 4 * b + 1);
}
@inline function dimOf(blocks: usize, b: i32): i32 {
  return getI32(blocks, 4 * b + 2);
}
@inline function hessianOffsetOf(blocks: usize, b: i32): i32 {
  return getI32(blocks, 4 * b + 3);
}

function tailNorm(v: usize, start: i32, dim: i32): f64 {
  let sum = 0.0;
  for (let i = start + 1; i < start + dim; i++) sum += getF64(v, i) * getF64(v, i);
  return Math.sqrt(sum);
}

function jNorm2(v: usize, start: i32, dim: i32): f64 {
  const t = tailNorm(v, start, dim);
  return (getF64(v, start) - t) * (getF64(v, start) + t);
}

/** out[outAt..] ← W·v[vAt..] (or W⁻¹·v) for the SOC block whose w̄ starts at wAt. */
function applyW(out: usize, outAt: i32, v: usize, vAt: i32, w: usize, wAt: i32, dim: i32, eta: f64, inverse: bool): void {
  const w0 = getF64(w, wAt);
  let tailDot = 0.0;
  for (let i = 1; i < dim; i++) tailDot += getF64(w, wAt + i) * getF64(v, vAt + i);
  const v0 = getF64(v, vAt);
  const sign: f64 = inverse ? -1.0 : 1.0;
  const scale = inverse ? 1.0 / eta : eta;
  const c = sign * v0 + tailDot / (1.0 + w0);
  setF64(out, outAt, scale * (w0 * v0 + sign * tailDot));
  for (let i = 1; i < dim; i++) setF64(out, outAt + i, scale * (getF64(v, vAt + i) + c * getF64(w, wAt + i)));
}

/** NT scaling of every block at (s, z); returns 0 if some s or z is not interior, else 1. */
export function coneUpdateScaling(count: i32, blocks: usize, s: usize, z: usize, w: usize, lambda: usize, eta: usize): i32 {
  for (let b = 0; b < count; b++) {
    const start = startOf(blocks, b);
    const dim = dimOf(blocks, b);
    if (kindOf(blocks, b) == NONNEG) {
      for (let i = start; i < start + dim; i++) {
        const si = getF64(s, i);
        const zi = getF64(z, i);
        if (!(si > 0 && zi > 0)) return 0;
        setF64(w, i, Math.sqrt(si / zi));
        setF64(lambda, i, Math.sqrt(si * zi));
      }
      continue;
    }
    const sJs = jNorm2(s, start, dim);
    const zJz = jNorm2(z, start, dim);
    if (!(sJs > 0 && zJz > 0 && getF64(s, start) > 0 && getF64(z, start) > 0)) return 0;
    const sNorm = Math.sqrt(sJs);
    const zNorm = Math.sqrt(zJz);
    let dot = 0.0;
    for (let i = 0; i < dim; i++) dot += (getF64(s, start + i) / sNorm) * (getF64(z, start + i) / zNorm);
    const gamma = Math.sqrt((1 + dot) / 2);
    for (let i = 1; i < dim; i++) setF64(w, start + i, (getF64(s, start + i) / sNorm - getF64(z, start + i) / zNorm) / (2 * gamma));
    let tail = 0.0;
    for (let i = 1; i < dim; i++) tail += getF64(w, start + i) * getF64(w, start + i);
    setF64(w, start, Math.sqrt(1 + tail));
    const e = Math.sqrt(sNorm / zNorm);
    setF64(eta, b, e);
    applyW(lambda, start, z, start, w, start, dim, e, false);
  }
  return 1;
}

/** Port of writeExpandedSoc (src/cones/soc-expansion.ts): η²D, aᵤ, aᵥ, −δᵤ, δᵥ at out[k…], same operation order. */
function writeExpandedSoc(w: usize, wAt: i32, dim: i32, eta: f64, out: usize, k: i32): void {
  let tail2 = 0.0;
  for (let i = 1; i < dim; i++) tail2 += getF64(w, wAt + i) * getF64(w, wAt + i);
  const w0 = getF64(w, wAt);
  const omega = w0 * w0 + tail2;
  const d = 0.5 / omega;
  const u0 = Math.sqrt(omega - d);
  const alpha = (2 * w0) / u0;
  const beta = Math.sqrt((2 * (2 * omega + 1)) / (2 * omega * omega - 1));
  const uNorm2 = omega - d + alpha * alpha * tail2;
  const eta2 = eta * eta;
  const scaleU = eta2 * Math.sqrt(uNorm2);
  const scaleUAlpha = scaleU * alpha;
  const scaleVBeta = eta2 * beta;
  const uAt = k + dim;
  const vAt = k + 2 * dim;
  setF64(out, k, eta2 * d);
  setF64(out, uAt, scaleU * u0);
  setF64(out, vAt, 0.0);
  for (let i = 1; i < dim; i++) {
    setF64(out, k + i, eta2);
    setF64(out, uAt + i, scaleUAlpha * getF64(w, wAt + i));
    setF64(out, vAt + i, scaleVBeta * getF64(w, wAt + i));
  }
  setF64(out, k + 3 * dim, -(eta2 * uNorm2));
  setF64(out, k + 3 * dim + 1, eta2);
}

/** Writes each block's H (diagonal, upper triangle by columns, or expanded) at its Hessian offset in out. */
export function coneWriteHessian(count: i32, blocks: usize, w: usize, eta: usize, out: usize): void {
  for (let b = 0; b < count; b++) {
    const start = startOf(blocks, b);
    const dim = dimOf(blocks, b);
    let k = hessianOffsetOf(blocks, b);
    if (kindOf(blocks, b) == NONNEG) {
      for (let i = 0; i < dim; i++) setF64(out, k + i, getF64(w, start + i) * getF64(w, start + i));
      continue;
    }
    if (kindOf(blocks, b) == SOC_EXPANDED) {
      writeExpandedSoc(w, start, dim, getF64(eta, b), out, k);
      continue;
    }
    const eta2 = getF64(eta, b) * getF64(eta, b);
    for (let j = 0; j < dim; j++) {
      for (let i = 0; i <= j; i++) {
        const J: f64 = i == j ? (i == 0 ? 1.0 : -1.0) : 0.0;
        setF64(out, k++, eta2 * (2 * getF64(w, start + i) * getF64(w, start + j) - J));
      }
    }
  }
}

/** out ← H·v on every block. */
export function coneMultiplyHessian(count: i32, blocks: usize, w: usize, eta: usize, v: usize, out: usize): void {
  for (let b = 0; b < count; b++) {
    const start = startOf(blocks, b);
    const dim = dimOf(blocks, b);
    if (kindOf(blocks, b) == NONNEG) {
      for (let i = start; i < start + dim; i++) setF64(out, i, getF64(w, i) * getF64(w, i) * getF64(v, i));
      continue;
    }
    const eta2 = getF64(eta, b) * getF64(eta, b);
    let dot = 0.0;
    for (let i = 0; i < dim; i++) dot += getF64(w, start + i) * getF64(v, start + i);
    setF64(out, start, eta2 * (2 * getF64(w, start) * dot - getF64(v, start)));
    for (let i = 1; i < dim; i++) setF64(out, start + i, eta2 * (2 * getF64(w, start + i) * dot + getF64(v, start + i)));
  }
}

/** ds ← λ∘λ on every block. */
export function coneAffineDs(count: i32, blocks: usize, lambda: usize, ds: usize): void {
  for (let b = 0; b < count; b++) {
    const start = startOf(blocks, b);
    const dim = dimOf(blocks, b);
    if (kindOf(blocks, b) == NONNEG) {
      for (let i = start; i < start + dim; i++) setF64(ds, i, getF64(lambda, i) * getF64(lambda, i));
      continue;
    }
    let norm2 = 0.0;
    for (let i = start; i < start + dim; i++) norm2 += getF64(lambda, i) * getF64(lambda, i);
    setF64(ds, start, norm2);
    for (let i = start + 1; i < start + dim; i++) setF64(ds, i, 2 * getF64(lambda, start) * getF64(lambda, i));
  }
}

/** ds ← ds + (W⁻ᵀΔs)∘(WΔz) − σμ·e on every block. a and b are scratch of the largest SOC dim. */
export function coneCombinedDsShift(count: i32, blocks: usize, w: usize, eta: usize, ds: usize, dzAffine: usize, dsAffine: usize, sigmaMu: f64, a: usize, bWork: usize): void {
  for (let b = 0; b < count; b++) {
    const start = startOf(blocks, b);
    const dim = dimOf(blocks, b);
    if (kindOf(blocks, b) == NONNEG) {
      for (let i = start; i < start + dim; i++) setF64(ds, i, getF64(ds, i) + (getF64(dsAffine, i) * getF64(dzAffine, i) - sigmaMu));
      continue;
    }
    const e = getF64(eta, b);
    applyW(a, 0, dsAffine, start, w, start, dim, e, true);
    applyW(bWork, 0, dzAffine, start, w, start, dim, e, false);
    let dot = 0.0;
    for (let i = 0; i < dim; i++) dot += getF64(a, i) * getF64(bWork, i);
    setF64(ds, start, getF64(ds, start) + (dot - sigmaMu));
    for (let i = 1; i < dim; i++) setF64(ds, start + i, getF64(ds, start + i) + (getF64(a, 0) * getF64(bWork, i) + getF64(bWork, 0) * getF64(a, i)));
  }
}

/** out ← W(λ \ ds) on every block. x and y are scratch of the largest SOC dim. */
export function coneDeltaSOffset(count: i32, blocks: usize, w: usize, eta: usize, lambda: usize, ds: usize, out: usize, x: usize, y: usize): void {
  for (let b = 0; b < count; b++) {
    const start = startOf(blocks, b);
    const dim = dimOf(blocks, b);
    if (kindOf(blocks, b) == NONNEG) {
      for (let i = start; i < start + dim; i++) setF64(out, i, (getF64(w, i) * getF64(ds, i)) / getF64(lambda, i));
      continue;
    }
    const l0 = getF64(lambda, start);
    let tailDot = 0.0;
    let tail2 = 0.0;
    for (let i = 1; i < dim; i++) {
      tailDot += getF64(lambda, start + i) * getF64(ds, start + i);
      tail2 += getF64(lambda, start + i) * getF64(lambda, start + i);
    }
    const tail = Math.sqrt(tail2);
    const det = (l0 - tail) * (l0 + tail);
    const x0 = (l0 * getF64(ds, start) - tailDot) / det;
    setF64(x, 0, x0);
    for (let i = 1; i < dim; i++) setF64(x, i, (getF64(ds, start + i) - x0 * getF64(lambda, start + i)) / l0);
    applyW(y, 0, x, 0, w, start, dim, getF64(eta, b), false);
    for (let i = 0; i < dim; i++) setF64(out, start + i, getF64(y, i));
  }
}

function orthantStep(v: usize, d: usize, start: i32, end: i32, alphaMax: f64): f64 {
  let alpha = alphaMax;
  for (let i = start; i < end; i++) {
    if (getF64(d, i) < 0) alpha = Math.min(alpha, -getF64(v, i) / getF64(d, i));
  }
  return Math.max(alpha, 0);
}

function socStep(v: usize, d: usize, start: i32, dim: i32, alphaMax: f64): f64 {
  const a = jNorm2(d, start, dim);
  let b = getF64(d, start) * getF64(v, start);
  for (let i = start + 1; i < start + dim; i++) b -= getF64(d, i) * getF64(v, i);
  const c = Math.max(jNorm2(v, start, dim), 0);
  let alpha = Infinity;
  if (a == 0) {
    if (b < 0) alpha = c / (-2 * b);
  } else {
    const disc = b * b - a * c;
    if (disc >= 0) {
      const sq = Math.sqrt(disc);
      const qv = -(b + (b >= 0 ? sq : -sq));
      const r1 = qv / a;
      const r2 = qv != 0 ? c / qv : Infinity;
      if (r1 > 0 && r1 < alpha) alpha = r1;
      if (r2 > 0 && r2 < alpha) alpha = r2;
    }
  }
  if (getF64(d, start) < 0) alpha = Math.min(alpha, -getF64(v, start) / getF64(d, start));
  return Math.max(0, Math.min(alpha, alphaMax));
}

/** Largest α ≤ alphaMax keeping z + αΔz and s + αΔs in every block (closed forms). */
export function coneStepLength(count: i32, blocks: usize, dz: usize, ds: usize, z: usize, s: usize, alphaMax: f64): f64 {
  let alpha = alphaMax;
  for (let b = 0; b < count; b++) {
    const start = startOf(blocks, b);
    const dim = dimOf(blocks, b);
    let step: f64;
    if (kindOf(blocks, b) == NONNEG) {
      step = Math.min(orthantStep(z, dz, start, start + dim, alpha), orthantStep(s, ds, start, start + dim, alpha));
    } else {
      step = Math.min(socStep(z, dz, start, dim, alpha), socStep(s, ds, start, dim, alpha));
    }
    alpha = Math.min(alpha, step);
  }
  return alpha;
}
