import { checkInteger, checkTexts, runBatches } from "../batches.js";
import type { EmbedOptions, Embeddings, TextEmbedder } from "../embedder.js";
import { EmbeddingError } from "../errors.js";
import type { Tokenizer } from "../static/tokenizer/tokenizer.js";
import type { TfInputs, TfModel, TfNamespace, TfTensor } from "./tf-types.js";

/** Texts → model inputs, for models whose input is not padded token ids. */
export type TfPrepare = (texts: readonly string[], tf: TfNamespace) => TfInputs;

/** Options of {@link createTfjsEmbedder}. */
export interface TfjsEmbedderOptions {
  /** The TensorFlow.js namespace the model was loaded with (its backend is already set). */
  tf: TfNamespace;
  /** A loaded layers or graph model. */
  model: TfModel;
  /**
   * Turns texts into token ids: each text becomes a row of `maxLength` int32 ids, cut or padded
   * with `padId`, plus an attention mask for models that take one. Needed unless `prepare` is given.
   */
  tokenizer?: Tokenizer;
  /** Builds the model inputs directly instead (e.g. a Universal Sentence Encoder with its own tokenizer). */
  prepare?: TfPrepare;
  /**
   * Token ids per text.
   * @default 128
   */
  maxLength?: number;
  /**
   * The id that pads short texts (and that the mask marks as padding).
   * @default 0
   */
  padId?: number;
  /**
   * Ids put before / after each text's tokens ([CLS] / [SEP] for BERT-style encoders).
   * @default none
   */
  prefixIds?: readonly number[];
  /** @default none */
  suffixIds?: readonly number[];
  /**
   * For a graph model with several outputs: which one holds the embeddings.
   * @default the model's first output
   */
  outputName?: string;
  /**
   * L2-normalize the output rows. A [batch, tokens, d] output is always mean-pooled over the
   * non-padding tokens first.
   * @default false
   */
  normalize?: boolean;
  /**
   * Texts per model call.
   * @default 32
   */
  batchSize?: number;
  /**
   * The name recorded as `model`.
   * @default "tfjs"
   */
  name?: string;
}

interface Encoded {
  ids: Int32Array;
  mask: Int32Array;
}

function encodeBatch(texts: readonly string[], options: TfjsEmbedderOptions, tokenizer: Tokenizer, maxLength: number): Encoded {
  const pad = options.padId ?? 0;
  const prefix = options.prefixIds ?? [];
  const suffix = options.suffixIds ?? [];
  const ids = new Int32Array(texts.length * maxLength).fill(pad);
  const mask = new Int32Array(texts.length * maxLength);
  texts.forEach((text, i) => {
    const body = tokenizer.encode(text).slice(0, Math.max(0, maxLength - prefix.length - suffix.length));
    const row = [...prefix, ...body, ...suffix].slice(0, maxLength);
    row.forEach((id, j) => {
      ids[i * maxLength + j] = id;
      mask[i * maxLength + j] = 1;
    });
  });
  return { ids, mask };
}

/**
 * Feeds token ids to the model the way its inputs ask: a single input gets the ids; with several,
 * an input whose name mentions "mask" gets the attention mask, one mentioning "type" gets zeros,
 * and the rest get the ids.
 */
function toInputs(
  tf: TfNamespace,
  model: TfModel,
  encoded: Encoded,
  batch: number,
  maxLength: number,
): { inputs: TfInputs; owned: TfTensor[] } {
  const ids = tf.tensor(encoded.ids, [batch, maxLength], "int32");
  if (model.inputs.length <= 1) return { inputs: ids, owned: [ids] };
  const mask = tf.tensor(encoded.mask, [batch, maxLength], "int32");
  const zeros = tf.tensor(new Int32Array(batch * maxLength), [batch, maxLength], "int32");
  const pick = (name: string): TfTensor => (/mask/i.test(name) ? mask : /type/i.test(name) ? zeros : ids);
  const names = model.inputs.map((i) => i.name.replace(/:\d+$/, ""));
  // Graph models take inputs by name; layers models by position.
  const inputs = typeof model.executeAsync === "function" ? Object.fromEntries(names.map((n) => [n, pick(n)])) : names.map(pick);
  return { inputs, owned: [ids, mask, zeros] };
}

async function firstOutput(model: TfModel, inputs: TfInputs, outputName: string | undefined): Promise<TfTensor[]> {
  let out: TfTensor | TfTensor[] | Record<string, TfTensor>;
  if (typeof model.executeAsync === "function") out = await model.executeAsync(inputs, outputName);
  else out = model.predict(inputs);
  if (Array.isArray(out)) return out;
  if (isTensor(out as TfInputs)) return [out as TfTensor];
  const map = out as Record<string, TfTensor>;
  const key = outputName ?? Object.keys(map)[0];
  const chosen = key === undefined ? undefined : map[key];
  if (!chosen)
    throw new EmbeddingError(
      "runtime",
      `tfjs: the model has no output ${JSON.stringify(outputName)} (outputs: ${Object.keys(map).join(", ")}).`,
    );
  return [chosen, ...Object.values(map).filter((t) => t !== chosen)];
}

