/** One line of a log–log plot. */
export interface Series {
  readonly label: string;
  readonly color: string;
  readonly points: readonly (readonly [number, number])[];
}

/**
 * A small self-contained SVG line chart with logarithmic axes (decades gridded), for the
 * benchmark docs: no plotting dependency, readable in any browser or Markdown viewer.
 */
export function logLogPlot(title: string, xLabel: string, yLabel: string, series: readonly Series[]): string {
  const width = 560;
  const height = 360;
  const left = 70;
  const right = 20;
  const top = 40;
  const bottom = 50;
  const all = series.flatMap((s) => s.points);
  const decades = (values: number[]): [number, number] => [
    Math.floor(Math.log10(Math.min(...values))),
    Math.ceil(Math.log10(Math.max(...values))),
  ];
  const [x0, x1] = decades(all.map((p) => p[0]));
  const [y0, y1] = decades(all.map((p) => p[1]));
  const px = (x: number): number => left + ((Math.log10(x) - x0) / (x1 - x0)) * (width - left - right);
  const py = (y: number): number => height - bottom - ((Math.log10(y) - y0) / (y1 - y0)) * (height - top - bottom);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="${width / 2}" y="22" text-anchor="middle" font-size="14">${title}</text>`,
  ];
  for (let d = x0; d <= x1; d++) {
    const x = px(10 ** d);
    parts.push(`<line x1="${x}" y1="${top}" x2="${x}" y2="${height - bottom}" stroke="#ddd"/>`);
    parts.push(`<text x="${x}" y="${height - bottom + 16}" text-anchor="middle">${format(10 ** d)}</text>`);
  }
  for (let d = y0; d <= y1; d++) {
    const y = py(10 ** d);
    parts.push(`<line x1="${left}" y1="${y}" x2="${width - right}" y2="${y}" stroke="#ddd"/>`);
    parts.push(`<text x="${left - 6}" y="${y + 4}" text-anchor="end">${format(10 ** d)}</text>`);
  }
  parts.push(`<text x="${(left + width - right) / 2}" y="${height - 12}" text-anchor="middle">${xLabel}</text>`);
  parts.push(`<text transform="translate(16 ${(top + height - bottom) / 2}) rotate(-90)" text-anchor="middle">${yLabel}</text>`);
  series.forEach((s, index) => {
    const path = s.points.map(([x, y], i) => `${i ? "L" : "M"}${px(x).toFixed(1)},${py(y).toFixed(1)}`).join(" ");
    parts.push(`<path d="${path}" fill="none" stroke="${s.color}" stroke-width="2"/>`);
    for (const [x, y] of s.points) parts.push(`<circle cx="${px(x).toFixed(1)}" cy="${py(y).toFixed(1)}" r="3" fill="${s.color}"/>`);
    const ly = top + 10 + index * 18;
    parts.push(`<line x1="${left + 12}" y1="${ly}" x2="${left + 36}" y2="${ly}" stroke="${s.color}" stroke-width="2"/>`);
    parts.push(`<text x="${left + 42}" y="${ly + 4}">${s.label}</text>`);
  });
  parts.push("</svg>");
  return `${parts.join("\n")}\n`;
}

function format(v: number): string {
  return v >= 1 ? String(v) : v.toExponential(0);
}
