import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadPoolFile } from "@useralign/domains";
import { createWordVectorEmbedder, embeddingRows, writeSafetensors } from "@useralign/embeddings";
import { loadStaticEmbedder, loadWordVectors } from "@useralign/embeddings/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./fake-io.js";

const TEXTS = [
  JSON.stringify({ id: "pw-1", text: "How do I reset my password?" }),
  JSON.stringify("I forgot my password, how can I reset it?"),
  "",
  JSON.stringify({ text: "The weather in Paris is sunny today.", image: "paris.png" }),
].join("\n");

interface Line {
  id: string;
  text: string;
  image?: string;
  embedding: number[];
}
const lines = (stdout: string): Line[] =>
  stdout
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as Line);
const norm = (v: number[]): number => Math.hypot(...v);

describe("useralign embed", () => {
  it("prints one JSON line per text with the hashing provider by default", async () => {
    const r = await runCli(["embed", "--in", "texts.jsonl", "--dimension", "32"], { files: { "texts.jsonl": TEXTS } });
    expect(r.stderr).toMatch(/^embedded 3 texts with hashing-d32-n2-seed0-idf-batch, dimension 32, in \d+\.\d\d s\n$/);
    expect(r.code).toBe(0);
    const out = lines(r.stdout);
    expect(out.map((l) => l.id)).toEqual(["pw-1", "t2", "t3"]);
    expect(out[2]!.image).toBe("paris.png");
    for (const l of out) {
      expect(l.embedding).toHaveLength(32);
      expect(norm(l.embedding)).toBeCloseTo(1, 5);
    }
  });

  it("is deterministic, and --seed changes the projection", async () => {
    const files = { "texts.jsonl": TEXTS };
    const a = await runCli(["embed", "--in", "texts.jsonl"], { files });
    const b = await runCli(["embed", "--in", "texts.jsonl"], { files });
    const c = await runCli(["embed", "--in", "texts.jsonl", "--seed", "1"], { files });
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout).not.toBe(c.stdout);
  });

  it("--scale unit gives rows of norm ½, read from stdin", async () => {
    const r = await runCli(["embed", "--in", "-", "--scale", "unit", "--dimension", "16"], { stdin: TEXTS });
    expect(r.code).toBe(0);
    for (const l of lines(r.stdout)) expect(norm(l.embedding)).toBeCloseTo(0.5, 6);
  });

  it("--question writes a pool file that loads as a pool", async () => {
    const r = await runCli(
      [
        "embed",
        "--in",
        "texts.jsonl",
        "--question",
        "How do I get back into my account?",
        "--baseline",
        "Use the reset link.",
        "--out",
        "pool.json",
      ],
      {
        files: { "texts.jsonl": TEXTS },
      },
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/→ pool\.json\n$/);
    const pool = await loadPoolFile("pool.json", async (p) => r.files[p]!);
    expect(pool.candidates.map((c) => c.id)).toEqual(["pw-1", "t2", "t3"]);
    expect(pool.candidates[2]!.image).toBe("paris.png");
    for (const c of pool.candidates) expect(norm(c.features)).toBeCloseTo(0.5, 6);
    // One feature vector per line keeps the file readable.
    expect(r.files["pool.json"]!.split("\n").filter((l) => l.includes('"features"'))).toHaveLength(3);
  });

  it("names the line of a bad input", async () => {
    const bad = async (content: string) => (await runCli(["embed", "--in", "t.jsonl"], { files: { "t.jsonl": content } })).stderr;
    expect(await bad('"ok"\n{"text": 3}')).toBe("useralign: t.jsonl, line 2: text: Invalid input: expected string, received number\n");
    expect(await bad('"ok"\nnot json')).toBe('useralign: t.jsonl, line 2: not JSON (each line is a JSON string or {"text": "…"})\n');
    expect(await bad('{"id": "a", "text": "x"}\n{"id": "a", "text": "y"}')).toBe(
      'useralign: t.jsonl, line 2: id "a" is already used on line 1\n',
    );
    expect(await bad('"  "')).toBe("useralign: t.jsonl, line 1: the text is empty\n");
    expect(await bad("\n\n")).toBe("useralign: t.jsonl has no texts.\n");
    expect(await bad("[1, 2]")).toBe('useralign: t.jsonl, line 1: expected a JSON string or an object {"text": "…"}\n');
  });

  it("rejects flag combinations that cannot work, with exit code 2", async () => {
    const files = { "t.jsonl": TEXTS };
    const cases: [string[], RegExp][] = [
      [[], /embed needs --in FILE/],
      [["--in", "t.jsonl", "--question", "Q"], /--question and --baseline go together/],
      [["--in", "t.jsonl", "--scale", "big"], /--scale must be none, unit or center; got "big"/],
      [["--in", "t.jsonl", "--question", "Q", "--baseline", "B", "--scale", "none"], /a pool needs scaled features/],
      [["--in", "t.jsonl", "--provider", "magic"], /--provider must be one of hashing, .*; got "magic"/],
      [["--in", "t.jsonl", "--provider", "openai"], /--provider openai needs --model NAME/],
      [["--in", "t.jsonl", "--base-url", "http://x"], /--base-url does not apply to --provider hashing/],
      [["--in", "t.jsonl", "--dimension", "0"], /--dimension must be at least 1/],
      [["--in", "t.jsonl", "--provider", "static"], /--provider static needs --model FOLDER/],
      [
        ["--in", "t.jsonl", "--provider", "tfjs", "--model", "m", "--backend", "gpu"],
        /--backend must be wasm, cpu or tensorflow; got "gpu"/,
      ],
      [["--in", "t.jsonl", "--provider", "transformers", "--model", "m", "--kind", "audio"], /--kind must be text or clip/],
      [["--in", "t.jsonl", "--provider", "static", "--model", "m", "--seed", "1"], /--seed does not apply to --provider static/],
      [["--in", "t.jsonl", "--images"], /--images needs an image provider; --provider hashing embeds texts only/],
    ];
    for (const [args, message] of cases) {
      const r = await runCli(["embed", ...args], { files });
      expect(r.stderr, args.join(" ")).toMatch(message);
      expect(r.code).toBe(2);
    }
  });

  it("prints its help", async () => {
    const r = await runCli(["embed", "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: useralign embed --in FILE/);
    expect(r.stdout).toContain("--provider NAME");
  });
});

describe("useralign embed --provider openai", () => {
  let server: Server;
  let url: string;
  let seen: { auth: string | undefined; model: string }[] = [];
  let failNext = 0;

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString()));
      req.on("end", () => {
        const parsed = JSON.parse(body) as { model: string; input: string[] };
        seen.push({ auth: req.headers.authorization, model: parsed.model });
        if (failNext > 0) {
          failNext--;
          res.writeHead(503, { "content-type": "application/json", "retry-after": "0" });
          return res.end(JSON.stringify({ error: { message: "warming up" } }));
        }
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ data: parsed.input.map((t, index) => ({ index, embedding: [t.length, 1, 0] })) }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it("reads the base URL and key from the environment and retries a 503", async () => {
    seen = [];
    failNext = 1;
    const r = await runCli(["embed", "--in", "t.jsonl", "--provider", "openai", "--model", "tiny"], {
      files: { "t.jsonl": '"abc"\n"de"' },
      env: { OPENAI_BASE_URL: url, OPENAI_API_KEY: "sk-local" },
    });
    expect(r.stderr).toMatch(/^embedded 2 texts with tiny, dimension 3/);
    expect(lines(r.stdout).map((l) => l.embedding)).toEqual([
      [3, 1, 0],
      [2, 1, 0],
    ]);
    expect(seen).toEqual([
      { auth: "Bearer sk-local", model: "tiny" },
      { auth: "Bearer sk-local", model: "tiny" },
    ]);
  });

  it("exits 1 with the server's message when the dimension is wrong", async () => {
    const r = await runCli(["embed", "--in", "t.jsonl", "--provider", "openai", "--model", "tiny", "--base-url", url, "--dimension", "4"], {
      files: { "t.jsonl": '"abc"' },
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("useralign: openai: the embedding of input 0 has 3 numbers; expected 4.\n");
  });
});

describe("useralign embed with local model folders", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "useralign-cli-static-"));
    const vocab = ["[UNK]", "how", "reset", "password", "weather", "paris", "sunny"];
    const d = 3;
    await writeFile(
      join(dir, "tokenizer.json"),
      JSON.stringify({
        normalizer: { type: "BertNormalizer", lowercase: true },
        pre_tokenizer: { type: "BertPreTokenizer" },
        model: { type: "WordPiece", unk_token: "[UNK]", vocab: Object.fromEntries(vocab.map((t, i) => [t, i])) },
      }),
    );
    const table = vocab.flatMap((_, i) => [Math.sin(i + 1), Math.cos(i + 1), i / 7]);
    await writeFile(
      join(dir, "model.safetensors"),
      writeSafetensors([{ name: "embeddings", dtype: "F32", shape: [vocab.length, d], values: table }]),
    );
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("--provider static embeds with the model folder, as the library does", async () => {
    const r = await runCli(["embed", "--in", "t.jsonl", "--provider", "static", "--model", dir], { files: { "t.jsonl": TEXTS } });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^embedded 3 texts with useralign-cli-static-\w+, dimension 3/);
    const direct = await (await loadStaticEmbedder(dir)).embedTexts(lines(r.stdout).map((l) => l.text));
    const printed = lines(r.stdout).map((l) => l.embedding);
    embeddingRows(direct).forEach((row, i) => row.forEach((v, k) => expect(printed[i]![k]).toBeCloseTo(v, 6)));
  });

  it("a missing model folder exits 2 naming the file", async () => {
    const r = await runCli(["embed", "--in", "t.jsonl", "--provider", "static", "--model", join(dir, "nope")], {
      files: { "t.jsonl": TEXTS },
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^useralign: Cannot read .*nope\/tokenizer.json \(the tokenizer\): no such file\.\n$/);
  });

  it("--provider tfjs runs a graph model folder on the cpu backend", async () => {
    // ids → Gather(table) → [batch, tokens, 2], mean-pooled over the real tokens by the provider.
    const tf = join(dir, "tfjs");
    const vocab = ["[UNK]", "how", "reset", "password", "weather", "paris", "sunny"];
    const table = vocab.flatMap((_, i) => [i, 10 - i]);
    const dims = (...sizes: number[]) => ({ dim: sizes.map((size) => ({ size: String(size) })) });
    const graph = {
      format: "graph-model",
      modelTopology: {
        node: [
          { name: "ids", op: "Placeholder", attr: { dtype: { type: "DT_INT32" }, shape: { shape: dims(-1, 4) } } },
          {
            name: "table",
            op: "Const",
            attr: { value: { tensor: { dtype: "DT_FLOAT", tensorShape: dims(vocab.length, 2) } }, dtype: { type: "DT_FLOAT" } },
          },
          { name: "axis", op: "Const", attr: { value: { tensor: { dtype: "DT_INT32", tensorShape: {} } }, dtype: { type: "DT_INT32" } } },
          {
            name: "out",
            op: "GatherV2",
            input: ["table", "ids", "axis"],
            attr: { Tindices: { type: "DT_INT32" }, Tparams: { type: "DT_FLOAT" }, Taxis: { type: "DT_INT32" } },
          },
        ],
        versions: { producer: 1 },
      },
      weightsManifest: [
        {
          paths: ["w.bin"],
          weights: [
            { name: "table", shape: [vocab.length, 2], dtype: "float32" },
            { name: "axis", shape: [], dtype: "int32" },
          ],
        },
      ],
    };
    const weights = Buffer.alloc(table.length * 4 + 4);
    table.forEach((v, i) => weights.writeFloatLE(v, i * 4));
    await mkdir(tf, { recursive: true });
    await writeFile(join(tf, "model.json"), JSON.stringify(graph));
    await writeFile(join(tf, "w.bin"), weights);
    await writeFile(join(tf, "tokenizer.json"), await readFile(join(dir, "tokenizer.json"), "utf8"));
    const r = await runCli(["embed", "--in", "t.jsonl", "--provider", "tfjs", "--model", tf, "--backend", "cpu", "--max-length", "4"], {
      files: { "t.jsonl": '"How reset password"\n"sunny Paris"' },
    });
    expect(r.stderr).toMatch(/^embedded 2 texts with tfjs, dimension 2/);
    // Means of rows (i, 10 − i): how=1, reset=2, password=3 → (2, 8); sunny=6, paris=5 → (5.5, 4.5).
    expect(lines(r.stdout).map((l) => l.embedding)).toEqual([
      [2, 8],
      [5.5, 4.5],
    ]);
  });

  it("--provider word-vectors embeds with a GloVe text file, as the library does", async () => {
    const glove = join(dir, "glove.txt");
    const words = ["how", "do", "i", "reset", "my", "password", "the", "weather", "in", "paris", "is", "sunny", "today"];
    await writeFile(
      glove,
      words.map((w, i) => `${w} ${Math.sin(i + 1).toFixed(5)} ${Math.cos(i * 2).toFixed(5)} ${(i / 9).toFixed(5)} 0.25`).join("\n"),
    );
    const r = await runCli(
      ["embed", "--in", "t.jsonl", "--provider", "word-vectors", "--model", glove, "--weighting", "none", "--components", "0"],
      { files: { "t.jsonl": TEXTS } },
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^embedded 3 texts with glove\+none\+pc0\+fit\(batch\), dimension 4/);
    const direct = await createWordVectorEmbedder(await loadWordVectors(glove), { weighting: "none", removeComponents: 0 }).embedTexts(
      lines(r.stdout).map((l) => l.text),
    );
    const printed = lines(r.stdout).map((l) => l.embedding);
    embeddingRows(direct).forEach((row, i) => row.forEach((v, k) => expect(printed[i]![k]).toBeCloseTo(v, 6)));
    const bad = await runCli(["embed", "--in", "t.jsonl", "--provider", "word-vectors", "--model", glove, "--weighting", "tf"], {
      files: { "t.jsonl": TEXTS },
    });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--weighting must be sif, idf or none; got "tf"/);
    const wrong = await runCli(["embed", "--in", "t.jsonl", "--provider", "hashing", "--weighting", "sif"], {
      files: { "t.jsonl": TEXTS },
    });
    expect(wrong.stderr).toMatch(/--weighting does not apply to --provider hashing/);
  });

  it("--dataset writes a dataset (or a one-question pool) with features, persona θ* and the embedder recorded", async () => {
    const glove = join(dir, "glove-ds.txt");
    const words = ["cheap", "pasta", "fancy", "lobster", "quick", "salad", "student", "budget", "luxury", "dinner", "rich"];
    await writeFile(
      glove,
      words.map((w, i) => `${w} ${Math.sin(i + 1).toFixed(5)} ${Math.cos(i * 3).toFixed(5)} ${((i % 4) / 3).toFixed(5)}`).join("\n"),
    );
    const source = {
      format: "useralign-text-dataset",
      version: 1,
      name: "tiny",
      personas: [
        { name: "saver", description: "student on a budget" },
        { name: "spender", description: "luxury rich dinner" },
      ],
      questions: [
        {
          id: "q",
          question: "Dinner?",
          baseline: { text: "pasta" },
          candidates: [
            { id: "a", text: "cheap pasta" },
            { id: "b", text: "fancy lobster" },
            { id: "c", text: "quick salad" },
          ],
        },
      ],
    };
    const files = { "src.json": JSON.stringify(source) };
    const args = [
      "embed",
      "--dataset",
      "src.json",
      "--out",
      "ds.json",
      "--provider",
      "word-vectors",
      "--model",
      glove,
      "--components",
      "0",
      "--theta-norm",
      "2",
    ];
    const r = await runCli(args, { files });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/embedded 6 texts of src\.json with glove-ds\+sif\(a=0\.001\)\+pc0\+fit\(3\), dimension 3/);
    const ds = JSON.parse(r.files["ds.json"]!);
    expect(ds.embedding).toEqual({
      provider: "word-vectors",
      model: "glove-ds+sif(a=0.001)+pc0+fit(3)",
      scale: "unit",
      thetaNorm: 2,
      settings: { vectors: glove, weighting: "sif", removeComponents: 0, fit: "candidates" },
      command: `useralign ${args.join(" ")}`,
    });
    // Features are the embedder's unit vectors × ½; θ* is 2 × the description's unit vector.
    const embedder = createWordVectorEmbedder(await loadWordVectors(glove), {
      removeComponents: 0,
      fitTexts: ["cheap pasta", "fancy lobster", "quick salad"],
    });
    const e = embeddingRows(await embedder.embedTexts(["fancy lobster", "luxury rich dinner"]));
    e[0]!.forEach((v, k) => expect(ds.questions[0].candidates[1].features[k]).toBeCloseTo(0.5 * v, 6));
    e[1]!.forEach((v, k) => expect(ds.personas[1].theta[k]).toBeCloseTo(2 * v, 6));
    expect(ds.questions[0].baseline.features).toHaveLength(3);

    const pool = await runCli([...args.slice(0, 4), "pool.json", ...args.slice(5), "--format", "pool"], { files });
    expect(pool.code).toBe(0);
    expect(JSON.parse(pool.files["pool.json"]!)).toMatchObject({
      format: "useralign-pool",
      question: "Dinner?",
      personas: [{ name: "saver" }, { name: "spender" }],
    });
    const two = { ...source, questions: [source.questions[0], { ...source.questions[0], id: "q2" }] };
    const bad = await runCli([...args, "--format", "pool"], { files: { "src.json": JSON.stringify(two) } });
    expect(bad.stderr).toMatch(/--format pool needs a one-question dataset; src\.json has 2/);
    const broken = await runCli(args, { files: { "src.json": JSON.stringify({ ...source, personas: [] }) } });
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/personas: a text dataset needs at least 1 persona/);
    expect((await runCli(["embed", "--dataset", "src.json", "--out", "x", "--in", "t.jsonl"], { files })).stderr).toMatch(
      /--in does not go with --dataset/,
    );
  });

  it("--provider transformers says the optional package is missing (exit 1)", async () => {
    const r = await runCli(["embed", "--in", "t.jsonl", "--provider", "transformers", "--model", dir], { files: { "t.jsonl": TEXTS } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^useralign: transformers: @huggingface\/transformers is not installed\./);
  });
});
