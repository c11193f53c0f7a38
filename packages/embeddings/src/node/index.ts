export { loadStaticEmbedder } from "./load-static-embedder.js";
export { readModelFile } from "./read-model-file.js";
export {
  loadTfjsEmbedder,
  loadTensorflow,
  readTfjsArtifacts,
  type LoadTfjsEmbedderOptions,
  type TfjsBackendName,
} from "./load-tfjs-embedder.js";
export { loadWordVectors, loadWinkWordVectors, type LoadWordVectorsOptions } from "./load-word-vectors.js";
export { rebuildEmbedder, type EmbedderRecord } from "./rebuild-embedder.js";
