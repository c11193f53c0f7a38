import { emitKeypressEvents, createInterface } from "node:readline";
import type { Key, KeyReader } from "./io.js";

/** What a readline `keypress` event carries. */
interface KeypressInfo {
  name?: string;
  ctrl?: boolean;
}

/** A queue that hands pushed keys to waiting `next()` calls in order. */
function keyQueue(): { reader: Omit<KeyReader, "close">; push(key: Key | null): void } {
  const ready: (Key | null)[] = [];
  const waiting: ((key: Key | null) => void)[] = [];
  let ended = false;
  return {
    reader: {
      next: () => {
        if (ready.length > 0) return Promise.resolve(ready.shift()!);
        if (ended) return Promise.resolve(null);
        return new Promise((resolve) => waiting.push(resolve));
      },
    },
    push(key) {
      if (ended) return;
      if (key === null) ended = true;
      const resolve = waiting.shift();
      if (resolve) resolve(key);
      else ready.push(key);
      // Everyone still waiting when input ends gets null too.
      if (key === null) for (const w of waiting.splice(0)) w(null);
    },
  };
}

/** Maps one keypress to a {@link Key}; up/down act like left/right for stacked layouts. */
export function keyFromKeypress(text: string | undefined, info: KeypressInfo = {}): Key {
  // Raw mode swallows SIGINT, so Ctrl+C has to be handled as a key.
  if (info.ctrl && (info.name === "c" || info.name === "d")) return "quit";
  if (text === "1" || text === "2") return text;
  switch (info.name) {
    case "left":
    case "up":
      return "left";
    case "right":
    case "down":
      return "right";
    case "return":
    case "enter":
      return "enter";
    case "q":
    case "escape":
      return "quit";
    default:
      return "other";
  }
}

/** Maps one typed line to a {@link Key} (for piped stdin). */
export function keyFromLine(line: string): Key {
  const word = line.trim().toLowerCase();
  if (word === "1" || word === "2") return word;
  if (word === "q" || word === "quit") return "quit";
  return "other";
}

/** Reads single key presses from a terminal in raw mode; `close()` restores cooked mode. */
export function createTerminalKeyReader(stdin: NodeJS.ReadStream): KeyReader {
  const queue = keyQueue();
  const onKeypress = (text: string | undefined, info: KeypressInfo | undefined) => queue.push(keyFromKeypress(text, info));
  const onEnd = () => queue.push(null);
  emitKeypressEvents(stdin);
  stdin.setRawMode(true);
  stdin.on("keypress", onKeypress);
  stdin.on("end", onEnd);
  stdin.resume();
  let closed = false;
  return {
    ...queue.reader,
    close() {
      if (closed) return;
      closed = true;
      stdin.off("keypress", onKeypress);
      stdin.off("end", onEnd);
      stdin.setRawMode(false);
      // A resumed stdin keeps the event loop (and so the process) alive.
      stdin.pause();
    },
  };
}

/** Reads answers as lines ("1", "2", "q") from a pipe or file. */
export function createLineKeyReader(input: NodeJS.ReadableStream): KeyReader {
  const queue = keyQueue();
  const lines = createInterface({ input, terminal: false });
  lines.on("line", (line) => queue.push(keyFromLine(line)));
  lines.on("close", () => queue.push(null));
  return { ...queue.reader, close: () => lines.close() };
}

/** A reader over a fixed list of keys, then end of input (for tests and scripted runs). */
export function createListKeyReader(keys: readonly Key[]): KeyReader {
  const queue = keyQueue();
  for (const key of keys) queue.push(key);
  queue.push(null);
  return { ...queue.reader, close: () => {} };
}
