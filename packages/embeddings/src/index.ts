export {
  canEmbedImages,
  cosineSimilarity,
  embeddingRow,
  embeddingRows,
  type EmbedOptions,
  type EmbedProgress,
  type Embeddings,
  type ImageEmbedder,
  type ImageInput,
  type TextEmbedder,
} from "./embedder.js";
export { EmbeddingError, isEmbeddingError, type EmbeddingErrorReason } from "./errors.js";
export { runBatches, type BatchFunction, type BatchPlan } from "./batches.js";
export { createHashingEmbedder, type HashingEmbedderOptions } from "./hashing/hashing-embedder.js";
export { fitIdf, idfWeight, type IdfTable } from "./hashing/idf.js";
export { createOpenAIEmbedder, type OpenAIEmbedderOptions } from "./http/openai-embedder.js";
export { embeddingsResponseSchema } from "./http/embeddings-response.js";
export type { RetryPolicy } from "./http/retry-policy.js";
export { createStaticEmbedder, type StaticEmbedderOptions, type StaticModelFiles } from "./static/static-embedder.js";
export {
  parseSafetensors,
  tensorToFloat32,
  writeSafetensors,
  type SafeTensor,
  type SafetensorsDtype,
  type SafetensorsFile,
} from "./static/safetensors.js";
export { createTokenizer, type Tokenizer } from "./static/tokenizer/tokenizer.js";
export { float16ToNumber, numberToFloat16 } from "./static/float16.js";
export { createTfjsEmbedder, type TfjsEmbedderOptions, type TfPrepare } from "./tfjs/tfjs-embedder.js";
export type { TfInputs, TfModel, TfNamespace, TfTensor } from "./tfjs/tf-types.js";
export { createTransformersEmbedder, type TransformersEmbedderOptions } from "./transformers/transformers-embedder.js";
export type { FeatureExtractor, TransformersModule, TransformersTensor } from "./transformers/transformers-module.js";
export { embedPoolFeatures, type PoolFeatureOptions } from "./pool-features.js";
export { createWordVectorEmbedder, type WordVectorEmbedderOptions, type WordWeighting } from "./word-vectors/word-vector-embedder.js";
export { createWordVectorTable, type WordVectorTable } from "./word-vectors/word-vector-table.js";
export { parseGloveText, type WordVectorParseOptions } from "./word-vectors/parse-glove-text.js";
export { parseWinkJson, WINK_PACKAGE } from "./word-vectors/parse-wink-json.js";
export { wordTokens } from "./word-vectors/word-tokens.js";
export { fitCommonComponents, type CommonComponents } from "./word-vectors/common-components.js";
