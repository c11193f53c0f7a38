import { isUserAlignError, UserAlignError } from "@useralign/core";
import { createDomain, isDomainName, loadDatasetFile, type Dataset } from "@useralign/domains";
import {
  aggregate,
  DEFAULT_SETTINGS,
  runExperiment,
  STEP_FAMILIES,
  TABLE_FAMILIES,
  writeReport,
  type RunSettings,
  type TaskExecutor,
  type TaskFamily,
  type UserModel,
} from "@useralign/experiments";
import { intFlag, parseFlags } from "../flags.js";
import type { CliIo } from "../io.js";
import { loadQueue, type QueueLoader } from "../queue-loader.js";
import { UsageError } from "../usage-error.js";

/** `useralign simulate --help`. */
export const SIMULATE_USAGE = `Usage: useralign simulate [options]

Runs simulated users through UserAlign, UserAlign-loss, IIDBest, Random and Oracle on bundled
domains or your dataset files, and reports win-rate vs interaction cost (the paper's Tables 4–6,
Figs. 2–4). Results are appended per session to --out; rerunning skips what is done.

Options:
  --domains LIST         synthetic2d,food2d,sphere64,sphere512 (default: synthetic2d,food2d)
  --dataset FILE         a dataset or pool file (docs/datasets.md); repeatable, adds to --domains
  --questions N          questions per generated domain (default 10)
  --candidates N         candidates per generated pool (default 20; sphere512 40; up to 1000)
  --personas N           users (θ*) per generated domain (default 3)
  --users LIST           consistent,btl,embedding (default consistent); embedding = the
                         embedding judge, for datasets made by "useralign embed --dataset"
  --seeds N|LIST         5 means seeds 0..4; or a list 0,7,9 (default 5)
  --methods LIST         useralign,useralign-loss,iidbest,random,oracle (default: all)
  --epsilons LIST        ε grid (default 3,2,1,.5,.4,.3,.2,.1,0)
  --budgets LIST         IIDBest budgets (default 0,5,10,15,20,25,50,75,100,150,199)
  --max-steps N          step cap: questions + replayed answers (default 199)
  --max-questions N      question cap (default 199)
  --steps N              fixed-budget win-rate-per-step curves to N steps; 0 = none (default 40)
  --curves-only          only the per-step curves (and random, oracle if listed): skips the
                         ε and budget grids, whose sessions run to the step cap (Table 7)
  --trace-steps N        Fig. 2 geometry trace on 2-D domains; 0 = none (default 40)
  --trace-resolution N   grid points per axis for the Fig. 2 areas (default 241)
  --workers N            worker threads (default 2; 0 = run in this thread)
  --queue URL            run the tasks on "useralign worker" processes on any machines instead, through
                         Redis (redis://[USER:PASSWORD@]HOST:PORT[/DB] or rediss://…); needs --out
  --attempts N           with --queue: runs of a task that throws before it is reported failed (default 3)
  --lock-ms N            with --queue: a dead worker's task is retried after about this long (default 30000)
  --stalled-ms N         with --queue: how often workers look for dead workers' tasks (default 15000)
  --out FILE             JSONL results file (resumable)
  --report DIR           write results.md, report.json and SVG figures to DIR
  --json                 print the aggregated report as JSON on stdout
  -h, --help             show this help

Progress goes to stderr.
`;

function list(name: string, value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const items = value
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  if (items.length === 0) throw new UsageError(`--${name} needs at least one value.`, "simulate");
  return items;
}

function numbers(name: string, value: string | undefined, integer: boolean): number[] | undefined {
  return list(name, value)?.map((s) => {
    const n = Number(s);
    if (!Number.isFinite(n) || n < 0 || (integer && !Number.isInteger(n))) {
      throw new UsageError(`--${name} takes non-negative ${integer ? "integers" : "numbers"}; got "${s}".`, "simulate");
    }
    return n;
  });
}

function seedsFlag(value: string | undefined): number[] {
  if (value === undefined) return [0, 1, 2, 3, 4];
  if (!value.includes(",")) {
    const n = intFlag("simulate", "seeds", value, 1)!;
    return Array.from({ length: n }, (_, i) => i);
  }
  return numbers("seeds", value, true)!;
}

