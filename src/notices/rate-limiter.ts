/**
 * Spaces request starts evenly so at most `perSecond` start in any second (LINE's multicast
 * limit is 200 requests/s). Even spacing, not a bucket that allows bursts: a burst at the
 * edge of two windows is exactly what gets a 429. Uses the monotonic clock, not the
 * business clock, because it is about real request timing.
 */
export interface RateLimiter {
  /** Resolves when the caller may start its request; rejects if `signal` aborts first. */
  take(signal?: AbortSignal): Promise<void>;
}

/** A limiter allowing `perSecond` evenly spaced starts; `sleep` and `now` are injectable for tests. */
export function createRateLimiter(
  perSecond: number,
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>,
  now: () => number = () => performance.now(),
): RateLimiter {
  if (!(perSecond > 0)) throw new Error(`rate limit must be positive, got ${perSecond}`);
  const interval = 1000 / perSecond;
  let next = 0;
  return {
    async take(signal) {
      const t = now();
      const at = Math.max(t, next);
      next = at + interval;
      if (at > t) await sleep(at - t, signal);
    },
  };
}

/** A sleep that ends early (rejecting) when the signal aborts. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    // The reason is whatever abort() was given (an AbortError by default), passed on as it is.
    if (signal?.aborted) return reject(signal.reason as unknown);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason as unknown);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
