import type { Method } from "@useralign/core";
import type { Dataset } from "@useralign/domains";
import { winProbability } from "@useralign/simulators";
import type { RunSettings } from "../settings.js";
import type { ResultRecord, SessionRecord, TraceRecord, UserModel } from "../task.js";
import { meanSem, type MeanSem } from "./stats.js";

/** One row of the paper's Tables 4/5. */
export interface TableRow {
  readonly method: Method;
  /** As printed: `UserAlign (ε = 0.5)`, `IIDBest (T = 20)`, `Oracle`. */
  readonly label: string;
  readonly epsilon?: number;
  readonly budget?: number;
  /** Win-rate against the baseline, in %. */
  readonly winRate: MeanSem;
  /** Interaction cost: questions asked. */
  readonly cost: MeanSem;
  /** Steps: questions plus replayed answers (method.md step 7). */
  readonly steps: MeanSem;
  /** Share of sessions returning ORACLE's choice, in %. */
  readonly oracleRate: MeanSem;
  /** Sessions that ended on the step cap rather than on B(t) ≤ ε. */
  readonly stepCap: number;
  /** Sessions in the row. */
  readonly sessions: number;
}

/** UserAlign (ε = 0) against IIDBEST(T), head to head (the paper's Table 6), in %. */
export interface HeadToHead {
  readonly budget: number;
  readonly winRate: MeanSem;
}

/** Mean win-rate (%) per step of the fixed-budget runs (Fig. 3 bottom). */
export interface StepCurve {
  readonly method: Method;
  readonly label: string;
  readonly winRate: MeanSem[];
  /** % of sessions whose pick after t steps is ORACLE's, per t. */
  readonly best: MeanSem[];
}

/** Fig. 2 per-step averages over the trace runs. */
export interface GeometryTrace {
  readonly runs: number;
  readonly areaLoss: number[];
  readonly areaPractical: number[];
  readonly viableLoss: number[];
  readonly viablePractical: number[];
  readonly boundLoss: number[];
  readonly boundPractical: number[];
}

/** Everything reported for one domain and user model. */
export interface DomainReport {
  readonly domain: string;
  readonly user: UserModel;
  readonly sessions: number;
  readonly table: TableRow[];
  readonly headToHead: HeadToHead[];
  readonly steps: StepCurve[];
  readonly geometry: GeometryTrace | null;
}

const METHOD_NAMES: Record<Method, string> = {
  useralign: "UserAlign",
  "useralign-loss": "UserAlign-loss",
  iidbest: "IIDBest",
  random: "Random",
  oracle: "Oracle",
};

/** The printed label of a table row. */
export function rowLabel(method: Method, epsilon?: number, budget?: number): string {
  if (epsilon !== undefined) return `${METHOD_NAMES[method]} (ε = ${epsilon.toFixed(1)})`;
  if (budget !== undefined) return `${METHOD_NAMES[method]} (T = ${budget})`;
  return METHOD_NAMES[method];
}

function tableRows(records: readonly SessionRecord[], settings: RunSettings): TableRow[] {
  const rows: TableRow[] = [];
  const add = (method: Method, select: (r: SessionRecord) => boolean, epsilon?: number, budget?: number) => {
    const rs = records.filter((r) => r.method === method && select(r));
    if (rs.length === 0) return;
    rows.push({
      method,
      label: rowLabel(method, epsilon, budget),
      ...(epsilon === undefined ? {} : { epsilon }),
      ...(budget === undefined ? {} : { budget }),
      winRate: meanSem(rs.map((r) => 100 * r.winRate)),
      cost: meanSem(rs.map((r) => r.questions)),
      steps: meanSem(rs.map((r) => r.steps)),
      oracleRate: meanSem(rs.map((r) => (r.oracle ? 100 : 0))),
      stepCap: rs.filter((r) => r.reason === "step-cap").length,
      sessions: rs.length,
    });
  };
  const epsilons = [...settings.epsilons].sort((a, b) => b - a);
  for (const m of ["useralign", "useralign-loss"] as const) for (const e of epsilons) add(m, (r) => r.epsilon === e, e);
  for (const b of [...settings.budgets].sort((x, y) => x - y)) add("iidbest", (r) => r.budget === b, undefined, b);
  add("oracle", () => true);
  add("random", () => true);
  return rows;
}

