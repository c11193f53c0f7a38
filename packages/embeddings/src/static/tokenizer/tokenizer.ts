import * as z from "zod";
import { EmbeddingError } from "../../errors.js";
import { createNormalizer, type NormalizerSpec } from "./normalizers.js";
import { createPreTokenizer, type PreTokenizerSpec } from "./pre-tokenizers.js";
import { createUnigram } from "./unigram.js";
import { createWordPiece } from "./wordpiece.js";

/** A tokenizer reduced to what static embeddings need: text → vocabulary ids, no special tokens. */
export interface Tokenizer {
  /** Token ids of `text`, without [CLS]/[SEP]-style special tokens. */
  encode(text: string): number[];
  /** The id of the unknown token, if the vocabulary has one. */
  readonly unkId: number | undefined;
  /** Token → id. */
  readonly vocab: ReadonlyMap<string, number>;
}

const NORMALIZERS = [
  "BertNormalizer",
  "Lowercase",
  "NFC",
  "NFD",
  "NFKC",
  "NFKD",
  "StripAccents",
  "Strip",
  "Replace",
  "Prepend",
  "Precompiled",
  "Sequence",
];
const PRE_TOKENIZERS = ["BertPreTokenizer", "Whitespace", "WhitespaceSplit", "Punctuation", "Digits", "Metaspace", "Split", "Sequence"];

const wordPieceSchema = z
  .object({
    type: z.literal("WordPiece"),
    vocab: z.record(z.string(), z.number().int().nonnegative()),
    unk_token: z.string(),
    continuing_subword_prefix: z.string().nullish(),
    max_input_chars_per_word: z.number().int().positive().nullish(),
  })
  .loose();

const unigramSchema = z
  .object({
    type: z.literal("Unigram"),
    vocab: z.array(z.tuple([z.string(), z.number()])),
    unk_id: z.number().int().nonnegative().nullish(),
    byte_fallback: z.boolean().nullish(),
  })
  .loose();

const componentSchema = z.object({ type: z.string() }).loose();

const tokenizerJsonSchema = z
  .object({
    normalizer: componentSchema.nullish(),
    pre_tokenizer: componentSchema.nullish(),
    model: z.object({ type: z.string().optional() }).loose(),
  })
  .loose();

/** Throws unless every `type` in a (possibly nested `Sequence`) component is in `supported`. */
function checkTypes(component: unknown, supported: readonly string[], what: string, listKey: string): void {
  if (component === null || component === undefined) return;
  const c = component as { type?: unknown } & Record<string, unknown>;
  if (typeof c.type !== "string" || !supported.includes(c.type)) {
    throw new EmbeddingError(
      "model_format",
      `tokenizer.json: ${what} type ${JSON.stringify(c.type)} is not supported (supported: ${supported.join(", ")}).`,
    );
  }
  if (c.type === "Sequence") {
    const list = c[listKey];
    if (!Array.isArray(list)) throw new EmbeddingError("model_format", `tokenizer.json: a ${what} Sequence needs a "${listKey}" array.`);
    for (const inner of list) checkTypes(inner, supported, what, listKey);
  }
}

function zodMessage(error: z.ZodError, prefix: string): string {
  const issue = error.issues[0]!;
  return `tokenizer.json: ${[prefix, ...issue.path.map(String)].join(".")}: ${issue.message}`;
}

/**
 * Builds a {@link Tokenizer} from a Hugging Face tokenizer.json (parsed or as text). Supports the
 * subset static-embedding models use: WordPiece and Unigram models; BERT, Unicode, lower-casing,
 * accent-stripping, strip, replace and prepend normalizers; BERT, whitespace, punctuation, digit,
 * Metaspace and split pre-tokenizers, each alone or in a `Sequence`. Anything else (BPE,
 * ByteLevel, …) is a `model_format` error naming it. Added tokens are not split out of the text
 * first: Model2Vec encodes without special tokens, so they matter only for texts that contain
 * them literally.
 */
export function createTokenizer(json: unknown): Tokenizer {
  let value = json;
  if (typeof json === "string") {
    try {
      value = JSON.parse(json);
    } catch (e) {
      throw new EmbeddingError("model_format", `tokenizer.json is not valid JSON: ${(e as Error).message}`);
    }
  }
  const top = tokenizerJsonSchema.safeParse(value);
  if (!top.success) throw new EmbeddingError("model_format", zodMessage(top.error, "(top level)").replace(".(top level)", ""));
  const { normalizer, pre_tokenizer: preTokenizer, model } = top.data;
  checkTypes(normalizer, NORMALIZERS, "normalizer", "normalizers");
  checkTypes(preTokenizer, PRE_TOKENIZERS, "pre_tokenizer", "pretokenizers");

  let tokenizeWord: (word: string) => number[];
  let unkId: number | undefined;
  let vocab: ReadonlyMap<string, number>;
  if (model.type === "WordPiece") {
    const parsed = wordPieceSchema.safeParse(model);
    if (!parsed.success) throw new EmbeddingError("model_format", zodMessage(parsed.error, "model"));
    const { continuing_subword_prefix: prefix, max_input_chars_per_word: maxChars, ...rest } = parsed.data;
    ({
      tokenize: tokenizeWord,
      unkId,
      vocab,
    } = createWordPiece({
      ...rest,
      ...(prefix != null ? { continuing_subword_prefix: prefix } : {}),
      ...(maxChars != null ? { max_input_chars_per_word: maxChars } : {}),
    }));
  } else if (model.type === "Unigram") {
    const parsed = unigramSchema.safeParse(model);
    if (!parsed.success) throw new EmbeddingError("model_format", zodMessage(parsed.error, "model"));
    const { unk_id: unk, ...rest } = parsed.data;
    if (unk != null && unk >= rest.vocab.length)
      throw new EmbeddingError(
        "model_format",
        `tokenizer.json: model.unk_id ${unk} is outside the vocabulary (${rest.vocab.length} entries).`,
      );
    ({
      tokenize: tokenizeWord,
      unkId,
      vocab,
    } = createUnigram({ type: "Unigram", vocab: rest.vocab, ...(unk != null ? { unk_id: unk } : {}) }));
  } else {
    throw new EmbeddingError(
      "model_format",
      `tokenizer.json: model type ${JSON.stringify(model.type)} is not supported (supported: WordPiece, Unigram).`,
    );
  }

  let normalize: (t: string) => string;
  let preTokenize: (t: string) => string[];
  try {
    normalize = createNormalizer(normalizer as NormalizerSpec | null | undefined);
    preTokenize = createPreTokenizer(preTokenizer as PreTokenizerSpec | null | undefined);
  } catch (e) {
    // Invalid regular expressions (Oniguruma syntax JavaScript lacks) and missing fields land here.
    throw new EmbeddingError("model_format", `tokenizer.json: cannot build the normalizer / pre_tokenizer: ${(e as Error).message}`, {
      cause: e,
    });
  }
  return {
    unkId,
    vocab,
    encode: (text) => preTokenize(normalize(text)).flatMap(tokenizeWord),
  };
}
