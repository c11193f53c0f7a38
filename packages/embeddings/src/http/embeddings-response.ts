import * as z from "zod";
import { EmbeddingError } from "../errors.js";

/**
 * The parts of an OpenAI `/v1/embeddings` answer we use. Other fields (`model`, `usage`, vendor
 * extras) pass through unchecked: servers differ there, and we do not read them.
 */
export const embeddingsResponseSchema = z
  .object({
    data: z.array(
      z
        .object({
          embedding: z.array(z.number(), 'expected an array of numbers (request encoding_format "float")'),
          index: z.number().int().nonnegative(),
        })
        .loose(),
    ),
  })
  .loose();

/**
 * Checks an answer to a request for `count` inputs and returns its rows in input order. Throws
 * `malformed_response` naming each bad field (`data[2].embedding: …`), or `wrong_dimension` when
 * the answer has the wrong number of rows or indices that do not cover 0 … count − 1.
 */
export function parseEmbeddingsResponse(value: unknown, count: number, source: string): number[][] {
  const parsed = embeddingsResponseSchema.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({
      path: i.path.map((p) => (typeof p === "symbol" ? String(p) : p)),
      message: i.message,
    }));
    const lines = issues.slice(0, 5).map((i) => `${renderPath(i.path)}: ${i.message}`);
    const more = issues.length > 5 ? ` (and ${issues.length - 5} more)` : "";
    throw new EmbeddingError("malformed_response", `${source}: the answer is not an embeddings response: ${lines.join("; ")}${more}.`, {
      issues,
    });
  }
  const { data } = parsed.data;
  if (data.length !== count) {
    throw new EmbeddingError("wrong_dimension", `${source}: asked for ${count} embeddings and got ${data.length}.`);
  }
  const rows: number[][] = new Array(count);
  for (const item of data) {
    if (item.index >= count || rows[item.index] !== undefined) {
      throw new EmbeddingError(
        "malformed_response",
        `${source}: data[].index ${item.index} is out of range or repeated (inputs 0–${count - 1}).`,
      );
    }
    rows[item.index] = item.embedding;
  }
  return rows;
}

function renderPath(path: readonly (string | number)[]): string {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : out === "" ? p : `.${p}`;
  return out === "" ? "(top level)" : out;
}
