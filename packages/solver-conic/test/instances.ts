import { computeStep, createStructuredBackend, PreferenceState, Rng, type ConfidenceSetBackend, type StepDecision } from "@useralign/core";

/** A pool in R^d (uniform in the ball of radius ½) and t answers from a user θ* with ‖θ*‖ = S. */
export interface Instance {
  readonly label: string;
  readonly n: number;
  readonly d: number;
  readonly features: Float64Array;
  readonly comparisons: { winner: number; loser: number }[];
}

/**
 * Binding instances follow the core's brute-force test: many comparisons (t ≫ 10d + 22) between
 * candidates at least `minGap` apart, answered by a consistent or a noisy (BTL) user, so that
 * t·log 2 > L(θ̂) + β_t and the loss constraint can cut the set.
 */
export function makeInstance(seed: number, n: number, d: number, t: number, user: "consistent" | "btl", minGap = 0, S = 3): Instance {
  const rng = Rng.fromSeed(seed);
  const features = new Float64Array(n * d);
  for (let j = 0; j < n; j++) {
    let norm = 0;
    const v = Array.from({ length: d }, () => rng.normal());
    for (const x of v) norm += x * x;
    const radius = 0.5 * rng.next() ** (1 / d);
    v.forEach((x, k) => (features[j * d + k] = (radius * x) / Math.sqrt(norm)));
  }
  const dir = Array.from({ length: d }, () => rng.normal());
  const dn = Math.hypot(...dir);
  const theta = dir.map((x) => (S * x) / dn);
  const diff = (a: number, b: number) => Array.from({ length: d }, (_, k) => features[a * d + k]! - features[b * d + k]!);
  const pairs: [number, number][] = [];
  for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) if (Math.hypot(...diff(a, b)) >= minGap) pairs.push([a, b]);
  for (let i = pairs.length - 1; i > 0; i--) {
    const k = rng.int(i + 1);
    [pairs[i], pairs[k]] = [pairs[k]!, pairs[i]!];
  }
  if (pairs.length < t) throw new Error(`only ${pairs.length} pairs`);
  const comparisons = pairs.slice(0, t).map(([a, b]) => {
    const u = diff(a, b).reduce((s, x, k) => s + x * theta[k]!, 0);
    const aWins = user === "consistent" ? u >= 0 : rng.next() < 1 / (1 + Math.exp(-u));
    return aWins ? { winner: a, loser: b } : { winner: b, loser: a };
  });
  return { label: `seed=${seed} n=${n} d=${d} t=${t} ${user}`, n, d, features, comparisons };
}

/** The state after the instance's comparisons. */
export function stateOf(inst: Instance): PreferenceState {
  const state = new PreferenceState(inst.features, inst.n, inst.d);
  for (const c of inst.comparisons) state.add(c);
  return state;
}

/** One step with every V_j (on `only` candidates when given), S = 3, δ = 0.05. */
export function step(
  state: PreferenceState,
  kind: "practical" | "loss",
  backend: ConfidenceSetBackend,
  only?: ReadonlySet<number>,
): StepDecision {
  return computeStep(state, {
    S: 3,
    delta: 0.05,
    kind,
    backend,
    mode: "all",
    tieTolerance: 1e-9,
    drawFirst: () => 0,
    ...(only ? { exclude: (j: number) => !only.has(j) } : {}),
  });
}

export const structured = createStructuredBackend();
