import { createRequire } from "node:module";
import { basename, dirname, join, resolve } from "node:path";
import * as z from "zod";
import type { TextEmbedder } from "../embedder.js";
import { EmbeddingError } from "../errors.js";
import { createTokenizer } from "../static/tokenizer/tokenizer.js";
import type { TfModel, TfNamespace } from "../tfjs/tf-types.js";
import { createTfjsEmbedder, type TfjsEmbedderOptions } from "../tfjs/tfjs-embedder.js";
import { readModelFile } from "./read-model-file.js";

/** Which TensorFlow.js backend {@link loadTfjsEmbedder} sets up. */
export type TfjsBackendName = "wasm" | "cpu" | "tensorflow";

/** Options of {@link loadTfjsEmbedder}. */
export interface LoadTfjsEmbedderOptions extends Omit<TfjsEmbedderOptions, "tf" | "model" | "tokenizer"> {
  /**
   * `wasm`: `@tensorflow/tfjs` + `@tensorflow/tfjs-backend-wasm`, its .wasm files read from
   * node_modules (nothing downloaded). `cpu`: plain JavaScript kernels. `tensorflow`:
   * `@tensorflow/tfjs-node` (native libtensorflow; its install script downloads the library).
   * @default "wasm"
   */
  backend?: TfjsBackendName;
  /** A namespace with its backend already set; skips importing and backend set-up. */
  tf?: TfNamespace;
  /**
   * How optional packages are imported (a seam for tests).
   * @default (specifier) => import(specifier)
   */
  importModule?: (specifier: string) => Promise<unknown>;
}

const manifestSchema = z
  .object({
    format: z.string().optional(),
    modelTopology: z.record(z.string(), z.unknown()),
    weightsManifest: z
      .array(z.object({ paths: z.array(z.string()), weights: z.array(z.record(z.string(), z.unknown())) }).loose())
      .default([]),
  })
  .loose();

const defaultImport = (specifier: string): Promise<unknown> => import(specifier);

async function importOptional(
  importModule: (s: string) => Promise<unknown>,
  specifier: string,
  why: string,
): Promise<Record<string, unknown>> {
  try {
    return (await importModule(specifier)) as Record<string, unknown>;
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") {
      throw new EmbeddingError("missing_dependency", `tfjs: ${specifier} is not installed. ${why}`, { cause: e });
    }
    throw new EmbeddingError("runtime", `tfjs: importing ${specifier} failed: ${(e as Error).message}`, { cause: e });
  }
}

/** Imports TensorFlow.js and makes `backend` the active one. */
export async function loadTensorflow(
  backend: TfjsBackendName,
  importModule: (s: string) => Promise<unknown> = defaultImport,
): Promise<TfNamespace> {
  if (backend === "tensorflow") {
    const tf = await importOptional(
      importModule,
      "@tensorflow/tfjs-node",
      "Install it with `npm install @tensorflow/tfjs-node` (its install script downloads libtensorflow, so it needs network access at install time), or use backend wasm.",
    );
    return tf as unknown as TfNamespace;
  }
  const tf = (await importOptional(
    importModule,
    "@tensorflow/tfjs",
    "Install it with `npm install @tensorflow/tfjs @tensorflow/tfjs-backend-wasm`.",
  )) as unknown as TfNamespace;
  if (backend === "wasm") {
    const wasm = await importOptional(
      importModule,
      "@tensorflow/tfjs-backend-wasm",
      "Install it with `npm install @tensorflow/tfjs-backend-wasm`, or use backend cpu.",
    );
    // Point the backend at its own dist/ folder: without this it would fetch the .wasm by URL.
    const require = createRequire(import.meta.url);
    const dist = join(dirname(require.resolve("@tensorflow/tfjs-backend-wasm/package.json")), "dist");
    (wasm["setWasmPaths"] as (prefix: string) => void)(`${dist}/`);
  }
  if (!(await tf.setBackend(backend))) throw new EmbeddingError("runtime", `tfjs: the ${backend} backend did not initialize.`);
  await tf.ready();
  return tf;
}

/**
 * Reads a TensorFlow.js model folder — model.json (layers or graph format, as `model.save` or
 * `tensorflowjs_converter` write it) and its weight shards — into model artifacts, without the
 * `file://` handler that only `@tensorflow/tfjs-node` has.
 */
export async function readTfjsArtifacts(
  folder: string,
): Promise<{ artifacts: Record<string, unknown>; format: "layers-model" | "graph-model" }> {
  const text = (await readModelFile(folder, "model.json", "the TensorFlow.js model")).toString("utf8");
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new EmbeddingError("model_format", `${join(folder, "model.json")} is not valid JSON: ${(e as Error).message}`);
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new EmbeddingError("model_format", `${join(folder, "model.json")}: ${issue.path.join(".") || "(top level)"}: ${issue.message}`);
  }
  const { modelTopology, weightsManifest, ...rest } = parsed.data;
  const format = rest.format === "graph-model" || (rest.format === undefined && "node" in modelTopology) ? "graph-model" : "layers-model";
  const shards: Buffer[] = [];
  for (const group of weightsManifest) for (const path of group.paths) shards.push(await readModelFile(folder, path, "a weight shard"));
  const all = Buffer.concat(shards);
  const weightData = all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength);
  return { artifacts: { ...rest, modelTopology, weightSpecs: weightsManifest.flatMap((g) => g.weights), weightData }, format };
}

/**
 * Loads a TensorFlow.js layers or graph model from a local folder as an embedder: model.json +
 * weight shards, and tokenizer.json (Hugging Face format) to turn texts into ids unless you pass
 * `prepare`. `backend` picks wasm (default), cpu or tfjs-node.
 */
export async function loadTfjsEmbedder(folder: string, options: LoadTfjsEmbedderOptions = {}): Promise<TextEmbedder> {
  const { backend = "wasm", tf: given, importModule = defaultImport, ...rest } = options;
  const { artifacts, format } = await readTfjsArtifacts(folder);
  const tokenizerText = rest.prepare ? undefined : await readModelFile(folder, "tokenizer.json", "the tokenizer (or pass prepare)");
  const tf = given ?? (await loadTensorflow(backend, importModule));
  let model: TfModel;
  try {
    const handler = tf.io.fromMemory(artifacts);
    model = format === "graph-model" ? await tf.loadGraphModel(handler) : await tf.loadLayersModel(handler);
  } catch (e) {
    throw new EmbeddingError("model_format", `tfjs: cannot load the ${format} in ${folder}: ${(e as Error).message}`, { cause: e });
  }
  return createTfjsEmbedder({
    name: basename(resolve(folder)),
    ...rest,
    tf,
    model,
    ...(tokenizerText ? { tokenizer: createTokenizer(tokenizerText.toString("utf8")) } : {}),
  });
}
