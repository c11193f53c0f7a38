/**
 * The formulas of docs/method.md steps 1, 3 and 4, written here independently of
 * `@useralign/core` so that the suite checks a backend against one plain statement of the math.
 */

/** A 2-D vector. */
export type Vec2 = readonly [number, number];

/** log(1 + e^x) without overflow. */
export function softplusRef(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

/** β_t = 10·d·log(S·t/(4d) + e) + 2·((e − 2) + S)·log(1/δ) (method.md step 3). */
export function betaRef(t: number, d: number, S: number, delta: number): number {
  return 10 * d * Math.log((S * t) / (4 * d) + Math.E) + 2 * (Math.E - 2 + S) * Math.log(1 / delta);
}

/** L(θ) = Σ_k log(1 + exp(−⟨θ, z_k⟩)) at θ = (x, y) (method.md step 1). */
export function lossRef(zs: readonly Vec2[], x: number, y: number): number {
  let s = 0;
  for (const z of zs) s += softplusRef(-(z[0] * x + z[1] * y));
  return s;
}

/**
 * Whether the loss constraint can bind, by the bounds of method.md "Structure": for the practical
 * set when t·log 2 > τ, for the loss set when Σ_k softplus(S‖z_k‖) > τ.
 */
export function lossMayBindRef(zs: readonly Vec2[], tau: number, practical: boolean, S: number): boolean {
  if (practical) return zs.length * Math.LN2 > tau;
  return zs.reduce((s, z) => s + softplusRef(S * Math.hypot(z[0], z[1])), 0) > tau;
}

/** Golden-section maximization of a unimodal function on [a, b]; returns [argmax, max]. */
export function goldenMax(f: (x: number) => number, a: number, b: number, iters: number): [number, number] {
  const r = (Math.sqrt(5) - 1) / 2;
  let x1 = b - r * (b - a);
  let x2 = a + r * (b - a);
  let f1 = f(x1);
  let f2 = f(x2);
  for (let i = 0; i < iters; i++) {
    if (f1 < f2) {
      a = x1;
      x1 = x2;
      f1 = f2;
      x2 = a + r * (b - a);
      f2 = f(x2);
    } else {
      b = x2;
      x2 = x1;
      f2 = f1;
      x1 = b - r * (b - a);
      f1 = f(x1);
    }
  }
  return f1 >= f2 ? [x1, f1] : [x2, f2];
}
