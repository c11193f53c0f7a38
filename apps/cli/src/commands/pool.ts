import { scaleFeatures } from "@useralign/core";
import { parsePool, type PoolFile } from "@useralign/domains";
import { embeddingRows } from "@useralign/embeddings";
import { generatePool, type GeneratedCandidate } from "@useralign/llm";
import { EMBEDDER_FLAGS, EMBEDDER_USAGE, embedderFromFlags, type EmbedderFlagValues } from "../embedding/embedder-flags.js";
import { intFlag, parseFlags } from "../flags.js";
import type { CliIo } from "../io.js";
import { CHAT_FLAGS, CHAT_USAGE, chatClientFromFlags } from "../llm/chat-flags.js";
import { createProgressBar } from "../render/progress-bar.js";
import { UsageError } from "../usage-error.js";

// The embedder's flags, renamed --embed-<name> so they do not collide with the chat model's.
const EMBED_FLAGS = Object.fromEntries(
  Object.entries(EMBEDDER_FLAGS)
    .filter(([name]) => name !== "provider")
    .map(([name, spec]) => [`embed-${name}`, spec]),
) as { [K in Exclude<keyof typeof EMBEDDER_FLAGS, "provider"> as `embed-${K}`]: (typeof EMBEDDER_FLAGS)[K] };

/** `useralign pool --help`. */
export const POOL_USAGE = `Usage: useralign pool --question TEXT --out FILE [options]

Generates a pool of candidate answers with a chat model (paper, Appendix D.1): the baseline at
temperature 0, half the pool sampled at 0.5 from the question alone, and half written one per
interest, after asking the model for diverse interests at 0.8. Exact repeats are replaced. Then
embeds the candidates, scales them so ‖φ(y) − φ(y')‖ ≤ 1, and writes a pool file for
"useralign choose --pool FILE".

Options:
  --question TEXT      what the person asks
  --n N                pool size (default 20)
  --out FILE           where to write the pool file
  --interests K        candidates written per interest (default N/2; 0 = all plain samples)
  --seed N             seed of the first sample; sample k uses seed + k (default 0)
  --max-tokens N       max_tokens of each answer (default: the server's)
  --scale unit|center  feature scaling (default unit: each row to norm ½)
  --json               print a summary as JSON on stdout
  -h, --help           show this help

${CHAT_USAGE}

${prefixedEmbedderUsage()}
                           (--embed-base-url defaults to --base-url for --provider openai)
`;

/**
 * The embedder's help with its flags renamed --embed-<name>, re-aligned: the shared help puts
 * descriptions at column 23, and the prefix needs 6 more columns.
 */
function prefixedEmbedderUsage(): string {
  const [title, ...lines] = EMBEDDER_USAGE.split("\n");
  const body = lines.map((line) => {
    const option = /^ {2}(--\S+(?: \S+)?)\s+(.*)$/.exec(line);
    if (!option) return `    ${line}`;
    const flag = option[1]!.startsWith("--provider") ? option[1]! : option[1]!.replace(/^--/, "--embed-");
    return `  ${flag.padEnd(25)}${option[2]}`;
  });
  return [title!.replace(":", ' (flags as in "useralign embed", prefixed --embed-):'), ...body].join("\n");
}

