/** Errors of a JetStream request that another try may not meet: no answer in time, or no responder yet. */
export const transient = (err: unknown): boolean => err instanceof Error && (err.name === 'TimeoutError' || err.name === 'JetStreamNotEnabled');

/** A request that timed out (a cluster electing a leader answers again in seconds). */
export const timedOut = (err: unknown): boolean => err instanceof Error && err.name === 'TimeoutError';

/** Waits `ms`, or less when `signal` aborts. */
export const pause = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });

/**
 * `create` again when it timed out: daemons started together create the same stream, bucket or
 * object store at the same moment, and a nats-server 2.9 cluster answers one of two identical
 * creates and lets the other time out (the second try finds it made, and opens it).
 */
export const createdOnceMore = <T>(create: () => Promise<T>): Promise<T> =>
  create().catch((err: unknown) => (timedOut(err) ? create() : Promise.reject(err as Error)));
