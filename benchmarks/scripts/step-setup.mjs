// The step the benchmark scripts time, for one build of @useralign/core: `bench step`'s instance
// (features on the sphere × ½, seed 1), the history UserAlign chooses on it, the prefix state of
// t − 1 answers and the settings of a live session's step (`best` mode, warm-started θ̂).
/**
 * @param core an imported @useralign/core build
 * @param bench the imported benchmarks build
 * @param history the comparisons to use (default: built with this core's default backend)
 */
export function stepSetup(core, bench, n, d, t, history) {
  const instance = bench.makeInstance(n, d, 3, 1);
  const features = Float64Array.from(instance.features.flat());
  const backend = core.createSolverRegistry().default();
  const comparisons = history ?? bench.buildHistory(instance, t, backend, 1).comparisons;
  const settings = (warm) => ({
    S: 3,
    delta: 0.05,
    kind: "practical",
    backend,
    mode: "best",
    tieTolerance: 1e-9,
    drawFirst: () => 0,
    ...(warm ? { warmStart: warm } : {}),
  });
  const prefix = () => {
    const state = new core.PreferenceState(features, n, d);
    for (let k = 0; k < t - 1; k++) state.add(comparisons[k]);
    return state;
  };
  const warm = t > 0 ? core.computeStep(prefix(), { ...settings(), firstOnly: true }).alpha : undefined;
  return { history: comparisons, settings, prefix, warm };
}
