/** Display width of plain text, counting code points (the pools hold no wide or combining characters). */
export function textWidth(text: string): number {
  return [...text].length;
}

/** Pads plain text with spaces to `width` columns. */
export function padEnd(text: string, width: number): string {
  return text + " ".repeat(Math.max(0, width - textWidth(text)));
}

/**
 * Greedy word wrap to lines of at most `width` columns; a word longer than a line is split. Lines
 * never exceed `width`, which the redraw logic relies on to count the lines it has to erase.
 */
export function wrapText(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (let word of text.split(/\s+/).filter((w) => w !== "")) {
    while (textWidth(word) > width) {
      if (line !== "") {
        lines.push(line);
        line = "";
      }
      const chars = [...word];
      lines.push(chars.slice(0, width).join(""));
      word = chars.slice(width).join("");
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
