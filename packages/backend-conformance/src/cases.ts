import type { ConfidenceSetKind } from "@useralign/core/backend";
import type { BruteStatus } from "./brute-force-2d.js";
import { circlePool2d, randomPool2d, type Pool2d } from "./random-instance-2d.js";

/** One confidence-set problem of the suite, in d = 2, checked against the brute force. */
export interface BackendCase {
  /** Unique name (`unsupported` in the options refers to it). */
  readonly name: string;
  /** What the case exercises. */
  readonly description: string;
  readonly kind: ConfidenceSetKind;
  /** The pool and history (built when the case runs). */
  readonly pool: () => Pool2d;
  /** y⁽¹⁾ when there are no answers. @default 0 */
  readonly first?: number;
  /**
   * Evaluate only this many candidates, spread evenly over the pool (keeps the brute force and the
   * slow backends cheap on large histories). @default every candidate
   */
  readonly subset?: number;
  /** What the brute force and the bounds of method.md "Structure" must find, so the case tests what it says. */
  readonly expected: {
    readonly status: BruteStatus;
    readonly lossMayBind: boolean;
    /** The loss constraint lowers V by more than 1e-3 for at least one evaluated candidate. */
    readonly lossCuts?: boolean;
    /** Whether θ̂ satisfies every answer's halfspace (checked only when given). */
    readonly thetaHatInH?: boolean;
  };
}

const both = (c: Omit<BackendCase, "kind" | "expected">, expected: { practical: BackendCase["expected"]; loss: BackendCase["expected"] }) =>
  (["practical", "loss"] as const).map((kind): BackendCase => ({ ...c, name: `${c.name} (${kind})`, kind, expected: expected[kind] }));

const open = { status: "interior", lossMayBind: false } as const;

// Θ = H = {0}: answers in opposite directions along both axes, repeated (weights > 1). With 60
// answers 0 ∈ Θ_loss, so Θ = {0}; with 640, t·log 2 > L(θ̂) + β_t and Θ is empty (θ̂ fallback).
function axisContradictions(times: number, noise: number): Pool2d {
  const features: [number, number][] = [
    [0.25, 0],
    [-0.25, 0],
    [0, 0.25],
    [0, -0.25],
    [0.1, 0.2],
    [-0.2, 0.15],
  ];
  const rep = (winner: number, loser: number, k: number) => Array.from({ length: k }, () => ({ winner, loser }));
  return { features, comparisons: [...rep(0, 1, times), ...rep(1, 0, noise), ...rep(2, 3, times), ...rep(3, 2, noise)] };
}

/**
 * The standard cases every backend runs: the ball (no answers), few and some answers (the loss
 * constraint cannot bind), a duplicated candidate with a z_k = 0 row, the loss constraint binding
 * and lowering V, Θ = {0}, and Θ empty (the θ̂ fallback of method.md step 5). Both kinds
 * (`practical`: UserAlign, `loss`: UserAlign-loss) where the case exists for both.
 */
