import { createChatClient, type ChatClient } from "@useralign/llm";
import { createFileCache } from "@useralign/llm/node";
import { intFlag } from "../flags.js";
import type { CliIo } from "../io.js";
import { UsageError } from "../usage-error.js";

/** The `parseArgs` options table of commands that talk to a chat model (`pool`). */
export const CHAT_FLAGS = {
  model: { type: "string" },
  "base-url": { type: "string" },
  concurrency: { type: "string" },
  timeout: { type: "string" },
  retries: { type: "string" },
  cache: { type: "string" },
} as const;

/** The values of {@link CHAT_FLAGS} after parsing. */
export type ChatFlagValues = { [K in keyof typeof CHAT_FLAGS]?: string | undefined };

/** Help text for {@link CHAT_FLAGS}. */
export const CHAT_USAGE = `Chat model (any OpenAI-compatible /v1/chat/completions server):
  --model M            model name (default $USERALIGN_LLM_MODEL)
  --base-url URL       API root incl. /v1, e.g. http://127.0.0.1:8080/v1 (llama.cpp),
                       http://127.0.0.1:11434/v1 (Ollama), http://127.0.0.1:8000/v1 (vLLM)
                       (default $OPENAI_BASE_URL, else https://api.openai.com/v1;
                       the key is read from $OPENAI_API_KEY)
  --concurrency N      chat requests in flight (default 4)
  --timeout MS         per-request timeout (default 60000)
  --retries N          retries on 429/5xx/timeouts, with backoff (default 4)
  --cache DIR          keep every completion in DIR (content-addressed JSON); a rerun with
                       the same settings makes no requests`;

/** Builds the chat client the flags describe; a missing model is a usage error. */
export function chatClientFromFlags(command: string, flags: ChatFlagValues, io: CliIo): ChatClient {
  const model = flags.model ?? io.env["USERALIGN_LLM_MODEL"];
  if (model === undefined || model.trim() === "") {
    throw new UsageError(`${command} needs a chat model: --model NAME (or set USERALIGN_LLM_MODEL).`, command);
  }
  const concurrency = intFlag(command, "concurrency", flags.concurrency, 1);
  const timeoutMs = intFlag(command, "timeout", flags.timeout, 1);
  const maxRetries = intFlag(command, "retries", flags.retries, 0);
  return createChatClient({
    model,
    env: io.env,
    ...(flags["base-url"] === undefined ? {} : { baseUrl: flags["base-url"] }),
    ...(concurrency === undefined ? {} : { concurrency }),
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
    ...(maxRetries === undefined ? {} : { retry: { maxRetries } }),
    ...(flags.cache === undefined ? {} : { cache: createFileCache(flags.cache) }),
  });
}
