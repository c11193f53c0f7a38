import type { Rng } from "@useralign/core";

/** A point uniform on the sphere of radius `radius` in R^d (a normalised Gaussian vector). */
export function onSphere(rng: Rng, d: number, radius: number): number[] {
  for (;;) {
    const v = Array.from({ length: d }, () => rng.normal());
    const norm = Math.hypot(...v);
    // A zero vector has no direction; with 53-bit draws this is practically never hit.
    if (norm > 1e-12) return v.map((x) => (x / norm) * radius);
  }
}

/** A point uniform in the disk of radius `radius` (the square root makes the density uniform in area). */
export function inDisk(rng: Rng, radius: number): number[] {
  const r = radius * Math.sqrt(rng.next());
  const angle = 2 * Math.PI * rng.next();
  return [r * Math.cos(angle), r * Math.sin(angle)];
}

/** The mean of some rows: the "centre of the pool". */
export function centroid(rows: readonly (readonly number[])[]): number[] {
  const d = rows[0]!.length;
  const out = new Array<number>(d).fill(0);
  for (const row of rows) for (let i = 0; i < d; i++) out[i]! += row[i]! / rows.length;
  return out;
}
