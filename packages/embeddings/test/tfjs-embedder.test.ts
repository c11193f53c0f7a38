import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as tfjs from "@tensorflow/tfjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { embeddingRow } from "../src/embedder.js";
import { isEmbeddingError } from "../src/errors.js";
import { loadTensorflow, loadTfjsEmbedder } from "../src/node/load-tfjs-embedder.js";
import type { TfNamespace } from "../src/tfjs/tf-types.js";

const VOCAB = ["[PAD]", "[UNK]", "the", "cat", "##s", "sat", "dog", "!"];
const tokenizerJson = {
  normalizer: { type: "BertNormalizer", lowercase: true },
  pre_tokenizer: { type: "BertPreTokenizer" },
  model: { type: "WordPiece", unk_token: "[UNK]", continuing_subword_prefix: "##", vocab: Object.fromEntries(VOCAB.map((t, i) => [t, i])) },
};
const L = 6;
const ids = (...tokens: string[]) => [...tokens.map((t) => VOCAB.indexOf(t)), ...new Array<number>(L - tokens.length).fill(0)];

let root: string;

/** Saves a model as model.json + weights.bin, the layout tensorflowjs writes, with our own IO handler. */
async function saveTo(model: tfjs.LayersModel, dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  await model.save({
    save: async (artifacts) => {
      const data = artifacts.weightData;
      const bytes =
        data === undefined ? new Uint8Array(0) : Array.isArray(data) ? Buffer.concat(data.map((b) => Buffer.from(b))) : Buffer.from(data);
      const { weightData: _, weightSpecs, ...rest } = artifacts;
      await writeFile(
        join(dir, "model.json"),
        JSON.stringify({ ...rest, format: "layers-model", weightsManifest: [{ paths: ["weights.bin"], weights: weightSpecs }] }),
      );
      await writeFile(join(dir, "weights.bin"), bytes);
      await writeFile(join(dir, "tokenizer.json"), JSON.stringify(tokenizerJson));
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: "JSON" } };
    },
  });
}

let tf: TfNamespace;
let pooled: tfjs.Sequential;
let sequence: tfjs.Sequential;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "useralign-tfjs-"));
  tf = await loadTensorflow("wasm");
  const init = (seed: number) => tfjs.initializers.randomUniform({ minval: -1, maxval: 1, seed });
  // A sentence encoder in miniature: embedding → average over tokens → dense.
  pooled = tfjs.sequential({
    layers: [
      tfjs.layers.embedding({ inputDim: VOCAB.length, outputDim: 5, inputLength: L, embeddingsInitializer: init(1) }),
      tfjs.layers.globalAveragePooling1d(),
      tfjs.layers.dense({ units: 3, kernelInitializer: init(2), biasInitializer: init(3) }),
    ],
  });
  // A token encoder: [batch, tokens, d] out, pooled by the provider.
  sequence = tfjs.sequential({
    layers: [tfjs.layers.embedding({ inputDim: VOCAB.length, outputDim: 4, inputLength: L, embeddingsInitializer: init(4) })],
  });
  await saveTo(pooled, join(root, "pooled"));
  await saveTo(sequence, join(root, "sequence"));
}, 60_000);

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("loadTfjsEmbedder on models the test built and saved", () => {
  it("runs on the wasm backend with the .wasm files from node_modules", () => {
    expect(tf.getBackend()).toBe("wasm");
  });

  it("matches the in-memory model's predict on the same token ids", async () => {
    const embedder = await loadTfjsEmbedder(join(root, "pooled"), { tf, maxLength: L, batchSize: 2 });
    const e = await embedder.embedTexts(["The cats sat!", "dog", "sat sat"]);
    expect(e.dimension).toBe(3);
    expect(embedder.dimension).toBe(3);
    const input = tfjs.tensor2d([ids("the", "cat", "##s", "sat", "!"), ids("dog"), ids("sat", "sat")], [3, L], "int32");
    const wanted = (pooled.predict(input) as tfjs.Tensor).arraySync() as number[][];
    wanted.forEach((w, i) => w.forEach((v, k) => expect(embeddingRow(e, i)[k]).toBeCloseTo(v, 5)));
  });

  it("mean-pools a [batch, tokens, d] output over the real tokens only", async () => {
    const e = await (await loadTfjsEmbedder(join(root, "sequence"), { tf, maxLength: L })).embedTexts(["cat dog", "the"]);
    const table = sequence.layers[0]!.getWeights()[0]!.arraySync() as number[][];
    const mean = (tokens: string[]) =>
      table[0]!.map((_, k) => tokens.reduce((s, t) => s + table[VOCAB.indexOf(t)]![k]!, 0) / tokens.length);
    mean(["cat", "dog"]).forEach((v, k) => expect(embeddingRow(e, 0)[k]).toBeCloseTo(v, 5));
    mean(["the"]).forEach((v, k) => expect(embeddingRow(e, 1)[k]).toBeCloseTo(v, 5));
  });

  it("normalizes when asked, and cuts texts to maxLength ids", async () => {
    const embedder = await loadTfjsEmbedder(join(root, "pooled"), { tf, maxLength: L, normalize: true });
    const e = await embedder.embedTexts(["the cat sat dog ! the cat sat"]);
    expect(Math.hypot(...embeddingRow(e, 0))).toBeCloseTo(1, 5);
    const input = tfjs.tensor2d([ids("the", "cat", "sat", "dog", "!", "the")], [1, L], "int32");
    const raw = (pooled.predict(input) as tfjs.Tensor).arraySync() as number[][];
    const n = Math.hypot(...raw[0]!);
    raw[0]!.forEach((v, k) => expect(embeddingRow(e, 0)[k]).toBeCloseTo(v / n, 5));
  });

  it("takes the inputs from prepare instead of a tokenizer", async () => {
    const embedder = await loadTfjsEmbedder(join(root, "pooled"), {
      tf,
      prepare: (texts, t) => t.tensor(Int32Array.from(texts.flatMap(() => ids("dog"))), [texts.length, L], "int32"),
    });
    const e = await embedder.embedTexts(["anything", "else"]);
    expect(Array.from(embeddingRow(e, 0))).toEqual(Array.from(embeddingRow(e, 1)));
  });
});

