import * as z from "zod";

/**
 * Strict readers of model output. They accept one exact format (plus, for lists, one enclosing
 * Markdown code fence, which chat models add even when told not to) and otherwise say what was
 * wrong, so the caller can re-ask once or raise `bad_answer`.
 */

/** A read answer, or why it could not be read. */
export type Read<T> = { ok: true; value: T } | { ok: false; problem: string };

const choiceObject = z.object({ choice: z.union([z.literal(1), z.literal(2)]) }).strict();

/** A judge's answer: exactly `1` or `2` (surrounding whitespace ignored), or `{"choice": 1|2}`. */
export function readChoice(content: string): Read<1 | 2> {
  const text = content.trim();
  if (text === "1" || text === "2") return { ok: true, value: text === "1" ? 1 : 2 };
  if (text.startsWith("{")) {
    try {
      const parsed = choiceObject.safeParse(JSON.parse(text));
      if (parsed.success) return { ok: true, value: parsed.data.choice };
    } catch {
      // Falls through to the problem below.
    }
  }
  return { ok: false, problem: `expected exactly "1" or "2" (or {"choice": 1|2}), got ${JSON.stringify(text.slice(0, 80))}` };
}

const interestList = z.array(z.string().trim().min(1, "must be a non-empty string")).min(1, "must list at least one interest");

/**
 * An interest list: a JSON array of non-empty strings (or `{"interests": [...]}`), optionally in
 * one ```-fenced block. Duplicates (ignoring case and surrounding space) are dropped, keeping the first.
 */
export function readInterests(content: string): Read<string[]> {
  let text = content.trim();
  const fence = /^```[a-zA-Z]*\s*\n([\s\S]*?)\n?```$/.exec(text);
  if (fence) text = fence[1]!.trim();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, problem: `expected a JSON array of strings, got ${JSON.stringify(text.slice(0, 80))}` };
  }
  const list =
    json !== null && typeof json === "object" && !Array.isArray(json) && "interests" in json
      ? (json as { interests: unknown }).interests
      : json;
  const parsed = interestList.safeParse(list);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length > 0 ? `[${String(issue.path[0])}] ` : "";
    return { ok: false, problem: `expected a JSON array of strings: ${where}${issue.message}` };
  }
  const seen = new Set<string>();
  const unique = parsed.data.filter((s) => {
    const key = s.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { ok: true, value: unique };
}
