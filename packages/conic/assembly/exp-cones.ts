// Port of src/cones/exp.ts (ExponentialCone), batched: one call covers every exponential cone of a
// problem. Keep the operation order identical to the TypeScript: with Math.log and Math.hypot
// reproduced bit for bit (./v8-math), both paths compute the same doubles, so the branches (the
// scaling's safeguards, the step-length bisection) decide the same way.
//
// `starts` holds one i32 per cone (its first index in the stacked vectors). `state` holds STATE
// doubles per cone: H (row-major), ∇²f*(z), ∇f*(z), and z, saved by the last scaling update.
import { dualGradient, dualHessian, isDualInterior, isPrimalInterior, primalGradient } from "./exp-barrier";
import { getF64, getI32, setF64 } from "./memory";
import { clipToPositiveDefinite3, isPositiveDefinite3, solve3, symmetrize3 } from "./small-dense";
import { v8Hypot3 } from "./v8-math";

const STATE: i32 = 24;
const H_AT: i32 = 0;
const HESSIAN_DUAL_AT: i32 = 9;
const GRAD_DUAL_AT: i32 = 18;
const Z_SAVED_AT: i32 = 21;

// Temporaries of one call (static data).
const SV: usize = memory.data(8 * 3, 8);
const ZV: usize = memory.data(8 * 3, 8);
const S_SHADOW: usize = memory.data(8 * 3, 8);
const Z_SHADOW: usize = memory.data(8 * 3, 8);
const H0: usize = memory.data(8 * 9, 8);
const HZ0: usize = memory.data(8 * 3, 8);
const HZ1: usize = memory.data(8 * 3, 8);
const ETA: usize = memory.data(8 * 3, 8);
const WORK: usize = memory.data(8 * 3, 8);
const PLUS: usize = memory.data(8 * 3, 8);
const MINUS: usize = memory.data(8 * 3, 8);
const HESSIAN_PLUS: usize = memory.data(8 * 9, 8);
const HESSIAN_MINUS: usize = memory.data(8 * 9, 8);

@inline function stateOf(state: usize, b: i32): usize {
  return state + (<usize>(STATE * b) << 3);
}

@inline function dot3(a: usize, b: usize): f64 {
  return getF64(a, 0) * getF64(b, 0) + getF64(a, 1) * getF64(b, 1) + getF64(a, 2) * getF64(b, 2);
}

/** H ← mu·∇²f*(z). */
function setDualScaling(H: usize, hessianDual: usize, mu: f64): void {
  for (let k = 0; k < 9; k++) setF64(H, k, mu * getF64(hessianDual, k));
}

/** Symmetrize, clip to positive definite if needed; false if H is not finite. */
function finish(H: usize): bool {
  symmetrize3(H);
  if (!isPositiveDefinite3(H)) clipToPositiveDefinite3(H, 1e-13);
  for (let k = 0; k < 9; k++) if (!isFinite(getF64(H, k))) return false;
  return true;
}

