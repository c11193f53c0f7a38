import { UserAlignError } from "@useralign/core";

/** Copies θ* into a Float64Array after checking it is a non-empty list of finite numbers. */
export function checkedTheta(theta: ArrayLike<number>, who: string): Float64Array {
  if (theta.length === 0) {
    throw new UserAlignError("invalid_input", `${who}: theta must list at least one number.`, [{ path: ["theta"], message: "empty" }]);
  }
  const out = Float64Array.from(theta);
  const bad = out.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) {
    throw new UserAlignError("invalid_input", `${who}: theta[${bad}] is ${theta[bad]}, not a finite number.`, [
      { path: ["theta", bad], message: "not finite" },
    ]);
  }
  return out;
}

/** ⟨θ, φ(a) − φ(b)⟩, checking that both feature vectors have θ's dimension. */
export function utilityGap(theta: Float64Array, a: ArrayLike<number>, b: ArrayLike<number>, who: string): number {
  if (a.length !== theta.length || b.length !== theta.length) {
    throw new UserAlignError(
      "invalid_input",
      `${who}: the candidates have ${a.length} and ${b.length} features, but theta has ${theta.length}.`,
      [{ path: ["features"], message: `expected length ${theta.length}` }],
    );
  }
  let u = 0;
  for (let i = 0; i < theta.length; i++) u += theta[i]! * (a[i]! - b[i]!);
  return u;
}
