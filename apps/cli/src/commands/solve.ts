import {
  createClarabelSolver,
  createDefaultChain,
  createEcosSolver,
  createScsSolver,
  isConicInputError,
  isUnsupportedProblemError,
  parseWireProblem,
  type ConicSolution,
  type ConicSolver,
} from "@useralign/conic";
import type { CliIo } from "../io.js";
import { parseFlags } from "../flags.js";
import { readStdinJson } from "../stdin-json.js";
import { UsageError } from "../usage-error.js";

/** `useralign solve --help`. */
export const SOLVE_USAGE = `Usage: useralign solve --json [--solver NAME] < problem.json

Solves one conic problem in Clarabel's standard form
  minimize ½xᵀPx + qᵀx  subject to  Ax + s = b,  s ∈ K
and prints the result.

Input (stdin):  {"P": {"rows": [...], "cols": [...], "vals": [...], "shape": [n, n]},   (upper triangle, optional)
                 "q": [...], "A": {"rows", "cols", "vals", "shape": [m, n]}, "b": [...],
                 "cones": [{"type": "zero" | "nonneg" | "soc" | "exp", "dim": k}, ...],
                 "settings": {"maxIter": 100, "tolFeas": 1e-8, "kernels": "wasm" | "ts", ...}}
                 (settings optional: the interior-point solvers' settings, see docs/conic.md)
Output (--json): {"status", "objective", "x", "y", "s", "solver", "iterations"}  (one line; null for NaN)

Options:
  --json         print the result as one JSON line (without it: a short human summary)
  --solver NAME  chain (default: clarabel, then ecos, then scs, each only after a numerical failure
                 or an iteration/time limit of the one before), clarabel, ecos, scs, or highs
                 (LP/QP only: zero and nonneg cones; soc/exp exit 2 naming the cone)
  -h, --help     show this help
`;

/** The solvers `--solver` can name. HiGHS (LP/QP only) loads its WASM on demand. */
const SOLVERS: Record<string, () => ConicSolver | Promise<ConicSolver>> = {
  chain: () => createDefaultChain({ scs: createScsSolver() }) as ConicSolver,
  clarabel: () => createClarabelSolver() as ConicSolver,
  ecos: () => createEcosSolver() as ConicSolver,
  scs: () => createScsSolver() as ConicSolver,
  highs: async () => (await (await import("@useralign/solver-highs")).loadHighsConicSolver()) as ConicSolver,
};

/** The SPEC contract's keys, in order; non-finite numbers become null (JSON has no NaN). */
export function solveReport(s: ConicSolution) {
  const num = (v: number) => (Number.isFinite(v) ? v : null);
  return {
    status: s.status,
    objective: num(s.primalObjective),
    x: Array.from(s.x, num),
    y: Array.from(s.y, num),
    s: Array.from(s.s, num),
    solver: s.solver,
    iterations: s.iterations,
  };
}

/** `useralign solve`: stdin JSON → a conic solver → one line on stdout. */
export async function solveCommand(args: readonly string[], io: CliIo): Promise<number> {
  const flags = parseFlags("solve", args, {
    json: { type: "boolean" },
    solver: { type: "string" },
    help: { type: "boolean", short: "h" },
  });
  if (flags.help) {
    io.stdout(SOLVE_USAGE);
    return 0;
  }
  const name = flags.solver ?? "chain";
  const make = SOLVERS[name];
  if (!make) throw new UsageError(`--solver must be one of ${Object.keys(SOLVERS).join(", ")}; got "${name}".`, "solve");
  const input = await readStdinJson(io, "solve", "problem");
  let solution: ConicSolution;
  try {
    const { problem, settings } = parseWireProblem(input);
    // The wire format's settings are the interior-point ones; scs and highs run on their own defaults.
    const solverSettings = name === "chain" ? { clarabel: settings, ecos: settings } : name === "scs" || name === "highs" ? {} : settings;
    solution = await (await make()).solve(problem, solverSettings);
  } catch (e) {
    // Core (and zod with it) is loaded only to report an error: a one-shot solve starts faster.
    const { UserAlignError } = await import("@useralign/core");
    if (isConicInputError(e)) throw new UserAlignError("invalid_input", e.message, e.issues);
    if (isUnsupportedProblemError(e)) throw new UserAlignError("unsupported_problem", e.message, [{ path: ["cones"], message: e.message }]);
    throw e;
  }
  const report = solveReport(solution);
  io.stdout(flags.json ? `${JSON.stringify(report)}\n` : humanReport(report));
  return 0;
}

function humanReport(r: ReturnType<typeof solveReport>): string {
  const objective = r.objective === null ? "" : ` · objective ${r.objective.toPrecision(8)}`;
  return `${r.status}${objective} · ${r.iterations} iterations (${r.solver})\n`;
}