export const backendCases: readonly BackendCase[] = [
  ...both(
    {
      name: "ball: no answers",
      description: "t = 0: Θ is the ball, V_j = S·‖c_j‖",
      pool: () => randomPool2d({ seed: 1000, n: 12, t: 0, user: "consistent" }),
      first: 3,
    },
    { practical: open, loss: open },
  ),
  ...both(
    {
      name: "few consistent answers",
      description: "t = 5, the loss constraint cannot bind",
      pool: () => randomPool2d({ seed: 1003, n: 14, t: 5, user: "consistent" }),
    },
    { practical: open, loss: open },
  ),
  ...both(
    {
      name: "some BTL answers",
      description: "t = 20 from a BTL user, the loss constraint cannot bind; inconsistent answers make H = {0}, so the practical Θ = {0}",
      pool: () => randomPool2d({ seed: 1012, n: 16, t: 20, user: "btl" }),
    },
    { practical: { status: "zero", lossMayBind: false }, loss: open },
  ),
  ...both(
    {
      name: "duplicated candidate",
      description: "a copy of a candidate (c_j = 0 for the copy of y⁽¹⁾ or a repeated direction) and a z_k = 0 row",
      pool: () => randomPool2d({ seed: 5001, n: 15, t: 10, user: "consistent", duplicate: true }),
    },
    { practical: open, loss: open },
  ),
  {
    name: "loss constraint binds (practical)",
    description: "300 consistent answers: t·log 2 > L(θ̂) + β_t and the loss constraint lowers V",
    kind: "practical",
    pool: () => randomPool2d({ seed: 3001, n: 70, t: 300, user: "consistent", minGap: 0.5 }),
    subset: 4,
    expected: { status: "interior", lossMayBind: true, lossCuts: true },
  },
  {
    name: "loss constraint binds (loss)",
    description: "100 consistent answers: Σ softplus(S‖z_k‖) > L(θ̂) + β_t and the loss constraint lowers V",
    kind: "loss",
    pool: () => randomPool2d({ seed: 3011, n: 40, t: 100, user: "consistent", minGap: 0.4 }),
    subset: 4,
    expected: { status: "interior", lossMayBind: true, lossCuts: true },
  },
  {
    name: "many answers, loss constraint redundant (practical)",
    description: "150 consistent answers: t·log 2 ≤ L(θ̂) + β_t, so on H the loss constraint cannot bind",
    kind: "practical",
    pool: () => randomPool2d({ seed: 3003, n: 70, t: 150, user: "consistent", minGap: 0.5 }),
    subset: 4,
    expected: { status: "interior", lossMayBind: false },
  },
  {
    name: "theta is {0}",
    description: "contradicting answers along both axes: H = {0} and 0 ∈ Θ_loss, so every V_j = 0",
    kind: "practical",
    pool: () => axisContradictions(25, 5),
    expected: { status: "zero", lossMayBind: false },
  },
  {
    name: "theta is empty",
    description: "640 contradicting answers: H = {0}, 0 ∉ Θ_loss, so Θ = ∅ and V_j = ⟨θ̂, c_j⟩",
    kind: "practical",
    pool: () => axisContradictions(300, 20),
    expected: { status: "empty", lossMayBind: true },
  },
];

/**
 * Heavier cases that pinned bugs: a narrow wedge H with a wide Θ (phase I once reported it empty),
 * θ̂ outside H with Θ a thin sliver at the ball's edge (`structured` once reported it empty), BTL
 * histories where the loss set binds, and a duplicated candidate in a history where the loss
 * constraint binds.
 */
export const regressionCases: readonly BackendCase[] = [
  {
    name: "sliver",
    description: "400 consistent answers about random pairs: θ̂ ∉ H and Θ is a thin sliver near the ball's edge",
    kind: "practical",
    pool: () => circlePool2d(7 + 40 + 200 + 400, 40, 400),
    subset: 4,
    expected: { status: "interior", lossMayBind: true, thetaHatInH: false },
  },
  {
    name: "narrow wedge",
    description: "300 consistent answers leave H a narrow wedge; Θ still has a wide interior (no θ̂ fallback)",
    kind: "practical",
    pool: () => randomPool2d({ seed: 3006, n: 70, t: 300, user: "consistent", minGap: 0.5 }),
    subset: 4,
    expected: { status: "interior", lossMayBind: true },
  },
  {
    name: "BTL answers, loss set binds",
    description: "200 BTL answers: the loss constraint of UserAlign-loss lowers V",
    kind: "loss",
    pool: () => randomPool2d({ seed: 3004, n: 70, t: 200, user: "btl", minGap: 0.5 }),
    subset: 4,
    expected: { status: "interior", lossMayBind: true, lossCuts: true },
  },
  {
    name: "duplicated candidate, loss constraint binds",
    description: "a copy of a candidate and a z_k = 0 row in a 300-answer history",
    kind: "practical",
    pool: () => randomPool2d({ seed: 3001, n: 70, t: 299, user: "consistent", minGap: 0.5, duplicate: true }),
    subset: 3,
    expected: { status: "interior", lossMayBind: true },
  },
];
