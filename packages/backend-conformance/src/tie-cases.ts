import type { Comparison, ConfidenceSetKind } from "@useralign/core/backend";
import { randomPool2d } from "./random-instance-2d.js";

/** A problem built so that the tie rule decides y⁽²⁾: the candidate index the backend must return. */
export interface TieCase {
  readonly name: string;
  readonly kind: ConfidenceSetKind;
  readonly features: readonly (readonly [number, number])[];
  readonly comparisons: readonly Comparison[];
  /** y⁽¹⁾ (t = 0 only). */
  readonly first?: number;
  /** Values within this distance tie. */
  readonly tieTolerance: number;
  /** The index y⁽²⁾ must be. */
  readonly second: number;
  /** Candidates whose V must be equal (within `tieTolerance`) to that of `second`. */
  readonly tiedWith: readonly number[];
}

/**
 * No answers, y⁽¹⁾ = 0 at the origin, so V_j = S·‖φ_j‖. Candidates 1–3 are at distance ¼; candidate
 * 4 is `extra` farther. `extra` = 1e−8: every V is within the tolerance 1e−6, so the lowest index,
 * 1, wins although 4 is larger; `extra` = 1e−3: candidate 4 wins outright.
 */
function ball(kind: ConfidenceSetKind, extra: number, second: number): TieCase {
  const features = [
    [0, 0],
    [0.25, 0],
    [0, 0.25],
    [-0.25, 0],
    [0, -0.25 - extra],
    [0.1, 0.1],
  ] as const;
  const tiedWith = second === 1 ? [2, 3, 4] : [];
  return {
    name: `no answers, ${extra === 1e-8 ? "a larger value within" : "a larger value beyond"} the tolerance (${kind})`,
    kind,
    features,
    comparisons: [],
    first: 0,
    tieTolerance: 1e-6,
    second,
    tiedWith,
  };
}

/**
 * Some answers, and a copy of the candidate `best` that wins y⁽²⁾ placed first (index 0, every
 * other index shifted by one) or last: the copy has the same V, so the lower index wins.
 */
function copied(kind: ConfidenceSetKind, best: number, where: "first" | "last"): TieCase {
  const pool = randomPool2d({ seed: 1003, n: 14, t: 5, user: "consistent" });
  const shift = where === "first" ? 1 : 0;
  const copy = pool.features[best]!;
  const features = where === "first" ? [copy, ...pool.features] : [...pool.features, copy];
  const comparisons = pool.comparisons.map((c) => ({ winner: c.winner + shift, loser: c.loser + shift }));
  const original = best + shift;
  const copyIndex = where === "first" ? 0 : features.length - 1;
  return {
    name: `a copy of the winner placed ${where} (${kind})`,
    kind,
    features,
    comparisons,
    tieTolerance: 1e-6,
    second: Math.min(original, copyIndex),
    tiedWith: [Math.max(original, copyIndex)],
  };
}

/**
 * The tie-rule cases, for both kinds. `winner` is y⁽²⁾ of the pool `randomPool2d({ seed: 1003,
 * n: 14, t: 5 })` for each kind (the suite reads it off the brute force).
 */
export function tieCases(winner: Readonly<Record<ConfidenceSetKind, number>>): TieCase[] {
  return (["practical", "loss"] as const).flatMap((kind) => [
    ball(kind, 1e-8, 1),
    ball(kind, 1e-3, 4),
    copied(kind, winner[kind], "first"),
    copied(kind, winner[kind], "last"),
  ]);
}
