import { describe, expect, it } from "vitest";
import { runBatches } from "./batches.js";
import { isEmbeddingError } from "./errors.js";

const plan = { batchSize: 2, concurrency: 1, dimension: undefined, provider: "test" };
const failure = async (p: Promise<unknown>) => {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!isEmbeddingError(e)) throw new Error(`expected an EmbeddingError, got ${String(e)}`);
  return e;
};

describe("runBatches", () => {
  it("assembles rows in input order whatever order the batches finish in", async () => {
    const e = await runBatches(5, { ...plan, concurrency: 3 }, async (start, end) => {
      await new Promise((r) => setTimeout(r, (5 - start) * 3));
      return Array.from({ length: end - start }, (_, j) => [start + j, -(start + j)]);
    });
    expect(Array.from(e.data)).toEqual([0, -0, 1, -1, 2, -2, 3, -3, 4, -4]);
    expect(e.dimension).toBe(2);
  });

  it("returns an empty result for no inputs, with the configured dimension", async () => {
    const progress: [number, number][] = [];
    const e = await runBatches(0, { ...plan, dimension: 7 }, async () => [], { onProgress: (p) => progress.push([p.done, p.total]) });
    expect(e).toEqual({ data: new Float32Array(0), count: 0, dimension: 7 });
    expect(progress).toEqual([[0, 0]]);
  });

  it("names empty rows, missing rows and non-finite numbers", async () => {
    expect((await failure(runBatches(2, plan, async () => [[], []]))).message).toBe("test: the embedding of input 0 has no numbers.");
    expect((await failure(runBatches(2, plan, async () => [[1]]))).message).toBe(
      "test: asked for 2 embeddings (inputs 0–1) and got 1 rows.",
    );
    const nan = await failure(
      runBatches(2, plan, async () => [
        [1, 2],
        [3, Number.NaN],
      ]),
    );
    expect(nan.reason).toBe("malformed_response");
    expect(nan.message).toBe("test: the embedding of input 1 has NaN at position 1.");
  });

  it("aborts the batches still running when one fails, and throws the first failure", async () => {
    const aborted: number[] = [];
    const started: number[] = [];
    const e = runBatches(6, { ...plan, batchSize: 1, concurrency: 3 }, (start, _end, signal) => {
      started.push(start);
      // Batch 1 fails once the three first batches are all under way.
      if (start === 1) return new Promise((_, reject) => setTimeout(() => reject(new Error("batch 1 broke")), 30));
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => resolve([[start]]), 200);
        signal.addEventListener("abort", () => {
          clearTimeout(timer);
          aborted.push(start);
          reject(new Error("aborted"));
        });
      });
    });
    await expect(e).rejects.toThrow("batch 1 broke");
    // 0 and 2 were in flight and got the abort; 3–5 never started.
    expect(aborted.sort()).toEqual([0, 2]);
    expect(started.sort()).toEqual([0, 1, 2]);
  });
});
