import { scaleFeatures } from "@useralign/core";
import { loadTextDatasetFile, parsePool } from "@useralign/domains";
import { canEmbedImages, embeddingRows, type Embeddings } from "@useralign/embeddings";
import { UserAlignError } from "@useralign/core";
import { EMBEDDER_FLAGS, EMBEDDER_USAGE, embedderFromFlags, fittedEmbedderSettings } from "../embedding/embedder-flags.js";
import { parseTextsFile, type TextItem } from "../embedding/texts-file.js";
import { numberFlag, parseFlags, type FlagValues } from "../flags.js";
import { embedTextDataset } from "../embedding/text-dataset.js";
import type { CliIo } from "../io.js";
import { createProgressBar } from "../render/progress-bar.js";
import { UsageError } from "../usage-error.js";

/** `useralign embed --help`. */
export const EMBED_USAGE = `Usage: useralign embed --in FILE [--provider NAME] [options]
       useralign embed --dataset FILE --out FILE [--provider NAME] [options]

Embeds the texts of a JSON Lines file, one line per text: a JSON string or
{"text": "…", "id": "…", "image": "…"} (id and image optional). Prints one JSON line per text,
{"id", "text", "embedding"}, or with --question writes a pool file for "useralign choose".

With --dataset, reads a text dataset (useralign-text-dataset v1: questions, baselines,
candidates and persona descriptions; docs/datasets.md) and writes its features: rows scaled to
norm ½, persona θ* = S × the unit embedding of the description (the embedding judge's θ*), the
provider, model and this command recorded in the file. Weights the provider fits (IDF, common
components) are fitted once on all candidate texts.

Options:
  --in FILE            the texts ("-" reads stdin)
  --out FILE           write there instead of stdout
  --scale S            none, unit (every row to norm ½) or center (mean removed, radius ½);
                       default none, and unit with --question (pools need ‖φ − φ'‖ ≤ 1)
  --question Q         write a pool file (useralign-pool v1) with this question ...
  --baseline TEXT      ... and this plain baseline answer (required with --question)
  --images             embed each line's "image" (a path or URL) instead of its text; needs an
                       image provider (--provider transformers --kind clip)
  --dataset FILE       a text dataset to embed (instead of --in)
  --format F           with --dataset: dataset (default) or pool (a one-question dataset)
  --theta-norm S       with --dataset: ‖θ*‖ of the personas (default 3, the method's S)
  -h, --help           show this help

${EMBEDDER_USAGE}
`;

const EMBED_FLAG_TABLE = {
  in: { type: "string" },
  out: { type: "string" },
  scale: { type: "string" },
  question: { type: "string" },
  baseline: { type: "string" },
  images: { type: "boolean" },
  dataset: { type: "string" },
  format: { type: "string" },
  "theta-norm": { type: "string" },
  help: { type: "boolean", short: "h" },
  ...EMBEDDER_FLAGS,
} as const;

/** `useralign embed`: texts in, embeddings (or a pool file) out. */
export async function embedCommand(args: readonly string[], io: CliIo): Promise<number> {
  const flags = parseFlags("embed", args, EMBED_FLAG_TABLE);
  if (flags.help) {
    io.stdout(EMBED_USAGE);
    return 0;
  }
  if (flags.dataset !== undefined) return embedDataset(flags, args, io);
  for (const name of ["format", "theta-norm"] as const)
    if (flags[name] !== undefined) throw new UsageError(`--${name} goes with --dataset.`, "embed");
  if (flags.in === undefined) throw new UsageError("embed needs --in FILE (JSON Lines of texts).", "embed");
  if ((flags.question === undefined) !== (flags.baseline === undefined)) {
    throw new UsageError("--question and --baseline go together: a pool file needs both.", "embed");
  }
  const asPool = flags.question !== undefined;
  const scale = flags.scale ?? (asPool ? "unit" : "none");
  if (scale !== "none" && scale !== "unit" && scale !== "center")
    throw new UsageError(`--scale must be none, unit or center; got "${scale}".`, "embed");
  if (asPool && scale === "none")
    throw new UsageError("a pool needs scaled features: use --scale unit or center with --question.", "embed");

  const embedder = await embedderFromFlags("embed", flags, io);
  const source = flags.in === "-" ? "stdin" : flags.in;
  const items = parseTextsFile(flags.in === "-" ? await io.readStdin() : await io.readFile(flags.in), source);

  const bar = createProgressBar(io, `embedding (${embedder.provider})`);
  const started = performance.now();
  const progress = { onProgress: (p: { done: number; total: number }) => bar.update(p.done, p.total) };
  let embeddings: Embeddings;
  if (flags.images) {
    if (!canEmbedImages(embedder))
      throw new UsageError(`--images needs an image provider; --provider ${embedder.provider} embeds texts only.`, "embed");
    const missing = items.findIndex((i) => i.image === undefined);
    if (missing >= 0)
      throw new UserAlignError("invalid_input", `${source}: text ${missing + 1} (id "${items[missing]!.id}") has no "image" to embed.`);
    embeddings = await embedder.embedImages(
      items.map((i) => i.image!),
      progress,
    );
  } else {
    embeddings = await embedder.embedTexts(
      items.map((i) => i.text),
      progress,
    );
  }
  const seconds = (performance.now() - started) / 1000;
  const rows =
    scale === "none" ? embeddingRows(embeddings).map((r) => Array.from(r)) : scaleFeatures(embeddingRows(embeddings), { method: scale });

  const text = asPool ? poolText(items, rows, flags.question!, flags.baseline!) : jsonLines(items, rows);
  if (flags.out !== undefined) await io.writeFile(flags.out, text);
  else io.stdout(text);
  bar.finish(summary(embeddings, embedder.model, seconds, flags.out, flags.images ? "image" : "text"));
  return 0;
}

