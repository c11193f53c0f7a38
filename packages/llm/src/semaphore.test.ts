import { describe, expect, it } from "vitest";
import { Semaphore } from "./semaphore.js";

describe("Semaphore", () => {
  it("admits at most `limit` tasks, first come first served, and frees slots on failure", async () => {
    const s = new Semaphore(2);
    const started: number[] = [];
    const releases: (() => void)[] = [];
    let max = 0;
    const tasks = [0, 1, 2, 3].map((i) =>
      s.run(async () => {
        started.push(i);
        max = Math.max(max, s.inFlight);
        await new Promise<void>((resolve) => releases.push(resolve));
        if (i === 0) throw new Error("task 0 fails");
        return i;
      }),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    releases[0]!();
    await expect(tasks[0]).rejects.toThrow("task 0 fails");
    await new Promise((r) => setTimeout(r, 0));
    expect(started).toEqual([0, 1, 2]);
    releases[1]!();
    releases[2]!();
    await new Promise((r) => setTimeout(r, 0));
    releases[3]!();
    expect(await Promise.all(tasks.slice(1))).toEqual([1, 2, 3]);
    expect(max).toBe(2);
    expect(s.inFlight).toBe(0);
    expect(() => new Semaphore(0)).toThrow(RangeError);
  });
});
