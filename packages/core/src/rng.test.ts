import { describe, expect, it } from "vitest";
import { Rng } from "./rng.js";

describe("Rng", () => {
  it("is deterministic per seed and resumable from its state", () => {
    const a = Rng.fromSeed(7);
    const b = Rng.fromSeed(7);
    const seqA = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(seqA);
    const saved = a.state();
    const ahead = Array.from({ length: 5 }, () => a.int(1000));
    const resumed = Rng.fromState(saved);
    expect(Array.from({ length: 5 }, () => resumed.int(1000))).toEqual(ahead);
    expect(Rng.fromSeed(8).next()).not.toBe(seqA[0]);
  });

  it("draws integers uniformly in range", () => {
    const rng = Rng.fromSeed(1);
    const counts = new Array(5).fill(0);
    for (let i = 0; i < 50_000; i++) counts[rng.int(5)]++;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(400);
    for (let i = 0; i < 1000; i++) {
      const u = rng.next();
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThan(1);
    }
  });
});