describe("a graph model (the format tensorflowjs_converter writes)", () => {
  // A GraphDef by hand: ids → Gather(table) → [batch, tokens, 3]; attention_mask is an input the
  // graph takes but ignores, as converted BERT-style encoders do. The provider must feed both by
  // name and mean-pool under the mask.
  const TABLE = Array.from({ length: VOCAB.length * 3 }, (_, i) => Math.cos(i * 1.7) * 2);
  const dims = (...sizes: number[]) => ({ dim: sizes.map((size) => ({ size: String(size) })) });
  const graph = {
    format: "graph-model",
    generatedBy: "hand-written",
    convertedBy: null,
    modelTopology: {
      node: [
        { name: "input_ids", op: "Placeholder", attr: { dtype: { type: "DT_INT32" }, shape: { shape: dims(-1, L) } } },
        { name: "attention_mask", op: "Placeholder", attr: { dtype: { type: "DT_INT32" }, shape: { shape: dims(-1, L) } } },
        {
          name: "table",
          op: "Const",
          attr: { value: { tensor: { dtype: "DT_FLOAT", tensorShape: dims(VOCAB.length, 3) } }, dtype: { type: "DT_FLOAT" } },
        },
        { name: "axis", op: "Const", attr: { value: { tensor: { dtype: "DT_INT32", tensorShape: {} } }, dtype: { type: "DT_INT32" } } },
        {
          name: "gather",
          op: "GatherV2",
          input: ["table", "input_ids", "axis"],
          attr: { Tindices: { type: "DT_INT32" }, Tparams: { type: "DT_FLOAT" }, Taxis: { type: "DT_INT32" }, batch_dims: { i: "0" } },
        },
        { name: "output", op: "Identity", input: ["gather"], attr: { T: { type: "DT_FLOAT" } } },
      ],
      versions: { producer: 1 },
    },
    signature: {
      inputs: {
        "input_ids:0": { name: "input_ids:0", dtype: "DT_INT32", tensorShape: dims(-1, L) },
        "attention_mask:0": { name: "attention_mask:0", dtype: "DT_INT32", tensorShape: dims(-1, L) },
      },
      outputs: { "output:0": { name: "output:0", dtype: "DT_FLOAT", tensorShape: dims(-1, L, 3) } },
    },
    weightsManifest: [
      {
        paths: ["group1-shard1of1.bin"],
        weights: [
          { name: "table", shape: [VOCAB.length, 3], dtype: "float32" },
          { name: "axis", shape: [], dtype: "int32" },
        ],
      },
    ],
  };

  it("feeds ids and mask by name and mean-pools the token outputs", async () => {
    const dir = join(root, "graph");
    await mkdir(dir, { recursive: true });
    const weights = Buffer.alloc(TABLE.length * 4 + 4);
    TABLE.forEach((v, i) => weights.writeFloatLE(v, i * 4));
    weights.writeInt32LE(0, TABLE.length * 4);
    await writeFile(join(dir, "model.json"), JSON.stringify(graph));
    await writeFile(join(dir, "group1-shard1of1.bin"), weights);
    await writeFile(join(dir, "tokenizer.json"), JSON.stringify(tokenizerJson));
    const e = await (await loadTfjsEmbedder(dir, { tf, maxLength: L })).embedTexts(["dog sat sat", "the cats"]);
    const f32 = Float32Array.from(TABLE);
    const mean = (tokens: string[]) => [0, 1, 2].map((k) => tokens.reduce((s, t) => s + f32[VOCAB.indexOf(t) * 3 + k]!, 0) / tokens.length);
    mean(["dog", "sat", "sat"]).forEach((v, k) => expect(embeddingRow(e, 0)[k]).toBeCloseTo(v, 5));
    mean(["the", "cat", "##s"]).forEach((v, k) => expect(embeddingRow(e, 1)[k]).toBeCloseTo(v, 5));

    // Without a signature the unused mask placeholder also counts as an output: outputName picks.
    const { signature: _, ...unsigned } = graph;
    await writeFile(join(dir, "model.json"), JSON.stringify(unsigned));
    const named = await (await loadTfjsEmbedder(dir, { tf, maxLength: L, outputName: "output" })).embedTexts(["dog sat sat"]);
    expect(Array.from(embeddingRow(named, 0))).toEqual(Array.from(embeddingRow(e, 0)));
  });
});

