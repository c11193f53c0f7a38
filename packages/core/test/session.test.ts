import { describe, expect, it } from "vitest";
import {
  createSession,
  createSolverRegistry,
  isUserAlignError,
  restoreSession,
  sigmoid,
  UserAlignError,
  type SessionView,
  type UserAlignSession,
} from "../src/index.js";
import { consistentAnswer, diskPool, spherePool } from "./helpers/pools.js";

/** Runs a session to the end, checking SPEC's invariants at every question. */
function drive(session: UserAlignSession, answer: (pair: readonly [number, number]) => number, epsilon = 0) {
  const seen = new Set<string>();
  const views: SessionView[] = [];
  let view = session.next();
  for (let guard = 0; view.status === "question" && guard < 1000; guard++) {
    views.push(view);
    const [a, b] = view.pair;
    expect(a).not.toBe(b);
    const key = a < b ? `${a},${b}` : `${b},${a}`;
    // method.md step 7: a person never sees the same pair twice.
    expect(seen.has(key)).toBe(false);
    seen.add(key);
    // method.md step 8: a question is asked only while B(t) > ε.
    if (view.bound !== null && !view.random) expect(view.bound).toBeGreaterThan(epsilon);
    view = session.answer(answer(view.pair));
  }
  views.push(view);
  return { result: view, views };
}

describe("UserAlign with a consistent user", () => {
  const cases = [
    { n: 12, d: 2, seeds: [1, 2, 3, 4, 5] },
    { n: 20, d: 8, seeds: [1, 2, 3] },
    { n: 20, d: 64, seeds: [1, 2] },
    { n: 40, d: 512, seeds: [7] },
  ];
  for (const { n, d, seeds } of cases) {
    it(`returns exactly the oracle's choice at ε = 0 (N=${n}, d=${d})`, () => {
      for (const seed of seeds) {
        const pool = spherePool(n, d, seed);
        const session = createSession({ features: pool.features, seed });
        const { result } = drive(session, consistentAnswer(pool.utility));
        expect(result.status).toBe("done");
        if (result.status !== "done") continue;
        expect(result.reason).toBe("bound");
        expect(result.bound!).toBeLessThanOrEqual(1e-9);
        expect(result.choice).toBe(pool.oracle);
        expect(result.questions).toBeLessThan(n * 3);
      }
    });
  }

  it("returns the oracle's choice in the paper's 2-D disk setting, with and without the loss constraint binding", () => {
    for (let seed = 1; seed <= 6; seed++) {
      const pool = diskPool(30, seed);
      const session = createSession({ features: pool.features, seed });
      const { result } = drive(session, consistentAnswer(pool.utility));
      expect(result.status === "done" && result.choice).toBe(pool.oracle);
    }
  });

  it("stops earlier with a larger ε and never returns a response worse than ε below the best", () => {
    const pool = spherePool(30, 16, 11);
    const best = pool.utility[pool.oracle]!;
    let previous = Infinity;
    for (const epsilon of [0, 0.5, 1, 2]) {
      const session = createSession({ features: pool.features, seed: 3, epsilon });
      const { result } = drive(session, consistentAnswer(pool.utility), epsilon);
      if (result.status !== "done") throw new Error("not done");
      expect(result.bound!).toBeLessThanOrEqual(epsilon + 1e-9);
      // θ* ∈ Θ, so B ≤ ε certifies ⟨θ*, φ(best) − φ(choice)⟩ ≤ ε.
      expect(best - pool.utility[result.choice]!).toBeLessThanOrEqual(epsilon + 1e-9);
      expect(result.questions).toBeLessThanOrEqual(previous);
      previous = result.questions;
    }
  });

  it("keeps B(t) ≥ 0 whenever θ = 0 lies in Θ", () => {
    const pool = diskPool(25, 4);
    const session = createSession({ features: pool.features, seed: 2, budget: 150 });
    let view = session.next();
    let checked = 0;
    while (view.status === "question") {
      const step = session.lastStep!;
      if (step.t * Math.LN2 <= step.loss + step.beta) {
        checked++;
        for (const v of step.values) if (!Number.isNaN(v)) expect(v).toBeGreaterThanOrEqual(-1e-9);
      }
      view = session.answer(consistentAnswer(pool.utility)(view.pair));
    }
    expect(checked).toBeGreaterThan(10);
  });
});

