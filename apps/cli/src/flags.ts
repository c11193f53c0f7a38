import { parseArgs, type ParseArgsConfig } from "node:util";
import { UsageError } from "./usage-error.js";

type Options = NonNullable<ParseArgsConfig["options"]>;

/** The parsed flag values for an options table `T`. */
export type FlagValues<T extends Options> = ReturnType<
  typeof parseArgs<{ args: string[]; options: T; strict: true; allowPositionals: false }>
>["values"];

/**
 * `parseArgs` in strict mode with no positionals: an unknown flag, a missing value or a stray word
 * becomes a {@link UsageError} for `command`.
 */
export function parseFlags<T extends Options>(command: string, args: readonly string[], options: T): FlagValues<T> {
  try {
    return parseArgs({ args: [...args], options, strict: true, allowPositionals: false }).values;
  } catch (e) {
    // parseArgs throws TypeErrors with ERR_PARSE_ARGS_* codes and already readable messages.
    const message = e instanceof Error ? e.message : String(e);
    throw new UsageError(message, command);
  }
}

/** A finite number flag, or undefined when absent. */
export function numberFlag(command: string, name: string, value: string | undefined, min = -Infinity): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n)) throw new UsageError(`--${name} must be a number; got "${value}".`, command);
  if (n < min) throw new UsageError(`--${name} must be at least ${min}; got ${value}.`, command);
  return n;
}

/** An integer flag, or undefined when absent. */
export function intFlag(command: string, name: string, value: string | undefined, min = -Infinity): number | undefined {
  const n = numberFlag(command, name, value, min);
  if (n !== undefined && !Number.isInteger(n)) throw new UsageError(`--${name} must be an integer; got ${value}.`, command);
  return n;
}
