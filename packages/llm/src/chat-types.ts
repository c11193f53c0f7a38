/** One chat message, as the `/v1/chat/completions` API takes it. */
export interface ChatMessage {
  readonly role: "system" | "user" | "assistant";
  readonly content: string;
}

/** One chat-completion call. Everything here is part of the cache key. */
export interface ChatRequest {
  /** Model name; defaults to the client's `model`. */
  readonly model?: string;
  readonly messages: readonly ChatMessage[];
  /** Sampling temperature (0 = greedy). Omitted → the server's default. */
  readonly temperature?: number;
  /** Upper bound on generated tokens (`max_tokens` on the wire). */
  readonly maxTokens?: number;
  /**
   * Sampling seed. Servers that honour it (OpenAI best-effort, vLLM, llama.cpp, Ollama) repeat
   * their answer for a repeated seed; it also keeps the cache keys of repeated samples apart.
   */
  readonly seed?: number;
  /** Nucleus sampling (`top_p` on the wire). */
  readonly topP?: number;
  /** Extra body fields sent as they are (e.g. `{"response_format": {"type": "json_object"}}`). */
  readonly extra?: Readonly<Record<string, unknown>>;
}

/** Token counts, when the server reports them. */
export interface ChatUsage {
  readonly promptTokens: number;
  readonly completionTokens: number;
}

/** The part of a chat completion UserAlign uses: the first choice's text. */
export interface ChatCompletion {
  readonly content: string;
  /** `stop`, `length`, … as the server said; null when it did not say. */
  readonly finishReason: string | null;
  /** The model that answered, as the server named it. */
  readonly model: string | undefined;
  readonly usage: ChatUsage | undefined;
  /** True when served from the cache without any request. */
  readonly cached: boolean;
}