describe("noisy (BTL) users", () => {
  it("never repeats a pair and always ends, re-adding known answers instead of asking again", () => {
    for (let seed = 1; seed <= 4; seed++) {
      const pool = diskPool(15, 100 + seed);
      const rng = pool.rng;
      const btl = (pair: readonly [number, number]) =>
        rng.next() < sigmoid(pool.utility[pair[0]]! - pool.utility[pair[1]]!) ? pair[0] : pair[1];
      const session = createSession({ features: pool.features, seed, maxQuestions: 60 });
      const { result } = drive(session, btl);
      expect(result.status).toBe("done");
      const asked = session.history.filter((h) => !h.replayed).length;
      expect(asked).toBe(session.questions);
      expect(session.history.length).toBe(session.questions + session.replayed);
    }
  });
});

describe("fixed-budget mode and the step cap", () => {
  it("runs exactly the budget in steps, drawing a random partner once no candidate is viable", () => {
    const pool = spherePool(30, 4, 5);
    const session = createSession({ features: pool.features, seed: 1, budget: 20 });
    const { result, views } = drive(session, consistentAnswer(pool.utility));
    expect(result).toMatchObject({ status: "done", reason: "budget", steps: 20 });
    // Replayed answers (method.md step 7) are steps the person does not see.
    expect(session.questions + session.replayed).toBe(20);
    expect(views.some((v) => v.status === "question" && v.random)).toBe(true);
    expect(views.some((v) => v.status === "question" && !v.random)).toBe(true);
  });

  it("never exceeds the budget or the step cap when replays use up the last steps", () => {
    // Noisy answers make the MLE rank known losers first, so replays are common; a replay that uses
    // the last step must end the run rather than be followed by a fresh question.
    const pool = diskPool(8, 11);
    for (let seed = 0; seed < 4; seed++) {
      const noisy = (pair: readonly [number, number]) => pair[(pair[0] * 7 + pair[1] * 3 + seed) % 2]!;
      for (let cap = 1; cap <= 16; cap++) {
        for (const options of [{ budget: cap }, { maxSteps: cap }]) {
          const { result } = drive(createSession({ features: pool.features, seed, ...options }), noisy);
          if (result.status !== "done") throw new Error("unfinished");
          expect(result.steps, `seed ${seed}, ${JSON.stringify(options)}`).toBeLessThanOrEqual(cap);
          if (result.reason === "budget") expect(result.steps).toBe(cap);
        }
      }
    }
  });

  it("budgetUnit questions asks exactly the budget even when replays happen", () => {
    const pool = diskPool(8, 11);
    let replays = 0;
    for (let seed = 0; seed < 4; seed++) {
      const noisy = (pair: readonly [number, number]) => pair[(pair[0] * 7 + pair[1] * 3 + seed) % 2]!;
      for (const budget of [6, 10, 14]) {
        const session = createSession({ features: pool.features, seed, budget, budgetUnit: "questions" });
        const { result } = drive(session, noisy);
        if (result.status !== "done") throw new Error("unfinished");
        replays += session.replayed;
        if (result.reason === "budget") expect(result.questions).toBe(budget);
        else expect(result.reason).toBe("exhausted");
        expect(result.steps).toBe(result.questions + session.replayed);
      }
    }
    // The instance must exercise the rule: some steps were replays that did not use up the budget.
    expect(replays).toBeGreaterThan(0);
  });

  it("ends a fixed-budget run early only when y⁽¹⁾ has met every other candidate", () => {
    const pool = spherePool(6, 3, 5);
    const session = createSession({ features: pool.features, seed: 1, budget: 30 });
    const { result } = drive(session, consistentAnswer(pool.utility));
    expect(result.status === "done" && result.reason).toBe("exhausted");
    if (result.status === "done") {
      const partners = session.history.filter((h) => h.winner === result.choice || h.loser === result.choice);
      expect(new Set(partners.map((h) => (h.winner === result.choice ? h.loser : h.winner))).size).toBe(5);
    }
  });

  it("stops at maxQuestions with the MLE's favourite", () => {
    const pool = spherePool(40, 64, 9);
    const session = createSession({ features: pool.features, seed: 1, maxQuestions: 5 });
    const { result } = drive(session, consistentAnswer(pool.utility));
    expect(result.status === "done" && result.reason).toBe("step-cap");
    expect(session.questions).toBe(5);
  });

  it("UserAlign-loss does not stop in 64 dimensions before the cap (Θ_loss is the whole ball)", () => {
    const pool = spherePool(40, 64, 3);
    const session = createSession({ features: pool.features, method: "useralign-loss", maxSteps: 60 });
    const { result } = drive(session, consistentAnswer(pool.utility));
    expect(result).toMatchObject({ status: "done", reason: "step-cap", steps: 60 });
    // Its y⁽²⁾ ignores the answers' signs, so it comes back to answered pairs: those are replayed
    // (steps, not questions), and the person is never asked the same pair twice.
    expect(session.replayed).toBeGreaterThan(0);
    expect(session.questions + session.replayed).toBe(60);
    const pairs = session.history.filter((h) => !h.replayed).map((h) => [h.winner, h.loser].sort().join("-"));
    expect(new Set(pairs).size).toBe(pairs.length);
  });
});

