import { describe, expect, it } from "vitest";
import { testRng } from "../../test/kernels/matrices.js";
import { createTsConeBatch, type SymmetricBlock, type SymmetricConeBatch } from "../cones/symmetric-batch.js";
import { wasmConeBatchFactory } from "./wasm-cone-batch.js";
import { createLdlEngine } from "./create-engine.js";
import { compileKernels } from "./wasm-module.js";

type Layout = { readonly blocks: SymmetricBlock[]; readonly m: number; readonly hessianEntries: number };

/** Blocks with gaps between them (where a zero or exp cone would sit), Hessian offsets as CompositeCone lays them. */
type Kind = "nonneg" | "soc" | "soc-expanded";

function hessianSize(kind: Kind, dim: number): number {
  return kind === "nonneg" ? dim : kind === "soc" ? (dim * (dim + 1)) / 2 : 3 * dim + 2;
}

function layout(kinds: ReadonlyArray<readonly [Kind, number]>, rng: () => number): Layout {
  const blocks: SymmetricBlock[] = [];
  let start = 0;
  let hessianOffset = 0;
  for (const [kind, dim] of kinds) {
    const gap = Math.floor(rng() * 3);
    start += gap;
    hessianOffset += gap;
    blocks.push({ kind: kind === "nonneg" ? "nonneg" : "soc", start, dim, hessianOffset, expanded: kind === "soc-expanded" });
    start += dim;
    hessianOffset += hessianSize(kind, dim);
  }
  return { blocks, m: start + 2, hessianEntries: hessianOffset + 2 };
}

/** A strictly interior point of every block (SOC: t = ‖x‖ + margin, margins from 1e-3 to 10). */
function interior(l: Layout, rng: () => number): Float64Array {
  const v = new Float64Array(l.m).map(() => rng() * 2 - 1);
  for (const b of l.blocks) {
    if (b.kind === "nonneg") {
      for (let i = b.start; i < b.start + b.dim; i++) v[i] = 10 ** (rng() * 4 - 3);
    } else {
      let norm2 = 0;
      for (let i = b.start + 1; i < b.start + b.dim; i++) norm2 += v[i]! ** 2;
      v[b.start] = Math.sqrt(norm2) + 10 ** (rng() * 4 - 3);
    }
  }
  return v;
}

function random(m: number, rng: () => number): Float64Array {
  return new Float64Array(m).map(() => rng() * 4 - 2);
}

/** Largest |a − b| / max(1, |b|) over the blocks' slices (outputs elsewhere are unspecified). */
function blockError(l: Layout, a: Float64Array, b: Float64Array): number {
  let worst = 0;
  for (const block of l.blocks) {
    for (let i = block.start; i < block.start + block.dim; i++)
      worst = Math.max(worst, Math.abs(a[i]! - b[i]!) / Math.max(1, Math.abs(b[i]!)));
  }
  return worst;
}

const layouts: Array<ReadonlyArray<readonly [Kind, number]>> = [
  [["soc", 1]],
  [["soc", 2]],
  [["nonneg", 1]],
  [
    ["nonneg", 5],
    ["soc", 3],
    ["soc", 1],
    ["soc", 2],
    ["nonneg", 2],
    ["soc", 7],
  ],
  [
    ["soc", 20],
    ["nonneg", 30],
    ["soc", 4],
  ],
  Array.from({ length: 40 }, (_, k) => ["soc", 1 + (k % 6)] as const),
  [
    ["soc-expanded", 1],
    ["soc-expanded", 2],
    ["nonneg", 3],
    ["soc-expanded", 30],
    ["soc", 5],
  ],
  Array.from({ length: 12 }, (_, k) => [k % 2 === 0 ? "soc-expanded" : "soc", 1 + (k % 7)] as const),
];

