import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { cacheKey, canonicalJson } from "./cache.js";
import { createFileCache } from "./file-cache.js";

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function tempDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), "useralign-cache-"));
  dirs.push(d);
  return d;
}

describe("cacheKey", () => {
  it("ignores key order and undefined fields but not values", async () => {
    const messages = [{ role: "user" as const, content: "hi" }];
    const a = await cacheKey({ model: "m", messages, parameters: { temperature: 0.5, seed: 1 } });
    const b = await cacheKey({ model: "m", messages, parameters: { seed: 1, temperature: 0.5, top_p: undefined } });
    const c = await cacheKey({ model: "m", messages, parameters: { seed: 2, temperature: 0.5 } });
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(b).toBe(a);
    expect(c).not.toBe(a);
    expect(canonicalJson({ b: [1, { d: 2, c: null }], a: "x" })).toBe('{"a":"x","b":[1,{"c":null,"d":2}]}');
  });
});

describe("createFileCache", () => {
  const entry = { content: "hello", finishReason: "stop", model: "m", usage: { promptTokens: 3, completionTokens: 1 } };

  it("stores content-addressed JSON files and reads them back in a new instance", async () => {
    const dir = await tempDir();
    const key = "ab".padEnd(64, "0");
    await createFileCache(dir).set(key, entry);
    expect(await readdir(join(dir, "ab"))).toEqual([`${key}.json`]);
    expect(await createFileCache(dir).get(key)).toEqual(entry);
    expect(await createFileCache(dir).get("cd".padEnd(64, "0"))).toBeUndefined();
  });

  it("treats a corrupt entry as a miss and lets the next write replace it", async () => {
    const dir = await tempDir();
    const cache = createFileCache(dir);
    const key = "ef".padEnd(64, "1");
    await cache.set(key, entry);
    await writeFile(join(dir, "ef", `${key}.json`), "{ half a fi", "utf8");
    expect(await cache.get(key)).toBeUndefined();
    await writeFile(join(dir, "ef", `${key}.json`), JSON.stringify({ content: 5 }), "utf8");
    expect(await cache.get(key)).toBeUndefined();
    await cache.set(key, entry);
    expect(await cache.get(key)).toEqual(entry);
  });

  it("refuses keys that could escape the folder", async () => {
    await expect(createFileCache(await tempDir()).get("../../etc/passwd")).rejects.toThrow(/lower-case hex/);
  });
});