describe("TF.js errors", () => {
  it("says tfjs-node is missing and why it cannot be installed offline", async () => {
    const e = await loadTensorflow("tensorflow").catch((err: unknown) => err);
    expect(isEmbeddingError(e, "missing_dependency")).toBe(true);
    expect((e as Error).message).toMatch(/^tfjs: @tensorflow\/tfjs-node is not installed\. .*downloads libtensorflow/);
  });

  it("says @tensorflow/tfjs is missing when it cannot be imported", async () => {
    const notFound = async (specifier: string) => {
      throw Object.assign(new Error(`Cannot find package '${specifier}'`), { code: "ERR_MODULE_NOT_FOUND" });
    };
    const e = await loadTensorflow("wasm", notFound).catch((err: unknown) => err);
    expect(isEmbeddingError(e, "missing_dependency")).toBe(true);
    expect((e as Error).message).toBe(
      "tfjs: @tensorflow/tfjs is not installed. Install it with `npm install @tensorflow/tfjs @tensorflow/tfjs-backend-wasm`.",
    );
  });

  it("names a missing model.json, a broken one, and a model that rejects its input", async () => {
    const failure = async (p: Promise<unknown>) => {
      const e = await p.then(
        () => undefined,
        (err: unknown) => err,
      );
      if (!isEmbeddingError(e)) throw new Error(`expected an EmbeddingError, got ${String(e)}`);
      return e;
    };
    expect((await failure(loadTfjsEmbedder(join(root, "none"), { tf }))).message).toMatch(
      /Cannot read .*none\/model.json \(the TensorFlow.js model\): no such file\./,
    );
    await mkdir(join(root, "broken"), { recursive: true });
    await writeFile(join(root, "broken", "model.json"), JSON.stringify({ format: "layers-model", weightsManifest: [] }));
    expect((await failure(loadTfjsEmbedder(join(root, "broken"), { tf }))).message).toMatch(/broken\/model.json: modelTopology: /);
    // The saved model expects exactly L ids; feeding 2 makes TF.js itself throw.
    const wrongLength = await loadTfjsEmbedder(join(root, "pooled"), { tf, maxLength: 2 });
    const e = await failure(wrongLength.embedTexts(["the cat"]));
    expect(e.reason).toBe("runtime");
    expect(e.message).toMatch(/^tfjs: the model failed on inputs 0–0: /);
  });
});
