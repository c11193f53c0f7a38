import { describe, expect, it } from "vitest";
import { expPoints, expLayout, logUniform, randomVector, type ExpLayout } from "../../test/kernels/exp-points.js";
import { testRng } from "../../test/kernels/matrices.js";
import { createTsExpConeBatch, type ExpBatchOptions, type ExpBlock, type ExpConeBatch } from "../cones/exp-batch.js";
import { dualGradient } from "../cones/exp-barrier.js";
import { createLdlEngine } from "./create-engine.js";
import { wasmExpConeBatchFactory } from "./wasm-exp-batch.js";
import { compileKernels, instantiateKernels } from "./wasm-module.js";

// The wasm port reproduces V8's Math.log and Math.hypot, so both paths compute the same doubles:
// outputs are compared bit for bit. A tolerance would hide the failure that matters, a last-place
// difference flipping a branch (interior test, bisection, scaling safeguard).

/** Indices of the cones' slices. */
function sliceIndices(l: ExpLayout): number[] {
  return l.blocks.flatMap((b) => [b.start, b.start + 1, b.start + 2]);
}

/** Asserts a and b hold the same doubles at the given indices (NaN equal to NaN). */
function expectSameBits(a: Float64Array, b: Float64Array, indices: readonly number[], what: string): void {
  const differing = indices.filter((i) => !Object.is(a[i], b[i]));
  expect(differing.map((i) => `${what}[${i}]: ${a[i]} vs ${b[i]}`)).toEqual([]);
}

const optionSets: ExpBatchOptions[] = [
  { scaling: "primal-dual", thirdOrder: true },
  { scaling: "primal-dual", thirdOrder: false },
  { scaling: "dual", thirdOrder: true },
  { scaling: "dual", thirdOrder: false },
];

