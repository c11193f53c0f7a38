import { describe, expect, it } from "vitest";
import { barChartSvg } from "./bar-chart-svg.js";

describe("barChartSvg", () => {
  it("scales bars to the largest value and escapes labels", () => {
    const svg = barChartSvg("T", "texts/s", [
      { label: "a <b>", value: 50 },
      { label: "c", value: 100 },
    ]);
    const widths = [...svg.matchAll(/<rect x="300" y="[\d.]+" width="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(widths).toEqual([180, 360]);
    expect(svg).toContain("a &lt;b&gt;");
    expect(svg).toContain("100 texts/s");
  });
});
