// Random points of the exponential cone and its dual for the exp-cone kernel tests and bench:
// generic, near the boundary, and on the central path (where the primal–dual scaling falls back).
import type { ExpBlock } from "../../src/cones/exp-batch.js";
import { dualGradient } from "../../src/cones/exp-barrier.js";

/** A uniform [0, 1) generator. */
export type Rng = () => number;

/** Exp cones laid out in a stacked vector of length m and a Hessian array of `hessianEntries`. */
export interface ExpLayout {
  readonly blocks: ExpBlock[];
  readonly m: number;
  readonly hessianEntries: number;
}

/** `count` exp cones, some adjacent and some with gaps between them (where other cones would sit). */
export function expLayout(count: number, rng: Rng, gaps = true): ExpLayout {
  const blocks: ExpBlock[] = [];
  let start = 0;
  let hessianOffset = 0;
  for (let k = 0; k < count; k++) {
    const gap = gaps && rng() >= 0.5 ? Math.floor(rng() * 4) : 0;
    start += gap;
    hessianOffset += gap;
    blocks.push({ start, hessianOffset });
    start += 3;
    hessianOffset += 6;
  }
  return { blocks, m: start + 2, hessianEntries: hessianOffset + 2 };
}

/** 10^U(lo, hi). */
export const logUniform = (rng: Rng, lo: number, hi: number): number => 10 ** (lo + (hi - lo) * rng());

/** Distance to the boundary, relative: 1e-9..1e-5 ("near"), 1e-2..10 otherwise. */
function margin(rng: Rng, near: boolean): number {
  return near ? logUniform(rng, -9, -5) : logUniform(rng, -2, 1);
}

/** A point of int K: y, z > 0 and x below y·log(z/y). */
function primalPoint(v: Float64Array, o: number, rng: Rng, near: boolean): void {
  const y = logUniform(rng, -2, 2);
  const z = logUniform(rng, -2, 2);
  const boundary = y * Math.log(z / y);
  v[o] = boundary - margin(rng, near) * Math.max(Math.abs(boundary), y);
  v[o + 1] = y;
  v[o + 2] = z;
}

/** A point of int K*: u < 0, w > 0 and v above u + u·log(w/(−u)). */
function dualPoint(v: Float64Array, o: number, rng: Rng, near: boolean): void {
  const u = -logUniform(rng, -2, 2);
  const w = logUniform(rng, -2, 2);
  const boundary = u + u * Math.log(w / -u);
  v[o] = u;
  v[o + 1] = boundary + margin(rng, near) * Math.max(Math.abs(boundary), -u);
  v[o + 2] = w;
}

/** What kind of point each cone gets. */
export type ExpPointKind = "generic" | "near-boundary" | "central";

/**
 * s, z with each cone of the given kind; "central": s = −μ∇f*(z)·(1 + 1e-12·noise), where SᵀZ is
 * singular and the primal–dual scaling falls back to μ∇²f*(z).
 */
export function expPoints(
  l: ExpLayout,
  rng: Rng,
  kind: ExpPointKind | "mixed",
  mu: number,
): { s: Float64Array; z: Float64Array; kinds: ExpPointKind[] } {
  const s = new Float64Array(l.m).map(() => rng() * 2 - 1);
  const z = new Float64Array(l.m).map(() => rng() * 2 - 1);
  const g = new Float64Array(3);
  const kinds: ExpPointKind[] = [];
  for (const b of l.blocks) {
    const k: ExpPointKind = kind === "mixed" ? (["generic", "near-boundary", "central"] as const)[Math.floor(rng() * 3)]! : kind;
    kinds.push(k);
    dualPoint(z, b.start, rng, k === "near-boundary");
    if (k === "central") {
      dualGradient(g, z, b.start);
      for (let i = 0; i < 3; i++) s[b.start + i] = -mu * g[i]! * (1 + 1e-12 * (rng() - 0.5));
    } else {
      primalPoint(s, b.start, rng, k === "near-boundary");
    }
  }
  return { s, z, kinds };
}

/** Uniform entries in (−scale, scale). */
export const randomVector = (m: number, rng: Rng, scale = 2): Float64Array => new Float64Array(m).map(() => (rng() * 2 - 1) * scale);
