import type { ConeSpec } from "../problem.js";
import { projectExp } from "./exp-projection.js";

/**
 * z ↦ Π_K(−z) for the product cone K, blockwise, into `out`. The ADMM needs both Π_{K*}(z) (the
 * dual iterate) and the slack s ∈ K; by Moreau, Π_{K*}(z) = z + Π_K(−z), so one projection gives
 * both, and s comes out exactly in K.
 */
export function projectNegatedOntoCone(cones: readonly ConeSpec[], z: Float64Array, out: Float64Array): void {
  let o = 0;
  for (const cone of cones) {
    const n = cone.dim;
    switch (cone.type) {
      case "zero":
        for (let i = 0; i < n; i++) out[o + i] = 0;
        break;
      case "nonneg":
        for (let i = 0; i < n; i++) out[o + i] = Math.max(0, -z[o + i]!);
        break;
      case "soc":
        projectSoc(z, o, n, out);
        break;
      case "exp":
        out[o] = -z[o]!;
        out[o + 1] = -z[o + 1]!;
        out[o + 2] = -z[o + 2]!;
        projectExp(out, o, out);
        break;
    }
    o += n;
  }
}

/** Π_SOC(−z) on one block: (t, x) with t ≥ ‖x‖. */
function projectSoc(z: Float64Array, o: number, n: number, out: Float64Array): void {
  const t = -z[o]!;
  let norm = 0;
  for (let i = 1; i < n; i++) norm = Math.hypot(norm, z[o + i]!);
  if (norm <= t) {
    for (let i = 0; i < n; i++) out[o + i] = -z[o + i]!;
  } else if (norm <= -t) {
    for (let i = 0; i < n; i++) out[o + i] = 0;
  } else {
    const c = 0.5 * (t + norm);
    out[o] = c;
    for (let i = 1; i < n; i++) out[o + i] = (-c * z[o + i]!) / norm;
  }
}
