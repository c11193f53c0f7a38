import { Rng } from "../../src/rng.js";

/** N points uniform on the sphere of radius ½ in R^d, and a user θ* on the sphere of radius S. */
export function spherePool(n: number, d: number, seed: number, S = 3) {
  const rng = Rng.fromSeed(seed);
  const sphere = (radius: number) => {
    const v = Array.from({ length: d }, () => rng.normal());
    const norm = Math.hypot(...v);
    return v.map((x) => (x * radius) / norm);
  };
  const features = Array.from({ length: n }, () => sphere(0.5));
  const theta = sphere(S);
  const utility = features.map((f) => f.reduce((s, x, k) => s + x * theta[k]!, 0));
  const oracle = utility.indexOf(Math.max(...utility));
  return { features, theta, utility, oracle, rng };
}

/** Candidates uniform in the disk of radius ½ (the paper's Fig. 2 setting) and θ* on the circle of radius S. */
export function diskPool(n: number, seed: number, S = 3) {
  const rng = Rng.fromSeed(seed);
  const features = Array.from({ length: n }, () => {
    const r = 0.5 * Math.sqrt(rng.next());
    const a = 2 * Math.PI * rng.next();
    return [r * Math.cos(a), r * Math.sin(a)];
  });
  const angle = 2 * Math.PI * rng.next();
  const theta = [S * Math.cos(angle), S * Math.sin(angle)];
  const utility = features.map((f) => f[0]! * theta[0]! + f[1]! * theta[1]!);
  return { features, theta, utility, oracle: utility.indexOf(Math.max(...utility)), rng };
}

/** The consistent user: always the higher utility. */
export const consistentAnswer = (utility: number[]) => (pair: readonly [number, number]) =>
  utility[pair[0]]! >= utility[pair[1]]! ? pair[0] : pair[1];

/** N rows uniform on the sphere of radius ½ in R^d, packed row-major, drawn from `rng`. */
export function sphereFeatures(rng: Rng, n: number, d: number): Float64Array {
  const features = new Float64Array(n * d);
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let k = 0; k < d; k++) {
      const v = rng.normal();
      features[j * d + k] = v;
      s += v * v;
    }
    s = Math.sqrt(s);
    for (let k = 0; k < d; k++) features[j * d + k]! /= 2 * s;
  }
  return features;
}
