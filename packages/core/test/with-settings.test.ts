import { describe, expect, it } from "vitest";
import { createSession, restoreSession, type SessionOptions, type SessionView, type UserAlignSession } from "../src/index.js";
import { consistentAnswer, diskPool, spherePool } from "./helpers/pools.js";

type Answer = (pair: readonly [number, number]) => number;

/** Runs a session to its end; returns every view. */
function drive(session: UserAlignSession, answer: Answer): SessionView[] {
  const views = [session.next()];
  while (views[views.length - 1]!.status === "question") {
    const v = views[views.length - 1]! as SessionView & { status: "question" };
    views.push(session.answer(answer(v.pair)));
  }
  return views;
}

/** A noisy user whose answer depends on the pair alone (so every session of a grid sees the same answers). */
const noisy =
  (utility: number[]): Answer =>
  (pair) => {
    const better = consistentAnswer(utility)(pair);
    return (pair[0] * 5 + pair[1] * 3) % 4 === 0 ? (better === pair[0] ? pair[1] : pair[0]) : better;
  };

describe("session.withSettings: a grid of settings on one trajectory", () => {
  const sphere = spherePool(10, 4, 21);
  const disk = diskPool(9, 3);
  const grids: [string, SessionOptions, { epsilon: number }[] | { budget: number }[], Answer][] = [
    [
      "useralign ε grid",
      { features: sphere.features, seed: 3, maxSteps: 30 },
      [2, 1, 0.5, 0.2, 0].map((epsilon) => ({ epsilon })),
      noisy(sphere.utility),
    ],
    [
      "useralign-loss ε grid (runs of replays)",
      { features: disk.features, method: "useralign-loss", seed: 4, maxSteps: 25 },
      [1, 0.5, 0].map((epsilon) => ({ epsilon })),
      consistentAnswer(disk.utility),
    ],
    [
      "useralign-loss budget grid",
      { features: disk.features, method: "useralign-loss", seed: 5, maxSteps: 40 },
      [0, 1, 3, 7, 12, 13, 20, 33].map((budget) => ({ budget })),
      consistentAnswer(disk.utility),
    ],
    [
      "useralign budget grid in questions",
      { features: sphere.features, seed: 6, budgetUnit: "questions" },
      [0, 2, 5, 9, 30].map((budget) => ({ budget })),
      noisy(sphere.utility),
    ],
    [
      "iidbest budget grid",
      { features: sphere.features, method: "iidbest", seed: 7 },
      [0, 3, 10, 45, 60].map((budget) => ({ budget })),
      noisy(sphere.utility),
    ],
  ];
  it.each(grids)(
    "%s: each result equals an independent session's",
    (_, base, grid, answer) => {
      let session = createSession({ ...base, ...grid[0] });
      for (let k = 0; k < grid.length; k++) {
        if (k > 0) {
          // Through a snapshot half the time: a restored session continues the same way.
          const from = k % 2 === 0 ? restoreSession(JSON.parse(JSON.stringify(session.toJSON()))) : session;
          const before = JSON.stringify(session.toJSON());
          session = from.withSettings(grid[k]!);
          expect(JSON.stringify(from.toJSON())).toBe(before);
        }
        const chained = drive(session, answer).at(-1);
        const alone = drive(createSession({ ...base, ...grid[k] }), answer).at(-1);
        expect(chained, JSON.stringify(grid[k])).toEqual(alone);
      }
    },
    60_000,
  );

  it("on a pending question, a smaller ε changes nothing but the setting", () => {
    const base = { features: sphere.features, seed: 8, epsilon: 0.5 };
    const session = createSession(base);
    const answer = noisy(sphere.utility);
    let view = session.next();
    if (view.status === "question") view = session.answer(answer(view.pair));
    expect(view.status).toBe("question");
    const lower = session.withSettings({ epsilon: 0.1 });
    expect(lower.next()).toEqual(view);
    expect(lower.settings.epsilon).toBe(0.1);
    expect(drive(lower, answer).at(-1)).toEqual(drive(createSession({ ...base, epsilon: 0.1 }), answer).at(-1));
  });

  it("refuses changes that would rewrite the past", () => {
    const s = createSession({ features: sphere.features, budget: 5 });
    expect(() => s.withSettings({ budget: 4 })).toThrow(/only be raised/);
    expect(() => createSession({ features: sphere.features, epsilon: 0.2 }).withSettings({ epsilon: 0.3 })).toThrow(/only be lowered/);
    expect(() => createSession({ features: sphere.features }).withSettings({ budget: 3 })).toThrow(/ε mode/);
  });
});

describe("session.fork", () => {
  it("behaves exactly as the original from any point, and the two are independent", () => {
    const pool = diskPool(9, 6);
    const answer = consistentAnswer(pool.utility);
    for (const method of ["useralign", "useralign-loss", "iidbest"] as const) {
      const original = createSession({
        features: pool.features,
        method,
        seed: 2,
        maxSteps: 20,
        budget: method === "iidbest" ? 8 : undefined,
      });
      let view = original.next();
      for (let k = 0; view.status === "question"; k++) {
        const copy = original.fork();
        expect(copy.toJSON()).toEqual(original.toJSON());
        if (k % 3 === 0) {
          const rest = drive(copy, answer);
          expect(rest[0]).toEqual(view);
          expect(original.next()).toEqual(view); // driving the copy did not move the original
          expect(drive(original.fork(), answer)).toEqual(rest);
        }
        view = original.answer(answer(view.pair));
      }
    }
  }, 60_000);
});
