import { describe, expect, it } from "vitest";
import { shouldColor } from "./io.js";

describe("shouldColor", () => {
  it("colours only a terminal without NO_COLOR", () => {
    expect(shouldColor(true, {})).toBe(true);
    expect(shouldColor(true, { NO_COLOR: "" })).toBe(true);
    expect(shouldColor(true, { NO_COLOR: "1" })).toBe(false);
    expect(shouldColor(false, {})).toBe(false);
    expect(shouldColor(undefined, {})).toBe(false);
  });
});
