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

/**
 * A seeded 2-D pool on the circle of radius ½, θ* on the circle of radius 3, and `t` answers of a
 * consistent user about uniformly random pairs (repeats possible). Drawn in the same order as the
 * highs package's `randomHistory`, so a seed names the same instance in both.
 */
export function circlePool2d(seed: number, n: number, t: number): Pool2d {
  const rng = Rng.fromSeed(seed);
  const onCircle = (radius: number): [number, number] => {
    const x = rng.normal();
    const y = rng.normal();
    const norm = Math.hypot(x, y) || 1;
    return [(x * radius) / norm, (y * radius) / norm];
  };
  const features = Array.from({ length: n }, () => onCircle(0.5));
  const theta = onCircle(3);
  const utility = features.map((f) => f[0] * theta[0] + f[1] * theta[1]);
  const comparisons: Comparison[] = [];
  for (let k = 0; k < t; k++) {
    const a = rng.int(n);
    let b = rng.int(n - 1);
    if (b >= a) b++;
    // The draw is taken for every answer, as a BTL user would take it, to keep the sequence.
    const aWins = rng.next() < (utility[a]! - utility[b]! >= 0 ? 1 : 0);
    comparisons.push(aWins ? { winner: a, loser: b } : { winner: b, loser: a });
  }
  return { features, comparisons };
}