/** `useralign embed --dataset`: a text dataset in, a dataset (or pool) file with features out. */
async function embedDataset(flags: FlagValues<typeof EMBED_FLAG_TABLE>, args: readonly string[], io: CliIo): Promise<number> {
  for (const name of ["in", "question", "baseline", "scale", "images"] as const) {
    if (flags[name] !== undefined) throw new UsageError(`--${name} does not go with --dataset.`, "embed");
  }
  if (flags.out === undefined) throw new UsageError("--dataset needs --out FILE.", "embed");
  const output = flags.format ?? "dataset";
  if (output !== "dataset" && output !== "pool") throw new UsageError(`--format must be dataset or pool; got "${output}".`, "embed");
  const thetaNorm = numberFlag("embed", "theta-norm", flags["theta-norm"], Number.MIN_VALUE) ?? 3;
  const source = await loadTextDatasetFile(flags.dataset!, io.readFile);
  if (output === "pool" && source.questions.length !== 1)
    throw new UsageError(`--format pool needs a one-question dataset; ${flags.dataset} has ${source.questions.length}.`, "embed");
  const embedder = await embedderFromFlags("embed", flags, io, {
    fitTexts: source.questions.flatMap((q) => q.candidates.map((c) => c.text)),
  });
  const bar = createProgressBar(io, `embedding (${embedder.provider})`);
  const started = performance.now();
  const file = await embedTextDataset(source, embedder, {
    thetaNorm,
    output,
    command: ["useralign embed", ...args].join(" "),
    settings: fittedEmbedderSettings(flags),
    onProgress: (p) => bar.update(p.done, p.total),
  });
  await io.writeFile(flags.out, fileJson(file));
  const texts = source.questions.reduce((n, q) => n + q.candidates.length + 1, source.personas.length);
  bar.finish(
    `embedded ${texts} texts of ${flags.dataset} with ${embedder.model}, dimension ${embedder.dimension}, in ${((performance.now() - started) / 1000).toFixed(2)} s → ${flags.out}`,
  );
  return 0;
}

// Nine significant digits round-trip a float32 and keep the files half as long as full doubles.
const compact = (row: readonly number[]): number[] => row.map((v) => Number(v.toPrecision(9)));

function jsonLines(items: readonly TextItem[], rows: readonly number[][]): string {
  return items.map((item, i) => `${JSON.stringify({ ...item, embedding: compact(rows[i]!) })}\n`).join("");
}

function poolText(items: readonly TextItem[], rows: readonly number[][], question: string, baseline: string): string {
  const pool = {
    format: "useralign-pool",
    version: 1,
    question,
    baseline: { text: baseline },
    candidates: items.map((item, i) => ({ ...item, features: compact(rows[i]!) })),
  };
  // Checked before writing: a file this command writes always loads in `useralign choose`.
  parsePool(pool, "the pool being written");
  return fileJson(pool);
}

/** Indented for people, but each number vector on one line; numbers kept to float32 precision. */
function fileJson(value: object): string {
  const text = JSON.stringify(value, (_, v: unknown) => (typeof v === "number" && !Number.isInteger(v) ? Number(v.toPrecision(9)) : v), 2);
  return `${text.replace(/\[\s+(-?\d[^\]\[{}"]*?)\s+\]/g, (_, inner: string) => `[${inner.split(/,\s+/).join(", ")}]`)}\n`;
}

function summary(e: Embeddings, model: string, seconds: number, out: string | undefined, what: string): string {
  const where = out === undefined ? "" : ` → ${out}`;
  return `embedded ${e.count} ${what}${e.count === 1 ? "" : "s"} with ${model}, dimension ${e.dimension}, in ${seconds.toFixed(2)} s${where}`;
}
