import type { Comparison } from "../preference-state.js";

/** Which unordered pairs a person has answered, and how (SPEC step 7: never ask a pair twice). */
export class PairMemory {
  private readonly answers = new Map<number, Comparison>();
  private readonly partners: Set<number>[];

  constructor(private readonly n: number) {
    this.partners = Array.from({ length: n }, () => new Set<number>());
  }

  private key(i: number, j: number): number {
    return i < j ? i * this.n + j : j * this.n + i;
  }

  record(c: Comparison): void {
    this.answers.set(this.key(c.winner, c.loser), { winner: c.winner, loser: c.loser });
    this.partners[c.winner]!.add(c.loser);
    this.partners[c.loser]!.add(c.winner);
  }

  /** The recorded answer for {i, j}, if any. */
  get(i: number, j: number): Comparison | undefined {
    return this.answers.get(this.key(i, j));
  }

  has(i: number, j: number): boolean {
    return this.answers.has(this.key(i, j));
  }

  /** Candidates not yet compared with `i` (excluding `i`). */
  unpaired(i: number): number[] {
    const out: number[] = [];
    for (let j = 0; j < this.n; j++) if (j !== i && !this.partners[i]!.has(j)) out.push(j);
    return out;
  }

  get size(): number {
    return this.answers.size;
  }
}