/** The scaling of one cone (see ExponentialCone.updateScaling); false if s or z is not interior. */
function updateOne(o: i32, s: usize, z: usize, mu: f64, dualScaling: bool, st: usize): bool {
  if (!isPrimalInterior(s, o) || !isDualInterior(z, o)) return false;
  const H = st + (<usize>H_AT << 3);
  const hessianDual = st + (<usize>HESSIAN_DUAL_AT << 3);
  const gradDual = st + (<usize>GRAD_DUAL_AT << 3);
  for (let i = 0; i < 3; i++) setF64(st, Z_SAVED_AT + i, getF64(z, o + i));
  dualGradient(gradDual, z, o);
  dualHessian(hessianDual, z, o);
  primalGradient(Z_SHADOW, s, o);
  for (let i = 0; i < 3; i++) {
    setF64(SV, i, getF64(s, o + i));
    setF64(ZV, i, getF64(z, o + i));
    setF64(S_SHADOW, i, -getF64(gradDual, i));
    setF64(Z_SHADOW, i, -getF64(Z_SHADOW, i));
  }
  const sz = dot3(SV, ZV);
  const ss = dot3(S_SHADOW, Z_SHADOW);
  const det = sz * ss - 9;
  setDualScaling(H0, hessianDual, mu);
  memory.copy(H, H0, 72);
  if (dualScaling) return finish(H);
  const localMu = sz / 3;
  if (!(det > 1e-8 * sz * ss) || !isFinite(det)) return finish(H);
  setDualScaling(H0, hessianDual, localMu);
  memory.copy(H, H0, 72);
  // + S (SᵀZ)⁻¹ Sᵀ.
  for (let i = 0; i < 3; i++) {
    const svi = getF64(SV, i);
    const ssi = getF64(S_SHADOW, i);
    for (let j = 0; j < 3; j++) {
      const svj = getF64(SV, j);
      const ssj = getF64(S_SHADOW, j);
      setF64(H, 3 * i + j, getF64(H, 3 * i + j) + (ss * svi * svj - 3 * (svi * ssj + ssi * svj) + sz * ssi * ssj) / det);
    }
  }
  // − H₀Z (ZᵀH₀Z)⁻¹ ZᵀH₀.
  for (let i = 0; i < 3; i++) {
    const h0 = getF64(H0, 3 * i);
    const h1 = getF64(H0, 3 * i + 1);
    const h2 = getF64(H0, 3 * i + 2);
    setF64(HZ0, i, h0 * getF64(ZV, 0) + h1 * getF64(ZV, 1) + h2 * getF64(ZV, 2));
    setF64(HZ1, i, h0 * getF64(Z_SHADOW, 0) + h1 * getF64(Z_SHADOW, 1) + h2 * getF64(Z_SHADOW, 2));
  }
  const a = dot3(ZV, HZ0);
  const b = dot3(ZV, HZ1);
  const c = dot3(Z_SHADOW, HZ1);
  const det2 = a * c - b * b;
  if (!(det2 > 1e-12 * a * c)) {
    setDualScaling(H, hessianDual, mu);
    return finish(H);
  }
  for (let i = 0; i < 3; i++) {
    const p0 = getF64(HZ0, i);
    const p1 = getF64(HZ1, i);
    for (let j = 0; j < 3; j++) {
      const q0 = getF64(HZ0, j);
      const q1 = getF64(HZ1, j);
      setF64(H, 3 * i + j, getF64(H, 3 * i + j) - (c * p0 * q0 - b * (p0 * q1 + p1 * q0) + a * p1 * q1) / det2);
    }
  }
  // As the TypeScript path: a scaling that rounding left indefinite is clipped in finish(), not
  // swapped for the dual scaling (Sylvester's test on entries ~1/μ is decided by rounding).
  return finish(H);
}

/**
 * Scaling of every cone at (s, z) with complementarity mu; dualScaling ≠ 0 asks for H = μ∇²f*(z).
 * Returns 0 at the first cone whose s or z is not interior (or whose H is not finite), else 1.
 */
export function expUpdateScaling(count: i32, starts: usize, s: usize, z: usize, mu: f64, dualScaling: i32, state: usize): i32 {
  for (let b = 0; b < count; b++) {
    if (!updateOne(getI32(starts, b), s, z, mu, dualScaling != 0, stateOf(state, b))) return 0;
  }
  return 1;
}

/** out[6b..6b+6) ← cone b's H, upper triangle by columns (the KKT block order). */
export function expWriteHessian(count: i32, state: usize, out: usize): void {
  let k = 0;
  for (let b = 0; b < count; b++) {
    const H = stateOf(state, b);
    for (let j = 0; j < 3; j++) for (let i = 0; i <= j; i++) setF64(out, k++, getF64(H, 3 * i + j));
  }
}

/** out ← H·v on every cone's slice. */
export function expMultiplyHessian(count: i32, starts: usize, state: usize, v: usize, out: usize): void {
  for (let b = 0; b < count; b++) {
    const o = getI32(starts, b);
    const H = stateOf(state, b);
    const v0 = getF64(v, o);
    const v1 = getF64(v, o + 1);
    const v2 = getF64(v, o + 2);
    for (let i = 0; i < 3; i++) setF64(out, o + i, getF64(H, 3 * i) * v0 + getF64(H, 3 * i + 1) * v1 + getF64(H, 3 * i + 2) * v2);
  }
}

