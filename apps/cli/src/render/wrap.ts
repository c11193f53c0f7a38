import stringWidth from "string-width";

/**
 * Terminal columns of plain text: East Asian wide and fullwidth characters (CJK, most emoji) take
 * two, combining marks and zero-width characters none — counting characters would overflow the
 * two-column layout on a pool of Japanese texts.
 */
export function textWidth(text: string): number {
  return stringWidth(text);
}

/** Pads plain text with spaces to `width` columns. */
export function padEnd(text: string, width: number): string {
  return text + " ".repeat(Math.max(0, width - textWidth(text)));
}

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/** Cuts `word` into pieces of at most `width` columns, never inside a grapheme (a base and its marks). */
function splitColumns(word: string, width: number): string[] {
  const pieces: string[] = [];
  let piece = "";
  let used = 0;
  for (const { segment } of graphemes.segment(word)) {
    const w = textWidth(segment);
    if (used + w > width && piece !== "") {
      pieces.push(piece);
      piece = "";
      used = 0;
    }
    piece += segment;
    used += w;
  }
  if (piece !== "") pieces.push(piece);
  return pieces;
}

/**
 * Greedy word wrap to lines of at most `width` columns; a word longer than a line (or a run of
 * Japanese or Chinese text, which has no spaces) is split at grapheme boundaries. Lines never exceed
 * `width` columns, which the redraw logic relies on to count the lines it has to erase.
 */
export function wrapText(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (let word of text.split(/\s+/).filter((w) => w !== "")) {
    if (textWidth(word) > width) {
      if (line !== "") lines.push(line);
      const pieces = splitColumns(word, width);
      lines.push(...pieces.slice(0, -1));
      word = pieces.at(-1)!;
      line = "";
    }
    if (line === "") line = word;
    else if (textWidth(line) + 1 + textWidth(word) <= width) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line !== "") lines.push(line);
  return lines.length > 0 ? lines : [""];
}
