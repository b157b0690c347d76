/**
 * Keeps track of webhook work still running after the HTTP answer went out, so tests, the
 * simulator, the CLI and a graceful shutdown can wait for it (`drain()`).
 */
export interface Inflight {
  track(work: Promise<unknown>): void;
  /** Resolves when everything tracked so far (and anything tracked meanwhile) has settled. */
  drain(): Promise<void>;
  readonly size: number;
}

/** Creates an empty tracker; tracked work never rejects into it (failures are the bot's to log). */
export function createInflight(): Inflight {
  const pending = new Set<Promise<unknown>>();
  return {
    track(work) {
      const p = work.then(
        () => undefined,
        () => undefined,
      );
      pending.add(p);
      void p.finally(() => pending.delete(p));
    },
    async drain() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
    get size() {
      return pending.size;
    },
  };
}
