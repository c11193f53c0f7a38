import { computeStep, createStructuredBackend, PreferenceState, Rng, toFeatureMatrix, type HistoryEntry } from "@useralign/core";

/**
 * The candidate a method would return after its first `k` answers: argmax ⟨θ̂, φ(y)⟩ under the
 * MLE of those answers (SPEC step 6; IIDBEST's final rule too), so UserAlign and IIDBEST are
 * evaluated by the same rule at every step. Replayed history entries recorded before the k-th
 * answer count, as they did for the method itself. At k = 0 the choice is random (seeded).
 */
export function selectionAfter(features: readonly (readonly number[])[], history: readonly HistoryEntry[], k: number, S: number, seed: number): number {
  const pool = toFeatureMatrix(features);
  const state = new PreferenceState(pool.data, pool.n, pool.d);
  let answered = 0;
  for (const entry of history) {
    if (!entry.replayed) {
      if (answered === k) break;
      answered++;
    }
    state.add(entry);
  }
  const rng = Rng.fromSeed(seed);
  return computeStep(state, {
    S,
    delta: 0.05,
    kind: "practical",
    backend: createStructuredBackend(),
    mode: "best",
    tieTolerance: 1e-9,
    firstOnly: true,
    drawFirst: () => rng.int(pool.n),
  }).first;
}
