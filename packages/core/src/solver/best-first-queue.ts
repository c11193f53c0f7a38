/**
 * Candidates by decreasing upper bound, ties to the lower candidate index: the order in which a
 * `best`-mode search visits them. A binary heap, so a search that stops after k candidates costs
 * O(N + k·log N) comparisons instead of sorting all N (at N = 1000, d = 512, t = 50 about ten
 * candidates are visited before every bound left is below the incumbent).
 */
export class BestFirstQueue {
  private readonly heap: Int32Array;
  private size: number;

  /**
   * @param upper bound per position
   * @param candidates candidate index per position (breaks ties: lower first)
   */
  constructor(
    private readonly upper: Float64Array,
    private readonly candidates: Int32Array,
  ) {
    this.size = upper.length;
    this.heap = new Int32Array(this.size);
    for (let i = 0; i < this.size; i++) this.heap[i] = i;
    for (let i = (this.size >> 1) - 1; i >= 0; i--) this.siftDown(i);
  }

  /** The next position, or −1 when every one has been taken. */
  pop(): number {
    if (this.size === 0) return -1;
    const top = this.heap[0]!;
    this.size--;
    if (this.size > 0) {
      this.heap[0] = this.heap[this.size]!;
      this.siftDown(0);
    }
    return top;
  }

  /** Whether position x comes before position y. */
  private before(x: number, y: number): boolean {
    const ux = this.upper[x]!;
    const uy = this.upper[y]!;
    return ux > uy || (ux === uy && this.candidates[x]! < this.candidates[y]!);
  }

  private siftDown(at: number): void {
    const { heap } = this;
    let i = at;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= this.size) return;
      const right = left + 1;
      const child = right < this.size && this.before(heap[right]!, heap[left]!) ? right : left;
      if (!this.before(heap[child]!, heap[i]!)) return;
      const swap = heap[i]!;
      heap[i] = heap[child]!;
      heap[child] = swap;
      i = child;
    }
  }
}
