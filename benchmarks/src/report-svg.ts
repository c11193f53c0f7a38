import type { GridResult } from "./run-grid.js";

const COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"];

/**
 * One SVG per feature dimension d: a panel per history length t, median step time against N for
 * every backend, both axes logarithmic, min–max as a vertical bar. Hand-written SVG (no plotting
 * dependency).
 */
export function timeVsNChart(result: GridResult, d: number): string {
  const ts = [...new Set(result.rows.filter((r) => r.d === d).map((r) => r.t))].sort((a, b) => a - b);
  const ns = [...new Set(result.rows.map((r) => r.n))].sort((a, b) => a - b);
  const timed = result.rows.filter((r) => r.d === d && r.timing);
  const lo = Math.min(...timed.map((r) => r.timing!.min_ms));
  const hi = Math.max(...timed.map((r) => r.timing!.max_ms));
  const yMin = Math.floor(Math.log10(Math.max(lo, 1e-3)));
  const yMax = Math.ceil(Math.log10(Math.max(hi, 1e-3 * 10)));
  const panelW = 260;
  const panelH = 220;
  const margin = { left: 72, top: 40, right: 34, bottom: 46 };
  const width = margin.left + ts.length * (panelW + margin.right) + 10;
  const height = margin.top + panelH + margin.bottom + 24 + 18 * Math.ceil(result.solvers.length / 3);
  const xMin = Math.log10(ns[0]!);
  const xMax = Math.log10(ns[ns.length - 1]!);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${width / 2}" y="18" text-anchor="middle" font-size="14">Step time vs N, d = ${d} (median, min–max bars; log–log)</text>`,
  ];
  ts.forEach((t, pi) => {
    const x0 = margin.left + pi * (panelW + margin.right);
    const y0 = margin.top;
    const sx = (n: number) => x0 + ((Math.log10(n) - xMin) / (xMax - xMin || 1)) * panelW;
    const sy = (ms: number) => y0 + panelH - ((Math.log10(Math.max(ms, 1e-3)) - yMin) / (yMax - yMin || 1)) * panelH;
    out.push(`<rect x="${x0}" y="${y0}" width="${panelW}" height="${panelH}" fill="none" stroke="#999"/>`);
    out.push(`<text x="${x0 + panelW / 2}" y="${y0 - 6}" text-anchor="middle">t = ${t}</text>`);
    for (let e = yMin; e <= yMax; e++) {
      const y = sy(10 ** e);
      out.push(`<line x1="${x0}" x2="${x0 + panelW}" y1="${y}" y2="${y}" stroke="#eee"/>`);
      if (pi === 0) out.push(`<text x="${x0 - 6}" y="${y + 4}" text-anchor="end">${formatMs(10 ** e)}</text>`);
    }
    for (const n of ns) {
      const x = sx(n);
      out.push(`<line x1="${x}" x2="${x}" y1="${y0}" y2="${y0 + panelH}" stroke="#f3f3f3"/>`);
      out.push(`<text x="${x}" y="${y0 + panelH + 14}" text-anchor="middle">${n}</text>`);
    }
    out.push(`<text x="${x0 + panelW / 2}" y="${y0 + panelH + 30}" text-anchor="middle">N (candidates)</text>`);
    result.solvers.forEach((solver, si) => {
      const color = COLORS[si % COLORS.length]!;
      const pts = timed.filter((r) => r.t === t && r.solver === solver).sort((a, b) => a.n - b.n);
      if (pts.length === 0) return;
      out.push(
        `<polyline fill="none" stroke="${color}" stroke-width="2" points="${pts.map((r) => `${sx(r.n).toFixed(1)},${sy(r.timing!.median_ms).toFixed(1)}`).join(" ")}"/>`,
      );
      for (const r of pts) {
        const x = sx(r.n).toFixed(1);
        out.push(
          `<line x1="${x}" x2="${x}" y1="${sy(r.timing!.min_ms).toFixed(1)}" y2="${sy(r.timing!.max_ms).toFixed(1)}" stroke="${color}" stroke-opacity="0.5"/>`,
        );
        out.push(
          `<circle cx="${x}" cy="${sy(r.timing!.median_ms).toFixed(1)}" r="3" fill="${color}"><title>${solver} N=${r.n} t=${t}: ${r.timing!.median_ms.toFixed(3)} ms</title></circle>`,
        );
      }
    });
  });
  out.push(`<text transform="translate(14 ${margin.top + panelH / 2}) rotate(-90)" text-anchor="middle">ms per step</text>`);
  const legendY = margin.top + panelH + 52;
  result.solvers.forEach((solver, si) => {
    const x = margin.left + (si % 3) * 200;
    const y = legendY + Math.floor(si / 3) * 18;
    out.push(`<line x1="${x}" x2="${x + 24}" y1="${y}" y2="${y}" stroke="${COLORS[si % COLORS.length]}" stroke-width="3"/>`);
    out.push(`<text x="${x + 30}" y="${y + 4}">${solver}${solver === result.reference ? " (default)" : ""}</text>`);
  });
  out.push("</svg>");
  return out.join("\n") + "\n";
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${ms / 1000} s` : `${ms} ms`;
}
