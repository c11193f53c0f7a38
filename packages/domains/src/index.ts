export { poolFileSchema, parsePool, loadPoolFile, readJsonFile, formatPath, type PoolFile } from "./pool-file.js";
export {
  datasetFileSchema,
  datasetIssues,
  parseDataset,
  loadDatasetFile,
  toDatasetFile,
  type Dataset,
  type DatasetFile,
  type DatasetQuestion,
  type Persona,
} from "./dataset-file.js";
export { createDomain, isDomainName, DOMAIN_NAMES, type DomainName, type DomainOptions } from "./domains/create-domain.js";
export { synthetic2d, type Synthetic2dOptions } from "./domains/synthetic2d.js";
export { sphereDomain, MAX_SPHERE_CANDIDATES, type SphereOptions } from "./domains/sphere.js";
export { food2d, FOOD_SCALE } from "./domains/food2d.js";
export { inDisk, onSphere, centroid } from "./domains/sampling.js";
export { embeddingRecordSchema, type EmbeddingRecord } from "./embedding-record.js";
export { textDatasetFileSchema, parseTextDataset, loadTextDatasetFile, type TextDatasetFile } from "./text-dataset-file.js";
