import { readFile, writeFile } from "node:fs/promises";
import { createLineKeyReader, createTerminalKeyReader } from "./key-reader.js";

/** A key press, as the interactive chooser understands it (lines count as keys off a terminal). */
export type Key = "1" | "2" | "left" | "right" | "enter" | "quit" | "other";

/** Delivers key presses one at a time. */
export interface KeyReader {
  /** The next key, or null once input has ended. */
  next(): Promise<Key | null>;
  /** Restores the terminal and stops reading; safe to call more than once. */
  close(): void;
}

/**
 * Everything a command touches outside itself. Commands receive it instead of reading `process`,
 * so every command runs in-process in tests with a fake.
 */
export interface CliIo {
  /** All of standard input as text. */
  readStdin(): Promise<string>;
  /** A file's text (pool files, θ* files). */
  readFile(path: string): Promise<string>;
  /** Writes a file's text (`--out` of `embed` and `pool`). */
  writeFile(path: string, text: string): Promise<void>;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Environment variables (OPENAI_BASE_URL, OPENAI_API_KEY, …). */
  env: Readonly<Record<string, string | undefined>>;
  /** Whether stderr is a terminal: progress bars redraw in place there, else only a summary line. */
  stderrIsTerminal: boolean;
  /** Whether stdin is a terminal: keys then arrive one by one in raw mode, else as lines. */
  interactive: boolean;
  /** Whether to use ANSI colours (stdout is a terminal and NO_COLOR is not set). */
  color: boolean;
  /** Terminal width in columns. */
  columns: number;
  /** Opens the key reader; a command calls it at most once. */
  keys(): KeyReader;
}

/** Colour only on a terminal, and never when NO_COLOR is set to a non-empty value (no-color.org). */
export function shouldColor(isTTY: boolean | undefined, env: Readonly<Record<string, string | undefined>>): boolean {
  const noColor = env["NO_COLOR"];
  return isTTY === true && (noColor === undefined || noColor === "");
}

/** The real IO of a `useralign` process. */
export function createProcessIo(): CliIo {
  const { stdin, stdout, stderr, env } = process;
  return {
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of stdin) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
      return Buffer.concat(chunks).toString("utf8");
    },
    readFile: (path) => readFile(path, "utf8"),
    writeFile: (path, text) => writeFile(path, text, "utf8"),
    stdout: (text) => void stdout.write(text),
    stderr: (text) => void stderr.write(text),
    env,
    stderrIsTerminal: stderr.isTTY === true,
    interactive: stdin.isTTY === true,
    color: shouldColor(stdout.isTTY, env),
    columns: stdout.columns ?? 80,
    keys: () => (stdin.isTTY ? createTerminalKeyReader(stdin) : createLineKeyReader(stdin)),
  };
}
