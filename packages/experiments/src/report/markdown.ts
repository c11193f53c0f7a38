import type { DomainReport } from "./aggregate.js";
import type { MeanSem } from "./stats.js";

/** `mean (sem)` with two decimals, as in the paper's tables. */
export function formatMeanSem(v: MeanSem): string {
  return Number.isNaN(v.mean) ? "–" : `${v.mean.toFixed(2)} (${v.sem.toFixed(2)})`;
}

function userTitle(user: string): string {
  return user === "btl" ? "BTL users" : user === "embedding" ? "Embedding-judge users" : "Consistent users";
}

function mainTable(reports: readonly DomainReport[]): string {
  const head = [
    "Method",
    ...reports.flatMap((r) => [`${r.domain} win-rate (%)`, `${r.domain} cost`, `${r.domain} steps`, `${r.domain} best (%)`]),
  ];
  const labels = reports[0]!.table.map((row) => row.label);
  const lines = [`| ${head.join(" | ")} |`, `| ${head.map((_, i) => (i === 0 ? "---" : "---:")).join(" | ")} |`];
  for (const label of labels) {
    const cells = reports.flatMap((r) => {
      const row = r.table.find((x) => x.label === label);
      if (!row) return ["–", "–", "–", "–"];
      // ᶜ: every session of the row ran to the step cap; ⁽ᶜ⁾: some did.
      const capped = row.stepCap === 0 ? "" : row.stepCap === row.sessions ? " ᶜ" : " ⁽ᶜ⁾";
      return [formatMeanSem(row.winRate), formatMeanSem(row.cost), formatMeanSem(row.steps) + capped, formatMeanSem(row.oracleRate)];
    });
    lines.push(`| ${label} | ${cells.join(" | ")} |`);
  }
  return lines.join("\n");
}

function headToHeadTable(reports: readonly DomainReport[]): string {
  const budgets = [...new Set(reports.flatMap((r) => r.headToHead.map((h) => h.budget)))].sort((a, b) => a - b);
  const lines = [`| Comparison | ${reports.map((r) => r.domain).join(" | ")} |`, `| --- | ${reports.map(() => "---:").join(" | ")} |`];
  for (const b of budgets) {
    const cells = reports.map((r) => {
      const h = r.headToHead.find((x) => x.budget === b);
      return h ? formatMeanSem(h.winRate) : "–";
    });
    lines.push(`| UserAlign (ε = 0) vs IIDBest (T = ${b}) | ${cells.join(" | ")} |`);
  }
  return lines.join("\n");
}

function stepsTable(reports: readonly DomainReport[]): string {
  const withSteps = reports.filter((r) => r.steps.length > 0);
  if (withSteps.length === 0) return "";
  const len = withSteps[0]!.steps[0]!.winRate.length;
  const marks = [0, 1, 2, 5, 10, 15, 20, 30, 40, 60, 80, 100, 150, 199].filter((t) => t < len);
  const out: string[] = [];
  for (const r of withSteps) {
    const n = r.steps[0]!.winRate[0]!.n;
    out.push(
      `**${r.domain}** (win-rate %, mean (sem) over ${n} sessions, after t steps, fixed-budget mode; at t = 0 every method returns the same uniformly random pick, RANDOM)\n`,
    );
    out.push(`| Method | ${marks.map((t) => `t = ${t}`).join(" | ")} |`, `| --- | ${marks.map(() => "---:").join(" | ")} |`);
    for (const c of r.steps) out.push(`| ${c.label} | ${marks.map((t) => formatMeanSem(c.winRate[t]!)).join(" | ")} |`);
    out.push("", `Best (% of sessions whose pick after t steps is ORACLE's), mean (sem):\n`);
    out.push(`| Method | ${marks.map((t) => `t = ${t}`).join(" | ")} |`, `| --- | ${marks.map(() => "---:").join(" | ")} |`);
    for (const c of r.steps) out.push(`| ${c.label} | ${marks.map((t) => formatMeanSem(c.best[t]!)).join(" | ")} |`);
    out.push("");
  }
  return out.join("\n");
}

function geometryTable(reports: readonly DomainReport[]): string {
  const out: string[] = [];
  for (const r of reports) {
    const g = r.geometry;
    if (!g) continue;
    const marks = [0, 1, 2, 5, 10, 20, 30, 40, 60, 80].filter((t) => t < g.areaLoss.length);
    out.push(`**${r.domain}**, ${g.runs} runs: area as a fraction of the disk ‖θ‖ ≤ S, viable responses, B(t)\n`);
    out.push(`| Quantity | ${marks.map((t) => `t = ${t}`).join(" | ")} |`, `| --- | ${marks.map(() => "---:").join(" | ")} |`);
    const row = (name: string, v: number[], digits: number) =>
      out.push(`| ${name} | ${marks.map((t) => v[t]!.toFixed(digits)).join(" | ")} |`);
    row("area Θ_loss (UserAlign-loss)", g.areaLoss, 3);
    row("area Θ_loss ∩ H (UserAlign)", g.areaPractical, 3);
    row("viable, Θ_loss", g.viableLoss, 1);
    row("viable, Θ_loss ∩ H", g.viablePractical, 1);
    row("B(t), UserAlign-loss", g.boundLoss, 3);
    row("B(t), UserAlign", g.boundPractical, 3);
    out.push("");
  }
  return out.join("\n");
}

/** The Markdown report: Tables 4/5 and 6 in the paper's layout per user model, then the step curves and Fig. 2 numbers. */
export function renderMarkdown(reports: readonly DomainReport[], preamble = ""): string {
  const parts: string[] = [];
  if (preamble) parts.push(preamble);
  for (const user of ["consistent", "btl", "embedding"] as const) {
    const mine = reports.filter((r) => r.user === user && (r.table.length > 0 || r.steps.length > 0));
    if (mine.length === 0) continue;
    const tabled = mine.filter((r) => r.table.length > 0);
    if (tabled.length > 0) {
      parts.push(`## ${userTitle(user)}: win-rate vs interaction cost (Tables 4/5)\n`);
      parts.push(
        "Mean (standard error) over questions × personas × seeds. Win-rate against the baseline answer; cost = questions asked; steps = questions plus earlier answers added again instead of asking a pair twice (method.md step 7); best = sessions returning ORACLE's choice.\n",
      );
      parts.push(mainTable(tabled));
    } else {
      parts.push(`## ${userTitle(user)}\n`);
    }
    if (mine.some((r) => r.table.some((row) => row.stepCap > 0))) {
      parts.push(
        "\nᶜ Every session of the row ran to the step cap (`maxSteps`, 199 by default) without certifying B(t) ≤ ε; ⁽ᶜ⁾ some did. UserAlign-loss does so by replaying answers it already has, so its cost (questions) stays small while its steps reach the cap; the paper's UserAlign-loss re-asked the person instead.",
      );
    }
    if (tabled.some((r) => r.headToHead.length > 0)) {
      parts.push(`\n### ${userTitle(user)}: head to head (Table 6)\n`);
      parts.push("P[UserAlign's pick ≻ IIDBest's pick] for the same question, persona and seed, in %.\n");
      parts.push(headToHeadTable(tabled));
    }
    const steps = stepsTable(mine);
    if (steps) parts.push(`\n### ${userTitle(user)}: win-rate per step (Fig. 3 bottom)\n`, steps);
    const geo = geometryTable(mine);
    if (geo) parts.push(`\n### ${userTitle(user)}: confidence-set geometry (Fig. 2)\n`, geo);
  }
  return `${parts.join("\n")}\n`;
}
