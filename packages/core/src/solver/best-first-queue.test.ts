import { describe, expect, it } from "vitest";
import { BestFirstQueue } from "./best-first-queue.js";

describe("BestFirstQueue", () => {
  it("pops in the order of a sort by decreasing bound, ties to the lower candidate index", () => {
    let s = 3;
    const rnd = () => (s = (s * 16807) % 2147483647) / 2147483647;
    for (const count of [0, 1, 2, 3, 7, 64, 257]) {
      // Few distinct values, so ties are common; some infinite bounds too.
      const upper = Float64Array.from({ length: count }, () => (rnd() < 0.1 ? Infinity : Math.floor(rnd() * 9) / 4));
      const candidates = Int32Array.from({ length: count }, (_, i) => (i * 37) % 1009);
      const sorted = Array.from({ length: count }, (_, i) => i).sort((x, y) => upper[y]! - upper[x]! || candidates[x]! - candidates[y]!);
      const queue = new BestFirstQueue(upper, candidates);
      const popped: number[] = [];
      for (let i = queue.pop(); i >= 0; i = queue.pop()) popped.push(i);
      expect(popped).toEqual(sorted);
      expect(queue.pop()).toBe(-1);
    }
  });
});