describe("batched WebAssembly exp-cone operations equal the TypeScript cones", async () => {
  const compiled = await compileKernels();
  const factory = wasmExpConeBatchFactory(compiled);

  it("the wasm log and hypot are V8's Math.log and Math.hypot, bit for bit", () => {
    const wasm = instantiateKernels(compiled);
    const rng = testRng(1);
    const inputs = [
      0,
      -0,
      -1,
      1,
      2,
      0.5,
      Math.E,
      Infinity,
      -Infinity,
      NaN,
      5e-324,
      2.2250738585072014e-308,
      Number.MAX_VALUE,
      1 + 2 ** -52,
      1 - 2 ** -53,
    ];
    for (let k = 0; k < 20000; k++) {
      inputs.push(rng() * 4, logUniform(rng, -300, 300), 1 + (rng() - 0.5) * 1e-6, 1 + (rng() - 0.5) * 1e-12, logUniform(rng, -320, -308));
    }
    expect(inputs.filter((x) => !Object.is(wasm.expLog(x), Math.log(x)))).toEqual([]);
    const triples: [number, number, number][] = [
      [0, 0, 0],
      [NaN, 1, 2],
      [Infinity, NaN, 0],
      [-3, 4, 0],
      [1e-300, 1e300, -1],
    ];
    for (let k = 0; k < 20000; k++)
      triples.push([
        randomVector(1, rng)[0]! * logUniform(rng, -5, 5),
        randomVector(1, rng)[0]! * logUniform(rng, -5, 5),
        k % 7 === 0 ? 0 : randomVector(1, rng)[0]!,
      ]);
    expect(triples.filter(([a, b, c]) => !Object.is(wasm.expHypot3(a, b, c), Math.hypot(a, b, c)))).toEqual([]);
  });

  optionSets.forEach((options) => {
    it(`every operation, scaling ${options.scaling}, third order ${options.thirdOrder}, both values of dualOnly`, () => {
      const rng = testRng(options.scaling === "dual" ? 20 : 10 + (options.thirdOrder ? 1 : 0));
      for (const count of [1, 2, 7, 40]) {
        for (const kind of ["generic", "near-boundary", "central", "mixed"] as const) {
          for (const dualOnly of [false, true]) {
            const l = expLayout(count, rng);
            const ts: ExpConeBatch = createTsExpConeBatch(l.blocks, l.m, options);
            const wasm: ExpConeBatch = factory(l.blocks, l.m, options);
            const mu = logUniform(rng, -8, 1);
            const { s, z } = expPoints(l, rng, kind, mu);
            const slices = sliceIndices(l);
            expect(ts.updateScaling(s, z, mu, dualOnly)).toBe(true);
            expect(wasm.updateScaling(s, z, mu, dualOnly)).toBe(true);

            const hessianTs = new Float64Array(l.hessianEntries);
            const hessianWasm = new Float64Array(l.hessianEntries);
            ts.writeHessian(hessianTs);
            wasm.writeHessian(hessianWasm);
            expectSameBits(
              hessianWasm,
              hessianTs,
              l.blocks.flatMap((b) => [0, 1, 2, 3, 4, 5].map((k) => b.hessianOffset + k)),
              "H",
            );

            const v = randomVector(l.m, rng);
            const outTs = new Float64Array(l.m);
            const outWasm = new Float64Array(l.m);
            ts.multiplyHessian(outTs, v);
            wasm.multiplyHessian(outWasm, v);
            expectSameBits(outWasm, outTs, slices, "Hv");

            ts.affineDs(outTs, s);
            wasm.affineDs(outWasm, s);
            expectSameBits(outWasm, outTs, slices, "affine ds");

            // Affine directions of the size a predictor step has (some leave the cone before α = 1).
            const dz = randomVector(l.m, rng, 0.5);
            const ds = randomVector(l.m, rng, 0.5);
            for (const b of l.blocks) {
              for (let i = 0; i < 3; i++) {
                dz[b.start + i]! *= Math.abs(z[b.start + i]!);
                ds[b.start + i]! *= Math.abs(s[b.start + i]!);
              }
            }
            // One cone with Δz = 0: the corrector's central difference is undefined there.
            dz.fill(0, l.blocks[0]!.start, l.blocks[0]!.start + 3);
            const base = randomVector(l.m, rng);
            const shiftedTs = base.slice();
            const shiftedWasm = base.slice();
            const sigmaMu = 0.37 * mu;
            ts.combinedDsShift(shiftedTs, dz, ds, sigmaMu);
            wasm.combinedDsShift(shiftedWasm, dz, ds, sigmaMu);
            expectSameBits(shiftedWasm, shiftedTs, slices, "combined ds");

            ts.deltaSOffset(outTs, base);
            wasm.deltaSOffset(outWasm, base);
            expectSameBits(outWasm, outTs, slices, "Δs offset");

            for (const alphaMax of [1, 1e6, 1e-3]) {
              const a = wasm.stepLength(dz, ds, z, s, alphaMax);
              const b = ts.stepLength(dz, ds, z, s, alphaMax);
              expect(Object.is(a, b), `step from ${alphaMax}: ${a} vs ${b}`).toBe(true);
              expect(a).toBeGreaterThanOrEqual(0);
              expect(a).toBeLessThanOrEqual(alphaMax);
            }
          }
        }
      }
    });
  });

  it("H z = s (primal–dual scaling, away from the central path), H = μ∇²f*(z) on it and under dualOnly", () => {
    const rng = testRng(30);
    const l = expLayout(30, rng);
    const primalDual = factory(l.blocks, l.m, { scaling: "primal-dual", thirdOrder: true });
    // Two batches in use at once need two factories: a factory's batches share one instance.
    const dual = wasmExpConeBatchFactory(compiled)(l.blocks, l.m, { scaling: "dual", thirdOrder: true });
    const mu = 0.3;
    const hz = new Float64Array(l.m);
    const reference = new Float64Array(l.hessianEntries);
    const got = new Float64Array(l.hessianEntries);
    // Off the central path the quasi-Newton scaling maps z to s exactly: an independent check of the wasm math.
    const generic = expPoints(l, rng, "generic", mu);
    expect(primalDual.updateScaling(generic.s, generic.z, mu, false)).toBe(true);
    primalDual.multiplyHessian(hz, generic.z);
    for (const i of sliceIndices(l))
      expect(Math.abs(hz[i]! - generic.s[i]!)).toBeLessThanOrEqual(1e-8 * Math.max(1, Math.abs(generic.s[i]!)));
    // The dual scaling satisfies H z = μ∇²f*(z) z = −μ∇f*(z) (logarithmic homogeneity).
    expect(dual.updateScaling(generic.s, generic.z, mu, false)).toBe(true);
    dual.multiplyHessian(hz, generic.z);
    const g = new Float64Array(3);
    for (const b of l.blocks) {
      dualGradient(g, generic.z, b.start);
      for (let i = 0; i < 3; i++)
        expect(Math.abs(hz[b.start + i]! + mu * g[i]!)).toBeLessThanOrEqual(1e-9 * Math.max(1, mu * Math.abs(g[i]!)));
    }
    // On the central path SᵀZ is singular: the primal–dual batch must fall back to the dual scaling.
    const central = expPoints(l, rng, "central", mu);
    expect(dual.updateScaling(central.s, central.z, mu, false)).toBe(true);
    dual.writeHessian(reference);
    expect(primalDual.updateScaling(central.s, central.z, mu, false)).toBe(true);
    primalDual.writeHessian(got);
    expect(Array.from(got)).toEqual(Array.from(reference));
    // dualOnly forces it anywhere.
    expect(dual.updateScaling(generic.s, generic.z, mu, false)).toBe(true);
    dual.writeHessian(reference);
    expect(primalDual.updateScaling(generic.s, generic.z, mu, true)).toBe(true);
    primalDual.writeHessian(got);
    expect(Array.from(got)).toEqual(Array.from(reference));
  });

  it("both reject a point outside a cone, and write only the exp cones' entries", () => {
    const rng = testRng(40);
    const l = expLayout(6, rng);
    for (const batch of [createTsExpConeBatch(l.blocks, l.m, optionSets[0]!), factory(l.blocks, l.m, optionSets[0]!)]) {
      const { s, z } = expPoints(l, rng, "generic", 1);
      const outside = s.slice();
      outside[l.blocks[3]!.start + 1] = -1;
      expect(batch.updateScaling(outside, z, 1, false)).toBe(false);
      const dualOutside = z.slice();
      dualOutside[l.blocks[5]!.start] = 0.5;
      expect(batch.updateScaling(s, dualOutside, 1, false)).toBe(false);
      expect(batch.updateScaling(s, z, 1, false)).toBe(true);
      // Other cones' entries are the caller's: sentinels must survive every write.
      const exp = new Set(sliceIndices(l));
      const sentinel = (n: number) => new Float64Array(n).fill(-7.5);
      const out = sentinel(l.m);
      batch.multiplyHessian(out, s);
      batch.combinedDsShift(out, z, s, 0.1);
      batch.affineDs(out, s);
      batch.deltaSOffset(out, z);
      out.forEach((x, i) => expect(exp.has(i) || x === -7.5).toBe(true));
      const hessian = sentinel(l.hessianEntries);
      batch.writeHessian(hessian);
      const hessianSlots = new Set(l.blocks.flatMap((b) => [0, 1, 2, 3, 4, 5].map((k) => b.hessianOffset + k)));
      hessian.forEach((x, i) => expect(hessianSlots.has(i) ? x !== -7.5 : x === -7.5).toBe(true));
    }
  });

  it("stops a step short of the boundary, and gives 0 when the cone is left at once", () => {
    // s moves straight at the apex side of the boundary: s + αΔs leaves K where y·log(z/y) = x.
    const blocks: ExpBlock[] = [{ start: 0, hessianOffset: 0 }];
    const s = Float64Array.of(-1, 1, 1);
    const z = Float64Array.of(-1, 1, 1);
    const ds = Float64Array.of(2, 0, 0);
    const dz = Float64Array.of(0, 0, 0);
    for (const batch of [createTsExpConeBatch(blocks, 3, optionSets[0]!), factory(blocks, 3, optionSets[0]!)]) {
      // x(α) = −1 + 2α reaches log(1) = 0 at α = ½; the search keeps 0.9 of the bisected boundary.
      expect(batch.stepLength(dz, ds, z, s, 10)).toBeCloseTo(0.45, 9);
      expect(batch.stepLength(dz, Float64Array.of(1e30, 0, 0), z, s, 1)).toBe(0);
    }
  });

  it("the wasm engine hands the solver the wasm exp batch, the TS engine none (the TS batch)", async () => {
    expect((await createLdlEngine("wasm", { compiled })).expConeBatch).toBeTypeOf("function");
    expect((await createLdlEngine("ts")).expConeBatch).toBeUndefined();
  });
});

