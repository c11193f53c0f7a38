import { isUserAlignError, sigmoid } from "@useralign/core";
import { describe, expect, it } from "vitest";
import { createBtlUser } from "./btl-user.js";
import { createConsistentUser } from "./consistent-user.js";
import { winProbability } from "./win-rate.js";

const query = (a: number[], b: number[], ia = 0, ib = 1) => ({ first: { index: ia, features: a }, second: { index: ib, features: b } });

describe("consistent user", () => {
  const user = createConsistentUser({ theta: [2, -1], name: "c" });
  it("prefers the higher ⟨θ*, φ⟩ in either order", () => {
    expect(user.compare(query([0.3, 0], [0, 0], 4, 7))).toBe(4);
    expect(user.compare(query([0, 0], [0.3, 0], 4, 7))).toBe(7);
  });
  it("breaks exact ties toward the lower index", () => {
    expect(user.compare(query([0.1, 0.2], [0, 0], 9, 2))).toBe(2);
  });
  it("rejects features of the wrong dimension and non-finite θ*", () => {
    expect(() => user.compare(query([0.1], [0.2]))).toThrow(/have 1 and 1 features, but theta has 2/);
    try {
      createConsistentUser({ theta: [1, Number.NaN] });
      expect.unreachable();
    } catch (e) {
      expect(isUserAlignError(e, "invalid_input")).toBe(true);
      expect((e as Error).message).toMatch(/theta\[1\] is NaN/);
    }
  });
});

describe("BTL user", () => {
  const theta = [1.5, 0.5];
  const a = [0.4, 0.1];
  const b = [-0.2, 0.3];
  const p = sigmoid(1.5 * 0.6 + 0.5 * -0.2);

  it("answers first with probability σ(⟨θ*, Δφ⟩)", () => {
    const user = createBtlUser({ theta, seed: 11 });
    const n = 20_000;
    let wins = 0;
    for (let i = 0; i < n; i++) if (user.compare(query(a, b)) === 0) wins++;
    // 4 standard errors of a binomial proportion: a wrong model (e.g. σ of the negated gap) fails.
    expect(Math.abs(wins / n - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / n));
  });

  it("is reproducible from its seed and differs across seeds", () => {
    const answers = (seed: number) => {
      const user = createBtlUser({ theta, seed });
      return Array.from({ length: 64 }, () => user.compare(query(a, b)));
    };
    expect(answers(3)).toEqual(answers(3));
    expect(answers(3)).not.toEqual(answers(4));
  });
});

describe("winProbability", () => {
  it("scores BTL users by σ and consistent users by 1, ½, 0", () => {
    expect(winProbability("btl", theta(), [0.5, 0], [0, 0])).toBeCloseTo(sigmoid(1), 12);
    expect(winProbability("consistent", theta(), [0.5, 0], [0, 0])).toBe(1);
    expect(winProbability("consistent", theta(), [0, 0], [0.5, 0])).toBe(0);
    expect(winProbability("consistent", theta(), [0, 0.3], [0, 0])).toBe(0.5);
  });
  function theta() {
    return [2, 0];
  }
});
