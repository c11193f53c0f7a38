import type { EmbedOptions, Embeddings } from "./embedder.js";
import { EmbeddingError } from "./errors.js";

/** Embeds inputs `start … end − 1`; returns one row per input. */
export type BatchFunction = (start: number, end: number, signal: AbortSignal) => Promise<readonly ArrayLike<number>[]>;

/** How {@link runBatches} cuts and schedules the work. */
export interface BatchPlan {
  /** Inputs per batch (≥ 1). */
  batchSize: number;
  /** Batches in flight at once (≥ 1); only HTTP providers gain from more than one. */
  concurrency: number;
  /** Every row must have this length; when undefined the first finished batch sets it. */
  dimension: number | undefined;
  /** Names the provider in error messages. */
  provider: string;
}

/**
 * Runs `embed` over `total` inputs in batches of `plan.batchSize`, at most `plan.concurrency` at a
 * time, reporting progress and honouring `options.signal`. Checks that every batch returns one
 * row per input, all of one dimension, all finite: a provider that breaks this is a
 * `wrong_dimension` / `malformed_response` error naming the input. On the first failure the
 * batches still in flight are aborted (their signal fires) and that failure is thrown.
 */
export async function runBatches(total: number, plan: BatchPlan, embed: BatchFunction, options: EmbedOptions = {}): Promise<Embeddings> {
  const { signal, onProgress } = options;
  signal?.throwIfAborted();
  const inner = new AbortController();
  const forward = (): void => inner.abort(signal?.reason);
  signal?.addEventListener("abort", forward, { once: true });

  const batchCount = Math.ceil(total / plan.batchSize);
  const results: (readonly ArrayLike<number>[])[] = new Array(batchCount);
  let dimension = plan.dimension;
  let next = 0;
  let done = 0;
  let failure: { error: unknown } | undefined;

  const check = (rows: readonly ArrayLike<number>[], start: number, end: number): void => {
    if (!Array.isArray(rows) || rows.length !== end - start) {
      const got = Array.isArray(rows) ? `${rows.length} rows` : typeof rows;
      throw new EmbeddingError(
        "wrong_dimension",
        `${plan.provider}: asked for ${end - start} embeddings (inputs ${start}–${end - 1}) and got ${got}.`,
      );
    }
    rows.forEach((row, j) => {
      const length = row && typeof row.length === "number" ? row.length : 0;
      if (length > 0) dimension ??= length;
      if (length === 0 || length !== dimension) {
        const expected = dimension === undefined ? "" : `; expected ${dimension}`;
        throw new EmbeddingError(
          "wrong_dimension",
          `${plan.provider}: the embedding of input ${start + j} has ${length || "no"} numbers${expected}.`,
        );
      }
      for (let k = 0; k < length; k++) {
        if (!Number.isFinite(row[k])) {
          throw new EmbeddingError(
            "malformed_response",
            `${plan.provider}: the embedding of input ${start + j} has ${String(row[k])} at position ${k}.`,
          );
        }
      }
    });
  };

  const worker = async (): Promise<void> => {
    while (failure === undefined && next < batchCount) {
      const b = next++;
      const start = b * plan.batchSize;
      const end = Math.min(total, start + plan.batchSize);
      try {
        // CPU providers never await anything real: give timers (abort, progress redraws) a turn.
        if (b > 0) await yieldToEventLoop();
        inner.signal.throwIfAborted();
        const rows = await embed(start, end, inner.signal);
        check(rows, start, end);
        results[b] = rows;
        done += end - start;
        onProgress?.({ done, total });
      } catch (error) {
        // Keep the first cause: later batches fail only because we aborted them.
        failure ??= { error: signal?.aborted ? signal.reason : error };
        inner.abort(failure.error);
      }
    }
  };

  try {
    onProgress?.({ done: 0, total });
    await Promise.all(Array.from({ length: Math.min(plan.concurrency, Math.max(batchCount, 1)) }, worker));
  } finally {
    signal?.removeEventListener("abort", forward);
  }
  if (failure !== undefined) throw failure.error;

  const d = dimension ?? plan.dimension ?? 0;
  const data = new Float32Array(total * d);
  let offset = 0;
  for (const rows of results) for (const row of rows) data.set(row, offset), (offset += d);
  return { data, count: total, dimension: d };
}

function yieldToEventLoop(): Promise<void> {
  const immediate = (globalThis as { setImmediate?: (f: () => void) => unknown }).setImmediate;
  return new Promise((resolve) => (immediate ? immediate(resolve) : setTimeout(resolve, 0)));
}

/** Throws `invalid_inputs` unless `texts` is an array of strings. */
export function checkTexts(texts: readonly unknown[], provider: string): asserts texts is readonly string[] {
  if (!Array.isArray(texts))
    throw new EmbeddingError("invalid_inputs", `${provider}: texts must be an array of strings; got ${typeof texts}.`);
  texts.forEach((t, i) => {
    if (typeof t !== "string") {
      throw new EmbeddingError("invalid_inputs", `${provider}: texts[${i}] is ${t === null ? "null" : typeof t}, not a string.`, {
        issues: [{ path: [i], message: "not a string" }],
      });
    }
  });
}

/** Throws `invalid_options` unless `value` is an integer ≥ `min`. */
export function checkInteger(provider: string, name: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min) {
    throw new EmbeddingError("invalid_options", `${provider}: ${name} must be an integer ≥ ${min}; got ${String(value)}.`, {
      issues: [{ path: [name], message: `must be an integer ≥ ${min}` }],
    });
  }
  return value;
}
