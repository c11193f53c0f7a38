import { describe, expect, it } from "vitest";
import { OrthonormalBasis } from "../src/linalg/orthonormal-basis.js";
import { Rng } from "../src/rng.js";

// Checks against the definition: Q orthonormal, every added vector rebuilt from its coordinates,
// and the rank found by the basis equal to the rank of the inputs as built.
function check(dim: number, inputs: Float64Array[], expectedRank: number) {
  const basis = new OrthonormalBasis(dim);
  for (const v of inputs) {
    const { coords } = basis.add(v);
    const rebuilt = basis.expand(coords);
    const scale = Math.max(1, Math.hypot(...v));
    for (let k = 0; k < dim; k++) expect(Math.abs(rebuilt[k]! - v[k]!)).toBeLessThan(1e-12 * scale);
  }
  expect(basis.rank).toBe(expectedRank);
  let worst = 0;
  for (let i = 0; i < basis.rank; i++)
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = 0; k < dim; k++) s += basis.vectors[i]![k]! * basis.vectors[j]![k]!;
      worst = Math.max(worst, Math.abs(s - (i === j ? 1 : 0)));
    }
  expect(worst).toBeLessThan(1e-13);
}

describe("OrthonormalBasis", () => {
  const rng = Rng.fromSeed(11);
  const random = (dim: number) => Float64Array.from({ length: dim }, () => rng.next() - 0.5);

  it("stays orthonormal and rebuilds every input for random directions in a high dimension (one pass each)", () => {
    check(
      512,
      Array.from({ length: 60 }, () => random(512)),
      60,
    );
  });

  it("stays orthonormal when each input lies almost inside the span (the second pass is needed)", () => {
    const dim = 64;
    const base = Array.from({ length: 8 }, () => random(dim));
    const inputs = [...base];
    // Combinations of the first vectors plus a tiny new direction: the first pass cancels ~all of each.
    for (let t = 0; t < 20; t++) {
      const v = random(dim).map((x) => x * 1e-7);
      for (const b of base) {
        const a = rng.next() - 0.5;
        for (let k = 0; k < dim; k++) v[k]! += a * b[k]!;
      }
      inputs.push(v);
    }
    check(dim, inputs, 28);
  });

  it("adds nothing for a vector in the span, a zero vector, or past full rank", () => {
    const dim = 6;
    const a = random(dim);
    const b = random(dim);
    const inSpan = a.map((x, k) => 2 * x - 3 * b[k]!);
    const extra = Array.from({ length: 5 }, () => random(dim));
    check(dim, [a, b, inSpan, new Float64Array(dim), ...extra, random(dim)], 6);
  });
});
