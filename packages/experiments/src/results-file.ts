import { appendFileSync, existsSync, mkdirSync, readFileSync, truncateSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { UserAlignError } from "@useralign/core";
import type { ResultRecord } from "./task.js";

/** The first line of a results file: which experiment configuration wrote it. */
export interface ResultsHeader {
  readonly kind: "header";
  readonly format: "useralign-results";
  readonly version: 1;
  /** Hash of the settings and datasets; records of another configuration must not be mixed in. */
  readonly fingerprint: string;
}

/**
 * Opens (or creates) a JSONL results file for appending, and returns the records already in it.
 * A line cut off by an interrupted run (no trailing newline, or not JSON) is dropped and truncated
 * away, so appending resumes on a clean line. A file written under another configuration is
 * refused rather than mixed.
 */
export function openResultsFile(
  path: string,
  fingerprint: string,
): { records: ResultRecord[]; append(records: readonly ResultRecord[]): void } {
  const header: ResultsHeader = { kind: "header", format: "useralign-results", version: 1, fingerprint };
  const records: ResultRecord[] = [];
  if (!existsSync(path)) {
    // Like --report DIR, a new results file may sit in folders that do not exist yet.
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `${JSON.stringify(header)}\n`);
  } else {
    const text = readFileSync(path, "utf8");
    const complete = text.lastIndexOf("\n") + 1;
    if (complete < text.length) truncateSync(path, Buffer.byteLength(text.slice(0, complete)));
    const lines = text
      .slice(0, complete)
      .split("\n")
      .filter((l) => l.length > 0);
    if (lines.length === 0) {
      writeFileSync(path, `${JSON.stringify(header)}\n`);
    } else {
      const first = parseLine(lines[0]!, path, 1) as Partial<ResultsHeader> | null;
      if (!first || first.kind !== "header" || first.format !== "useralign-results") {
        throw new UserAlignError("invalid_input", `${path} is not a UserAlign results file (its first line is not a results header).`, [
          { path: [], message: "missing header" },
        ]);
      }
      if (first.fingerprint !== fingerprint) {
        throw new UserAlignError(
          "invalid_input",
          `${path} holds results of a different configuration (settings or datasets changed); write to a new file or delete it.`,
          [{ path: ["fingerprint"], message: `expected ${fingerprint}, found ${String(first.fingerprint)}` }],
        );
      }
      for (let i = 1; i < lines.length; i++) {
        const rec = parseLine(lines[i]!, path, i + 1);
        if (rec === null) {
          // Only the last line can be half-written by an interrupted run; anything else is damage.
          if (i === lines.length - 1) {
            truncateSync(path, Buffer.byteLength(lines.slice(0, i).join("\n") + "\n"));
            break;
          }
          throw new UserAlignError("invalid_input", `${path} line ${i + 1} is not valid JSON; the file is damaged.`, [
            { path: [i], message: "not JSON" },
          ]);
        }
        records.push(rec as ResultRecord);
      }
    }
  }
  return {
    records,
    append(batch) {
      if (batch.length > 0) appendFileSync(path, batch.map((r) => `${JSON.stringify(r)}\n`).join(""));
    },
  };
}

function parseLine(line: string, _path: string, _lineNo: number): unknown {
  try {
    return JSON.parse(line) as unknown;
  } catch {
    return null;
  }
}
