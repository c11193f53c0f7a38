import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

// Built by test/global-setup.ts when missing or stale.
const MAIN = fileURLToPath(new URL("../dist/main.js", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "useralign-embed-e2e-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [MAIN, ...args], { encoding: "utf8", timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("the built binary: embed → choose", () => {
  it("writes a pool file with the offline embedder that choose then runs on", () => {
    const texts = join(dir, "answers.jsonl");
    const pool = join(dir, "pool.json");
    writeFileSync(
      texts,
      ["Pasta with tomato sauce", "A spicy chickpea curry", "Grilled salmon with greens", "A quick vegetable stir-fry"]
        .map((t) => JSON.stringify(t))
        .join("\n"),
    );
    const embed = cli([
      "embed",
      "--in",
      texts,
      "--question",
      "What should I cook tonight?",
      "--baseline",
      "Pasta.",
      "--dimension",
      "16",
      "--out",
      pool,
    ]);
    expect(embed.stderr).toMatch(/^embedded 4 texts with hashing-d16/);
    expect(embed.code).toBe(0);
    expect(JSON.parse(readFileSync(pool, "utf8"))).toMatchObject({
      format: "useralign-pool",
      version: 1,
      candidates: [{ id: "t1" }, {}, {}, { id: "t4" }],
    });

    const choose = cli(["choose", "--pool", pool, "--answers", "script:1,1,1,1,1,1,1,1,1,1", "--json"]);
    expect(choose.code).toBe(0);
    const summary = JSON.parse(choose.stdout) as { text: string; questions: number };
    expect(summary.questions).toBeGreaterThan(0);
    expect(["Pasta with tomato sauce", "A spicy chickpea curry", "Grilled salmon with greens", "A quick vegetable stir-fry"]).toContain(
      summary.text,
    );
  });
});
