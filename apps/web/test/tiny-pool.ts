/** A three-candidate `useralign-pool` v1 fixture for config tests; `extra` overrides or adds fields. */
export function tinyPool(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    format: "useralign-pool",
    version: 1,
    question: "Q?",
    baseline: { text: "plain" },
    candidates: [
      { id: "a", text: "A", features: [0.2, 0] },
      { id: "b", text: "B", features: [-0.2, 0.1] },
      { id: "c", text: "C", features: [0, -0.2] },
    ],
    ...extra,
  };
}
