import { readFileSync } from "node:fs";

/** One (N, d) point of fixtures/decisions.json: the history UserAlign chose and the recorded decisions. */
export interface RecordedPoint {
  n: number;
  d: number;
  seed: number;
  history: [number, number][];
  steps: { t: number; first: number; second: number; bound: number; values?: (number | null)[] }[];
}

/** Reads fixtures/decisions.json (written by scripts/record-decisions.mjs with the core of d9d50d5). */
export function readDecisionFixture(): { S: number; points: RecordedPoint[] } {
  return JSON.parse(readFileSync(new URL("../fixtures/decisions.json", import.meta.url), "utf8")) as { S: number; points: RecordedPoint[] };
}
