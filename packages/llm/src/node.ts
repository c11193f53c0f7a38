export { createFileCache } from "./file-cache.js";
