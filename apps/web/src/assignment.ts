import { Rng } from "@useralign/core";
import type { Study } from "./load-study.js";
import type { Assignment } from "./store/records.js";
import { cellKey } from "./store/store.js";

/**
 * Draws a participant's blinded cell (domain, question, method, condition), balanced: among the
 * cells with the fewest participants so far, one uniformly at random. Also draws the persona (in
 * the persona condition), the session seed and the RANDOM candidate of stage 3.
 */
export function assign(study: Study, counts: ReadonlyMap<string, number>, rng: Rng): Assignment {
  const cells: Omit<Assignment, "persona" | "seed" | "randomCandidate">[] = [];
  study.domains.forEach((domain, d) =>
    domain.pools.forEach((_, p) => {
      for (const method of study.methods) for (const condition of study.conditions) cells.push({ domain: d, pool: p, method, condition });
    }),
  );
  let least = Infinity;
  for (const c of cells) least = Math.min(least, counts.get(cellKey(c)) ?? 0);
  const open = cells.filter((c) => (counts.get(cellKey(c)) ?? 0) === least);
  const cell = open[rng.int(open.length)]!;
  const pool = study.domains[cell.domain]!.pools[cell.pool]!;
  const personas = pool.personas ?? [];
  const persona = cell.condition === "persona" && personas.length > 0 ? rng.int(personas.length) : null;
  return { ...cell, persona, seed: rng.int(2 ** 31 - 1), randomCandidate: rng.int(pool.candidates.length) };
}

/** The assignment RNG of the `index`-th participant of a study with seed `seed`. */
export function assignmentRng(seed: number, index: number): Rng {
  return Rng.fromSeed(seed * 1_000_003 + index);
}

/** Whether option a shows the session's second candidate at `step` (sides are shuffled, stably). */
export function flipped(seed: number, step: number): boolean {
  return Rng.fromSeed(seed + 7919 * step).next() < 0.5;
}
