/** One bar: a label and its value. */
export interface Bar {
  label: string;
  value: number;
}

const escapeXml = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/**
 * A horizontal bar chart as a standalone SVG (no fonts or scripts to load): one row per bar,
 * the value printed at the bar's end, on a scale from 0 to the largest value.
 */
export function barChartSvg(title: string, unit: string, bars: readonly Bar[]): string {
  const labelWidth = 300;
  const chartWidth = 360;
  const row = 26;
  const top = 40;
  const height = top + bars.length * row + 20;
  const max = Math.max(...bars.map((b) => b.value), 1);
  const rows = bars.map((b, i) => {
    const y = top + i * row;
    const w = Math.max(1, (b.value / max) * chartWidth);
    return [
      `<text x="${labelWidth - 8}" y="${y + 15}" text-anchor="end">${escapeXml(b.label)}</text>`,
      `<rect x="${labelWidth}" y="${y + 3}" width="${w.toFixed(1)}" height="${row - 8}" fill="#4c78a8"/>`,
      `<text x="${(labelWidth + w + 6).toFixed(1)}" y="${y + 15}">${escapeXml(`${Math.round(b.value).toLocaleString("en-US")} ${unit}`)}</text>`,
    ].join("");
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${labelWidth + chartWidth + 140}" height="${height}" font-family="sans-serif" font-size="13">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="12" y="22" font-size="15" font-weight="bold">${escapeXml(title)}</text>`,
    ...rows,
    `</svg>`,
    "",
  ].join("\n");
}