function isTensor(x: TfInputs): x is TfTensor {
  return typeof (x as TfTensor).data === "function" && typeof (x as TfTensor).dispose === "function";
}

/** [b, d] rows as they are; [b, L, d] mean-pooled over positions the mask marks (all when no mask). */
function rowsOf(
  values: ArrayLike<number>,
  shape: readonly number[],
  batch: number,
  mask: Int32Array | undefined,
  normalize: boolean,
): Float32Array[] {
  if (shape[0] !== batch || (shape.length !== 2 && shape.length !== 3)) {
    throw new EmbeddingError(
      "wrong_dimension",
      `tfjs: the model output has shape [${shape.join(", ")}]; expected [${batch}, d] or [${batch}, tokens, d].`,
    );
  }
  const d = shape[shape.length - 1]!;
  const rows: Float32Array[] = [];
  for (let i = 0; i < batch; i++) {
    const row = new Float32Array(d);
    if (shape.length === 2) for (let k = 0; k < d; k++) row[k] = values[i * d + k]!;
    else {
      const length = shape[1]!;
      let count = 0;
      const sum = new Float64Array(d);
      for (let t = 0; t < length; t++) {
        if (mask && mask[i * length + t] === 0) continue;
        count++;
        const base = (i * length + t) * d;
        for (let k = 0; k < d; k++) sum[k]! += values[base + k]!;
      }
      for (let k = 0; k < d; k++) row[k] = count > 0 ? sum[k]! / count : 0;
    }
    if (normalize) {
      const norm = Math.hypot(...row);
      if (norm > 0) for (let k = 0; k < d; k++) row[k]! /= norm;
    }
    rows.push(row);
  }
  return rows;
}

/**
 * Runs a TensorFlow.js model as an embedder: texts → padded token ids (or your `prepare`) →
 * the model → one row per text ([b, d] outputs as they are; [b, tokens, d] mean-pooled over the
 * real tokens). Works with any backend the `tf` namespace has set (wasm, cpu, webgl, or the
 * native one of `@tensorflow/tfjs-node`). Load a folder with `loadTfjsEmbedder` from
 * `@useralign/embeddings/node`.
 */
export function createTfjsEmbedder(options: TfjsEmbedderOptions): TextEmbedder {
  const provider = "tfjs";
  const { tf, model, tokenizer, prepare } = options;
  if (!tokenizer && !prepare)
    throw new EmbeddingError("invalid_options", "tfjs: give a tokenizer (texts → token ids) or a prepare function (texts → model inputs).");
  const maxLength = checkInteger(provider, "maxLength", options.maxLength ?? 128, 1);
  const batchSize = checkInteger(provider, "batchSize", options.batchSize ?? 32, 1);
  let dimension: number | undefined;

  return {
    provider,
    model: options.name ?? "tfjs",
    get dimension() {
      return dimension;
    },
    async embedTexts(texts: readonly string[], callOptions: EmbedOptions = {}): Promise<Embeddings> {
      checkTexts(texts, provider);
      const result = await runBatches(
        texts.length,
        { batchSize, concurrency: 1, dimension, provider },
        async (start, end) => {
          const batch = texts.slice(start, end);
          let owned: TfTensor[] = [];
          let inputs: TfInputs;
          let mask: Int32Array | undefined;
          if (prepare) {
            inputs = prepare(batch, tf);
            // Tensors made by prepare are ours to free once the batch is done.
            owned = isTensor(inputs) ? [inputs] : Array.isArray(inputs) ? inputs : Object.values(inputs);
          } else {
            const encoded = encodeBatch(batch, options, tokenizer!, maxLength);
            mask = encoded.mask;
            ({ inputs, owned } = toInputs(tf, model, encoded, batch.length, maxLength));
          }
          let outputs: TfTensor[] = [];
          try {
            outputs = await firstOutput(model, inputs, options.outputName);
            const out = outputs[0]!;
            return rowsOf(await out.data(), out.shape, batch.length, mask, options.normalize ?? false);
          } catch (e) {
            if (e instanceof EmbeddingError) throw e;
            throw new EmbeddingError("runtime", `tfjs: the model failed on inputs ${start}–${end - 1}: ${(e as Error).message}`, {
              cause: e,
            });
          } finally {
            for (const t of [...owned, ...outputs]) t.dispose();
          }
        },
        callOptions,
      );
      if (result.count > 0) dimension ??= result.dimension;
      return result;
    },
  };
}