/**
 * The executor of `--queue` (tasks on `useralign worker` processes through Redis), or undefined for
 * a local run. Loads `@useralign/queue` only when asked for.
 */
async function queueFlags(
  flags: Record<string, string | boolean | string[] | undefined>,
  io: CliIo,
  load: QueueLoader | undefined,
): Promise<TaskExecutor | undefined> {
  const int = (name: string, min: number) => intFlag("simulate", name, flags[name] as string | undefined, min);
  const queueOnly = ["attempts", "lock-ms", "stalled-ms"].filter((f) => flags[f] !== undefined);
  if (flags.queue === undefined) {
    if (queueOnly.length > 0) throw new UsageError(`--${queueOnly[0]} applies only with --queue.`, "simulate");
    return undefined;
  }
  if (flags.workers !== undefined)
    throw new UsageError('--workers is for local runs; with --queue, start "useralign worker" processes instead.', "simulate");
  if (flags.out === undefined)
    throw new UsageError("--queue needs --out FILE: the submitter records results there and resumes from it.", "simulate");
  const queue = {
    ...(flags.attempts === undefined ? {} : { attempts: int("attempts", 1)! }),
    ...(flags["lock-ms"] === undefined ? {} : { lockMs: int("lock-ms", 100)! }),
    ...(flags["stalled-ms"] === undefined ? {} : { stalledMs: int("stalled-ms", 100)! }),
  };
  const { queueExecutor } = await loadQueue("simulate --queue", load);
  return queueExecutor({ url: flags.queue as string, queue, log: (line) => io.stderr(`${line}\n`) });
}

