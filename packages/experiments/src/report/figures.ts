import type { DomainReport } from "./aggregate.js";
import { renderChart, sideBySide, type Series } from "./svg-chart.js";

const COLORS = { useralign: "#1f77b4", loss: "#ff7f0e", iid: "#2ca02c", oracle: "#444444", random: "#d62728" };

function referenceLines(r: DomainReport): Series[] {
  const level = (label: string) => r.table.find((row) => row.label === label)?.winRate.mean;
  const out: Series[] = [];
  const oracle = level("Oracle");
  const random = level("Random");
  if (oracle !== undefined) out.push({ name: "Oracle", color: COLORS.oracle, kind: "hline", dashed: true, points: [[0, oracle]] });
  if (random !== undefined) out.push({ name: "Random", color: COLORS.random, kind: "hline", dashed: true, points: [[0, random]] });
  return out;
}

/** Fig. 3/4 (top): win-rate vs cost over the ε grid, IIDBEST over budgets, ORACLE and RANDOM lines. */
export function winRateVsCostSvg(r: DomainReport): string {
  const pts = (method: string) => r.table.filter((row) => row.method === method).map((row) => [row.cost.mean, row.winRate.mean] as const);
  return renderChart({
    title: `${r.domain} (${r.user}): win-rate vs cost`,
    xLabel: "interaction cost (questions)",
    yLabel: "win-rate vs baseline (%)",
    series: [
      { name: "UserAlign (ε grid)", color: COLORS.useralign, kind: "both", points: pts("useralign") },
      { name: "UserAlign-loss", color: COLORS.loss, kind: "both", points: pts("useralign-loss") },
      { name: "IIDBest (T grid)", color: COLORS.iid, kind: "both", points: pts("iidbest") },
      ...referenceLines(r),
    ],
  });
}

/** Fig. 3 (bottom): win-rate per step in fixed-budget mode. */
export function winRatePerStepSvg(r: DomainReport): string {
  const color = { useralign: COLORS.useralign, "useralign-loss": COLORS.loss, iidbest: COLORS.iid } as Record<string, string>;
  return renderChart({
    title: `${r.domain} (${r.user}): win-rate per step`,
    xLabel: "steps (fixed budget: questions + replays)",
    yLabel: "win-rate vs baseline (%)",
    series: [
      ...r.steps.map(
        (c): Series => ({
          name: c.label,
          color: color[c.method] ?? "#000",
          kind: "line",
          points: c.winRate.map((v, t) => [t, v.mean] as const),
        }),
      ),
      ...referenceLines(r),
    ],
  });
}

/** Fig. 2: area of the confidence sets, viable pool size and B(t) per step, averaged over runs. */
export function geometrySvg(r: DomainReport): string | null {
  const g = r.geometry;
  if (!g) return null;
  const line = (name: string, color: string, v: number[]): Series => ({
    name,
    color,
    kind: "line",
    points: v.map((y, t) => [t, y] as const),
  });
  const w = 430;
  const h = 320;
  const panel = (title: string, yLabel: string, loss: number[], practical: number[], y?: [number, number]) =>
    renderChart({
      title,
      xLabel: "step t",
      yLabel,
      width: w,
      height: h,
      ...(y ? { y } : {}),
      series: [line("Θ_loss", COLORS.loss, loss), line("Θ_loss ∩ H", COLORS.useralign, practical)],
    });
  return sideBySide(
    [
      panel(`${r.domain} (${r.user}): area`, "area / πS²", g.areaLoss, g.areaPractical, [0, 1.02]),
      panel("viable responses", "candidates", g.viableLoss, g.viablePractical),
      panel("stopping bound B(t)", "B(t)", g.boundLoss, g.boundPractical),
    ],
    w,
    h,
  );
}
