import { describe, expect, it } from "vitest";
import {
  computeStep,
  createSession,
  createStructuredBackend,
  isUserAlignError,
  PreferenceState,
  Rng,
  toFeatureMatrix,
  type UserAlignSession,
} from "../src/index.js";

const features = Array.from({ length: 12 }, (_, j) =>
  [0.35 * Math.cos(j * 0.9), 0.35 * Math.sin(j * 1.7)].map((v) => Number(v.toFixed(4))),
);
const theta = [2, -1];
const score = (j: number) => theta[0]! * features[j]![0]! + theta[1]! * features[j]![1]!;

/** Runs a session with a consistent user to its end; returns it. */
function finish(method: "useralign" | "useralign-loss" | "iidbest", budget: number | undefined, seed: number): UserAlignSession {
  const session = createSession({ features, method, ...(budget === undefined ? {} : { budget, budgetUnit: "questions" as const }), seed });
  for (let view = session.next(); view.status === "question"; view = session.next()) {
    const [a, b] = view.pair;
    session.answer(score(a) >= score(b) ? a : b);
  }
  return session;
}

/** The rule written out on the engine: argmax ⟨θ̂, φ⟩ after the first k answers (and the replays that followed the k-th). */
function byHand(session: UserAlignSession, k: number): number {
  const pool = toFeatureMatrix(features);
  const state = new PreferenceState(pool.data, pool.n, pool.d);
  let answered = 0;
  for (const h of session.history) {
    if (!h.replayed && answered++ === k) break;
    state.add(h);
  }
  const rng = Rng.fromSeed(session.settings.seed);
  const settings = {
    S: 3,
    delta: 0.05,
    kind: "practical" as const,
    backend: createStructuredBackend(),
    mode: "best" as const,
    tieTolerance: 1e-9,
  };
  return computeStep(state, { ...settings, firstOnly: true, drawFirst: () => rng.int(pool.n) }).first;
}

describe("session.selectionAfter(k)", () => {
  it("after all K answers, is the session's own final choice", () => {
    for (const method of ["useralign", "iidbest"] as const) {
      for (const seed of [1, 2, 3]) {
        const s = finish(method, 6, seed);
        const done = s.next();
        if (done.status !== "done") throw new Error("not done");
        expect(s.selectionAfter(6)).toBe(done.choice);
      }
    }
  });

  it("after k < K answers of IIDBEST, is what IIDBEST with budget k returns (same seed, same pairs)", () => {
    for (const seed of [4, 5]) {
      const long = finish("iidbest", 8, seed);
      for (const k of [0, 1, 3, 5]) {
        const short = finish("iidbest", k, seed).next();
        if (short.status !== "done") throw new Error("not done");
        expect(long.selectionAfter(k)).toBe(short.choice);
      }
    }
  });

  it("is argmax ⟨θ̂, φ⟩ of the prefix, replays included, for every k (useralign-loss replays)", () => {
    for (const seed of [1, 2]) {
      const s = finish("useralign-loss", undefined, seed);
      expect(s.replayed).toBeGreaterThan(0);
      for (let k = 0; k <= s.questions; k++) expect(s.selectionAfter(k)).toBe(byHand(s, k));
    }
  }, 60_000);

  it("rejects k outside 0..questions and changes nothing", () => {
    const s = finish("useralign", 3, 1);
    const before = JSON.stringify(s.toJSON());
    for (const k of [-1, 4, 1.5, NaN]) {
      try {
        s.selectionAfter(k);
        throw new Error("expected a throw");
      } catch (e) {
        expect(isUserAlignError(e, "invalid_input")).toBe(true);
      }
    }
    s.selectionAfter(2);
    expect(JSON.stringify(s.toJSON())).toBe(before);
  });
});
