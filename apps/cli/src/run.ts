import type { UserAlignErrorCode } from "@useralign/core";
import type { BenchLoader } from "./commands/bench.js";
import type { ServeSeams } from "./commands/serve.js";
import type { WorkerSeams } from "./commands/worker.js";
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
const INPUT_ERRORS: ReadonlySet<UserAlignErrorCode> = new Set([
  "invalid_input",
  "answer_mismatch",
  "backend_not_found",
  "session_finished",
  "unsupported_problem",
]);

/**
 * Runs one `useralign` command line and returns its exit code. Never throws: every error is
 * printed to `io.stderr` (stdout stays clean for JSON consumers).
 */
export async function run(argv: readonly string[], io: CliIo, options: RunOptions = {}): Promise<number> {
  const [command, ...rest] = argv;
  try {
    // Each command is loaded on demand: a one-shot `step` or `solve` process should not load (and
    // compile) the chat, embedding, dataset and web packages the other commands need.
    switch (command) {
      case "step":
        return await (await import("./commands/step.js")).stepCommand(rest, io);
      case "choose":
        return await (await import("./commands/choose.js")).chooseCommand(rest, io);
      case "solve":
        return await (await import("./commands/solve.js")).solveCommand(rest, io);
      case "embed":
        return await (await import("./commands/embed.js")).embedCommand(rest, io);
      case "pool":
        return await (await import("./commands/pool.js")).poolCommand(rest, io);
      case "bench":
        return await (await import("./commands/bench.js")).benchCommand(rest, io, options.loadBench);
      case "serve":
        return await (await import("./commands/serve.js")).serveCommand(rest, io, options.serve);
      case "simulate":
        return await (await import("./commands/simulate.js")).simulateCommand(rest, io, options.worker?.load);
      case "worker":
        return await (await import("./commands/worker.js")).workerCommand(rest, io, options.worker);
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
    return await report(e, io);
  }
}

async function report(e: unknown, io: CliIo): Promise<number> {
  if (e instanceof UsageError) {
    const help = e.command ? `useralign ${e.command} --help` : "useralign --help";
    io.stderr(`useralign: ${e.message}\nRun "${help}" for usage.\n`);
    return ExitCode.usage;
  }
  // Core (and zod with it) is loaded here only on the error path: `solve` does not need it otherwise.
  const { isUserAlignError } = await import("@useralign/core");
  if (isUserAlignError(e)) {
    io.stderr(`useralign: ${e.message}\n`);
    return INPUT_ERRORS.has(e.code) ? ExitCode.usage : ExitCode.failure;
  }
  io.stderr(`useralign: ${e instanceof Error ? e.message : String(e)}\n`);
  return ExitCode.failure;
}
