import { scaleFeatures, type ScaleOptions } from "@useralign/core";
import { embeddingRows, type EmbedOptions, type TextEmbedder } from "./embedder.js";

/** Options of {@link embedPoolFeatures}. */
export interface PoolFeatureOptions extends EmbedOptions {
  /**
   * How the pool is scaled to ‖φ(y) − φ(y')‖ ≤ 1 (`scaleFeatures` of `@useralign/core`).
   * @default "unit"
   */
  scale?: ScaleOptions["method"];
}

/**
 * The features of a pool in one call: embeds all candidate texts together (so batch IDF sees the
 * whole pool) and scales them with the core's `scaleFeatures`. Rows are in `texts` order.
 */
export async function embedPoolFeatures(
  embedder: TextEmbedder,
  texts: readonly string[],
  options: PoolFeatureOptions = {},
): Promise<number[][]> {
  const { scale = "unit", ...embedOptions } = options;
  const embeddings = await embedder.embedTexts(texts, embedOptions);
  return scaleFeatures(embeddingRows(embeddings), { method: scale });
}
