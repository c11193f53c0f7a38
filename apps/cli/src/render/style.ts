/** ANSI styling that turns into the identity when colour is off. */
export interface Style {
  readonly color: boolean;
  bold(text: string): string;
  dim(text: string): string;
  accent(text: string): string;
  good(text: string): string;
}

const sgr = (open: number, close: number) => (text: string) => `\x1b[${open}m${text}\x1b[${close}m`;
const plain = (text: string) => text;

/** Colours only when `color` is true (a terminal, and NO_COLOR unset: see `createProcessIo`). */
export function createStyle(color: boolean): Style {
  if (!color) return { color, bold: plain, dim: plain, accent: plain, good: plain };
  return { color, bold: sgr(1, 22), dim: sgr(2, 22), accent: sgr(36, 39), good: sgr(32, 39) };
}

/** Cursor up `lines` and clear to the end of the screen: erases a block drawn just before. */
export function eraseLines(lines: number): string {
  return lines > 0 ? `\x1b[${lines}A\r\x1b[J` : "\r\x1b[J";
}
