// CI's release rehearsal: `pnpm publish -r --dry-run` packs every publishable package as the real
// release would (workspace: ranges rewritten, files lists applied) without uploading. Prints one line
// per package; on failure, the whole output.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

// Every pending changeset must be one `changeset version` can read: front matter between two `---`
// lines naming workspace packages and a bump, then a summary. (A Markdown formatter once turned the
// front matter into a heading; the release would have dropped every such entry.)
const listed = spawnSync("pnpm", ["-r", "ls", "--depth", "-1", "--json"], { encoding: "utf8", maxBuffer: 64 << 20 });
const workspace = new Set(listed.status === 0 ? JSON.parse(listed.stdout).map((p) => p.name) : []);
const badChangesets = [];
for (const file of readdirSync(".changeset").filter((f) => f.endsWith(".md") && f !== "README.md")) {
  const text = readFileSync(`.changeset/${file}`, "utf8");
  const m = /^---\n((?:"[^"]+": (?:major|minor|patch)\n)+)---\n\n?(\S[\s\S]*)$/.exec(text);
  const unknown = m ? [...m[1].matchAll(/"([^"]+)"/g)].map((x) => x[1]).filter((name) => !workspace.has(name)) : [];
  if (!m) badChangesets.push(`${file}: no front matter of the form ---, "package": major|minor|patch, ---, then a summary`);
  else if (unknown.length) badChangesets.push(`${file}: not a workspace package: ${unknown.join(", ")}`);
}
if (badChangesets.length > 0) {
  console.error(`release-check: ${badChangesets.length} changeset(s) changeset version cannot read:\n${badChangesets.join("\n")}`);
  process.exit(1);
}

const run = spawnSync("pnpm", ["publish", "-r", "--dry-run", "--no-git-checks"], { encoding: "utf8", maxBuffer: 256 << 20 });
const output = `${run.stdout}${run.stderr}`;
const published = output.split("\n").filter((line) => /^\+ @useralign\//.test(line));
if (run.status !== 0 || published.length === 0) {
  process.stderr.write(output);
  console.error(`release-check: pnpm publish -r --dry-run failed (exit ${run.status}, ${published.length} packages)`);
  process.exit(1);
}
console.log(`release-check: pnpm publish -r --dry-run would publish ${published.length} packages:\n${published.join("\n")}`);
