/**
 * The one interface every provider implements. Providers return raw embeddings; making a pool's
 * features meet ‖φ(y) − φ(y')‖ ≤ 1 is `scaleFeatures` in `@useralign/core`, applied once by the
 * caller (see {@link embeddingRows}).
 */

/** `count` embeddings of `dimension` numbers each, row-major in one Float32Array. */
export interface Embeddings {
  /** Row `i` is `data.subarray(i * dimension, (i + 1) * dimension)`. */
  readonly data: Float32Array;
  /** Number of rows (one per input, in input order). */
  readonly count: number;
  /** Numbers per row. */
  readonly dimension: number;
}

/** How far a long embedding run has got; reported after every finished batch. */
export interface EmbedProgress {
  /** Inputs embedded so far. */
  readonly done: number;
  /** Inputs in this call. */
  readonly total: number;
}

/** Per-call options shared by every provider. */
export interface EmbedOptions {
  /** Called with `done = 0` before the first batch and after each batch finishes. */
  onProgress?: (progress: EmbedProgress) => void;
  /**
   * Cancels the run: no new batch starts, in-flight HTTP requests are aborted, and the call
   * rejects with `signal.reason` (as `fetch` does).
   */
  signal?: AbortSignal;
}

/** Turns texts into embeddings. */
export interface TextEmbedder {
  /** The provider's short name: `hashing`, `static`, `openai`, `transformers`, `tfjs`. */
  readonly provider: string;
  /** What produced the numbers (model id or the hashing settings); recorded next to the vectors. */
  readonly model: string;
  /**
   * Numbers per embedding, or `undefined` while unknown: an HTTP provider without a configured
   * dimension learns it from its first response (and from then on checks every row against it).
   */
  readonly dimension: number | undefined;
  /** Embeds `texts` in batches; row `i` of the result belongs to `texts[i]`. */
  embedTexts(texts: readonly string[], options?: EmbedOptions): Promise<Embeddings>;
}

/**
 * An image as a provider accepts it: encoded file bytes (PNG, JPEG, …), a `Blob`, or a path / URL
 * string that the provider's runtime can open (transformers.js opens local paths in Node).
 */
export type ImageInput = Uint8Array | Blob | string;

/** A provider that embeds images into the same space as texts (CLIP-style models). */
export interface ImageEmbedder extends TextEmbedder {
  /** Embeds `images` in batches; row `i` of the result belongs to `images[i]`. */
  embedImages(images: readonly ImageInput[], options?: EmbedOptions): Promise<Embeddings>;
}

/** Whether `embedder` can also embed images. */
export function canEmbedImages(embedder: TextEmbedder): embedder is ImageEmbedder {
  return typeof (embedder as Partial<ImageEmbedder>).embedImages === "function";
}

/** Row `i` as a view into `embeddings.data` (no copy). */
export function embeddingRow(embeddings: Embeddings, i: number): Float32Array {
  const { data, dimension } = embeddings;
  return data.subarray(i * dimension, (i + 1) * dimension);
}

/**
 * All rows as views, the shape `scaleFeatures` and `toFeatureMatrix` of `@useralign/core` take:
 * `scaleFeatures(embeddingRows(await embedder.embedTexts(texts)))`.
 */
export function embeddingRows(embeddings: Embeddings): Float32Array[] {
  return Array.from({ length: embeddings.count }, (_, i) => embeddingRow(embeddings, i));
}

/** Cosine similarity of two rows (0 when either is all zeros). */
export function cosineSimilarity(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let k = 0; k < a.length; k++) {
    const x = a[k]!;
    const y = b[k]!;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}
