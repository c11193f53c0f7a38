import { evaluateStep, type StepReport } from "@useralign/core";
import type { CliIo } from "../io.js";
import { BACKEND_FLAGS, BACKEND_HELP, backendFlag, backendRegistry } from "../backend-registry.js";
import { parseFlags } from "../flags.js";
import { readStdinJson } from "../stdin-json.js";

/** `useralign step --help`. */
export const STEP_USAGE = `Usage: useralign step --json [--backend NAME] < input.json

Computes one UserAlign step on a given history and prints it.

Input (stdin):  {"features": [[...]], "comparisons": [{"winner": i, "loser": j}],
                 "S": 3, "delta": 0.05, "epsilon": 0, "method": "useralign" | "useralign-loss", "seed": 0}
Output (--json): {"theta_hat": [...], "first": i, "second": j | null, "bound": B, "stop": bool,
                  "values": {"<j>": V_j, ...}}  (one line; V_j for every candidate j ≠ first)

Options:
  --json          print the report as one JSON line (without it: a short human summary)
  --backend NAME  ${BACKEND_HELP}
  -h, --help      show this help
`;

/** The SPEC contract's keys, in order; anything else the core reports stays out of the JSON. */
function contractReport(r: StepReport): Omit<StepReport, "replayed"> {
  return { theta_hat: r.theta_hat, first: r.first, second: r.second, bound: r.bound, stop: r.stop, values: r.values };
}

function humanReport(r: StepReport): string {
  const decision = r.stop ? "stop: return the first response" : `ask: ${r.first} vs ${r.second}`;
  const second = r.second === null ? "none" : String(r.second);
  return `first ${r.first} · second ${second} · bound B(t) = ${r.bound.toPrecision(4)} → ${decision}\n`;
}

/** `useralign step`: stdin JSON → `evaluateStep` → one line on stdout. */
export async function stepCommand(args: readonly string[], io: CliIo): Promise<number> {
  const flags = parseFlags("step", args, {
    json: { type: "boolean" },
    ...BACKEND_FLAGS,
    help: { type: "boolean", short: "h" },
  });
  if (flags.help) {
    io.stdout(STEP_USAGE);
    return 0;
  }
  const input = await readStdinJson(io, "step", "step input");
  const backend = backendFlag("step", flags);
  const options = backend === undefined ? {} : { backend, registry: await backendRegistry(backend) };
  const { report } = evaluateStep(input, options);
  io.stdout(flags.json ? `${JSON.stringify(contractReport(report))}\n` : humanReport(report));
  return 0;
}
