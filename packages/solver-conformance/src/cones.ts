import type { ConeSpec } from "@useralign/conic";

/**
 * Cone membership up to a tolerance, written from the definitions (no projections, so the checks
 * share no code with any solver). A vector v is accepted in a closed convex cone K when
 * v + tol·e ∈ K for a fixed interior direction e of K: this relaxation grows with tol, is exact at
 * tol = 0, and for the exponential cones avoids overflowing exp(x/y) by testing the log form.
 *
 * Interior directions: nonneg 1, SOC (1, 0, …, 0), K_exp (−1, 1, 1), K_exp* (−1, 1, 1);
 * the zero cone accepts |v| ≤ tol and its dual (the free cone) accepts everything.
 */

/** (x, y, z) ∈ K_exp = closure{y > 0, y·exp(x/y) ≤ z}. */
export function inExpCone(x: number, y: number, z: number): boolean {
  if (y > 0 && z > 0) return x <= y * Math.log(z / y);
  // The closure adds the face {x ≤ 0, y = 0, z ≥ 0}.
  return y === 0 && x <= 0 && z >= 0;
}

/** (u, v, w) ∈ K_exp* = closure{u < 0, −u·exp(v/u) ≤ e·w}. */
export function inDualExpCone(u: number, v: number, w: number): boolean {
  if (u < 0 && w > 0) return v >= u * (1 + Math.log(w / -u));
  // The closure adds the face {u = 0, v ≥ 0, w ≥ 0}.
  return u === 0 && v >= 0 && w >= 0;
}

/** Whether `v` (a cone's block) lies in the cone (or, with `dual`, its dual cone), up to `tol`. */
export function inCone(cone: ConeSpec, v: ArrayLike<number>, offset: number, tol: number, dual: boolean): boolean {
  const n = cone.dim;
  switch (cone.type) {
    case "zero":
      if (dual) return true;
      for (let i = 0; i < n; i++) if (!(Math.abs(v[offset + i]!) <= tol)) return false;
      return true;
    case "nonneg":
      for (let i = 0; i < n; i++) if (!(v[offset + i]! >= -tol)) return false;
      return true;
    case "soc": {
      let tail = 0;
      for (let i = 1; i < n; i++) tail = Math.hypot(tail, v[offset + i]!);
      return v[offset]! + tol >= tail;
    }
    case "exp": {
      const a = v[offset]! - tol;
      const b = v[offset + 1]! + tol;
      const c = v[offset + 2]! + tol;
      return dual ? inDualExpCone(a, b, c) : inExpCone(a, b, c);
    }
  }
}

/** Whether every block of `v` lies in its cone of K (or K*), up to `tol`. Returns the first failing cone index or −1. */
export function firstConeViolation(cones: readonly ConeSpec[], v: ArrayLike<number>, tol: number, dual: boolean): number {
  let offset = 0;
  for (let k = 0; k < cones.length; k++) {
    if (!inCone(cones[k]!, v, offset, tol, dual)) return k;
    offset += cones[k]!.dim;
  }
  return -1;
}
