import type { Study } from "./load-study.js";
import type { AnswerRecord, ParticipantRecord } from "./store/records.js";

/** One cell of the win-rate table (the paper's Table 3): wins against the baseline. */
export interface WinRateCell {
  readonly domain: string;
  readonly method: string;
  readonly condition: string;
  /** `step k` (the method's selection after k answers) or `random`. */
  readonly label: string;
  /** Participants who answered this matchup. */
  readonly n: number;
  readonly wins: number;
  /** Fraction of wins. */
  readonly mean: number;
  /** Standard error of the mean (sample standard deviation / √n); null below n = 2. */
  readonly standardError: number | null;
}

/**
 * Win-rates of every method × condition × evaluation label, per domain, from the stored
 * stage-3 answers. A matchup shown once under two labels (the same candidate) counts for both.
 * Participants in `excluded` (failed attention checks, when the study excludes them) are left out.
 */
export function winRates(
  study: Study,
  participants: readonly ParticipantRecord[],
  answers: readonly AnswerRecord[],
  excluded: ReadonlySet<string> = new Set(),
): WinRateCell[] {
  const byId = new Map(participants.filter((p) => !excluded.has(p.id)).map((p) => [p.id, p]));
  const groups = new Map<string, { domain: string; method: string; condition: string; label: string; outcomes: number[] }>();
  for (const a of answers) {
    if (a.payload.stage !== "evaluate") continue;
    const p = byId.get(a.participantId);
    if (!p) continue;
    const domain = study.domains[p.assignment.domain]?.name ?? String(p.assignment.domain);
    for (const label of a.payload.labels) {
      const key = JSON.stringify([domain, p.assignment.method, p.assignment.condition, label]);
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { domain, method: p.assignment.method, condition: p.assignment.condition, label, outcomes: [] }));
      g.outcomes.push(a.payload.win ? 1 : 0);
    }
  }
  const cells = [...groups.values()].map(({ outcomes, ...g }) => {
    const n = outcomes.length;
    const wins = outcomes.reduce((s, x) => s + x, 0);
    const mean = wins / n;
    const variance = n > 1 ? outcomes.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1) : NaN;
    return { ...g, n, wins, mean, standardError: n > 1 ? Math.sqrt(variance / n) : null };
  });
  return cells.sort(
    (a, b) =>
      compare(a.domain, b.domain) ||
      compare(a.method, b.method) ||
      compare(a.condition, b.condition) ||
      labelOrder(a.label) - labelOrder(b.label),
  );
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const labelOrder = (label: string) => (label === "random" ? Number.MAX_SAFE_INTEGER : Number(label.replace(/^step /, "")) || 0);
