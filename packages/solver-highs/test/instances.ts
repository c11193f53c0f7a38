import { PreferenceState, Rng } from "@useralign/core";

/** A random step: N features on the sphere of radius ½ in R^d and t answers about random pairs. */
export function randomHistory(seed: number, n: number, d: number, t: number, user: "consistent" | "btl" | "noisy") {
  const rng = Rng.fromSeed(seed);
  const sphere = (radius: number) => {
    const v = Array.from({ length: d }, () => rng.normal());
    const norm = Math.hypot(...v) || 1;
    return v.map((x) => (x * radius) / norm);
  };
  const rows = Array.from({ length: n }, () => sphere(0.5));
  const theta = sphere(3);
  const utility = rows.map((f) => f.reduce((s, x, k) => s + x * theta[k]!, 0));
  const state = new PreferenceState(Float64Array.from(rows.flat()), n, d);
  for (let k = 0; k < t; k++) {
    const a = rng.int(n);
    let b = rng.int(n - 1);
    if (b >= a) b++;
    const gap = utility[a]! - utility[b]!;
    const pA = user === "consistent" ? (gap >= 0 ? 1 : 0) : user === "btl" ? 1 / (1 + Math.exp(-gap)) : 0.5;
    const aWins = rng.next() < pA;
    state.add(aWins ? { winner: a, loser: b } : { winner: b, loser: a });
  }
  return { state, rows };
}
