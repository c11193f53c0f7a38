/** Doubly linked lists of nodes per degree, with a moving minimum. */
export class DegreeBuckets {
  private readonly head: Int32Array;
  private readonly next: Int32Array;
  private readonly prev: Int32Array;
  private minDegree = 0;

  constructor(n: number) {
    this.head = new Int32Array(n + 1).fill(-1);
    this.next = new Int32Array(n).fill(-1);
    this.prev = new Int32Array(n).fill(-1);
  }

  insert(i: number, d: number): void {
    const h = this.head[d]!;
    this.next[i] = h;
    this.prev[i] = -1;
    if (h >= 0) this.prev[h] = i;
    this.head[d] = i;
    if (d < this.minDegree) this.minDegree = d;
  }

  remove(i: number, d: number): void {
    const before = this.prev[i]!;
    const after = this.next[i]!;
    if (before >= 0) this.next[before] = after;
    else this.head[d] = after;
    if (after >= 0) this.prev[after] = before;
  }

  popMin(): number {
    while (this.head[this.minDegree]! < 0) this.minDegree++;
    const i = this.head[this.minDegree]!;
    this.remove(i, this.minDegree);
    return i;
  }
}
