import { Rng, UserAlignError } from "@useralign/core";
import type { Dataset } from "../dataset-file.js";
import { centroid, onSphere } from "./sampling.js";

/** Options of {@link sphereDomain}. */
export interface SphereOptions {
  /** Feature dimension d. @default 64 */
  dimension?: number;
  /** Candidates per question, up to 1000. @default 20 */
  candidates?: number;
  /** Questions (independent pools). @default 10 */
  questions?: number;
  /** Users (θ* uniform on the sphere of radius `S`). @default 3 */
  personas?: number;
  /** Radius of the users' sphere. @default 3 */
  S?: number;
  /** Seed of the generator. @default 64 */
  seed?: number;
}

/** The most candidates a generated sphere pool may have (the paper's Table 7 used 1000). */
export const MAX_SPHERE_CANDIDATES = 1000;

/**
 * A stand-in for embedding domains: candidates uniform on the unit sphere × ½ (unit-norm
 * embeddings scaled so ‖Δφ‖ ≤ 1), users uniform on the sphere of radius 3, and as the baseline a
 * generic response at the centre of the pool (the mean of its features).
 */
export function sphereDomain(options: SphereOptions = {}): Dataset {
  const { dimension = 64, candidates = 20, questions = 10, personas = 3, S = 3 } = options;
  const seed = options.seed ?? dimension;
  if (!Number.isInteger(candidates) || candidates < 2 || candidates > MAX_SPHERE_CANDIDATES) {
    throw new UserAlignError("invalid_input", `sphere domains take 2 to ${MAX_SPHERE_CANDIDATES} candidates; got ${candidates}.`, [
      { path: ["candidates"], message: `expected an integer in [2, ${MAX_SPHERE_CANDIDATES}]` },
    ]);
  }
  const rng = Rng.fromSeed(seed);
  const qs = Array.from({ length: questions }, (_, k) => {
    const cands = Array.from({ length: candidates }, (_, j) => ({
      id: `y${j}`,
      text: `response ${j}`,
      features: onSphere(rng, dimension, 0.5),
    }));
    return {
      id: `q${k}`,
      question: `sphere${dimension} pool ${k}`,
      baseline: { text: "a generic response (centre of the pool)", features: centroid(cands.map((c) => c.features)) },
      candidates: cands,
    };
  });
  return {
    name: `sphere${dimension}`,
    description: `Candidates uniform on the unit sphere in R^${dimension} × ½, users uniform on the sphere of radius ${S}.`,
    dimension,
    personas: Array.from({ length: personas }, (_, u) => ({ name: `user${u}`, theta: onSphere(rng, dimension, S) })),
    questions: qs,
  };
}
