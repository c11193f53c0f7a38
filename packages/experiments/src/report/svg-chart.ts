/** One data series of a chart. */
export interface Series {
  readonly name: string;
  readonly color: string;
  readonly points: readonly (readonly [number, number])[];
  /** `line` joins the points, `scatter` marks them, `both` does both, `hline` is a level at points[0][1]. */
  readonly kind: "line" | "scatter" | "both" | "hline";
  readonly dashed?: boolean;
}

/** A chart: axes with ticks, series, legend. Sizes in px. */
export interface ChartSpec {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly Series[];
  /** @default 520 */
  readonly width?: number;
  /** @default 340 */
  readonly height?: number;
  /** Axis ranges; default from the data. */
  readonly x?: readonly [number, number];
  readonly y?: readonly [number, number];
}

/** Escapes text for SVG. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** About `count` round tick values covering [min, max] (1, 2 or 5 × 10^k apart). */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!(max > min)) return [min];
  const raw = (max - min) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw)!;
  const ticks: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step)
    ticks.push(Math.abs(v) < step * 1e-9 ? 0 : Number(v.toPrecision(12)));
  return ticks;
}

function extent(values: number[], pad: number): [number, number] {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return [0, 1];
  let lo = Math.min(...finite);
  let hi = Math.max(...finite);
  if (hi === lo) {
    lo -= 1;
    hi += 1;
  }
  const p = (hi - lo) * pad;
  return [lo - p, hi + p];
}

const fmt = (v: number) => (Math.abs(v) >= 1000 || (v !== 0 && Math.abs(v) < 0.01) ? v.toExponential(0) : String(Number(v.toPrecision(4))));

/** Renders the chart as a standalone SVG document (no dependencies, no scripts). */
export function renderChart(spec: ChartSpec): string {
  const width = spec.width ?? 520;
  const height = spec.height ?? 340;
  // The legend sits right of the plot: leave room for its longest name (≈ 6.2 px per character).
  const legend = Math.max(...spec.series.map((s) => s.name.length), 4);
  const m = { left: 58, right: Math.round(44 + 6.2 * legend), top: 34, bottom: 46 };
  const pw = width - m.left - m.right;
  const ph = height - m.top - m.bottom;
  const xs = spec.series.filter((s) => s.kind !== "hline").flatMap((s) => s.points.map((p) => p[0]));
  const ys = spec.series.flatMap((s) => s.points.map((p) => p[1]));
  const [x0, x1] = spec.x ?? extent(xs, 0.04);
  const [y0, y1] = spec.y ?? extent(ys, 0.06);
  const sx = (v: number) => m.left + ((v - x0) / (x1 - x0)) * pw;
  const sy = (v: number) => m.top + ph - ((v - y0) / (y1 - y0)) * ph;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="11">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="${m.left + pw / 2}" y="20" text-anchor="middle" font-size="13" font-weight="bold">${escapeXml(spec.title)}</text>`,
  ];
  for (const t of niceTicks(x0, x1)) {
    out.push(`<line x1="${sx(t)}" x2="${sx(t)}" y1="${m.top}" y2="${m.top + ph}" stroke="#eee"/>`);
    out.push(`<text x="${sx(t)}" y="${m.top + ph + 14}" text-anchor="middle" fill="#444">${fmt(t)}</text>`);
  }
  for (const t of niceTicks(y0, y1)) {
    out.push(`<line x1="${m.left}" x2="${m.left + pw}" y1="${sy(t)}" y2="${sy(t)}" stroke="#eee"/>`);
    out.push(`<text x="${m.left - 6}" y="${sy(t) + 4}" text-anchor="end" fill="#444">${fmt(t)}</text>`);
  }
  out.push(`<rect x="${m.left}" y="${m.top}" width="${pw}" height="${ph}" fill="none" stroke="#888"/>`);
  out.push(`<text x="${m.left + pw / 2}" y="${height - 10}" text-anchor="middle">${escapeXml(spec.xLabel)}</text>`);
  out.push(`<text transform="translate(14 ${m.top + ph / 2}) rotate(-90)" text-anchor="middle">${escapeXml(spec.yLabel)}</text>`);
  out.push(`<clipPath id="plot"><rect x="${m.left}" y="${m.top}" width="${pw}" height="${ph}"/></clipPath><g clip-path="url(#plot)">`);
  for (const s of spec.series) {
    const dash = s.dashed ? ` stroke-dasharray="5 3"` : "";
    if (s.kind === "hline" && s.points.length > 0) {
      const y = sy(s.points[0]![1]);
      out.push(`<line x1="${m.left}" x2="${m.left + pw}" y1="${y}" y2="${y}" stroke="${s.color}" stroke-width="1.5"${dash}/>`);
      continue;
    }
    const pts = s.points.filter((p) => Number.isFinite(p[0]) && Number.isFinite(p[1]));
    if ((s.kind === "line" || s.kind === "both") && pts.length > 1) {
      out.push(
        `<polyline fill="none" stroke="${s.color}" stroke-width="1.8"${dash} points="${pts.map((p) => `${sx(p[0]).toFixed(1)},${sy(p[1]).toFixed(1)}`).join(" ")}"/>`,
      );
    }
    if (s.kind === "scatter" || s.kind === "both") {
      for (const p of pts) out.push(`<circle cx="${sx(p[0]).toFixed(1)}" cy="${sy(p[1]).toFixed(1)}" r="3.2" fill="${s.color}"/>`);
    }
  }
  out.push(`</g>`);
  spec.series.forEach((s, i) => {
    const y = m.top + 10 + i * 18;
    const x = m.left + pw + 12;
    const dash = s.dashed ? ` stroke-dasharray="5 3"` : "";
    out.push(`<line x1="${x}" x2="${x + 20}" y1="${y}" y2="${y}" stroke="${s.color}" stroke-width="2"${dash}/>`);
    if (s.kind === "scatter" || s.kind === "both") out.push(`<circle cx="${x + 10}" cy="${y}" r="3.2" fill="${s.color}"/>`);
    out.push(`<text x="${x + 26}" y="${y + 4}">${escapeXml(s.name)}</text>`);
  });
  out.push(`</svg>`);
  return out.join("\n");
}

/** Places several SVG charts side by side in one document. */
export function sideBySide(charts: readonly string[], width: number, height: number): string {
  const inner = charts.map((c, i) =>
    c
      .replace("<svg ", `<svg x="${i * width}" y="0" `)
      .replace(/id="plot"/g, `id="plot${i}"`)
      .replace(/url\(#plot\)/g, `url(#plot${i})`),
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width * charts.length}" height="${height}" viewBox="0 0 ${width * charts.length} ${height}">\n${inner.join("\n")}\n</svg>`;
}
