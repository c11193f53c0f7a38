import type { Clock } from "../src/clock.js";

/**
 * A clock that records every wait it is asked for and really waits only `scale` of it, so a
 * `Retry-After: 2` costs 2 ms of test time while the delay the client chose is still visible.
 */
export function scaledClock(scale = 0.001): Clock & { readonly sleeps: number[] } {
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => Date.now(),
    sleep: (ms, signal) => {
      sleeps.push(ms);
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(resolve, ms * scale);
        signal?.addEventListener(
          "abort",
          () => {
            clearTimeout(timer);
            reject(signal.reason);
          },
          { once: true },
        );
      });
    },
  };
}
