import { describe, expect, it } from "vitest";
import { isEmbeddingError } from "../../errors.js";
import { splitBy } from "./pre-tokenizers.js";
import { createTokenizer } from "./tokenizer.js";

const bertVocab = [
  "[PAD]",
  "[UNK]",
  "[CLS]",
  "[SEP]",
  "un",
  "##aff",
  "##able",
  "cat",
  "##s",
  "!",
  ",",
  "hello",
  "world",
  "café",
  "cafe",
  "中",
  "a",
  "##b",
];
const bert = (overrides: object = {}) =>
  createTokenizer({
    version: "1.0",
    added_tokens: [{ id: 1, content: "[UNK]", special: true }],
    normalizer: { type: "BertNormalizer", clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: "BertPreTokenizer" },
    post_processor: { type: "TemplateProcessing" },
    model: {
      type: "WordPiece",
      unk_token: "[UNK]",
      continuing_subword_prefix: "##",
      max_input_chars_per_word: 100,
      vocab: Object.fromEntries(bertVocab.map((t, i) => [t, i])),
    },
    ...overrides,
  });
const tokens = (ids: number[], vocab: readonly string[]) => ids.map((i) => vocab[i]);

describe("WordPiece with the BERT normalizer and pre-tokenizer", () => {
  it("splits words greedily into the longest pieces", () => {
    expect(tokens(bert().encode("Unaffable CATS!"), bertVocab)).toEqual(["un", "##aff", "##able", "cat", "##s", "!"]);
  });

  it("lower-cases, strips accents (strip_accents null follows lowercase) and isolates CJK", () => {
    expect(tokens(bert().encode("Hello,\tWORLD\u0000 Café中"), bertVocab)).toEqual(["hello", ",", "world", "cafe", "中"]);
  });

  it("maps a word with an uncoverable rest to a single [UNK]", () => {
    expect(tokens(bert().encode("catz hello"), bertVocab)).toEqual(["[UNK]", "hello"]);
    const t = bert();
    expect(t.unkId).toBe(1);
  });

  it("keeps accents when strip_accents is false", () => {
    const t = bert({ normalizer: { type: "BertNormalizer", lowercase: true, strip_accents: false } });
    expect(tokens(t.encode("CAFÉ"), bertVocab)).toEqual(["café"]);
  });

  it("sends words longer than max_input_chars_per_word to [UNK]", () => {
    const t = createTokenizer({
      normalizer: null,
      pre_tokenizer: { type: "WhitespaceSplit" },
      model: { type: "WordPiece", unk_token: "[UNK]", max_input_chars_per_word: 3, vocab: { "[UNK]": 0, a: 1, "##b": 2 } },
    });
    expect(t.encode("ab abbb")).toEqual([1, 2, 0]);
  });
});

describe("Unigram with Metaspace", () => {
  const vocab: [string, number][] = [
    ["<unk>", 0],
    ["▁", -2],
    ["▁the", -1],
    ["▁th", -3],
    ["e", -3],
    ["▁cat", -1.5],
    ["c", -4],
    ["a", -4],
    ["t", -4],
    ["s", -2.5],
    ["▁cats", -5],
  ];
  const unigram = createTokenizer({
    normalizer: { type: "Sequence", normalizers: [{ type: "NFKC" }, { type: "Lowercase" }] },
    pre_tokenizer: { type: "Metaspace", replacement: "▁", prepend_scheme: "always", split: true },
    model: { type: "Unigram", unk_id: 0, vocab },
  });
  const words = vocab.map(([t]) => t);

  it("picks the segmentation with the highest total score", () => {
    // "▁cats": whole piece −5 loses to "▁cat" + "s" = −4.
    expect(tokens(unigram.encode("The CATS"), words)).toEqual(["▁the", "▁cat", "s"]);
  });

  it("fuses consecutive unknown characters into one <unk>", () => {
    expect(tokens(unigram.encode("the xyz cat"), words)).toEqual(["▁the", "▁", "<unk>", "▁cat"]);
  });

  it("follows the older add_prefix_space spelling", () => {
    const noPrefix = createTokenizer({
      pre_tokenizer: { type: "Metaspace", replacement: "▁", add_prefix_space: false },
      model: { type: "Unigram", unk_id: 0, vocab },
    });
    expect(tokens(noPrefix.encode("cat"), words)).toEqual(["c", "a", "t"]);
  });
});

