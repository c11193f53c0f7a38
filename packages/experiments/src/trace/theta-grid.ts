import { softplus } from "@useralign/core";

/**
 * A fine grid over the disk ‖θ‖ ≤ S in R² for measuring confidence sets by counting: cell centres
 * of an R × R grid on [−S, S]², keeping those inside the disk. A set's area is (points inside) /
 * (points in the disk) × πS²; the error shrinks like 1/R (only boundary cells are misjudged).
 */
export class ThetaGrid {
  readonly x: Float64Array;
  readonly y: Float64Array;

  constructor(
    readonly S: number,
    readonly resolution: number,
  ) {
    const xs: number[] = [];
    const ys: number[] = [];
    const h = (2 * S) / resolution;
    for (let i = 0; i < resolution; i++) {
      for (let j = 0; j < resolution; j++) {
        const px = -S + (i + 0.5) * h;
        const py = -S + (j + 0.5) * h;
        if (px * px + py * py <= S * S) {
          xs.push(px);
          ys.push(py);
        }
      }
    }
    this.x = Float64Array.from(xs);
    this.y = Float64Array.from(ys);
  }

  /** Grid points in the disk. */
  get size(): number {
    return this.x.length;
  }

  /** Fraction of the disk where `inside(θx, θy)` holds. */
  fraction(inside: (x: number, y: number) => boolean): number {
    let n = 0;
    for (let g = 0; g < this.x.length; g++) if (inside(this.x[g]!, this.y[g]!)) n++;
    return n / this.x.length;
  }
}

/**
 * The loss L(θ) = Σ_k softplus(−⟨θ, z_k⟩) and the halfspace test ⟨θ, z_k⟩ ≥ 0 on every grid point,
 * updated by one comparison at a time (O(grid) per step instead of O(grid · t)).
 */
export class GridConfidenceSets {
  private readonly loss: Float64Array;
  private readonly inHalfspaces: Uint8Array;

  constructor(readonly grid: ThetaGrid) {
    this.loss = new Float64Array(grid.size);
    this.inHalfspaces = new Uint8Array(grid.size).fill(1);
  }

  /** Adds the comparison z = φ(winner) − φ(loser). */
  add(z: readonly number[]): void {
    const { x, y } = this.grid;
    for (let g = 0; g < x.length; g++) {
      const u = x[g]! * z[0]! + y[g]! * z[1]!;
      this.loss[g]! += softplus(-u);
      if (u < 0) this.inHalfspaces[g] = 0;
    }
  }

  /** Whether grid point g is in Θ_loss = {L(θ) ≤ level} (and in H when `practical`). */
  contains(g: number, level: number, practical: boolean): boolean {
    return this.loss[g]! <= level && (!practical || this.inHalfspaces[g] === 1);
  }

  /**
   * Fraction of the disk in the set, and how many candidates are the best (argmax of ⟨θ, φ⟩) for
   * some θ of the set: the viable pool. `best[g]` is that argmax at grid point g.
   */
  measure(level: number, practical: boolean, best: Int32Array): { fraction: number; viable: number } {
    const seen = new Set<number>();
    let n = 0;
    for (let g = 0; g < this.grid.size; g++) {
      if (this.contains(g, level, practical)) {
        n++;
        if (best[g]! >= 0) seen.add(best[g]!);
      }
    }
    return { fraction: n / this.grid.size, viable: seen.size };
  }
}

/**
 * argmax_j ⟨θ_g, φ_j⟩ at every grid point (ties to the lowest index), and −1 at θ = 0 (a grid
 * point when the resolution is odd), where every candidate ties and none is preferred.
 */
export function bestPerPoint(grid: ThetaGrid, features: readonly (readonly number[])[]): Int32Array {
  const best = new Int32Array(grid.size);
  for (let g = 0; g < grid.size; g++) {
    if (grid.x[g] === 0 && grid.y[g] === 0) {
      best[g] = -1;
      continue;
    }
    let arg = 0;
    let top = -Infinity;
    for (let j = 0; j < features.length; j++) {
      const s = grid.x[g]! * features[j]![0]! + grid.y[g]! * features[j]![1]!;
      if (s > top) {
        top = s;
        arg = j;
      }
    }
    best[g] = arg;
  }
  return best;
}