/** ETA ← ½∇³f*(z)[Δz, ∇²f*(z)⁻¹Δs] by a central difference of ∇²f* along Δz (0 when undefined). */
function higherOrderCorrection(o: i32, st: usize, dz: usize, ds: usize): void {
  const hessianDual = st + (<usize>HESSIAN_DUAL_AT << 3);
  const zSaved = st + (<usize>Z_SAVED_AT << 3);
  const solved = solve3(hessianDual, getF64(ds, o), getF64(ds, o + 1), getF64(ds, o + 2), WORK);
  const dzNorm = v8Hypot3(getF64(dz, o), getF64(dz, o + 1), getF64(dz, o + 2));
  const zNorm = v8Hypot3(getF64(zSaved, 0), getF64(zSaved, 1), getF64(zSaved, 2));
  if (!solved || dzNorm == 0) return;
  const h = (1e-5 * zNorm) / dzNorm;
  for (let i = 0; i < 3; i++) {
    setF64(PLUS, i, getF64(zSaved, i) + h * getF64(dz, o + i));
    setF64(MINUS, i, getF64(zSaved, i) - h * getF64(dz, o + i));
  }
  if (!isDualInterior(PLUS, 0) || !isDualInterior(MINUS, 0)) return;
  dualHessian(HESSIAN_PLUS, PLUS, 0);
  dualHessian(HESSIAN_MINUS, MINUS, 0);
  for (let i = 0; i < 3; i++) {
    let sum: f64 = 0;
    for (let j = 0; j < 3; j++) sum += ((getF64(HESSIAN_PLUS, 3 * i + j) - getF64(HESSIAN_MINUS, 3 * i + j)) / (2 * h)) * getF64(WORK, j);
    setF64(ETA, i, sum * 0.5);
  }
  if (!(isFinite(getF64(ETA, 0)) && isFinite(getF64(ETA, 1)) && isFinite(getF64(ETA, 2)))) memory.fill(ETA, 0, 24);
}

/** ds ← ds + σμ∇f*(z) − η on every cone's slice (η = 0 unless thirdOrder ≠ 0). */
export function expCombinedDsShift(count: i32, starts: usize, state: usize, ds: usize, dzAffine: usize, dsAffine: usize, sigmaMu: f64, thirdOrder: i32): void {
  for (let b = 0; b < count; b++) {
    const o = getI32(starts, b);
    const st = stateOf(state, b);
    memory.fill(ETA, 0, 24);
    if (thirdOrder != 0) higherOrderCorrection(o, st, dzAffine, dsAffine);
    for (let i = 0; i < 3; i++) setF64(ds, o + i, getF64(ds, o + i) + (sigmaMu * getF64(st, GRAD_DUAL_AT + i) - getF64(ETA, i)));
  }
}

/** Whether z + αΔz ∈ int K* and s + αΔs ∈ int K on the cone at o. */
function inside(o: i32, alpha: f64, dz: usize, ds: usize, z: usize, s: usize): bool {
  for (let i = 0; i < 3; i++) {
    setF64(PLUS, i, getF64(z, o + i) + alpha * getF64(dz, o + i));
    setF64(MINUS, i, getF64(s, o + i) + alpha * getF64(ds, o + i));
  }
  return isDualInterior(PLUS, 0) && isPrimalInterior(MINUS, 0);
}

/** One cone's step: backtrack by 0.8 to an interior point, bisect towards the boundary, keep 0.9 of it. */
function stepOne(o: i32, dz: usize, ds: usize, z: usize, s: usize, alphaMax: f64): f64 {
  if (inside(o, alphaMax, dz, ds, z, s)) return alphaMax;
  let hi = alphaMax;
  let lo = alphaMax * 0.8;
  for (let k = 0; k < 80 && !inside(o, lo, dz, ds, z, s); k++) {
    hi = lo;
    lo *= 0.8;
  }
  if (!inside(o, lo, dz, ds, z, s)) return 0;
  for (let k = 0; k < 30 && hi - lo > 1e-10 * hi; k++) {
    const mid = 0.5 * (lo + hi);
    if (inside(o, mid, dz, ds, z, s)) lo = mid;
    else hi = mid;
  }
  return 0.9 * lo;
}

/** Largest α ≤ alphaMax for every cone, each searched from the bound the previous ones left. */
export function expStepLength(count: i32, starts: usize, dz: usize, ds: usize, z: usize, s: usize, alphaMax: f64): f64 {
  let alpha = alphaMax;
  for (let b = 0; b < count; b++) {
    if (alpha > 0) alpha = Math.min(alpha, stepOne(getI32(starts, b), dz, ds, z, s, alpha));
  }
  return alpha;
}
