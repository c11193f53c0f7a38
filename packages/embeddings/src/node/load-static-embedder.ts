import { basename, resolve } from "node:path";
import type { TextEmbedder } from "../embedder.js";
import { createStaticEmbedder, type StaticEmbedderOptions } from "../static/static-embedder.js";
import { readModelFile } from "./read-model-file.js";

/**
 * Loads a Model2Vec / Potion model from a local folder holding tokenizer.json, model.safetensors
 * and (optionally) config.json — the layout `StaticModel.save_pretrained` writes and the Hugging
 * Face hub serves. Nothing is downloaded. `name` defaults to the folder's name.
 */
export async function loadStaticEmbedder(folder: string, options: StaticEmbedderOptions = {}): Promise<TextEmbedder> {
  const [tokenizer, safetensors, config] = await Promise.all([
    readModelFile(folder, "tokenizer.json", "the tokenizer"),
    readModelFile(folder, "model.safetensors", "the embedding table"),
    readModelFile(folder, "config.json", "the model config", true),
  ]);
  return createStaticEmbedder(
    {
      tokenizer: tokenizer.toString("utf8"),
      safetensors: new Uint8Array(safetensors.buffer, safetensors.byteOffset, safetensors.byteLength),
      ...(config ? { config: config.toString("utf8") } : {}),
    },
    { name: basename(resolve(folder)), ...options },
  );
}
