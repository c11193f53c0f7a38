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
  // allSettled, then the first failure in this order: Promise.all would report whichever read
  // failed first in time, so the message for a folder missing several files would vary run to run.
  const [tokenizerRead, tableRead, configRead] = await Promise.allSettled([
    readModelFile(folder, "tokenizer.json", "the tokenizer"),
    readModelFile(folder, "model.safetensors", "the embedding table"),
    readModelFile(folder, "config.json", "the model config", true),
  ]);
  if (tokenizerRead.status === "rejected") throw tokenizerRead.reason;
  if (tableRead.status === "rejected") throw tableRead.reason;
  if (configRead.status === "rejected") throw configRead.reason;
  const [tokenizer, safetensors, config] = [tokenizerRead.value, tableRead.value, configRead.value];
  return createStaticEmbedder(
    {
      tokenizer: tokenizer.toString("utf8"),
      safetensors: new Uint8Array(safetensors.buffer, safetensors.byteOffset, safetensors.byteLength),
      ...(config ? { config: config.toString("utf8") } : {}),
    },
    { name: basename(resolve(folder)), ...options },
  );
}
