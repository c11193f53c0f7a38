import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { expect, it, vi } from "vitest";

// The README's example must run as printed.
it("the README example runs and picks candidate 0", async () => {
  const readme = readFileSync(resolve(__dirname, "../README.md"), "utf8");
  const code = /```ts\n([\s\S]*?)```/.exec(readme)![1]!;
  const file = resolve(__dirname, `readme-snippet-${process.pid}.ts`);
  writeFileSync(file, code);
  const log = vi.spyOn(console, "log").mockImplementation(() => {});
  try {
    await import(file);
    expect(String(log.mock.calls[0]![0])).toMatch(/^picked 0 with highs after \d+ questions$/);
  } finally {
    log.mockRestore();
    rmSync(file);
  }
});

// The conic adapter's example: HiGHS's QP solver alone would call this unbounded QP optimal.
it("the README's conic adapter example prints dual_infeasible and a ray", async () => {
  const readme = readFileSync(resolve(__dirname, "../README.md"), "utf8");
  const code = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!).find((c) => c.includes("loadHighsConicSolver"))!;
  const file = resolve(__dirname, `readme-conic-snippet-${process.pid}.ts`);
  writeFileSync(file, code);
  const log = vi.spyOn(console, "log").mockImplementation(() => {});
  try {
    await import(file);
    const [status, x] = log.mock.calls[0]! as [string, number[]];
    expect(status).toBe("dual_infeasible");
    expect(x[1]).toBeGreaterThan(0);
    expect(Math.abs(x[0]!)).toBeLessThan(1e-9);
  } finally {
    log.mockRestore();
    rmSync(file);
  }
});
