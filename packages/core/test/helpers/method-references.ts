/**
 * Citations of docs/method.md in source comments: "SPEC step 7", "method.md steps 1–3",
 * `SPEC "Structure"`, `SPEC ("Baselines" and steps 1–2)`, … ("SPEC" is the project's
 * specification; method.md is its in-repo statement, numbered the same way).
 */

/** One citation found in a source text. */
export interface MethodReference {
  /** 1-based line of the citation. */
  readonly line: number;
  /** The citation as written (comment markers between lines removed). */
  readonly text: string;
  /** Step numbers it cites. */
  readonly steps: readonly number[];
  /** Section names it cites (as quoted). */
  readonly sections: readonly string[];
}

/** The numbered steps ("### Step N: …") and the other headings of method.md. */
export interface MethodSections {
  readonly steps: readonly number[];
  readonly headings: readonly string[];
}

/** Reads the step numbers and headings of method.md. */
export function methodSections(markdown: string): MethodSections {
  const steps: number[] = [];
  const headings: string[] = [];
  for (const m of markdown.matchAll(/^#{1,6}\s+(.+?)\s*$/gm)) {
    const heading = m[1]!;
    headings.push(heading);
    const step = /^Step (\d+)\b/.exec(heading);
    if (step) steps.push(Number(step[1]));
  }
  return { steps, headings };
}

/** Whether a quoted section name cites one of `headings`: a heading equal to it or starting with it. */
export function sectionExists(name: string, headings: readonly string[]): boolean {
  const wanted = name.trim().toLowerCase();
  return headings.some((h) => h.toLowerCase() === wanted || h.toLowerCase().startsWith(`${wanted} `));
}

// One item of a citation: "step 7", "steps 4–5", "steps 1, 3 and 4", or a quoted section name.
const ITEM = String.raw`(?:steps?\s+\d+(?:\s*[–-]\s*\d+)?(?:\s*(?:,|and)\s*\d+(?:\s*[–-]\s*\d+)?)*|"[^"\n]{1,40}")`;
const CITATION = new RegExp(String.raw`\b(?:SPEC|method\.md)(?:'s)?\s*\(?\s*(${ITEM}(?:\s*(?:,|and)\s*${ITEM})*)`, "g");

function stepsOf(item: string): number[] {
  const out: number[] = [];
  for (const m of item.matchAll(/(\d+)(?:\s*[–-]\s*(\d+))?/g)) {
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    for (let s = from; s <= to; s++) out.push(s);
  }
  return out;
}

/** Every citation of the method in `source`. */
export function findReferences(source: string): MethodReference[] {
  // Comments continue across lines: drop the line break and the next line's comment marker, and
  // keep a map back to line numbers.
  const lineStarts: number[] = [];
  let joined = "";
  for (const raw of source.split("\n")) {
    lineStarts.push(joined.length);
    joined += `${raw.replace(/^\s*(?:\/\/+|\*(?!\/))\s?/, "")} `;
  }
  const lineOf = (offset: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  const refs: MethodReference[] = [];
  for (const m of joined.matchAll(CITATION)) {
    const items = m[1]!;
    const sections = [...items.matchAll(/"([^"]+)"/g)].map((s) => s[1]!);
    const steps = stepsOf(items.replace(/"[^"]+"/g, ""));
    refs.push({ line: lineOf(m.index), text: m[0], steps, sections });
  }
  return refs;
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
export function headingAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

/** The `method.md#anchor` links in a text, with their 1-based lines. */
export function findAnchorLinks(text: string): { line: number; anchor: string }[] {
  const out: { line: number; anchor: string }[] = [];
  text.split("\n").forEach((line, i) => {
    for (const m of line.matchAll(/method\.md#([A-Za-z0-9_-]+)/g)) out.push({ line: i + 1, anchor: m[1]! });
  });
  return out;
}
