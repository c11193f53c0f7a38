import { Rng } from "@useralign/core";

/** A generated benchmark pool: SPEC's `bench step` instance. */
export interface BenchInstance {
  features: number[][];
  /** θ* on the sphere of radius S. */
  theta: number[];
  /** ⟨θ*, φ_j⟩. */
  utility: number[];
}

/** Features uniform on the unit sphere × ½ and θ* uniform on the sphere of radius S, from a seed. */
export function makeInstance(n: number, d: number, S: number, seed: number): BenchInstance {
  const rng = Rng.fromSeed(seed);
  const sphere = (radius: number) => {
    const v = Array.from({ length: d }, () => rng.normal());
    const norm = Math.hypot(...v) || 1;
    return v.map((x) => (x * radius) / norm);
  };
  const features = Array.from({ length: n }, () => sphere(0.5));
  const theta = sphere(S);
  const utility = features.map((f) => f.reduce((s, x, k) => s + x * theta[k]!, 0));
  return { features, theta, utility };
}
