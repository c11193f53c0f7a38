import { checkInteger, checkTexts, runBatches } from "../batches.js";
import type { EmbedOptions, Embeddings, ImageEmbedder, ImageInput, TextEmbedder } from "../embedder.js";
import { EmbeddingError } from "../errors.js";
import type { TransformersModule, TransformersTensor } from "./transformers-module.js";

/** Options of {@link createTransformersEmbedder}. */
export interface TransformersEmbedderOptions {
  /**
   * The model folder (ONNX weights under onnx/, config.json, tokenizer files), as the Hugging Face
   * hub lays it out. Read locally only: remote downloads are switched off.
   */
  modelPath: string;
  /**
   * `text`: a sentence encoder through the `feature-extraction` pipeline. `clip`: a CLIP model,
   * texts through its text tower and images through its vision tower, into one space.
   * @default "text"
   */
  kind?: "text" | "clip";
  /**
   * Pooling of token vectors for `text` models (`none` needs a model that already pools).
   * @default "mean"
   */
  pooling?: "mean" | "cls" | "none";
  /**
   * L2-normalize each embedding.
   * @default true
   */
  normalize?: boolean;
  /**
   * Which ONNX weights to load (`fp32`, `fp16`, `q8`, …), as transformers.js's `dtype` option.
   * @default transformers.js's own default
   */
  dtype?: string;
  /**
   * Inputs per model call.
   * @default 16
   */
  batchSize?: number;
  /**
   * The transformers.js module to use (inject a fake for tests, or a specific build).
   * @default await import("@huggingface/transformers")
   */
  transformers?: TransformersModule;
  /**
   * How the module is imported when `transformers` is not given (a seam for tests).
   * @default (specifier) => import(specifier)
   */
  importModule?: (specifier: string) => Promise<unknown>;
}

const SPECIFIER = "@huggingface/transformers";

async function loadModule(options: TransformersEmbedderOptions): Promise<TransformersModule> {
  if (options.transformers) return options.transformers;
  const importModule = options.importModule ?? ((s: string) => import(s));
  try {
    return (await importModule(SPECIFIER)) as TransformersModule;
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") {
      throw new EmbeddingError(
        "missing_dependency",
        `transformers: ${SPECIFIER} is not installed. Install it with \`npm install ${SPECIFIER}\` (it brings onnxruntime-node; in browsers, onnxruntime-web).`,
        { cause: e },
      );
    }
    throw new EmbeddingError("runtime", `transformers: importing ${SPECIFIER} failed: ${(e as Error).message}`, { cause: e });
  }
}

/** Splits a folder path into transformers.js's (localModelPath, model id) pair. */
function splitModelPath(path: string): { root: string; id: string } {
  const trimmed = path.replace(/[\\/]+$/, "");
  const cut = Math.max(trimmed.lastIndexOf("/"), trimmed.lastIndexOf("\\"));
  if (trimmed === "" || cut === trimmed.length - 1)
    throw new EmbeddingError("invalid_options", `transformers: modelPath must name a folder; got "${path}".`);
  return cut < 0 ? { root: "./", id: trimmed } : { root: trimmed.slice(0, cut + 1), id: trimmed.slice(cut + 1) };
}

function rowsOf(tensor: TransformersTensor, count: number, normalize: boolean, what: string): Float32Array[] {
  const dims = tensor?.dims;
  if (!Array.isArray(dims) || dims.length !== 2 || dims[0] !== count || !tensor.data) {
    throw new EmbeddingError(
      "wrong_dimension",
      `transformers: ${what} returned shape [${Array.isArray(dims) ? dims.join(", ") : "?"}]; expected [${count}, d] (pooling "none" needs a model that pools itself).`,
    );
  }
  const d = dims[1]!;
  return Array.from({ length: count }, (_, i) => {
    const row = new Float32Array(d);
    for (let k = 0; k < d; k++) row[k] = tensor.data[i * d + k]!;
    if (normalize) {
      let s = 0;
      for (let k = 0; k < d; k++) s += row[k]! * row[k]!;
      if (s > 0) for (let k = 0; k < d; k++) row[k]! /= Math.sqrt(s);
    }
    return row;
  });
}

async function runtime<T>(what: string, f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    if (e instanceof EmbeddingError) throw e;
    throw new EmbeddingError("runtime", `transformers: ${what} failed: ${(e as Error).message}`, { cause: e });
  }
}

