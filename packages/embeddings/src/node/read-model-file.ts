import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { EmbeddingError } from "../errors.js";

/**
 * Reads `name` from a model folder; a missing file is `model_format` naming the folder and what
 * belongs there, other I/O errors keep their own message.
 */
export async function readModelFile(folder: string, name: string, what: string): Promise<Buffer>;
export async function readModelFile(folder: string, name: string, what: string, optional: true): Promise<Buffer | undefined>;
export async function readModelFile(folder: string, name: string, what: string, optional = false): Promise<Buffer | undefined> {
  try {
    return await readFile(join(folder, name));
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if ((code === "ENOENT" || code === "ENOTDIR") && optional) return undefined;
    const reason = code === "ENOENT" || code === "ENOTDIR" ? "no such file" : (e as Error).message;
    throw new EmbeddingError("model_format", `Cannot read ${join(folder, name)} (${what}): ${reason}.`, { cause: e });
  }
}
