import { describe, expect, it } from "vitest";
import {
  createSession,
  evaluateStep,
  isUserAlignError,
  restoreSession,
  type SessionSnapshot,
  type UserAlignErrorCode,
} from "../src/index.js";
import { resealSnapshot } from "../src/session/snapshot.js";
import { consistentAnswer, spherePool } from "./helpers/pools.js";

/** Runs `fn`, expecting a UserAlignError with `code` whose message matches. */
function expectError(fn: () => unknown, code: UserAlignErrorCode, message?: RegExp): void {
  let thrown: unknown;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  expect(thrown, "expected a throw").toBeDefined();
  expect(isUserAlignError(thrown, code), String(thrown)).toBe(true);
  if (message) expect((thrown as Error).message).toMatch(message);
}

/** A format-1 snapshot as older cores wrote it (no check, no bounds or question numbers). */
function asV1(s: SessionSnapshot): Record<string, unknown> {
  const { backend, check: _c, stepStart: _s, version: _v, history, ...rest } = s;
  return { ...rest, version: 1, solver: backend, history: history.map(({ winner, loser, replayed }) => ({ winner, loser, replayed })) };
}

const pool = spherePool(5, 3, 4);
const answer = consistentAnswer(pool.utility);

/** A snapshot with a pending question after two answers. */
function midSession(): SessionSnapshot {
  const s = createSession({ features: pool.features, seed: 2, maxQuestions: 50 });
  let view = s.next();
  for (let k = 0; k < 2 && view.status === "question"; k++) view = s.answer(answer(view.pair));
  expect(view.status).toBe("question");
  return s.toJSON();
}

function finished(method: "useralign" | "oracle" = "useralign"): SessionSnapshot {
  const s = createSession({ features: pool.features, seed: 2, method, ...(method === "oracle" ? { theta: [1, 0, 0] } : {}) });
  let view = s.next();
  while (view.status === "question") view = s.answer(answer(view.pair));
  return s.toJSON();
}

/** Each forgery is tried as a re-sealed format-2 snapshot and as a format-1 one (no digest to hide behind). */
function expectRefused(forge: (s: SessionSnapshot) => SessionSnapshot, from: SessionSnapshot, message: RegExp): void {
  const forged = forge(structuredClone(from));
  expectError(() => restoreSession(resealSnapshot(forged)), "invalid_input", message);
  expectError(() => restoreSession(asV1(forged)), "invalid_input", message);
  // Not re-sealed: the digest alone refuses it.
  expectError(() => restoreSession(forged), "invalid_input", /changed after it was saved|Invalid session snapshot/);
}

describe("issue 12: damaged or forged snapshots", () => {
  it("a pending pair [-1, 99] is refused at restore, not a TypeError at answer(99)", () => {
    expectRefused((s) => ({ ...s, pending: { ...s.pending!, pair: [-1, 99] } }), midSession(), /session snapshot|out of range/);
    // 99 alone (a valid shape): refused by the validation with the path.
    expectRefused(
      (s) => ({ ...s, pending: { ...s.pending!, pair: [s.pending!.pair[0], 99] } }),
      midSession(),
      /pending\.pair\.1: index 99 is out of range/,
    );
  });

  it("result.choice 42 in a pool of 5, and result.choice −1, are refused", () => {
    expectRefused((s) => ({ ...s, result: { ...s.result!, choice: 42 } }), finished(), /choice 42 is out of range/);
    expectRefused((s) => ({ ...s, result: { ...s.result!, choice: -1 } }), finished(), /session snapshot|out of range/);
  });

  it("a history entry with winner = loser is refused", () => {
    expectRefused(
      (s) => ({ ...s, history: s.history.map((h, k) => (k === 1 ? { ...h, loser: h.winner } : h)) }),
      midSession(),
      /history\.1: compares candidate \d with itself/,
    );
  });

  it("`questions` that do not match the history are refused", () => {
    expectRefused((s) => ({ ...s, questions: s.questions + 1 }), midSession(), /questions: 3 questions stated, 2 answers/);
    expectRefused((s) => ({ ...s, replayed: 1 }), midSession(), /replayed: 1 replays stated, 0 in the history/);
  });

  it("an oracle snapshot without θ* (or with the wrong length) is refused", () => {
    const drop = (s: SessionSnapshot) => ({ ...s, settings: { ...s.settings, theta: undefined } });
    expectRefused(drop, finished("oracle"), /needs `theta`/);
    expectRefused((s) => ({ ...s, settings: { ...s.settings, theta: [1, 0] } }), finished("oracle"), /theta has length 2/);
  });

  it("a pending question after a stop on the bound, or a result the caps do not allow, is refused", () => {
    expectRefused((s) => ({ ...s, pending: { ...s.pending!, bound: 0 } }), midSession(), /only while B\(t\) > ε/);
    expectRefused((s) => ({ ...s, pending: { ...s.pending!, question: 7 } }), midSession(), /expected question 3/);
    expectRefused(
      (s) => ({ ...s, result: { ...s.result!, reason: "step-cap", bound: null } }),
      finished(),
      /a cap ends a session only when reached/,
    );
  });

  it("a format-1 snapshot that is consistent still restores and continues", () => {
    const snap = midSession();
    const a = restoreSession(snap);
    const b = restoreSession(asV1(snap));
    expect(b.next()).toEqual(a.next());
    expect(b.history.map((h) => h.question)).toEqual([1, 2]);
    expect(b.history.every((h) => h.bound === null)).toBe(true);
    // It forks and continues under a smaller ε like any session (it has no stepStart to rewind to,
    // and needs none while a question is pending).
    expect(b.fork().next()).toEqual(a.next());
    expect(b.withSettings({ epsilon: 0 }).next()).toEqual(a.next());
  });
});

