/**
 * CI check (issue 12, STYLE "Lessons from our own code"): apps and packages outside core ask core
 * for every algorithmic decision. Their code must not import `PreferenceState` or `computeStep`
 * (that is re-implementing a step), nor build or edit session snapshots by hand (that is
 * re-implementing the session: use `fork`, `withSettings`, `selectionAfter`, `stopsOnBound`).
 *
 * Scanned: everything under apps/, and the `src/` of every package but core. Not scanned, on
 * purpose: the backends' tests (`packages/solver-*\/test` build confidence-set problems from a
 * `PreferenceState` to test the backends on them) and `benchmarks/` (the SPEC contract of
 * `useralign bench step` times `computeStep` itself).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const root = new URL("../../../", import.meta.url).pathname;

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === "node_modules" || name === "dist" || name.startsWith(".")) continue;
    const path = join(dir, name);
    // Other test files write snippets and temporary files and delete them while this one runs.
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) continue;
    if (stat.isDirectory()) sourceFiles(path, out);
    else if (/\.(ts|tsx|mts|js|mjs)$/.test(name) && !name.endsWith(".d.ts")) out.push(path);
  }
  return out;
}

function scanned(): string[] {
  const files = sourceFiles(join(root, "apps"));
  for (const pkg of readdirSync(join(root, "packages"))) {
    if (pkg === "core") continue;
    const src = join(root, "packages", pkg, "src");
    if (statSync(src, { throwIfNoEntry: false })?.isDirectory()) sourceFiles(src, files);
  }
  return files;
}

/** What holding algorithm looks like in an adapter, each with why it is banned. */
const rules: { pattern: RegExp; why: string; skip?: string }[] = [
  { pattern: /\b(PreferenceState|computeStep)\b/, why: "runs the method's step outside core (ask the session: next, selectionAfter)" },
  { pattern: /["']useralign-session["']/, why: "builds a session snapshot by hand (use toJSON / restoreSession)" },
  {
    // A snapshot spread with its state fields overridden: `{ ...snap, history: …, pending: null }`.
    pattern: /\{\s*\.\.\.\s*[\w.]+\s*,[^;]*?\b(pending|stepStart|warmStart)\s*:/,
    why: "edits a session snapshot's fields (use fork / withSettings)",
  },
  {
    pattern: /function\s+createConsistentUser\b/,
    why: "a second consistent user (use @useralign/simulators)",
    skip: "packages/simulators/",
  },
  {
    pattern: /\b(session\.settings\.tolerance|epsilon\s*\+\s*1e-9|bound\s*<=\s*[\w.]*epsilon)/,
    why: "applies the stop rule itself (use stopsOnBound)",
  },
];

describe("adapters hold no algorithm", () => {
  const files = scanned();

  it("scans the apps and the packages' sources", () => {
    const rel = files.map((f) => relative(root, f));
    expect(rel.some((f) => f.startsWith("apps/web/src/"))).toBe(true);
    expect(rel.some((f) => f.startsWith("apps/cli/src/"))).toBe(true);
    expect(rel).toContain("packages/experiments/src/chain.ts");
  });

  it("no app or package outside core imports PreferenceState/computeStep, edits snapshots or applies the stop rule", () => {
    const found: string[] = [];
    for (const file of files) {
      let text: string;
      try {
        text = readFileSync(file, "utf8");
      } catch (e) {
        // Deleted since it was listed: a temporary file of another test.
        if ((e as NodeJS.ErrnoException).code === "ENOENT") continue;
        throw e;
      }
      for (const { pattern, why, skip } of rules) {
        if (skip && relative(root, file).startsWith(skip)) continue;
        const m = pattern.exec(text);
        if (m) found.push(`${relative(root, file)}:${text.slice(0, m.index).split("\n").length}: ${m[0].slice(0, 60)} — ${why}`);
      }
    }
    expect(found).toEqual([]);
  });

  it("the rules catch the code they were written against", () => {
    const old = [
      'import { computeStep, createStructuredBackend, PreferenceState, Rng } from "@useralign/core";',
      "before = { ...asked, history: [...asked.history, { winner, loser, replayed: false }], questions: asked.questions + 1, pending: null, result: null };",
      "if (!step || step.second < 0 || !(step.bound > session.settings.tolerance)) return before;",
      'const snap = { format: "useralign-session", version: 2 };',
      "export function createConsistentUser(theta: readonly number[], features: readonly (readonly number[])[]): AnswerSource {",
    ];
    for (const line of old)
      expect(
        rules.some((r) => r.pattern.test(line)),
        line,
      ).toBe(true);
  });
});
