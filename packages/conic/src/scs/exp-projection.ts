/**
 * Euclidean projection onto the exponential cone K_exp = closure{(x, y, z) : y > 0, y·exp(x/y) ≤ z},
 * after Friberg's characterization ("Projection onto the exponential cone: a univariate root-finding
 * problem", 2021), written from the math below.
 *
 * Moreau splits v = (r, s, t) into v = p + d with p ∈ K_exp, d ∈ K_exp° and p ⊥ d. When p lies on the
 * curved part of the boundary, p = a·(ρ, 1, e^ρ) for some ρ, and the outward normal there is
 * (1, 1 − ρ, −e^{−ρ}), so d = b·(1, 1 − ρ, −e^{−ρ}) with a, b ≥ 0. The first two coordinates of
 * v = p + d give
 *   a(ρ) = ((ρ − 1)·r + s)/(ρ² − ρ + 1),   b(ρ) = (r − ρ·s)/(ρ² − ρ + 1),
 * and the third leaves one equation in ρ: h(ρ) = a(ρ)·e^ρ − b(ρ)·e^{−ρ} − t = 0, increasing on the
 * interval where a, b ≥ 0. A safeguarded Newton iteration finds the root; the candidate is the
 * projection of v onto the ray through (ρ, 1, e^ρ). The projection is the nearest of that point,
 * the face point (min(r, 0), 0, max(t, 0)), the point (r, s, max(t, s·e^{r/s})) and 0 (all in
 * K_exp), which covers the cases where the projection is not on the curved boundary or where ρ is
 * beyond what double precision represents.
 */

/** (x, y, z) ∈ K_exp, exactly (the log form avoids overflowing exp(x/y)). */
export function inExp(x: number, y: number, z: number): boolean {
  if (y > 0 && z > 0) return x <= y * Math.log(z / y);
  return y === 0 && x <= 0 && z >= 0;
}

/** (u, v, w) ∈ K_exp* = closure{u < 0, −u·exp(v/u) ≤ e·w}. */
export function inDualExp(u: number, v: number, w: number): boolean {
  if (u < 0 && w > 0) return v >= u * (1 + Math.log(w / -u));
  return u === 0 && v >= 0 && w >= 0;
}

const MAX_RHO = 700; // e^700 is finite; beyond it a or b is 0 to double precision anyway

/** Projects v[o..o+3) onto K_exp into out[o..o+3) (v and out may alias). */
export function projectExp(v: ArrayLike<number>, o: number, out: Float64Array | number[]): void {
  const r = v[o]!;
  const s = v[o + 1]!;
  const t = v[o + 2]!;
  if (inExp(r, s, t)) return set(out, o, r, s, t);
  if (inDualExp(-r, -s, -t)) return set(out, o, 0, 0, 0);
  // Face candidate (also the answer when r, s ≤ 0).
  let bx = Math.min(r, 0);
  let by = 0;
  let bz = Math.max(t, 0);
  let best = (r - bx) ** 2 + s * s + (t - bz) ** 2;
  if (s > 0) {
    // (r, s, max(t, s·e^{r/s})) is in K_exp. It is the projection, to double precision, when the
    // root ρ* < −700 (e^ρ underflows), i.e. for v just outside the face with s ≪ −r.
    const z = Math.max(t, s * Math.exp(r / s));
    const dist = (t - z) ** 2;
    if (dist < best) {
      best = dist;
      bx = r;
      by = s;
      bz = z;
    }
  }
  if (r > 0 || s > 0) {
    const rho = curvedRoot(r, s, t);
    if (rho !== null) {
      // The best point on the ray (ρ, 1, e^ρ) rather than a(ρ) above: a(ρ) cancels badly when
      // the projection is close to the face (ρ large), while ⟨v, d⟩/‖d‖² keeps t's information.
      const a = rayCoefficient(r, s, t, rho);
      if (a > 0) {
        const px = a * rho;
        const py = a;
        const pz = a * Math.exp(rho);
        const dist = (r - px) ** 2 + (s - py) ** 2 + (t - pz) ** 2;
        if (Number.isFinite(pz) && dist < best) {
          best = dist;
          bx = px;
          by = py;
          bz = pz;
        }
      }
    }
  }
  if (r * r + s * s + t * t < best) return set(out, o, 0, 0, 0);
  set(out, o, bx, by, bz);
}

/** argmin_{a ≥ 0} ‖v − a·(ρ, 1, e^ρ)‖ without overflowing e^{2ρ}. */
function rayCoefficient(r: number, s: number, t: number, rho: number): number {
  if (rho <= 0) {
    const e = Math.exp(rho);
    return (r * rho + s + t * e) / (rho * rho + 1 + e * e);
  }
  const em = Math.exp(-rho);
  return ((r * rho + s) * em * em + t * em) / ((rho * rho + 1) * em * em + 1);
}

function set(out: Float64Array | number[], o: number, x: number, y: number, z: number): void {
  out[o] = x;
  out[o + 1] = y;
  out[o + 2] = z;
}

/** h(ρ) and h'(ρ) (see the module comment). */
function h(rho: number, r: number, s: number, t: number): [number, number] {
  const D = rho * rho - rho + 1;
  const dD = 2 * rho - 1;
  const Na = (rho - 1) * r + s;
  const Nb = r - rho * s;
  const a = Na / D;
  const b = Nb / D;
  const da = (r * D - Na * dD) / (D * D);
  const db = (-s * D - Nb * dD) / (D * D);
  const ep = Math.exp(rho);
  const em = Math.exp(-rho);
  return [a * ep - b * em - t, (da + a) * ep - (db - b) * em];
}

/** The root of h on the interval where a(ρ), b(ρ) ≥ 0, or null when h does not change sign there. */
function curvedRoot(r: number, s: number, t: number): number | null {
  let lo: number;
  let hi: number;
  if (r > 0 && s > 0) {
    lo = 1 - s / r;
    hi = r / s;
  } else if (r > 0) {
    lo = 1 - s / r;
    hi = lo + 1;
    while (h(hi, r, s, t)[0] <= 0 && hi < MAX_RHO) hi = Math.min(MAX_RHO, lo + 2 * (hi - lo));
  } else {
    hi = r / s;
    lo = hi - 1;
    while (h(lo, r, s, t)[0] >= 0 && lo > -MAX_RHO) lo = Math.max(-MAX_RHO, hi - 2 * (hi - lo));
  }
  lo = Math.max(lo, -MAX_RHO);
  hi = Math.min(hi, MAX_RHO);
  if (!(lo <= hi)) return null;
  const hLo = h(lo, r, s, t)[0];
  const hHi = h(hi, r, s, t)[0];
  if (!(hLo <= 0 && hHi >= 0)) return null;
  let rho = 0.5 * (lo + hi);
  for (let iter = 0; iter < 100; iter++) {
    const [f, df] = h(rho, r, s, t);
    if (f === 0) return rho;
    if (f < 0) lo = rho;
    else hi = rho;
    // Newton crawls (steps of ~1) where h is dominated by e^{±ρ}: bisect until the bracket is short.
    let next = rho - f / df;
    if (hi - lo > 1 || !(df > 0) || !(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (Math.abs(next - rho) <= 1e-15 * Math.max(1, Math.abs(rho)) || hi - lo <= 1e-15 * Math.max(1, Math.abs(rho))) return next;
    rho = next;
  }
  return rho;
}
