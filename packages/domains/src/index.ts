export { poolFileSchema, parsePool, loadPoolFile, readJsonFile, formatPath, type PoolFile } from "./pool-file.js";
