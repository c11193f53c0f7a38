import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../..", import.meta.url));

/**
 * The worker and submitter processes these tests start run compiled code (this package, the
 * experiments worker thread, the CLI). turbo rebuilds whatever is stale (by content hash; a cache
 * hit when nothing changed), so the tests never run stale code.
 */
export default function setup(): void {
  try {
    execFileSync("pnpm", ["exec", "turbo", "run", "build", "--filter=@useralign/cli...", "--output-logs=errors-only"], {
      cwd: root,
      stdio: "pipe",
    });
  } catch (e) {
    const out = e as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`The queue tests need the built packages, and the build failed:\n${out.stdout}${out.stderr}`);
  }
}
