import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const pkg = fileURLToPath(new URL("..", import.meta.url));
const root = join(pkg, "..", "..");
const worker = join(pkg, "dist", "worker.js");

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/**
 * Worker threads run the compiled dist/worker.js (Node 20 cannot load .ts in a worker). Build the
 * package with its dependencies when dist is missing or older than any source it depends on, so the
 * worker tests never run stale code.
 */
export default function setup(): void {
  const sources = ["packages/core/src", "packages/domains/src", "packages/simulators/src", "packages/experiments/src"].map((d) =>
    join(root, d),
  );
  if (existsSync(worker) && Math.max(...sources.map(newest)) <= statSync(worker).mtimeMs) return;
  try {
    execFileSync("pnpm", ["--filter", "@useralign/experiments...", "build"], { cwd: root, stdio: "pipe" });
  } catch (e) {
    const out = e as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`The worker tests need the built package, and the build failed:\n${out.stdout}${out.stderr}`);
  }
}