describe("the tokenizer newer Model2Vec versions write", () => {
  // Model2Vec ≥ 0.5 turns every tokenizer into Unigram: the base normalizer, then each ASCII
  // punctuation mark padded with spaces, runs of whitespace collapsed, the right end stripped; a
  // Metaspace pre-tokenizer that does not split (so multiword tokens can match); and scores
  // log(weight / Σ weight) with weight = length (+1 for a leading ▁), preferring long tokens.
  const pieces = ["[UNK]", "▁the", "▁cat", "s", "▁,", "▁sat", "▁the▁cat", "▁", "t", "h", "e", "a", "c"];
  const weights = pieces.map((t) => t.length + (t.startsWith("▁") ? 1 : 0));
  const total = weights.reduce((a, b) => a + b, 0);
  const punctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
  const tokenizer = createTokenizer({
    normalizer: {
      type: "Sequence",
      normalizers: [
        { type: "BertNormalizer", clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
        ...Array.from(punctuation, (ch) => ({ type: "Replace", pattern: { String: ch }, content: ` ${ch} ` })),
        { type: "Replace", pattern: { Regex: "\\s+" }, content: " " },
        { type: "Strip", strip_left: false, strip_right: true },
      ],
    },
    pre_tokenizer: { type: "Metaspace", replacement: "▁", prepend_scheme: "always", split: false },
    model: { type: "Unigram", unk_id: 0, vocab: pieces.map((t, i) => [t, Math.log(weights[i]! / total)]), byte_fallback: false },
  });

  it("matches multiword tokens across the whole text", () => {
    expect(tokens(tokenizer.encode("The cats, sat  "), pieces)).toEqual(["▁the▁cat", "s", "▁,", "▁sat"]);
  });

  it("falls back to pieces and to one <unk> per unknown run", () => {
    expect(tokens(tokenizer.encode("cat the xq"), pieces)).toEqual(["▁cat", "▁the", "▁", "[UNK]"]);
  });
});

describe("splitBy", () => {
  const digits = /\d+/g;
  it("implements each delimiter behaviour", () => {
    expect(splitBy("ab12cd3", digits, "Removed")).toEqual(["ab", "cd"]);
    expect(splitBy("ab12cd3", digits, "Isolated")).toEqual(["ab", "12", "cd", "3"]);
    expect(splitBy("ab12cd3", digits, "MergedWithPrevious")).toEqual(["ab12", "cd3"]);
    expect(splitBy("1ab2cd", digits, "MergedWithNext")).toEqual(["1ab", "2cd"]);
    expect(splitBy("a..b", /\./g, "Contiguous")).toEqual(["a", "..", "b"]);
  });
});

describe("createTokenizer errors", () => {
  const reason = (json: unknown): string => {
    try {
      createTokenizer(json);
    } catch (e) {
      if (isEmbeddingError(e, "model_format")) return e.message;
      throw e;
    }
    return "no error";
  };
  it("names unsupported components and bad fields", () => {
    expect(reason("{nope")).toMatch(/^tokenizer.json is not valid JSON/);
    expect(reason({ model: { type: "BPE", vocab: {}, merges: [] } })).toBe(
      'tokenizer.json: model type "BPE" is not supported (supported: WordPiece, Unigram).',
    );
    expect(
      reason({
        pre_tokenizer: { type: "Sequence", pretokenizers: [{ type: "ByteLevel" }] },
        model: { type: "WordPiece", unk_token: "x", vocab: {} },
      }),
    ).toMatch(/^tokenizer.json: pre_tokenizer type "ByteLevel" is not supported/);
    expect(reason({ model: { type: "WordPiece", unk_token: "x", vocab: { a: "zero" } } })).toMatch(/^tokenizer.json: model.vocab.a: /);
    expect(reason({ model: { type: "Unigram", unk_id: 5, vocab: [["a", 0]] } })).toBe(
      "tokenizer.json: model.unk_id 5 is outside the vocabulary (1 entries).",
    );
    expect(
      reason({
        pre_tokenizer: { type: "Split", pattern: { Regex: "(?<x" }, behavior: "Isolated" },
        model: { type: "WordPiece", unk_token: "x", vocab: {} },
      }),
    ).toMatch(/^tokenizer.json: cannot build the normalizer \/ pre_tokenizer: Invalid regular expression/);
  });
});
