import { UserAlignError } from "@useralign/core";
import type { CliIo } from "./io.js";
import { UsageError } from "./usage-error.js";

/**
 * Reads one JSON document from stdin for a machine-interface command (`step`, `solve`). Refuses a
 * terminal up front: reading it would wait for input the user does not know to type. Bad JSON and
 * an empty stdin are `invalid_input` naming `what`.
 */
export async function readStdinJson(io: CliIo, command: string, what: string): Promise<unknown> {
  if (io.interactive) throw new UsageError(`${command} reads its ${what} JSON on stdin; pipe or redirect it in.`, command);
  const text = await io.readStdin();
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    const reason = text.trim() === "" ? "stdin is empty" : (e as Error).message;
    throw new UserAlignError("invalid_input", `The ${what} is not valid JSON: ${reason}.`, [{ path: [], message: "not JSON" }]);
  }
}
