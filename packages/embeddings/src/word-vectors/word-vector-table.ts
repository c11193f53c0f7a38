import { EmbeddingError } from "../errors.js";

/**
 * Pre-trained word vectors in memory: one Float32Array row per word, rows in the file's order.
 * GloVe-family files list words from most to least frequent, so a row's index is its frequency
 * rank (what SIF weighting reads when the file carries no counts).
 */
export interface WordVectorTable {
  /** Numbers per vector. */
  readonly dimension: number;
  /** Row `i` is `vectors.subarray(i * dimension, (i + 1) * dimension)`. */
  readonly vectors: Float32Array;
  /** Word → row. */
  readonly index: ReadonlyMap<string, number>;
  /** Number of rows. */
  readonly size: number;
  /** Where the vectors came from (package name or file name); recorded in the embedder's `model`. */
  readonly name: string;
}

/**
 * Checks and wraps `words` and their row-major `vectors`. Later duplicates of a word are ignored
 * (the first, most frequent, row wins), as GloVe's own tools do. Non-finite numbers, a length that
 * is not `words.length × dimension`, and an empty table are `model_format` errors.
 */
export function createWordVectorTable(words: readonly string[], vectors: Float32Array, dimension: number, name: string): WordVectorTable {
  if (words.length === 0) throw new EmbeddingError("model_format", `${name}: the file holds no word vectors.`);
  if (!Number.isInteger(dimension) || dimension < 1)
    throw new EmbeddingError("model_format", `${name}: the dimension must be a positive integer; got ${dimension}.`);
  if (vectors.length !== words.length * dimension) {
    throw new EmbeddingError(
      "model_format",
      `${name}: ${words.length} words need ${words.length * dimension} numbers at dimension ${dimension}; got ${vectors.length}.`,
    );
  }
  for (let i = 0; i < vectors.length; i++) {
    if (!Number.isFinite(vectors[i]!)) {
      throw new EmbeddingError(
        "model_format",
        `${name}: the vector of "${words[Math.floor(i / dimension)]}" has ${vectors[i]} at position ${i % dimension}.`,
      );
    }
  }
  const index = new Map<string, number>();
  words.forEach((w, i) => {
    if (!index.has(w)) index.set(w, i);
  });
  return { dimension, vectors, index, size: words.length, name };
}
