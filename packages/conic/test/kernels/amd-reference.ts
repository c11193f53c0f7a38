import { denseRowThreshold } from "../../src/kernels/amd.js";
import { DegreeBuckets } from "../../src/kernels/degree-buckets.js";

/**
 * The approximate minimum degree ordering as first written, on `Set`s, kept as the oracle of the
 * array-based `amdOrder`: both must return the same permutation (same tie-breaking), since a
 * different ordering changes the rounding of every factorization and so the solver's results.
 */
export function amdOrderReference(n: number, colPtr: Int32Array, rowIdx: Int32Array): Int32Array {
  const adjVars: Set<number>[] = [];
  const adjElems: Set<number>[] = [];
  for (let i = 0; i < n; i++) {
    adjVars.push(new Set());
    adjElems.push(new Set());
  }
  for (let j = 0; j < n; j++) {
    for (let p = colPtr[j]!; p < colPtr[j + 1]!; p++) {
      const i = rowIdx[p]!;
      if (i === j) continue;
      adjVars[i]!.add(j);
      adjVars[j]!.add(i);
    }
  }
  // Dense nodes leave the graph before it is ordered; they go last, sparsest first.
  const threshold = denseRowThreshold(n);
  const dense: number[] = [];
  for (let i = 0; i < n; i++) if (adjVars[i]!.size > threshold) dense.push(i);
  const denseDegree = dense.map((i) => adjVars[i]!.size);
  const denseOrder = dense.map((i, k) => [i, denseDegree[k]!] as const).sort((a, b) => a[1] - b[1] || a[0] - b[0]);
  for (const i of dense) {
    for (const j of adjVars[i]!) adjVars[j]!.delete(i);
    adjVars[i]!.clear();
  }
  const isDense = new Uint8Array(n);
  for (const i of dense) isDense[i] = 1;
  const sparseCount = n - dense.length;
  const elemVars: (number[] | null)[] = new Array<number[] | null>(n).fill(null);
  const degree = new Int32Array(n);
  const queue = new DegreeBuckets(n);
  for (let i = 0; i < n; i++) {
    if (isDense[i]) continue;
    degree[i] = adjVars[i]!.size;
    queue.insert(i, degree[i]!);
  }
  const inLp = new Int32Array(n).fill(-1);
  const outside = new Int32Array(n).fill(-1); // w(e) = |L_e \ L_p|, −1 = not computed this step
  const touched: number[] = [];
  const perm = new Int32Array(n);

  for (let k = 0; k < sparseCount; k++) {
    const p = queue.popMin();
    perm[k] = p;
    // The new element's variables: p's variable neighbours and those of the elements it absorbs.
    const lp: number[] = [];
    inLp[p] = k;
    for (const v of adjVars[p]!) {
      if (inLp[v] !== k) {
        inLp[v] = k;
        lp.push(v);
      }
    }
    for (const e of [...adjElems[p]!]) {
      for (const v of elemVars[e]!) {
        if (inLp[v] !== k) {
          inLp[v] = k;
          lp.push(v);
        }
      }
      absorb(e, elemVars, adjElems);
    }
    adjVars[p]!.clear();
    adjElems[p]!.clear();
    elemVars[p] = lp;
    for (const i of lp) {
      // Edges inside L_p are now implied by element p; dropping them keeps A_i small.
      const ai = adjVars[i]!;
      for (const j of ai) if (inLp[j] === k) ai.delete(j);
      adjElems[i]!.add(p);
    }
    for (const i of lp) {
      for (const e of adjElems[i]!) {
        if (e === p) continue;
        if (outside[e]! < 0) {
          outside[e] = elemVars[e]!.length;
          touched.push(e);
        }
        outside[e]!--;
      }
    }
    // Aggressive absorption: an element inside L_p adds nothing p does not already say.
    for (const e of touched) if (outside[e] === 0) absorb(e, elemVars, adjElems);
    const remaining = sparseCount - k - 1;
    const external = lp.length - 1;
    for (const i of lp) {
      let bound = adjVars[i]!.size + external;
      for (const e of adjElems[i]!) if (e !== p) bound += outside[e]!;
      const d = Math.max(0, Math.min(remaining - 1, degree[i]! + external, bound));
      if (d !== degree[i]) {
        queue.remove(i, degree[i]!);
        degree[i] = d;
        queue.insert(i, d);
      }
    }
    for (const e of touched) outside[e] = -1;
    touched.length = 0;
  }
  denseOrder.forEach(([i], k) => (perm[sparseCount + k] = i));
  return perm;
}

function absorb(e: number, elemVars: (number[] | null)[], adjElems: Set<number>[]): void {
  const vars = elemVars[e];
  if (vars === null || vars === undefined) return;
  for (const v of vars) adjElems[v]!.delete(e);
  elemVars[e] = null;
}
