import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import * as z from "zod";
import type { CachedCompletion, ChatCache } from "./cache.js";

const entrySchema = z.object({
  content: z.string(),
  finishReason: z.string().nullable(),
  model: z.string().optional(),
  usage: z.object({ promptTokens: z.number(), completionTokens: z.number() }).optional(),
});

/**
 * A {@link ChatCache} in a folder: one JSON file per completion, named by its key and fanned out
 * by the key's first two hex digits (`ab/abcdef….json`), so a cache of many thousand calls stays
 * browsable and can be copied, diffed or committed next to an experiment. Writes go to a
 * temporary file first and are renamed into place, so an interrupted run never leaves half an
 * entry; an unreadable or invalid entry is a miss and is rewritten by the next call.
 */
export function createFileCache(directory: string): ChatCache {
  const pathOf = (key: string) => {
    if (!/^[0-9a-f]{16,}$/.test(key)) throw new RangeError(`Cache keys are lower-case hex digests; got "${key}".`);
    return join(directory, key.slice(0, 2), `${key}.json`);
  };
  let sequence = 0;
  return {
    async get(key) {
      const path = pathOf(key);
      let text: string;
      try {
        text = await readFile(path, "utf8");
      } catch {
        return undefined;
      }
      try {
        const entry = entrySchema.safeParse(JSON.parse(text));
        if (!entry.success) return undefined;
        const { content, finishReason, model, usage } = entry.data;
        return { content, finishReason, model, usage } satisfies CachedCompletion;
      } catch {
        return undefined;
      }
    },
    async set(key, value) {
      const path = pathOf(key);
      await mkdir(join(directory, key.slice(0, 2)), { recursive: true });
      const temporary = `${path}.${process.pid}.${sequence++}.tmp`;
      await writeFile(temporary, `${JSON.stringify(value, null, 2)}\n`, "utf8");
      await rename(temporary, path);
    },
  };
}
