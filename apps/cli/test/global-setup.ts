import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const app = fileURLToPath(new URL("..", import.meta.url));
const root = join(app, "..", "..");
const main = join(app, "dist", "main.js");

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function build(filter: string): void {
  try {
    execFileSync("pnpm", ["--filter", filter, "build"], { cwd: root, stdio: "pipe" });
  } catch (e) {
    const out = e as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`The end-to-end tests need the built CLI, and "pnpm --filter ${filter} build" failed:\n${out.stdout}${out.stderr}`);
  }
}

/**
 * The end-to-end tests run the built `dist/main.js`. Build it (with its workspace dependencies)
 * when it is missing, and rebuild the CLI alone when its sources are newer than the build, so the
 * tests never pass or fail on a stale artefact.
 */
export default function setup(): void {
  if (!existsSync(main)) build("@useralign/cli...");
  else if (newestSource(join(app, "src")) > statSync(main).mtimeMs) build("@useralign/cli");
}