/** `useralign pool`: generate, embed and scale a candidate pool; write a useralign-pool v1 file. */
export async function poolCommand(args: readonly string[], io: CliIo): Promise<number> {
  const flags = parseFlags("pool", args, {
    question: { type: "string" },
    n: { type: "string" },
    out: { type: "string" },
    interests: { type: "string" },
    seed: { type: "string" },
    "max-tokens": { type: "string" },
    scale: { type: "string" },
    json: { type: "boolean" },
    help: { type: "boolean", short: "h" },
    provider: { type: "string" },
    ...CHAT_FLAGS,
    ...EMBED_FLAGS,
  });
  if (flags.help) {
    io.stdout(POOL_USAGE);
    return 0;
  }
  if (flags.question === undefined || flags.question.trim() === "") throw new UsageError("pool needs --question TEXT.", "pool");
  if (flags.out === undefined) throw new UsageError("pool needs --out FILE.", "pool");
  const n = intFlag("pool", "n", flags.n, 2) ?? 20;
  const interestCount = intFlag("pool", "interests", flags.interests, 0);
  if (interestCount !== undefined && interestCount > n)
    throw new UsageError(`--interests must be at most --n (${n}); got ${interestCount}.`, "pool");
  const seed = intFlag("pool", "seed", flags.seed, 0);
  const maxTokens = intFlag("pool", "max-tokens", flags["max-tokens"], 1);
  const scale = flags.scale ?? "unit";
  if (scale !== "unit" && scale !== "center") throw new UsageError(`--scale must be unit or center; got "${scale}".`, "pool");

  // Build both ends first, so a bad embedding flag fails before any chat request is paid for.
  const client = chatClientFromFlags("pool", flags, io);
  const embedder = await embedderFromFlags("pool", embedderFlags(flags), io);

  const generating = createProgressBar(io, "Generating");
  const generated = await generatePool({
    client,
    question: flags.question,
    n,
    ...(interestCount === undefined ? {} : { interestCount }),
    ...(seed === undefined ? {} : { seed }),
    ...(maxTokens === undefined ? {} : { maxTokens }),
    onProgress: (p) => generating.update(p.done, p.total),
  });
  const stats = client.stats();
  generating.finish(
    `Generated ${generated.candidates.length} candidates with ${stats.calls} chat calls (${stats.cacheHits} from the cache, ${stats.requests} requests).`,
  );
  if (generated.duplicatesDropped > 0)
    io.stderr(`Replaced ${generated.duplicatesDropped} exact repeat${generated.duplicatesDropped === 1 ? "" : "s"}.\n`);
  if (generated.shortfall > 0)
    io.stderr(`Warning: the model kept repeating itself; the pool has ${generated.candidates.length} of ${n} candidates.\n`);

  const embedding = createProgressBar(io, "Embedding");
  const texts = generated.candidates.map((c) => c.text);
  const embeddings = await embedder.embedTexts(texts, { onProgress: (p) => embedding.update(p.done, p.total) });
  embedding.finish(`Embedded ${embeddings.count} candidates with ${embedder.provider} (${embedder.model}), d = ${embeddings.dimension}.`);
  const features = scaleFeatures(embeddingRows(embeddings), { method: scale });

  const pool: PoolFile = parsePool(
    {
      format: "useralign-pool",
      version: 1,
      question: generated.question,
      baseline: { text: generated.baseline },
      candidates: generated.candidates.map((c, j) => ({
        id: candidateId(c, generated.candidates, j),
        text: c.text,
        features: features[j]!,
      })),
    },
    "the generated pool",
  );
  await io.writeFile(flags.out, `${JSON.stringify(pool)}\n`);
  io.stderr(`Wrote ${flags.out}. Next: useralign choose --pool ${flags.out}\n`);
  if (flags.json) {
    const summary = {
      out: flags.out,
      candidates: pool.candidates.length,
      dimension: embeddings.dimension,
      interests: generated.interests,
      duplicatesDropped: generated.duplicatesDropped,
      shortfall: generated.shortfall,
      chat: stats,
      embedder: { provider: embedder.provider, model: embedder.model },
    };
    io.stdout(`${JSON.stringify(summary)}\n`);
  }
  return 0;
}

/** `plain-3`, `interest-2`: ids that say where a candidate came from, numbered per kind. */
function candidateId(c: GeneratedCandidate, all: readonly GeneratedCandidate[], j: number): string {
  const rank = all.slice(0, j + 1).filter((o) => o.origin === c.origin).length;
  return `${c.origin}-${rank}`;
}

/** Maps `--provider` and the `--embed-*` flags back to the names `embedderFromFlags` reads. */
function embedderFlags(flags: Record<string, string | boolean | undefined>): EmbedderFlagValues {
  const out: Record<string, string> = {};
  for (const name of Object.keys(EMBEDDER_FLAGS)) {
    const value = name === "provider" ? flags["provider"] : flags[`embed-${name}`];
    if (typeof value === "string") out[name] = value;
  }
  // A local server usually serves embeddings too: HTTP providers default to the chat base URL.
  if (out["provider"] === "openai" && out["base-url"] === undefined && typeof flags["base-url"] === "string")
    out["base-url"] = flags["base-url"];
  return out as EmbedderFlagValues;
}