describe("baselines", () => {
  const pool = spherePool(15, 8, 21);
  it("oracle returns argmax ⟨θ*, φ⟩ without questions", () => {
    const v = createSession({ features: pool.features, method: "oracle", theta: pool.theta }).next();
    expect(v).toMatchObject({ status: "done", choice: pool.oracle, questions: 0, reason: "immediate" });
  });
  it("random is seeded", () => {
    const pick = (seed: number) => (createSession({ features: pool.features, method: "random", seed }).next() as { choice: number }).choice;
    expect(pick(4)).toBe(pick(4));
    const picks = new Set(Array.from({ length: 30 }, (_, s) => pick(s)));
    expect(picks.size).toBeGreaterThan(5);
  });
  it("iidbest asks T distinct random pairs, then returns the MLE's favourite", () => {
    const session = createSession({ features: pool.features, method: "iidbest", budget: 40, seed: 2 });
    const { result } = drive(session, consistentAnswer(pool.utility));
    expect(session.questions).toBe(40);
    expect(result.status === "done" && result.reason).toBe("budget");
  });
  it("iidbest with T = 0 draws uniformly (all scores tie)", () => {
    const v = createSession({ features: pool.features, method: "iidbest", budget: 0, seed: 5 }).next();
    expect(v.status).toBe("done");
  });
});

describe("snapshots", () => {
  it("restoring mid-session behaves exactly like never stopping", () => {
    for (const method of ["useralign", "useralign-loss", "iidbest"] as const) {
      const pool = spherePool(16, 6, 33);
      const answer = consistentAnswer(pool.utility);
      const opts = { features: pool.features, method, seed: 9, maxQuestions: 25, maxSteps: 40 };
      const reference = drive(createSession(opts), answer).views;
      for (const cut of [0, 1, 4, 9]) {
        let session = createSession(opts);
        const views: SessionView[] = [];
        let view = session.next();
        for (let k = 0; view.status === "question"; k++) {
          if (k === cut) {
            // Through JSON text, without the features, as an app between HTTP requests would.
            const text = JSON.stringify(session.toJSON({ features: false }));
            session = restoreSession(JSON.parse(text), { features: pool.features });
            expect(session.next()).toEqual(view);
          }
          views.push(view);
          view = session.answer(answer(view.pair));
        }
        views.push(view);
        expect(views).toEqual(reference);
      }
    }
  });

  it("refuses a snapshot on a different pool", () => {
    const a = spherePool(10, 4, 1);
    const b = spherePool(10, 4, 2);
    const snap = createSession({ features: a.features }).toJSON({ features: false });
    expect(() => restoreSession(snap, { features: b.features })).toThrow(/not the pool/);
    expect(() => restoreSession(snap)).toThrow(/without features/);
    expect(() => restoreSession({ ...snap, version: 3 })).toThrow(UserAlignError);
  });
});

