// CI's release rehearsal: `pnpm publish -r --dry-run` packs every publishable package as the real
// release would (workspace: ranges rewritten, files lists applied) without uploading. Prints one line
// per package; on failure, the whole output.
import { spawnSync } from "node:child_process";

const run = spawnSync("pnpm", ["publish", "-r", "--dry-run", "--no-git-checks"], { encoding: "utf8", maxBuffer: 256 << 20 });
const output = `${run.stdout}${run.stderr}`;
const published = output.split("\n").filter((line) => /^\+ @useralign\//.test(line));
if (run.status !== 0 || published.length === 0) {
  process.stderr.write(output);
  console.error(`release-check: pnpm publish -r --dry-run failed (exit ${run.status}, ${published.length} packages)`);
  process.exit(1);
}
console.log(`release-check: pnpm publish -r --dry-run would publish ${published.length} packages:\n${published.join("\n")}`);
