import { UserAlignError } from "@useralign/core";
import * as z from "zod";

/** One input of `useralign embed`. */
export interface TextItem {
  /** From the line, else `t1`, `t2`, … by line order among inputs. */
  id: string;
  text: string;
  /** An image path or URL, carried through to the output (text providers embed `text`). */
  image?: string;
}

const itemSchema = z
  .object({
    id: z.string().trim().min(1, "must be a non-empty string").optional(),
    text: z.string(),
    image: z.string().trim().min(1, "must be a non-empty string").optional(),
  })
  .strict();

/**
 * Parses a texts file: JSON Lines, each line a JSON string or `{"text": …, "id"?: …, "image"?: …}`;
 * blank lines are skipped. Throws `invalid_input` naming the line (1-based) of the first problem:
 * not JSON, the wrong shape, an empty text, a repeated id, or no texts at all.
 */
export function parseTextsFile(content: string, source: string): TextItem[] {
  const items: TextItem[] = [];
  const seen = new Map<string, number>();
  const fail = (line: number, message: string): never => {
    throw new UserAlignError("invalid_input", `${source}, line ${line}: ${message}`, [{ path: [line], message }]);
  };
  content.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === "") return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      fail(line, 'not JSON (each line is a JSON string or {"text": "…"})');
    }
    if (typeof value !== "string" && (typeof value !== "object" || value === null || Array.isArray(value))) {
      fail(line, 'expected a JSON string or an object {"text": "…"}');
    }
    const parsed = typeof value === "string" ? { success: true as const, data: { text: value } } : itemSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      fail(line, `${issue.path.length > 0 ? `${issue.path.map(String).join(".")}: ` : ""}${issue.message}`);
    }
    const item = parsed.data!;
    if (item.text.trim() === "") fail(line, "the text is empty");
    const id = item.id ?? `t${items.length + 1}`;
    const earlier = seen.get(id);
    if (earlier !== undefined) fail(line, `id "${id}" is already used on line ${earlier}`);
    seen.set(id, line);
    items.push({ id, text: item.text, ...(item.image !== undefined ? { image: item.image } : {}) });
  });
  if (items.length === 0) throw new UserAlignError("invalid_input", `${source} has no texts.`, [{ path: [], message: "no texts" }]);
  return items;
}
