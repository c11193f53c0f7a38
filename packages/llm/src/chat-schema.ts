import type { UserAlignIssue } from "@useralign/core";
import * as z from "zod";
import type { ChatCompletion } from "./chat-types.js";

// Only what we read is checked; servers add fields freely (logprobs, system_fingerprint, timings…).
const expected = (kind: string) => ({ error: (i: { input: unknown }) => `expected ${kind}, got ${describe(i.input)}` });

const completionSchema = z.object({
  model: z.string().optional(),
  choices: z
    .array(
      z.object(
        {
          message: z.object({ content: z.string(expected("string")) }, expected("an object")),
          finish_reason: z.string().nullable().optional(),
        },
        expected("an object"),
      ),
      expected("an array"),
    )
    .min(1, "expected at least one choice, got none"),
  usage: z.object({ prompt_tokens: z.number().optional(), completion_tokens: z.number().optional() }).nullable().optional(),
});

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return value === undefined ? "nothing" : typeof value;
}

/** Renders a zod path the way it reads in JavaScript: `choices[0].message.content`. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : out === "" ? String(p) : `.${String(p)}`;
  return out === "" ? "(top level)" : out;
}

/** The outcome of checking a response body: the completion, or the issues that make it malformed. */
export type ParsedCompletion = { ok: true; completion: Omit<ChatCompletion, "cached"> } | { ok: false; issues: UserAlignIssue[] };

/** Checks a parsed JSON body against the chat-completions response shape. */
export function parseCompletion(body: unknown): ParsedCompletion {
  const result = completionSchema.safeParse(body);
  if (!result.success) {
    const issues = result.error.issues.map((i) => ({
      path: i.path.map((p) => (typeof p === "symbol" ? String(p) : p)),
      message: i.code === "invalid_type" && i.path.length === 0 ? `expected an object, got ${describe(body)}` : i.message,
    }));
    return { ok: false, issues };
  }
  const data = result.data;
  const choice = data.choices[0]!;
  const usage = data.usage ?? undefined;
  return {
    ok: true,
    completion: {
      content: choice.message.content,
      finishReason: choice.finish_reason ?? null,
      model: data.model,
      usage: usage ? { promptTokens: usage.prompt_tokens ?? 0, completionTokens: usage.completion_tokens ?? 0 } : undefined,
    },
  };
}

const requestSchema = z.object({
  model: z.string().trim().min(1, "must be a non-empty string").optional(),
  messages: z.array(z.object({ role: z.enum(["system", "user", "assistant"]), content: z.string() })).min(1, "needs at least one message"),
  temperature: z.number().min(0).max(2).optional(),
  maxTokens: z.number().int().min(1).optional(),
  seed: z.number().int().optional(),
  topP: z.number().gt(0).max(1).optional(),
  extra: z.record(z.string(), z.unknown()).optional(),
});

/** Checks a {@link ChatRequest} before it is hashed or sent; returns the issues, empty when fine. */
export function checkRequest(request: unknown): UserAlignIssue[] {
  const result = requestSchema.safeParse(request);
  if (result.success) return [];
  return result.error.issues.map((i) => ({ path: i.path.map((p) => (typeof p === "symbol" ? String(p) : p)), message: i.message }));
}
