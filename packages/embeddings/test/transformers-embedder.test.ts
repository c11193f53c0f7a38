import { describe, expect, it } from "vitest";
import { canEmbedImages, embeddingRow } from "../src/embedder.js";
import { isEmbeddingError } from "../src/errors.js";
import { createTransformersEmbedder } from "../src/transformers/transformers-embedder.js";
import type { TransformersModule, TransformersTensor } from "../src/transformers/transformers-module.js";

// transformers.js itself is not a dependency of the repo (it pulls onnxruntime-node and needs
// ONNX model files we cannot download here): these tests drive the adapter through a fake module
// that records how it is called and answers with known tensors.
interface Calls {
  pipeline: [string, string, Record<string, unknown> | undefined][];
  extractor: [string[], unknown][];
  pretrained: [string, string][];
  images: unknown[];
}

const tensor = (rows: number[][]): TransformersTensor => ({
  dims: [rows.length, rows[0]?.length ?? 0],
  data: Float32Array.from(rows.flat()),
});

function fakeModule(overrides: Partial<TransformersModule> = {}): { module: TransformersModule; calls: Calls } {
  const calls: Calls = { pipeline: [], extractor: [], pretrained: [], images: [] };
  const pretrained = <T>(name: string, value: T) => ({
    from_pretrained: async (id: string) => {
      calls.pretrained.push([name, id]);
      return value;
    },
  });
  const module: TransformersModule = {
    env: { allowRemoteModels: true, allowLocalModels: false, localModelPath: "/models/" },
    pipeline: async (task, model, options) => {
      calls.pipeline.push([task, model, options]);
      return async (texts, opts) => {
        calls.extractor.push([texts, opts]);
        return tensor(texts.map((t) => [t.length, 0, 2]));
      };
    },
    AutoTokenizer: pretrained("tokenizer", (texts: string[]) => ({ input_ids: texts.map((t) => t.length) })),
    CLIPTextModelWithProjection: pretrained("text", async (inputs: Record<string, unknown>) => ({
      text_embeds: tensor((inputs["input_ids"] as number[]).map((n) => [n, 1])),
    })),
    AutoProcessor: pretrained("processor", async (images: unknown[]) => ({ pixel_values: images })),
    CLIPVisionModelWithProjection: pretrained("vision", async (inputs: Record<string, unknown>) => ({
      image_embeds: tensor((inputs["pixel_values"] as { size: number }[]).map((img) => [0, img.size])),
    })),
    RawImage: {
      read: async (path: string) => (calls.images.push(path), { size: path.length }),
      fromBlob: async (blob: Blob) => (calls.images.push(blob), { size: blob.size }),
    },
    ...overrides,
  };
  return { module, calls };
}

describe("createTransformersEmbedder (fake transformers.js module)", () => {
  it("loads a text model from the local folder only, and mean-pools + normalizes", async () => {
    const { module, calls } = fakeModule();
    const embedder = await createTransformersEmbedder({
      modelPath: "/data/models/all-MiniLM-L6-v2/",
      transformers: module,
      dtype: "q8",
      batchSize: 2,
    });
    expect(module.env).toEqual({ allowRemoteModels: false, allowLocalModels: true, localModelPath: "/data/models/" });
    expect(calls.pipeline).toEqual([["feature-extraction", "all-MiniLM-L6-v2", { local_files_only: true, dtype: "q8" }]]);
    expect(embedder.model).toBe("all-MiniLM-L6-v2");
    expect(canEmbedImages(embedder)).toBe(false);

    const e = await embedder.embedTexts(["abc", "abcd", "x"]);
    expect(calls.extractor.map(([texts]) => texts)).toEqual([["abc", "abcd"], ["x"]]);
    expect(calls.extractor[0]![1]).toEqual({ pooling: "mean", normalize: false });
    // [len, 0, 2] normalized.
    const n = (len: number) => [len / Math.hypot(len, 2), 0, 2 / Math.hypot(len, 2)];
    n(3).forEach((v, k) => expect(embeddingRow(e, 0)[k]).toBeCloseTo(v, 6));
    n(1).forEach((v, k) => expect(embeddingRow(e, 2)[k]).toBeCloseTo(v, 6));
    expect(embedder.dimension).toBe(3);
  });

  it("embeds CLIP texts and images (paths, bytes, Blobs) into one space", async () => {
    const { module, calls } = fakeModule();
    const clip = await createTransformersEmbedder({
      modelPath: "clip-vit-base-patch32",
      kind: "clip",
      transformers: module,
      normalize: false,
    });
    expect(module.env.localModelPath).toBe("./");
    expect(calls.pretrained.map(([name, id]) => `${name}:${id}`).sort()).toEqual(
      ["processor", "text", "tokenizer", "vision"].map((n) => `${n}:clip-vit-base-patch32`),
    );
    expect(canEmbedImages(clip)).toBe(true);
    const texts = await clip.embedTexts(["a cat", "a photo of a dog"]);
    expect(Array.from(texts.data)).toEqual([5, 1, 16, 1]);
    const images = await clip.embedImages(["img/cat.png", new Uint8Array([1, 2, 3]), new Blob(["abcd"])]);
    expect(Array.from(images.data)).toEqual([0, 11, 0, 3, 0, 4]);
    expect(calls.images[0]).toBe("img/cat.png");
    expect(calls.images[1]).toBeInstanceOf(Blob);
  });

  it("says transformers.js is missing, with how to install it", async () => {
    const notFound = async () => {
      throw Object.assign(new Error("Cannot find package '@huggingface/transformers'"), { code: "ERR_MODULE_NOT_FOUND" });
    };
    const e = await createTransformersEmbedder({ modelPath: "/m/x", importModule: notFound }).catch((err: unknown) => err);
    expect(isEmbeddingError(e, "missing_dependency")).toBe(true);
    expect((e as Error).message).toBe(
      "transformers: @huggingface/transformers is not installed. Install it with `npm install @huggingface/transformers` (it brings onnxruntime-node; in browsers, onnxruntime-web).",
    );
  });

  it("the real import fails the same way in this repo, where the package is not installed", async () => {
    const e = await createTransformersEmbedder({ modelPath: "/m/x" }).catch((err: unknown) => err);
    expect(isEmbeddingError(e, "missing_dependency")).toBe(true);
  });

  it("turns model failures and unpooled outputs into typed errors", async () => {
    const failing = fakeModule({
      pipeline: async () => {
        throw new Error("Could not locate file: onnx/model.onnx");
      },
    });
    const load = await createTransformersEmbedder({ modelPath: "/m/x", transformers: failing.module }).catch((err: unknown) => err);
    expect(isEmbeddingError(load, "runtime")).toBe(true);
    expect((load as Error).message).toBe("transformers: loading /m/x failed: Could not locate file: onnx/model.onnx");

    const unpooled = fakeModule({
      pipeline: async () => async (texts) => ({ dims: [texts.length, 7, 3], data: new Float32Array(texts.length * 21) }),
    });
    const embedder = await createTransformersEmbedder({ modelPath: "/m/x", transformers: unpooled.module, pooling: "none" });
    const e = await embedder.embedTexts(["a"]).catch((err: unknown) => err);
    expect(isEmbeddingError(e, "wrong_dimension")).toBe(true);
    expect((e as Error).message).toMatch(/^transformers: the text model returned shape \[1, 7, 3\]; expected \[1, d\]/);
  });
});
