import type { BenchStepResult } from "@useralign/bench";
import type { BackendRegistry } from "@useralign/core";
import type { CliIo } from "../io.js";
import { BACKEND_FLAGS, BACKEND_HELP, backendFlag, backendRegistry } from "../backend-registry.js";
import { intFlag, parseFlags } from "../flags.js";
import { importOptional, type OptionalPackage } from "../optional-package.js";
import { UsageError } from "../usage-error.js";

/** `useralign bench --help`. */
export const BENCH_USAGE = `Usage: useralign bench step --n N --d D --t T [--backend NAME] [--reps R] [--json]

Times one UserAlign step in-process on a generated instance (features on the unit sphere × ½,
T consistent comparisons chosen by the method itself, θ* on the sphere of radius S, fixed seed):
medians over R repetitions after warm-up.

Options:
  --n N           candidates in the pool
  --d D           feature dimension
  --t T           comparisons in the history when the timed step runs
  --backend NAME  ${BACKEND_HELP}
  --reps R        timed repetitions (default: the benchmark's own)
  --json          print the result as one JSON line (its "solver" field names the backend)
  -h, --help      show this help
`;

/** The SPEC `bench step` output (defined by the benchmark package). */
export type BenchStepReport = BenchStepResult;

/** What `bench` needs from `@useralign/bench`. */
export interface BenchModule {
  benchStep(options: {
    n: number;
    d: number;
    t: number;
    backend?: string;
    reps?: number;
    registry?: BackendRegistry;
  }): BenchStepReport | Promise<BenchStepReport>;
}

/** Loads the benchmark package (a seam so tests can pass a fake). */
export type BenchLoader = () => Promise<BenchModule>;

// The benchmark package is not published (it carries the conformance suite and its test runner): it is
// a dev dependency, present in a clone of the repository, and loaded only when `bench` runs.
/** Where `bench` loads its package from, and what to tell a user who does not have it. */
export const BENCH_PACKAGE: OptionalPackage = {
  specifier: "@useralign/bench",
  command: "bench",
  install:
    "It is not published: run the benchmarks from a clone of the repository (pnpm install && pnpm build && pnpm --silent useralign bench step …).",
};
const defaultLoader: BenchLoader = () => importOptional<BenchModule>(BENCH_PACKAGE);

function table(r: BenchStepReport): string {
  const ms = (v: number) => `${v.toFixed(v < 10 ? 2 : 1)} ms`;
  const second = r.decision.second === null ? "none" : String(r.decision.second);
  return [
    `step  n=${r.n}  d=${r.d}  t=${r.t}  backend=${r.solver}  reps=${r.reps}`,
    `  median   ${ms(r.median_ms)}   (min ${ms(r.min_ms)}, max ${ms(r.max_ms)})`,
    `  parts    mle ${ms(r.parts.mle_ms)} · first ${ms(r.parts.first_ms)} · second ${ms(r.parts.second_ms)}`,
    `  memory   rss ${r.rss_mb.toFixed(1)} MB`,
    `  decision first ${r.decision.first} · second ${second} · bound ${r.decision.bound.toPrecision(4)}`,
    "",
  ].join("\n");
}

/** `useralign bench step`: parses flags and hands them to `benchStep` of `@useralign/bench`. */
export async function benchCommand(args: readonly string[], io: CliIo, load: BenchLoader = defaultLoader): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === "-h" || sub === "--help") {
    io.stdout(BENCH_USAGE);
    return 0;
  }
  if (sub !== "step")
    throw new UsageError(sub === undefined ? "bench needs a subcommand: step." : `Unknown bench subcommand "${sub}".`, "bench");
  const flags = parseFlags("bench", rest, {
    n: { type: "string" },
    d: { type: "string" },
    t: { type: "string" },
    ...BACKEND_FLAGS,
    reps: { type: "string" },
    json: { type: "boolean" },
    help: { type: "boolean", short: "h" },
  });
  if (flags.help) {
    io.stdout(BENCH_USAGE);
    return 0;
  }
  const required = (name: "n" | "d" | "t", min: number) => {
    const v = intFlag("bench", name, flags[name], min);
    if (v === undefined) throw new UsageError(`bench step needs --${name}.`, "bench");
    return v;
  };
  // Builtin names need no registry; other names load their package (or fail listing what is installed).
  const backend = backendFlag("bench", flags);
  const builtin = backend === undefined || backend === "structured" || backend === "general";
  const options = {
    ...(builtin ? {} : { registry: await backendRegistry(backend) }),
    n: required("n", 2),
    d: required("d", 1),
    t: required("t", 0),
    ...(backend === undefined ? {} : { backend }),
    ...(flags.reps === undefined ? {} : { reps: intFlag("bench", "reps", flags.reps, 1)! }),
  };
  const result = await (await load()).benchStep(options);
  io.stdout(flags.json ? `${JSON.stringify(result)}\n` : table(result));
  return 0;
}
