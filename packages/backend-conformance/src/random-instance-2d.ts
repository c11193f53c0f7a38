import { Rng, type Comparison } from "@useralign/core";

/** A pool in d = 2 and an answer history. */
export interface Pool2d {
  readonly features: [number, number][];
  readonly comparisons: Comparison[];
}

/** How {@link randomPool2d} draws a pool and its history. */
export interface RandomPool2dSpec {
  readonly seed: number;
  /** Candidates, uniform in the disk of radius ½ (Fig. 2 of method.md "Paper figures"). */
  readonly n: number;
  /** Answers, about distinct random pairs. */
  readonly t: number;
  /** `consistent`: the higher ⟨θ*, φ⟩ wins; `btl`: it wins with probability σ(⟨θ*, Δφ⟩). */
  readonly user: "consistent" | "btl";
  /** Only pairs at least this far apart are asked. @default 0 */
  readonly minGap?: number;
  /**
   * Make the last candidate a copy of the first (a model repeating itself: c_j = 0 for one j) and
   * ask the two copies once (z_k = 0). @default false
   */
  readonly duplicate?: boolean;
}

/** A seeded random 2-D pool, θ* uniform on the circle of radius 3, and `t` answers of a simulated user. */
export function randomPool2d(spec: RandomPool2dSpec): Pool2d {
  const { n, t, user } = spec;
  const rng = Rng.fromSeed(spec.seed);
  const features: [number, number][] = [];
  for (let j = 0; j < n; j++) {
    const r = 0.5 * Math.sqrt(rng.next());
    const a = 2 * Math.PI * rng.next();
    features.push([r * Math.cos(a), r * Math.sin(a)]);
  }
  if (spec.duplicate) features[n - 1] = [...features[0]!];
  const ang = 2 * Math.PI * rng.next();
  const theta = [3 * Math.cos(ang), 3 * Math.sin(ang)] as const;
  const pairs: [number, number][] = [];
  for (let a = 0; a < n; a++)
    for (let b = a + 1; b < n; b++) {
      if (Math.hypot(features[a]![0] - features[b]![0], features[a]![1] - features[b]![1]) >= (spec.minGap ?? 0)) pairs.push([a, b]);
    }
  for (let i = pairs.length - 1; i > 0; i--) {
    const k = rng.int(i + 1);
    [pairs[i], pairs[k]] = [pairs[k]!, pairs[i]!];
  }
  if (pairs.length < t) throw new Error(`randomPool2d(seed ${spec.seed}): only ${pairs.length} pairs for ${t} answers`);
  const comparisons = pairs.slice(0, t).map(([a, b]): Comparison => {
    const u = theta[0] * (features[a]![0] - features[b]![0]) + theta[1] * (features[a]![1] - features[b]![1]);
    const aWins = user === "consistent" ? u >= 0 : rng.next() < 1 / (1 + Math.exp(-u));
    return aWins ? { winner: a, loser: b } : { winner: b, loser: a };
  });
  if (spec.duplicate) comparisons.splice(t >> 1, 0, { winner: 0, loser: n - 1 });
  return { features, comparisons };
}
