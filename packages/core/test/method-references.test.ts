/**
 * docs/method.md is the in-repo statement of the method: every "SPEC step N" / "method.md step N"
 * and every `SPEC "Section"` cited in a source file must name a step or section it has.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { findAnchorLinks, findReferences, headingAnchor, methodSections, sectionExists } from "./helpers/method-references.js";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const METHOD = readFileSync(join(ROOT, "docs/method.md"), "utf8");
const SKIP = new Set(["node_modules", "dist", ".git", ".turbo", "coverage"]);
// The checker's own files write out citation forms (and a dangling one) as examples.
const CHECKER = new Set(["method-references.ts", "method-references.test.ts"]);

// Other test files write snippets next to themselves (`readme-snippet-<pid>.ts`) and delete them
// while this one runs: a file listed and then gone is skipped, not an error.
function readIfPresent(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return "";
    throw e;
  }
}

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name) || CHECKER.has(entry.name) || entry.name.startsWith(".") || /-snippet-\d+/.test(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) sourceFiles(path, out);
    else if (/\.(ts|tsx|mts|mjs|md)$/.test(entry.name) && !entry.name.endsWith(".d.ts")) out.push(path);
  }
  return out;
}

describe("citations of docs/method.md", () => {
  const sections = methodSections(METHOD);

  it("method.md numbers the steps 1–8 in order, as the specification does", () => {
    expect(sections.steps).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    for (const name of [
      "The job",
      "One step",
      "Baselines",
      "Users",
      "Metrics",
      "Paper figures",
      "Structure",
      "Contracts",
      "Replays are weights",
    ]) {
      expect(sectionExists(name, sections.headings), name).toBe(true);
    }
  });

  it("every step and section cited in a source file exists in method.md", () => {
    const dangling: string[] = [];
    let count = 0;
    for (const file of sourceFiles(ROOT)) {
      if (file.endsWith(".md")) continue;
      for (const ref of findReferences(readIfPresent(file))) {
        count++;
        const where = `${relative(ROOT, file)}:${ref.line}: ${ref.text}`;
        for (const step of ref.steps) if (!sections.steps.includes(step)) dangling.push(`${where} (no step ${step})`);
        for (const name of ref.sections) if (!sectionExists(name, sections.headings)) dangling.push(`${where} (no section "${name}")`);
      }
    }
    expect(dangling).toEqual([]);
    // The scan does find the citations (dozens of them across core, the CLI and the backends).
    expect(count).toBeGreaterThan(50);
  });

  it("every method.md#anchor link in the docs and the code names a heading of method.md", () => {
    const anchors = new Set(sections.headings.map(headingAnchor));
    const broken: string[] = [];
    let count = 0;
    for (const file of sourceFiles(ROOT)) {
      for (const link of findAnchorLinks(readIfPresent(file))) {
        count++;
        if (!anchors.has(link.anchor)) broken.push(`${relative(ROOT, file)}:${link.line}: #${link.anchor}`);
      }
    }
    expect(broken).toEqual([]);
    expect(count).toBeGreaterThan(3);
    expect(headingAnchor("Step 7: second response")).toBe("step-7-second-response");
    expect(headingAnchor("Replays are weights")).toBe("replays-are-weights");
  });

  it("the scanner reads every citation form, across comment lines", () => {
    const src = [
      "// θ̂ (SPEC step 2) and β (method.md steps 1, 3 and 4)",
      '/** SPEC steps 4–5 and SPEC ("Baselines" and steps 6–8) */',
      '// as in SPEC "The',
      '// job" and SPEC\'s "Structure worth exploiting"; SPEC step 9',
    ].join("\n");
    const refs = findReferences(src);
    expect(refs.map((r) => [r.line, r.steps, r.sections])).toEqual([
      [1, [2], []],
      [1, [1, 3, 4], []],
      [2, [4, 5], []],
      [2, [6, 7, 8], ["Baselines"]],
      [3, [], ["The job"]],
      [4, [], ["Structure worth exploiting"]],
      [4, [9], []],
    ]);
    // A step or section method.md lacks is caught.
    expect(sections.steps.includes(9)).toBe(false);
    expect(sectionExists("Appendix", sections.headings)).toBe(false);
    expect(sectionExists("structure", sections.headings)).toBe(true);
  });
});
