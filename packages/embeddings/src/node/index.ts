export { loadStaticEmbedder } from "./load-static-embedder.js";
export { readModelFile } from "./read-model-file.js";