function headToHead(records: readonly SessionRecord[], dataset: Dataset, user: UserModel): HeadToHead[] {
  const key = (r: SessionRecord) => `${r.question}|${r.persona}|${r.seed}`;
  const ours = new Map(records.filter((r) => r.method === "useralign" && r.epsilon === 0).map((r) => [key(r), r]));
  const budgets = [...new Set(records.filter((r) => r.method === "iidbest").map((r) => r.budget!))].sort((a, b) => a - b);
  return budgets.flatMap((budget) => {
    const values: number[] = [];
    for (const r of records) {
      if (r.method !== "iidbest" || r.budget !== budget) continue;
      const mine = ours.get(key(r));
      if (!mine) continue;
      const q = dataset.questions[r.question]!;
      const theta = dataset.personas[r.persona]!.theta!;
      values.push(
        100 *
          winProbability(
            user === "btl" ? "btl" : "consistent",
            theta,
            q.candidates[mine.choice]!.features,
            q.candidates[r.choice]!.features,
          ),
      );
    }
    return values.length === 0 ? [] : [{ budget, winRate: meanSem(values) }];
  });
}

function stepCurves(records: readonly SessionRecord[], steps: number): StepCurve[] {
  return (["useralign", "useralign-loss", "iidbest"] as const).flatMap((method) => {
    const rs = records.filter((r) => r.method === method);
    if (rs.length === 0) return [];
    const at = (t: number) => rs.filter((r) => r.budget === t);
    const winRate = Array.from({ length: steps + 1 }, (_, t) => meanSem(at(t).map((r) => 100 * r.winRate)));
    const best = Array.from({ length: steps + 1 }, (_, t) => meanSem(at(t).map((r) => (r.oracle ? 100 : 0))));
    return [{ method, label: METHOD_NAMES[method], winRate, best }];
  });
}

function geometry(traces: readonly TraceRecord[]): GeometryTrace | null {
  if (traces.length === 0) return null;
  // A fixed-budget run ends early when y⁽¹⁾ has met every candidate and no V is positive; its sets
  // do not change after that, so its last value stands for the remaining steps and every run
  // counts at every step.
  const len = Math.max(...traces.map((t) => Math.max(t.areaLoss.length, t.areaPractical.length)));
  const avg = (pick: (t: TraceRecord) => number[]) => {
    return Array.from(
      { length: len },
      (_, i) => traces.reduce((s, t) => s + (pick(t)[Math.min(i, pick(t).length - 1)] ?? 0), 0) / traces.length,
    );
  };
  return {
    runs: traces.length,
    areaLoss: avg((t) => t.areaLoss),
    areaPractical: avg((t) => t.areaPractical),
    viableLoss: avg((t) => t.viableLoss),
    viablePractical: avg((t) => t.viablePractical),
    boundLoss: avg((t) => t.boundLoss),
    boundPractical: avg((t) => t.boundPractical),
  };
}

/** Aggregates a run's records into one report per (domain, user model), in dataset order. */
export function aggregate(
  records: readonly ResultRecord[],
  datasets: Readonly<Record<string, Dataset>>,
  settings: RunSettings,
): DomainReport[] {
  const out: DomainReport[] = [];
  for (const [domain, dataset] of Object.entries(datasets)) {
    for (const user of ["consistent", "btl", "embedding"] as const) {
      const mine = records.filter((r) => r.domain === domain && r.user === user);
      if (mine.length === 0) continue;
      const sessions = mine.filter((r): r is SessionRecord => r.kind === "session");
      const table = sessions.filter((r) => r.mode === "table");
      out.push({
        domain,
        user,
        sessions: sessions.length,
        table: tableRows(table, settings),
        headToHead: headToHead(table, dataset, user),
        steps: stepCurves(
          sessions.filter((r) => r.mode === "steps"),
          settings.steps,
        ),
        geometry: geometry(mine.filter((r): r is TraceRecord => r.kind === "trace")),
      });
    }
  }
  return out;
}
