import type { ChatMessage } from "./chat-types.js";

/** What the cache stores for one call: the completion as the server gave it (first choice only). */
export interface CachedCompletion {
  readonly content: string;
  readonly finishReason: string | null;
  readonly model: string | undefined;
  readonly usage: { readonly promptTokens: number; readonly completionTokens: number } | undefined;
}

/**
 * Where completions are kept between runs. Keys are lower-case hex SHA-256 digests of the
 * request (see {@link cacheKey}). `get` returns undefined on a miss; an implementation that finds
 * an unreadable entry should treat it as a miss (the call is then made again and overwrites it).
 * Node's on-disk version is `createFileCache` from `@useralign/llm/node`.
 */
export interface ChatCache {
  get(key: string): Promise<CachedCompletion | undefined>;
  set(key: string, value: CachedCompletion): Promise<void>;
}

/** A cache in memory (a Map): per process, for browsers and tests. */
export function createMemoryCache(): ChatCache & { readonly size: number } {
  const entries = new Map<string, CachedCompletion>();
  return {
    get: async (key) => entries.get(key),
    set: async (key, value) => void entries.set(key, value),
    get size() {
      return entries.size;
    },
  };
}

/** The request fields that decide a completion, in wire names, as hashed by {@link cacheKey}. */
export interface CacheKeyInput {
  readonly model: string;
  readonly messages: readonly ChatMessage[];
  readonly parameters: Readonly<Record<string, unknown>>;
}

/** JSON with object keys sorted at every level, so equal requests hash equally whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const keys = Object.keys(value as object)
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(",")}}`;
}

/**
 * The cache key of a call: SHA-256 (Web Crypto, so it runs in browsers too) of the canonical JSON
 * of model, messages (role and content only) and every sampling parameter. The base URL and key
 * are deliberately not part of it: the same model behind another address is the same model. Bump
 * `version` below when the meaning of a stored entry changes.
 */
export async function cacheKey(input: CacheKeyInput): Promise<string> {
  const text = canonicalJson({
    version: 1,
    model: input.model,
    messages: input.messages.map((m) => ({ role: m.role, content: m.content })),
    parameters: input.parameters,
  });
  const digest = await globalThis.crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}
