import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { CliIo, Key } from "../src/io.js";
import { createListKeyReader } from "../src/key-reader.js";
import { run } from "../src/run.js";

/** The example pool shipped in examples/ (features from the texts, 100-d word vectors). */
export const DINNER = fileURLToPath(new URL("../../../examples/dinner.json", import.meta.url));
/** The same dinners on six hand-placed axes. */
export const DINNER_AXES = fileURLToPath(new URL("../../../examples/dinner-axes.json", import.meta.url));

/** Options of {@link runCli}. */
export interface FakeIoOptions {
  stdin?: string;
  /** Virtual files, looked up before the real file system; `--out` writes land here too. */
  files?: Record<string, string>;
  env?: Record<string, string | undefined>;
  stderrIsTerminal?: boolean;
  keys?: Key[];
  interactive?: boolean;
  color?: boolean;
  columns?: number;
}

/** Runs `useralign ARGV` in-process with a fake IO; returns the exit code and what was printed. */
export async function runCli(argv: string[], options: FakeIoOptions = {}, runOptions?: Parameters<typeof run>[2]) {
  let stdout = "";
  let stderr = "";
  let keyReaders = 0;
  const files: Record<string, string> = { ...options.files };
  const io: CliIo = {
    readStdin: async () => options.stdin ?? "",
    readFile: async (path) => files[path] ?? readFile(path, "utf8"),
    writeFile: async (path, text) => void (files[path] = text),
    env: options.env ?? {},
    stderrIsTerminal: options.stderrIsTerminal ?? false,
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    interactive: options.interactive ?? false,
    color: options.color ?? false,
    columns: options.columns ?? 100,
    keys: () => {
      keyReaders++;
      return createListKeyReader(options.keys ?? []);
    },
  };
  const code = await run(argv, io, runOptions);
  return { code, stdout, stderr, keyReaders, files };
}

/** Strips ANSI escape sequences. */
export function plain(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\x1b\[[0-9;]*[A-Za-z]/g, "");
}
