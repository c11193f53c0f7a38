/**
 * method.md step 8's stopping rule, in one place: the session, `evaluateStep` (`useralign step`) and
 * every adapter ask this function instead of comparing B(t) with ε themselves.
 */

/**
 * The numerical slack of "B(t) ≤ ε" and of the tie between two values V (method.md step 8: "with a tiny
 * numerical tolerance"). B(t) = 0 exactly is rarely computed as 0: a projection onto the cone
 * leaves ~1e-12 of rounding, so without the slack a certified ε = 0 stop would never fire.
 * Sessions may override it with their `tolerance` setting.
 */
export const STOP_TOLERANCE = 1e-9;

/** What the stop rule needs of one step: y⁽²⁾ (−1 when no candidate remains) and B(t). */
export interface BoundedStep {
  readonly second: number;
  readonly bound: number;
}

/**
 * True when the method returns y⁽¹⁾ now: no candidate remains for y⁽²⁾ (which counts as B = 0), or
 * B(t) ≤ ε + tolerance. In fixed-budget mode pass ε = 0: the step then only asks whether any
 * viable y⁽²⁾ (V > tolerance) remains.
 */
export function stopsOnBound(step: BoundedStep, epsilon: number, tolerance: number = STOP_TOLERANCE): boolean {
  return step.second < 0 || step.bound <= epsilon + tolerance;
}
