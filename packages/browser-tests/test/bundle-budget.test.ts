import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// Issue 14's budget, on bundles made from dist as an application makes them (needs `pnpm build`):
// the core example ≤ 50 KiB gzip, core + conic ≤ 80 KiB gzip. Before zod's namespace import the core
// example was 104.7 KiB gzip (its 64 locales); `node scripts/bundle-sizes.mjs` prints the table.
describe("browser bundle-size budget", () => {
  it("keeps the core example and core + conic within budget", () => {
    const script = fileURLToPath(new URL("../scripts/bundle-sizes.mjs", import.meta.url));
    const run = spawnSync(process.execPath, [script, "--check"], { encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const rows = run.stdout.split("\n").filter((l) => /^\| (core example|core \+ conic) \|/.test(l));
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row).not.toContain("EXCEEDED");
  });
});
