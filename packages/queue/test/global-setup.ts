import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const built = [join(root, "packages/queue/dist/index.js"), join(root, "packages/experiments/dist/worker.js"), join(root, "apps/cli/dist/main.js")];
const sources = ["packages/core/src", "packages/domains/src", "packages/simulators/src", "packages/experiments/src", "packages/queue/src", "apps/cli/src"];

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/**
 * The worker and submitter processes these tests start run compiled code (the queue package, the
 * experiments worker thread, the CLI). Build them with turbo (cached) when any is missing or older
 * than a source it depends on, so the tests never run stale code.
 */
export default function setup(): void {
  const oldest = Math.min(...built.map((f) => (existsSync(f) ? statSync(f).mtimeMs : 0)));
  if (Math.max(...sources.map((d) => newest(join(root, d)))) <= oldest) return;
  try {
    execFileSync("pnpm", ["exec", "turbo", "run", "build", "--filter=@useralign/cli...", "--output-logs=errors-only"], { cwd: root, stdio: "pipe" });
  } catch (e) {
    const out = e as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`The queue tests need the built packages, and the build failed:\n${out.stdout}${out.stderr}`);
  }
}
