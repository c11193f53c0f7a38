import { isUserAlignError, type UserAlignErrorCode } from "@useralign/core";
import { benchCommand, type BenchLoader } from "./commands/bench.js";
import { chooseCommand } from "./commands/choose.js";
import { embedCommand } from "./commands/embed.js";
import { serveCommand, type ServeSeams } from "./commands/serve.js";
import { poolCommand } from "./commands/pool.js";
import { simulateCommand } from "./commands/simulate.js";
import { stepCommand } from "./commands/step.js";
import { workerCommand, type WorkerSeams } from "./commands/worker.js";
import type { CliIo } from "./io.js";
import { UsageError } from "./usage-error.js";
import { cliVersion } from "./version.js";

/** Exit codes of `useralign`. */
export const ExitCode = { ok: 0, failure: 1, usage: 2 } as const;

/** `useralign --help`. */
export const USAGE = `Usage: useralign <command> [options]

Finds the response you like best in a pool of candidates by asking a few "which of these two?"
questions (UserAlign: best-arm identification in a logistic bandit).

Commands:
  choose --pool FILE   pick from a pool file, asking you (or a simulated user) pairwise questions
  step --json          compute one step on a history read from stdin (machine interface)
  pool --question TEXT generate a pool with a chat model, embed it and write a pool file
  embed --in FILE      embed the texts of a JSON Lines file (hashing, static, openai, … providers)
  bench step           time one step on a generated instance
  solve --json         solve one conic problem read from stdin (LP, QP, SOCP, exponential cone)
  serve --study FILE   run a human study in the browser (docs/web.md)
  simulate             run simulated users over domains; tables, SVG figures, resumable results
  worker --queue URL   run the tasks of queued simulate sweeps (simulate --queue), on any machine

Run "useralign <command> --help" for a command's options; "useralign --version" prints the version.
Exit codes: 0 ok, 1 runtime failure or quit, 2 bad usage or bad input.
`;

/** Seams for tests: how `bench` loads its package. */
export interface RunOptions {
  loadBench?: BenchLoader;
  /** How `serve` loads the web package and knows when to stop. */
  serve?: ServeSeams;
  /** How `worker` and `simulate --queue` load the queue package, and when `worker` stops. */
  worker?: WorkerSeams;
}

// Errors caused by what the user passed in, as opposed to failures while running.
const INPUT_ERRORS: ReadonlySet<UserAlignErrorCode> = new Set(["invalid_input", "answer_mismatch", "backend_not_found", "session_finished", "unsupported_problem"]);

/**
 * Runs one `useralign` command line and returns its exit code. Never throws: every error is
 * printed to `io.stderr` (stdout stays clean for JSON consumers).
 */
export async function run(argv: readonly string[], io: CliIo, options: RunOptions = {}): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case "step":
        return await stepCommand(rest, io);
      case "choose":
        return await chooseCommand(rest, io);
      case "solve":
        // Loaded on demand: the solver package is not needed by (and would slow the start of) other commands.
        return await (await import("./commands/solve.js")).solveCommand(rest, io);
      case "embed":
        return await embedCommand(rest, io);
      case "pool":
        return await poolCommand(rest, io);
      case "bench":
        return await benchCommand(rest, io, options.loadBench);
      case "serve":
        return await serveCommand(rest, io, options.serve);
      case "simulate":
        return await simulateCommand(rest, io, options.worker?.load);
      case "worker":
        return await workerCommand(rest, io, options.worker);
      case "-v":
      case "--version":
      case "version":
        io.stdout(`${cliVersion()}\n`);
        return ExitCode.ok;
      case "-h":
      case "--help":
      case "help":
        io.stdout(USAGE);
        return ExitCode.ok;
      case undefined:
        io.stderr(USAGE);
        return ExitCode.usage;
      default:
        throw new UsageError(`Unknown command "${command}".`);
    }
  } catch (e) {
    return report(e, io);
  }
}

function report(e: unknown, io: CliIo): number {
  if (e instanceof UsageError) {
    const help = e.command ? `useralign ${e.command} --help` : "useralign --help";
    io.stderr(`useralign: ${e.message}\nRun "${help}" for usage.\n`);
    return ExitCode.usage;
  }
  if (isUserAlignError(e)) {
    io.stderr(`useralign: ${e.message}\n`);
    return INPUT_ERRORS.has(e.code) ? ExitCode.usage : ExitCode.failure;
  }
  io.stderr(`useralign: ${e instanceof Error ? e.message : String(e)}\n`);
  return ExitCode.failure;
}
