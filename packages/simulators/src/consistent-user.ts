import type { ComparisonQuery, PairwiseUser } from "@useralign/core";
import { checkedTheta, utilityGap } from "./theta.js";

/** Options of {@link createConsistentUser}. */
export interface ConsistentUserOptions {
  /** The user's preference vector θ* on the pool's feature axes. */
  theta: ArrayLike<number>;
  /** Label for reports. @default "consistent" */
  name?: string;
}

/**
 * A noise-free user (method.md "Users"): always prefers the candidate with the higher ⟨θ*, φ⟩. An exact
 * tie goes to the lower pool index, the same rule ORACLE's argmax uses, so the two never disagree
 * on which of a tied pair is "best".
 */
export function createConsistentUser(options: ConsistentUserOptions): PairwiseUser {
  const name = options.name ?? "consistent";
  const theta = checkedTheta(options.theta, `consistent user "${name}"`);
  return {
    name,
    compare(query: ComparisonQuery): number {
      const { first, second } = query;
      const gap = utilityGap(theta, first.features, second.features, `consistent user "${name}"`);
      if (gap > 0) return first.index;
      if (gap < 0) return second.index;
      return Math.min(first.index, second.index);
    },
  };
}