describe("a factory's batches share one instance", async () => {
  const compiled = await compileKernels();

  it("a superseded batch refuses to run; the newer one gives what a fresh instance gives, bit for bit", () => {
    const rng = testRng(77);
    const factory = wasmExpConeBatchFactory(compiled);
    const first = expLayout(12, rng);
    const old = factory(first.blocks, first.m, { scaling: "primal-dual", thirdOrder: true });
    const warm = expPoints(first, rng, "generic", 0.2);
    expect(old.updateScaling(warm.s, warm.z, 0.2, false)).toBe(true);

    const second = expLayout(5, rng);
    const reused = factory(second.blocks, second.m, { scaling: "primal-dual", thirdOrder: true });
    const fresh = wasmExpConeBatchFactory(compiled)(second.blocks, second.m, { scaling: "primal-dual", thirdOrder: true });
    expect(() => old.updateScaling(warm.s, warm.z, 0.2, false)).toThrow(/superseded/);

    const { s, z } = expPoints(second, rng, "near-boundary", 0.05);
    expect(reused.updateScaling(s, z, 0.05, false)).toBe(fresh.updateScaling(s, z, 0.05, false));
    const [a, b] = [new Float64Array(second.hessianEntries), new Float64Array(second.hessianEntries)];
    reused.writeHessian(a);
    fresh.writeHessian(b);
    expect(Array.from(a)).toEqual(Array.from(b));
  });
});
