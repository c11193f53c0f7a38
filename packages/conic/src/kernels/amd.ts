import { DegreeBuckets } from "./degree-buckets.js";

/**
 * Approximate minimum degree ordering (Amestoy, Davis & Duff, SIAM J. Matrix Anal. Appl. 1996),
 * on a quotient graph of variables and elements, with element absorption, aggressive absorption
 * and the AMD degree bound
 *
 *   d_i = min( remaining − 1,  d_i^old + |L_p \ i|,  |A_i \ i| + |L_p \ i| + Σ_{e ∈ E_i, e ≠ p} |L_e \ L_p| ).
 *
 * Dense rows are postponed as in SuiteSparse AMD: a node with more than max(16, 10·√n) neighbours
 * is taken out of the graph and ordered last. Without that, every elimination next to such a node
 * updated its O(n) adjacency, O(n²) in all — 0.6 s of analysis for the two dense columns of one
 * expanded second-order cone of dimension 5001. Supervariable detection (mass elimination) is left
 * out: it saves time on big matrices but the KKT systems here have at most a few thousand rows.
 */

/** Nodes with more neighbours than this are "dense" and ordered last (SuiteSparse AMD's default rule). */
export function denseRowThreshold(n: number): number {
  return Math.max(16, Math.floor(10 * Math.sqrt(n)));
}

/**
 * An elimination order that keeps the fill of LDLᵀ low.
 * @param n dimension.
 * @param colPtr CSC column pointers of the upper (or full) symmetric pattern.
 * @param rowIdx CSC row indices; the diagonal and repeats are ignored.
 * @returns `perm`, where `perm[k]` is the original index eliminated k-th.
 */
export function amdOrder(n: number, colPtr: Int32Array, rowIdx: Int32Array): Int32Array {
  // Variable neighbours in CSR form: lists only shrink, so each keeps its slot [start, start + size).
  // Every list keeps the order of first insertion (the order a Set iterates in), because that order
  // decides the ties of the degree buckets: the permutation must not depend on the data structure.
  const { start, size, neighbours } = variableAdjacency(n, colPtr, rowIdx);
  // Dense nodes leave the graph before it is ordered; they go last, sparsest first.
  const threshold = denseRowThreshold(n);
  const dense: number[] = [];
  for (let i = 0; i < n; i++) if (size[i]! > threshold) dense.push(i);
  const denseOrder = dense.map((i) => [i, size[i]!] as const).sort((a, b) => a[1] - b[1] || a[0] - b[0]);
  const isDense = new Uint8Array(n);
  for (const i of dense) isDense[i] = 1;
  if (dense.length > 0) {
    for (let i = 0; i < n; i++) {
      if (isDense[i]) {
        size[i] = 0;
        continue;
      }
      let kept = start[i]!;
      const stop = start[i]! + size[i]!;
      for (let q = start[i]!; q < stop; q++) if (!isDense[neighbours[q]!]) neighbours[kept++] = neighbours[q]!;
      size[i] = kept - start[i]!;
    }
  }
  const sparseCount = n - dense.length;
  // Elements next to each variable (appended when created, removed when absorbed) and each element's variables.
  const adjElems: number[][] = [];
  for (let i = 0; i < n; i++) adjElems.push([]);
  const elemVars: (number[] | null)[] = new Array<number[] | null>(n).fill(null);
  const degree = new Int32Array(n);
  const queue = new DegreeBuckets(n);
  for (let i = 0; i < n; i++) {
    if (isDense[i]) continue;
    degree[i] = size[i]!;
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
    for (let q = start[p]!, stop = start[p]! + size[p]!; q < stop; q++) {
      const v = neighbours[q]!;
      if (inLp[v] !== k) {
        inLp[v] = k;
        lp.push(v);
      }
    }
    const absorbed = adjElems[p]!;
    adjElems[p] = [];
    for (const e of absorbed) {
      for (const v of elemVars[e]!) {
        if (inLp[v] !== k) {
          inLp[v] = k;
          lp.push(v);
        }
      }
      absorb(e, elemVars, adjElems);
    }
    size[p] = 0;
    elemVars[p] = lp;
    for (const i of lp) {
      // Edges inside L_p are now implied by element p; dropping them keeps A_i small.
      let kept = start[i]!;
      for (let q = start[i]!, stop = start[i]! + size[i]!; q < stop; q++)
        if (inLp[neighbours[q]!] !== k) neighbours[kept++] = neighbours[q]!;
      size[i] = kept - start[i]!;
      adjElems[i]!.push(p);
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
      let bound = size[i]! + external;
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

/**
 * Each node's neighbours (off-diagonal, both triangles) without repeats, in order of first
 * appearance while scanning the columns, stored back to back.
 */
function variableAdjacency(
  n: number,
  colPtr: Int32Array,
  rowIdx: Int32Array,
): { start: Int32Array; size: Int32Array; neighbours: Int32Array } {
  const count = new Int32Array(n);
  for (let j = 0; j < n; j++) {
    for (let p = colPtr[j]!; p < colPtr[j + 1]!; p++) {
      const i = rowIdx[p]!;
      if (i === j) continue;
      count[i]!++;
      count[j]!++;
    }
  }
  const start = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) start[i + 1] = start[i]! + count[i]!;
  const neighbours = new Int32Array(start[n]!);
  const size = new Int32Array(n);
  for (let j = 0; j < n; j++) {
    for (let p = colPtr[j]!; p < colPtr[j + 1]!; p++) {
      const i = rowIdx[p]!;
      if (i === j) continue;
      neighbours[start[i]! + size[i]!++] = j;
      neighbours[start[j]! + size[j]!++] = i;
    }
  }
  // Repeated entries: keep each neighbour's first appearance. seen[v] === i + 1 marks v in i's list.
  const seen = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let kept = start[i]!;
    for (let q = start[i]!; q < start[i]! + size[i]!; q++) {
      const v = neighbours[q]!;
      if (seen[v] === i + 1) continue;
      seen[v] = i + 1;
      neighbours[kept++] = v;
    }
    size[i] = kept - start[i]!;
  }
  return { start, size, neighbours };
}

function absorb(e: number, elemVars: (number[] | null)[], adjElems: number[][]): void {
  const vars = elemVars[e];
  if (vars === null || vars === undefined) return;
  for (const v of vars) {
    const list = adjElems[v]!;
    const at = list.indexOf(e);
    if (at >= 0) list.splice(at, 1);
  }
  elemVars[e] = null;
}