describe("batched WebAssembly cone operations equal the TypeScript cones", async () => {
  const factory = wasmConeBatchFactory(await compileKernels());
  layouts.forEach((kinds, index) => {
    it(`on layout ${index} (${kinds.length} blocks)`, () => {
      const rng = testRng(100 + index);
      for (let trial = 0; trial < 5; trial++) {
        const l = layout(kinds, rng);
        const ts: SymmetricConeBatch = createTsConeBatch(l.blocks, l.m, l.hessianEntries);
        const wasm: SymmetricConeBatch = factory(l.blocks, l.m, l.hessianEntries);
        const s = interior(l, rng);
        const z = interior(l, rng);
        expect(wasm.updateScaling(s, z)).toBe(true);
        expect(ts.updateScaling(s, z)).toBe(true);

        // H z = s is the defining property of the NT scaling: an independent check of the wasm math.
        const hz = new Float64Array(l.m);
        wasm.multiplyHessian(hz, z);
        expect(blockError(l, hz, s)).toBeLessThan(1e-9);

        const v = random(l.m, rng);
        const outTs = new Float64Array(l.m);
        const outWasm = new Float64Array(l.m);
        ts.multiplyHessian(outTs, v);
        wasm.multiplyHessian(outWasm, v);
        expect(blockError(l, outWasm, outTs)).toBeLessThan(1e-12);

        const hessianTs = new Float64Array(l.hessianEntries);
        const hessianWasm = new Float64Array(l.hessianEntries);
        ts.writeHessian(hessianTs);
        wasm.writeHessian(hessianWasm);
        for (const b of l.blocks) {
          const size = hessianSize(b.kind === "nonneg" ? "nonneg" : b.expanded ? "soc-expanded" : "soc", b.dim);
          for (let k = b.hessianOffset; k < b.hessianOffset + size; k++) {
            // The expanded entries are the same IEEE operations in the same order: bit-identical.
            if (b.expanded) expect(hessianWasm[k]).toBe(hessianTs[k]);
            else expect(Math.abs(hessianWasm[k]! - hessianTs[k]!)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(hessianTs[k]!)));
          }
        }

        ts.affineDs(outTs);
        wasm.affineDs(outWasm);
        expect(blockError(l, outWasm, outTs)).toBeLessThan(1e-12);

        const dz = random(l.m, rng);
        const ds = random(l.m, rng);
        const base = random(l.m, rng);
        const shiftedTs = base.slice();
        const shiftedWasm = base.slice();
        ts.combinedDsShift(shiftedTs, dz, ds, 0.37);
        wasm.combinedDsShift(shiftedWasm, dz, ds, 0.37);
        expect(blockError(l, shiftedWasm, shiftedTs)).toBeLessThan(1e-12);

        ts.deltaSOffset(outTs, base);
        wasm.deltaSOffset(outWasm, base);
        expect(blockError(l, outWasm, outTs)).toBeLessThan(1e-12);

        for (const alphaMax of [1, 1e6]) {
          const a = wasm.stepLength(dz, ds, z, s, alphaMax);
          const b = ts.stepLength(dz, ds, z, s, alphaMax);
          expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-12 * Math.max(1, b));
          expect(a).toBeGreaterThan(0);
        }
      }
    });
  });

  it("both reject a point outside a cone", () => {
    const l = layout(
      [
        ["nonneg", 2],
        ["soc", 3],
      ],
      testRng(7),
    );
    for (const batch of [createTsConeBatch(l.blocks, l.m, l.hessianEntries), factory(l.blocks, l.m, l.hessianEntries)]) {
      const s = interior(l, testRng(8));
      const z = interior(l, testRng(9));
      const soc = l.blocks[1]!;
      s[soc.start] = 0.5 * Math.hypot(s[soc.start + 1]!, s[soc.start + 2]!);
      expect(batch.updateScaling(s, z)).toBe(false);
      const y = interior(l, testRng(10));
      y[l.blocks[0]!.start] = -1;
      expect(batch.updateScaling(interior(l, testRng(11)), y)).toBe(false);
    }
  });

  it("stops a step at the boundary of a second-order cone", () => {
    // z = (1, 0), Δz = (−1, 1): z + αΔz = (1 − α, α) leaves the cone at α = 1/2.
    const blocks: SymmetricBlock[] = [{ kind: "soc", start: 0, dim: 2, hessianOffset: 0 }];
    const one = Float64Array.of(1, 0);
    for (const batch of [createTsConeBatch(blocks, 2, 3), factory(blocks, 2, 3)]) {
      expect(batch.stepLength(Float64Array.of(-1, 1), Float64Array.of(0, 0), one, one, 10)).toBeCloseTo(0.5, 14);
    }
  });

  it("the wasm engine hands the solver the wasm batch, the TS engine none (the TS batch)", async () => {
    expect((await createLdlEngine("wasm")).symmetricConeBatch).toBeTypeOf("function");
    expect((await createLdlEngine("ts")).symmetricConeBatch).toBeUndefined();
  });
});
