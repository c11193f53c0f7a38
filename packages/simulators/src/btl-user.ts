import { Rng, sigmoid, type ComparisonQuery, type PairwiseUser } from "@useralign/core";
import { checkedTheta, utilityGap } from "./theta.js";

/** Options of {@link createBtlUser}. */
export interface BtlUserOptions {
  /** The user's preference vector θ* on the pool's feature axes. */
  theta: ArrayLike<number>;
  /** Seed of the user's own random stream (independent of the session's). @default 0 */
  seed?: number;
  /** Or pass the stream itself (it is advanced by one draw per answer). */
  rng?: Rng;
  /** Label for reports. @default "btl" */
  name?: string;
}

/** A BTL user that can report its random state, so a run can be saved and continued. */
export interface BtlUser extends PairwiseUser {
  /** The state of the answer stream (see `Rng.state`). */
  rngState(): [number, number, number, number];
}

/**
 * A stochastic user under the Bradley–Terry–Luce model (method.md "Users"): prefers `first` with
 * probability σ(⟨θ*, φ(first) − φ(second)⟩). Exactly one uniform draw per answer, so the n-th
 * answer depends only on the seed and the n-th question: two sessions that ask the same questions
 * get the same answers.
 */
export function createBtlUser(options: BtlUserOptions): BtlUser {
  const name = options.name ?? "btl";
  const theta = checkedTheta(options.theta, `BTL user "${name}"`);
  const rng = options.rng ?? Rng.fromSeed(options.seed ?? 0);
  return {
    name,
    compare(query: ComparisonQuery): number {
      const { first, second } = query;
      const p = sigmoid(utilityGap(theta, first.features, second.features, `BTL user "${name}"`));
      return rng.next() < p ? first.index : second.index;
    },
    rngState: () => rng.state(),
  };
}
