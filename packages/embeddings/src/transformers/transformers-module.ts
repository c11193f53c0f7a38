/**
 * The slice of `@huggingface/transformers` (transformers.js v3+) the adapter uses, typed
 * structurally so this package builds without it (it is an optional peer dependency).
 */

/** A transformers.js tensor: shape in `dims`, values row-major in `data`. */
export interface TransformersTensor {
  readonly dims: readonly number[];
  readonly data: ArrayLike<number>;
}

/** The `feature-extraction` pipeline. */
export type FeatureExtractor = (
  texts: string[],
  options: { pooling: "mean" | "cls" | "none"; normalize: boolean },
) => Promise<TransformersTensor>;

/** Loads a model class from a local id. */
export interface Pretrained<T> {
  from_pretrained(id: string, options?: Record<string, unknown>): Promise<T>;
}

/** The module's exports we call. */
export interface TransformersModule {
  env: { allowRemoteModels: boolean; allowLocalModels: boolean; localModelPath: string };
  pipeline(task: "feature-extraction", model: string, options?: Record<string, unknown>): Promise<FeatureExtractor>;
  AutoTokenizer: Pretrained<(texts: string[], options: Record<string, unknown>) => Record<string, unknown>>;
  AutoProcessor: Pretrained<(images: unknown[]) => Promise<Record<string, unknown>>>;
  CLIPTextModelWithProjection: Pretrained<(inputs: Record<string, unknown>) => Promise<{ text_embeds: TransformersTensor }>>;
  CLIPVisionModelWithProjection: Pretrained<(inputs: Record<string, unknown>) => Promise<{ image_embeds: TransformersTensor }>>;
  RawImage: { read(input: string): Promise<unknown>; fromBlob(blob: Blob): Promise<unknown> };
}
