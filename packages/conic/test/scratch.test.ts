import { it, expect } from "vitest";
import { dense, solve } from "./helpers.js";

it("scratch", async () => {
  const sol = await solve({ q: [1], A: dense([[-1]]), b: [-1], cones: [{ type: "nonneg", dim: 1 }] });
  console.log(sol);
  expect(sol.status).toBe("solved");
});