describe("bad input", () => {
  const pool = spherePool(6, 3, 1);
  const expectInvalid = (fn: () => unknown, message: RegExp, code = "invalid_input") => {
    try {
      fn();
    } catch (e) {
      expect(isUserAlignError(e, code as never)).toBe(true);
      expect((e as Error).message).toMatch(message);
      return;
    }
    throw new Error("expected a throw");
  };

  it("rejects malformed pools with the row and column", () => {
    expectInvalid(() => createSession({ features: [[0.1, 0.2]] }), /at least 2 candidates/);
    expectInvalid(() => createSession({ features: [] }), /at least 2 candidates/);
    expectInvalid(() => createSession({ features: [[0.1, 0.2], [0.1]] }), /row 1 has length 1/);
    expectInvalid(
      () =>
        createSession({
          features: [
            [0.1, NaN],
            [0.1, 0],
          ],
        }),
      /row 0, column 1 is NaN/,
    );
    expectInvalid(
      () =>
        createSession({
          features: [
            [0.1, Infinity],
            [0.1, 0],
          ],
        }),
      /row 0, column 1 is Infinity/,
    );
    expectInvalid(() => createSession({ features: [[], []] }), /non-empty/);
    expectInvalid(
      () =>
        createSession({
          features: [
            [3, 0],
            [-3, 0],
          ],
        }),
      /largest distance is 6\.000.*scaleFeatures/,
    );
  });

  it("rejects invalid S, δ, ε, method and oracle dimensions", () => {
    expectInvalid(() => createSession({ features: pool.features, S: 0 }), /S: /);
    expectInvalid(() => createSession({ features: pool.features, delta: 1 }), /delta/);
    expectInvalid(() => createSession({ features: pool.features, epsilon: -1 }), /epsilon/);
    expectInvalid(() => createSession({ features: pool.features, method: "best" as never }), /method/);
    expectInvalid(() => createSession({ features: pool.features, method: "oracle" }), /needs `theta`/);
    expectInvalid(() => createSession({ features: pool.features, method: "oracle", theta: [1, 2] }), /length 2.*dimension 3/);
    expectInvalid(() => createSession({ features: pool.features, typo: 1 } as never), /Unrecognized key/);
  });

  it("names the installed backends for an unknown solver", () => {
    expectInvalid(
      () => createSession({ features: pool.features, solver: "gurobi" }),
      /Unknown backend "gurobi".*structured, general/,
      "backend_not_found",
    );
    const registry = createSolverRegistry({ builtins: false });
    expectInvalid(() => createSession({ features: pool.features, registry }), /No backend is registered/, "backend_not_found");
  });

  it("rejects answers that do not fit the pending question and leaves the session unchanged", () => {
    const session = createSession({ features: pool.features, seed: 1 });
    const view = session.next();
    if (view.status !== "question") throw new Error("expected a question");
    const before = JSON.stringify(session.toJSON());
    const other = [0, 1, 2, 3, 4, 5].find((i) => !view.pair.includes(i))!;
    expectInvalid(() => session.answer(other), new RegExp(`compares candidates ${view.pair[0]} and ${view.pair[1]}`), "answer_mismatch");
    expectInvalid(() => session.answer({ winner: view.pair[0], question: 7 }), /question 7.*question 1 is pending/, "answer_mismatch");
    expectInvalid(() => session.answer({ winner: view.pair[0], loser: view.pair[0] }), /loser must be/, "answer_mismatch");
    expectInvalid(() => session.answer(99), /compares candidates/, "answer_mismatch");
    expectInvalid(() => session.answer(-1), /Invalid answer/);
    expectInvalid(() => session.answer("1"), /Invalid answer/);
    expectInvalid(() => session.answer({ winner: 1.5 }), /Invalid answer/);
    expect(JSON.stringify(session.toJSON())).toBe(before);
    // The same answer twice is a mismatch the second time (the question moved on), not a double count.
    const afterFirst = session.answer({ winner: view.pair[0], question: 1 });
    expect(session.questions).toBe(1);
    if (afterFirst.status === "question") {
      expectInvalid(() => session.answer({ winner: view.pair[0], question: 1 }), /question 1, but question 2/, "answer_mismatch");
      expect(session.questions).toBe(1);
    }
  });

  it("refuses answers after the end", () => {
    const session = createSession({ features: pool.features, method: "random" });
    session.next();
    expectInvalid(() => session.answer(0), /has finished/, "session_finished");
  });
});
