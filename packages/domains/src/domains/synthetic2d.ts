import { Rng } from "@useralign/core";
import type { Dataset } from "../dataset-file.js";
import { centroid, inDisk, onSphere } from "./sampling.js";

/** Options of {@link synthetic2d}. */
export interface Synthetic2dOptions {
  /** Questions (independent pools). @default 10 */
  questions?: number;
  /** Candidates per question. @default 20 */
  candidates?: number;
  /** Users (θ* uniform on the circle of radius `S`). @default 3 */
  personas?: number;
  /** Radius of the users' circle, the method's norm bound. @default 3 */
  S?: number;
  /** Seed of the generator: the same seed gives the same dataset. @default 2 */
  seed?: number;
}

/**
 * The paper's Fig. 2 domain: candidates uniform in the disk of radius ½ (so ‖Δφ‖ ≤ 1), θ* uniform
 * on the circle of radius 3; the baseline is the centre of each pool.
 */
export function synthetic2d(options: Synthetic2dOptions = {}): Dataset {
  const { questions = 10, candidates = 20, personas = 3, S = 3, seed = 2 } = options;
  const rng = Rng.fromSeed(seed);
  const qs = Array.from({ length: questions }, (_, k) => {
    const cands = Array.from({ length: candidates }, (_, j) => ({ id: `y${j}`, text: `point ${j}`, features: inDisk(rng, 0.5) }));
    return {
      id: `q${k}`,
      question: `synthetic 2-D pool ${k}`,
      baseline: { text: "centre of the pool", features: centroid(cands.map((c) => c.features)) },
      candidates: cands,
    };
  });
  return {
    name: "synthetic2d",
    description: "Candidates uniform in the disk of radius 0.5, users uniform on the circle of radius 3 (paper Fig. 2).",
    featureNames: ["x", "y"],
    dimension: 2,
    personas: Array.from({ length: personas }, (_, u) => ({ name: `user${u}`, theta: onSphere(rng, 2, S) })),
    questions: qs,
  };
}