describe("issue 12: every method leaves the session unchanged when it throws", () => {
  it("answer(3) on a fresh session throws answer_mismatch and changes nothing (it used to compute the pending question)", () => {
    const session = createSession({ features: pool.features, seed: 1 });
    const before = JSON.stringify(session.toJSON());
    const view = createSession({ features: pool.features, seed: 1 }).next();
    if (view.status !== "question") throw new Error("expected a question");
    const outside = [0, 1, 2, 3, 4].find((i) => !view.pair.includes(i))!;
    expectError(() => session.answer(outside), "answer_mismatch");
    expect(JSON.stringify(session.toJSON())).toBe(before);
    expect(session.next()).toEqual(view);
  });

  it("a backend that fails mid-step (also after replays) leaves the session as it was, and the step can be retried", () => {
    const p = spherePool(8, 4, 3);
    const ans = consistentAnswer(p.utility);
    let calls = 0;
    let failAt = -1;
    let midStepFailures = 0;
    let settled = 0;
    const structured = createSession({ features: p.features }).backend;
    const flaky = {
      ...structured,
      name: "flaky",
      maximize: (...args: Parameters<typeof structured.maximize>) => {
        if (calls++ === failAt) {
          // The step had already added replays to the history when the backend failed.
          if (session.history.length > settled + 1) midStepFailures++;
          throw new Error("solver crashed");
        }
        return structured.maximize(...args);
      },
    };
    const options = { features: p.features, method: "useralign-loss" as const, seed: 3, maxSteps: 40 };
    // Same name, never fails: the snapshots must then be equal field for field.
    const steady = {
      ...structured,
      name: "flaky",
      maximize: (...args: Parameters<typeof structured.maximize>) => structured.maximize(...args),
    };
    const reference = createSession({ ...options, backend: steady });
    const session = createSession({ ...options, backend: flaky });
    let view = session.next();
    let failures = 0;
    for (let k = 0; view.status === "question"; k++) {
      const expected = reference.answer(ans(view.pair));
      failAt = calls + (k % 2); // the first or the second solve of the next step
      settled = session.history.length;
      const before = JSON.stringify(session.toJSON());
      const winner = ans(view.pair);
      try {
        view = session.answer(winner);
      } catch (e) {
        expect((e as Error).message).toBe("solver crashed");
        expect(JSON.stringify(session.toJSON())).toBe(before);
        failures++;
        view = session.answer(winner);
      }
      expect(view).toEqual(expected);
      expect(session.toJSON()).toEqual(reference.toJSON());
    }
    expect(failures).toBeGreaterThanOrEqual(2);
    expect(midStepFailures).toBeGreaterThan(0);
  }, 60_000);

  it("withSettings, selectionAfter and restore with bad input throw typed errors and change nothing", () => {
    const s = restoreSession(midSession());
    const before = JSON.stringify(s.toJSON());
    expectError(() => s.withSettings({ epsilon: 1 }), "invalid_input", /ε can only be lowered/);
    expectError(() => s.withSettings({ budget: 5 }), "invalid_input", /ε mode/);
    expectError(() => s.withSettings({ S: 2 } as never), "invalid_input", /Unrecognized key/);
    expectError(() => s.selectionAfter(3), "invalid_input", /0 ≤ k ≤ 2/);
    expect(JSON.stringify(s.toJSON())).toBe(before);
  });
});

describe("issue 12: evaluateStep and backends", () => {
  const input = { features: pool.features, comparisons: [{ winner: 0, loser: 1 }] };
  it("a solver object that is not a backend is invalid_input, not a TypeError", () => {
    expectError(
      () => evaluateStep(input, { solver: { name: "x" } as never }),
      "invalid_input",
      /`solver` must be a backend name or an object/,
    );
    expectError(() => evaluateStep(input, { backend: 42 as never }), "invalid_input", /`backend` must be/);
    expectError(() => evaluateStep(input, null as never), "invalid_input");
    expectError(() => evaluateStep(input, { backend: "nope" }), "backend_not_found", /Unknown backend "nope"/);
  });

  it("`backend` is the option's name; `solver` still works; both at once must agree", () => {
    const general = createSession({ features: pool.features, backend: "general" });
    expect(general.backend.name).toBe("general");
    expect(createSession({ features: pool.features, solver: "general" }).backend.name).toBe("general");
    expectError(() => createSession({ features: pool.features, solver: "general", backend: "structured" }), "invalid_input", /not both/);
    expect(general.toJSON().backend).toBe("general");
    expect(restoreSession(asV1(general.toJSON())).backend.name).toBe("general");
    expect(evaluateStep(input, { backend: "general" }).report).toEqual(evaluateStep(input, { solver: "general" }).report);
  });
});

describe("JSON round trips", () => {
  it("features with −0 restore from JSON text and behave identically at every step", () => {
    const features = spherePool(9, 3, 5).features.map((row, j) => row.map((v, k) => (j % 3 === k ? -0 : v)));
    const ans = consistentAnswer(features.map((f) => f.reduce((s, v, k) => s + v * [1, -2, 0.5][k]!, 0)));
    for (const method of ["useralign", "useralign-loss", "iidbest"] as const) {
      const original = createSession({ features, method, seed: 4, maxSteps: 30, checkScale: false });
      let view = original.next();
      for (let guard = 0; guard < 60; guard++) {
        const copy = restoreSession(JSON.parse(JSON.stringify(original.toJSON())));
        expect(copy.toJSON()).toEqual(JSON.parse(JSON.stringify(original.toJSON())));
        expect(copy.next()).toEqual(view);
        if (view.status === "done") break;
        const a = ans(view.pair);
        expect(copy.answer(a)).toEqual((view = original.answer(a)));
      }
      expect(view.status).toBe("done");
    }
  }, 60_000);
});
