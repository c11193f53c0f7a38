import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../src/workspace-packages.js";

// The README's test command is what a new developer runs on a fresh machine, and CI runs it verbatim.
describe("the README's test command", () => {
  const readme = readFileSync(join(REPO_ROOT, "README.md"), "utf8");
  const command = /Run every test[\s\S]*?```sh\n(.*)\n```/.exec(readme)?.[1];

  it("sets the system up itself, then runs the whole pipeline", () => {
    expect(command).toMatch(
      /^bash scripts\/setup-system\.sh && npm i -g pnpm@10 && pnpm install --frozen-lockfile && pnpm build && .*pnpm test$/,
    );
    for (const step of ["pnpm typecheck", "pnpm lint", "pnpm test:build", "pnpm release:check"]) expect(command).toContain(step);
  });

  it("is what .ci/run runs", () => {
    expect(readFileSync(join(REPO_ROOT, ".ci", "run"), "utf8")).toContain(`${command!} \\\n`);
  });

  it("has a setup script that installs each system package the tests need", () => {
    const script = readFileSync(join(REPO_ROOT, "scripts", "setup-system.sh"), "utf8");
    for (const pkg of ["python3", "make", "g++", "chromium", "postgresql", "fonts-dejavu-core", "redis-server"])
      expect(script).toMatch(new RegExp(`^need ${pkg.replace("+", "\\+")} `, "m"));
  });
});
