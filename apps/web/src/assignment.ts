import { Rng } from "@useralign/core";
import type { Study } from "./load-study.js";
import type { Assignment, CellCount } from "./store/records.js";
import { cellKey } from "./store/store.js";

/** Uniformly one of the items with the smallest count (ties broken by `rng`). */
function leastUsed<T>(items: readonly T[], count: (item: T) => number, rng: Rng): T {
  let least = Infinity;
  for (const item of items) least = Math.min(least, count(item));
  const open = items.filter((item) => count(item) === least);
  return open[rng.int(open.length)]!;
}

/**
 * Draws a participant's blinded cell (domain, question, method, condition), balanced: among the
 * cells with the fewest active participants, one uniformly at random; in the persona condition the
 * persona likewise, among the cell's least-used personas. Also draws the session seed and the
 * RANDOM candidate of stage 3. `counts` are active participants per cell and persona.
 */
export function assign(study: Study, counts: readonly CellCount[], rng: Rng): Assignment {
  const perCell = new Map<string, number>();
  const perPersona = new Map<string, number>();
  for (const c of counts) {
    perCell.set(c.cell, (perCell.get(c.cell) ?? 0) + c.n);
    if (c.persona !== null) perPersona.set(`${c.cell}#${c.persona}`, c.n);
  }
  const cells: Omit<Assignment, "persona" | "seed" | "randomCandidate">[] = [];
  study.domains.forEach((domain, d) =>
    domain.pools.forEach((_, p) => {
      for (const method of study.methods) for (const condition of study.conditions) cells.push({ domain: d, pool: p, method, condition });
    }),
  );
  const cell = leastUsed(cells, (c) => perCell.get(cellKey(c)) ?? 0, rng);
  const pool = study.domains[cell.domain]!.pools[cell.pool]!;
  const personas = (pool.personas ?? []).map((_, k) => k);
  const persona =
    cell.condition === "persona" && personas.length > 0
      ? leastUsed(personas, (k) => perPersona.get(`${cellKey(cell)}#${k}`) ?? 0, rng)
      : null;
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
