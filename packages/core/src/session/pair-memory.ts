import type { Comparison } from "../preference-state.js";

/** Which unordered pairs a person has answered, and how (method.md step 7: never ask a pair twice). */
export class PairMemory {
  private readonly answers = new Map<number, Comparison>();
  private readonly numbers = new Map<number, number>();
  private readonly partners: Set<number>[];

  constructor(private readonly n: number) {
    this.partners = Array.from({ length: n }, () => new Set<number>());
  }

  private key(i: number, j: number): number {
    return i < j ? i * this.n + j : j * this.n + i;
  }

  /** Records an answer; `question` is its 1-based number (what a replay of it carries). */
  record(c: Comparison, question = 0): void {
    this.answers.set(this.key(c.winner, c.loser), { winner: c.winner, loser: c.loser });
    this.numbers.set(this.key(c.winner, c.loser), question);
    this.partners[c.winner]!.add(c.loser);
    this.partners[c.loser]!.add(c.winner);
  }

  /** The recorded answer for {i, j}, if any. */
  get(i: number, j: number): Comparison | undefined {
    return this.answers.get(this.key(i, j));
  }

  /** The number of the question that answered {i, j} (undefined when none did). */
  question(i: number, j: number): number | undefined {
    return this.numbers.get(this.key(i, j));
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