/** `useralign simulate`: plans, runs (resumably, on worker threads or a queue) and reports an experiment. */
export async function simulateCommand(args: readonly string[], io: CliIo, loadQueuePackage?: QueueLoader): Promise<number> {
  const flags = parseFlags("simulate", args, {
    domains: { type: "string" },
    dataset: { type: "string", multiple: true },
    questions: { type: "string" },
    candidates: { type: "string" },
    personas: { type: "string" },
    users: { type: "string" },
    seeds: { type: "string" },
    methods: { type: "string" },
    epsilons: { type: "string" },
    budgets: { type: "string" },
    "max-steps": { type: "string" },
    "max-questions": { type: "string" },
    steps: { type: "string" },
    "trace-steps": { type: "string" },
    "trace-resolution": { type: "string" },
    workers: { type: "string" },
    queue: { type: "string" },
    attempts: { type: "string" },
    "lock-ms": { type: "string" },
    "stalled-ms": { type: "string" },
    out: { type: "string" },
    report: { type: "string" },
    json: { type: "boolean" },
    "curves-only": { type: "boolean" },
    help: { type: "boolean", short: "h" },
  });
  if (flags.help) {
    io.stdout(SIMULATE_USAGE);
    return 0;
  }
  const users = (list("users", flags.users) ?? ["consistent"]).map((u) => {
    if (u !== "consistent" && u !== "btl" && u !== "embedding")
      throw new UsageError(`--users takes consistent, btl and embedding; got "${u}".`, "simulate");
    return u as UserModel;
  });
  const methods = list("methods", flags.methods) ?? [...TABLE_FAMILIES];
  for (const m of methods) {
    if (!TABLE_FAMILIES.includes(m as TaskFamily))
      throw new UsageError(`--methods takes ${TABLE_FAMILIES.join(", ")}; got "${m}".`, "simulate");
  }
  const settings: RunSettings = {
    ...DEFAULT_SETTINGS,
    ...(flags.epsilons === undefined ? {} : { epsilons: numbers("epsilons", flags.epsilons, false)! }),
    ...(flags.budgets === undefined ? {} : { budgets: numbers("budgets", flags.budgets, true)! }),
    ...(flags["max-steps"] === undefined ? {} : { maxSteps: intFlag("simulate", "max-steps", flags["max-steps"], 1)! }),
    ...(flags["max-questions"] === undefined ? {} : { maxQuestions: intFlag("simulate", "max-questions", flags["max-questions"], 1)! }),
    ...(flags.steps === undefined ? {} : { steps: intFlag("simulate", "steps", flags.steps, 0)! }),
    ...(flags["trace-steps"] === undefined ? {} : { traceSteps: intFlag("simulate", "trace-steps", flags["trace-steps"], 0)! }),
    ...(flags["trace-resolution"] === undefined
      ? {}
      : { traceResolution: intFlag("simulate", "trace-resolution", flags["trace-resolution"], 11)! }),
  };
  if (flags["curves-only"] && settings.steps === 0)
    throw new UsageError("--curves-only needs --steps N > 0: the curves are all it runs.", "simulate");
  // The ε and budget grids run sessions to the step cap (199): for results after a few steps
  // (Table 7) that is almost all of the time and none of the numbers.
  const families: TaskFamily[] = (methods as TaskFamily[]).filter((m) => !flags["curves-only"] || m === "random" || m === "oracle");
  if (settings.steps > 0) families.push(...STEP_FAMILIES.filter((f) => methods.includes(f.slice(6))));
  if (settings.traceSteps > 0) families.push("trace");

  const generated = {
    ...(flags.questions === undefined ? {} : { questions: intFlag("simulate", "questions", flags.questions, 1)! }),
    ...(flags.candidates === undefined ? {} : { candidates: intFlag("simulate", "candidates", flags.candidates, 2)! }),
    ...(flags.personas === undefined ? {} : { personas: intFlag("simulate", "personas", flags.personas, 1)! }),
  };
  const datasets: Record<string, Dataset> = {};
  const names = list("domains", flags.domains) ?? (flags.dataset ? [] : ["synthetic2d", "food2d"]);
  for (const name of names) {
    if (!isDomainName(name))
      throw new UsageError(`Unknown domain "${name}"; choose from synthetic2d, food2d, sphere64, sphere512.`, "simulate");
    datasets[name] = createDomain(name, generated);
  }
  for (const path of flags.dataset ?? []) {
    const ds = await loadDatasetFile(path, io.readFile);
    if (!ds.personas.some((p) => p.theta)) {
      throw new UserAlignError("invalid_input", `${path} has no persona with theta; simulated users need θ*.`, [
        { path: ["personas"], message: "need theta" },
      ]);
    }
    datasets[ds.name in datasets ? path : ds.name] = ds;
  }

  const executor = await queueFlags(flags, io, loadQueuePackage);
  const workers = flags.workers === undefined ? 2 : intFlag("simulate", "workers", flags.workers, 0)!;
  const seeds = seedsFlag(flags.seeds);
  const plan = { datasets, users, seeds, families, settings };
  let outcome;
  try {
    outcome = await runExperiment(plan, {
      ...(executor ? { executor } : { workers }),
      ...(flags.out === undefined ? {} : { out: flags.out }),
      progress: { write: io.stderr, tty: io.stderrIsTerminal === true },
    });
  } catch (e) {
    if (isUserAlignError(e)) throw e;
    throw new UserAlignError("internal_error", `The simulation failed: ${e instanceof Error ? e.message : String(e)}`);
  }
  const reports = aggregate(outcome.records, datasets, settings);
  const secs = (ms: number) => (ms / 1000).toFixed(1);
  const where = executor ? "queue workers" : `${workers} worker(s)`;
  io.stderr(
    `${outcome.tasks} tasks (${outcome.ran} run, ${outcome.skipped} resumed) on ${where}: wall ${secs(outcome.wallMs)} s, CPU ${secs(outcome.cpuMs)} s\n`,
  );
  if (flags.report !== undefined) {
    const command = `useralign simulate ${args.filter((a) => a !== "--json").join(" ")}`.trim();
    const meta = {
      command,
      tasks: outcome.tasks,
      ran: outcome.ran,
      workers,
      ...(executor ? { where: where } : {}),
      wallMs: outcome.wallMs,
      cpuMs: outcome.cpuMs,
      settings,
    };
    const files = writeReport(flags.report, reports, meta);
    io.stderr(`Report: ${files.length} files in ${flags.report}\n`);
  }
  if (flags.json)
    io.stdout(`${JSON.stringify({ tasks: outcome.tasks, ran: outcome.ran, wallMs: outcome.wallMs, cpuMs: outcome.cpuMs, reports })}\n`);
  return 0;
}