/**
 * A transformers.js model from a local folder: a sentence encoder (`kind: "text"`) or CLIP
 * (`kind: "clip"`, which also embeds images). `@huggingface/transformers` is an optional peer
 * dependency, imported on first use; without it this rejects with `missing_dependency`. Sets the
 * module's global `env` to local-only loading (that is where transformers.js keeps it).
 */
export async function createTransformersEmbedder(options: TransformersEmbedderOptions & { kind: "clip" }): Promise<ImageEmbedder>;
export async function createTransformersEmbedder(options: TransformersEmbedderOptions): Promise<TextEmbedder>;
export async function createTransformersEmbedder(options: TransformersEmbedderOptions): Promise<TextEmbedder | ImageEmbedder> {
  const provider = "transformers";
  const batchSize = checkInteger(provider, "batchSize", options.batchSize ?? 16, 1);
  const normalize = options.normalize ?? true;
  const { root, id } = splitModelPath(options.modelPath);
  const tjs = await loadModule(options);
  tjs.env.allowRemoteModels = false;
  tjs.env.allowLocalModels = true;
  tjs.env.localModelPath = root;
  const loadOptions: Record<string, unknown> = { local_files_only: true, ...(options.dtype ? { dtype: options.dtype } : {}) };
  let dimension: number | undefined;
  const run = async (
    count: number,
    embed: (start: number, end: number) => Promise<Float32Array[]>,
    callOptions: EmbedOptions,
  ): Promise<Embeddings> => {
    const result = await runBatches(count, { batchSize, concurrency: 1, dimension, provider }, embed, callOptions);
    if (result.count > 0) dimension ??= result.dimension;
    return result;
  };

  if ((options.kind ?? "text") === "text") {
    const extractor = await runtime(`loading ${options.modelPath}`, () => tjs.pipeline("feature-extraction", id, loadOptions));
    const pooling = options.pooling ?? "mean";
    return {
      provider,
      model: id,
      get dimension() {
        return dimension;
      },
      async embedTexts(texts, callOptions = {}) {
        checkTexts(texts, provider);
        return run(
          texts.length,
          async (start, end) =>
            rowsOf(
              await runtime("the text model", () => extractor(texts.slice(start, end), { pooling, normalize: false })),
              end - start,
              normalize,
              "the text model",
            ),
          callOptions,
        );
      },
    };
  }

  const [tokenizer, textModel, processor, visionModel] = await runtime(`loading the CLIP model ${options.modelPath}`, () =>
    Promise.all([
      tjs.AutoTokenizer.from_pretrained(id, loadOptions),
      tjs.CLIPTextModelWithProjection.from_pretrained(id, loadOptions),
      tjs.AutoProcessor.from_pretrained(id, loadOptions),
      tjs.CLIPVisionModelWithProjection.from_pretrained(id, loadOptions),
    ]),
  );
  const readImage = (image: ImageInput, index: number): Promise<unknown> => {
    if (typeof image === "string") return tjs.RawImage.read(image);
    if (image instanceof Uint8Array) return tjs.RawImage.fromBlob(new Blob([image as Uint8Array<ArrayBuffer>]));
    if (typeof Blob !== "undefined" && image instanceof Blob) return tjs.RawImage.fromBlob(image);
    throw new EmbeddingError("invalid_inputs", `transformers: images[${index}] must be bytes, a Blob, or a path / URL string.`);
  };
  return {
    provider,
    model: id,
    get dimension() {
      return dimension;
    },
    async embedTexts(texts, callOptions = {}) {
      checkTexts(texts, provider);
      return run(
        texts.length,
        async (start, end) => {
          const inputs = tokenizer(texts.slice(start, end), { padding: true, truncation: true });
          const { text_embeds: embeds } = await runtime("the CLIP text model", () => textModel(inputs));
          return rowsOf(embeds, end - start, normalize, "the CLIP text model");
        },
        callOptions,
      );
    },
    async embedImages(images, callOptions = {}) {
      if (!Array.isArray(images)) throw new EmbeddingError("invalid_inputs", "transformers: images must be an array.");
      return run(
        images.length,
        async (start, end) => {
          const decoded = await runtime("reading the images", () =>
            Promise.all(images.slice(start, end).map((image, j) => readImage(image, start + j))),
          );
          const { image_embeds: embeds } = await runtime("the CLIP vision model", async () => visionModel(await processor(decoded)));
          return rowsOf(embeds, end - start, normalize, "the CLIP vision model");
        },
        callOptions,
      );
    },
  };
}
