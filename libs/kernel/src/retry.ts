export interface BackoffOptions {
  initialMs?: number;
  maxMs?: number;
  factor?: number;
}

/** Exponential back-off with full jitter: attempt 0 waits ~initialMs, capped at maxMs. */
export const backoffDelay = (attempt: number, { initialMs = 100, maxMs = 5000, factor = 2 }: BackoffOptions = {}): number => {
  const ceiling = Math.min(maxMs, initialMs * factor ** attempt);
  return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
};

export const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });

export class AbortedError extends Error {
  constructor() {
    super('aborted');
    this.name = 'AbortedError';
  }
}

/**
 * Retries `fn` until it succeeds or `signal` aborts (then throws AbortedError). Used where giving up
 * would lose data: the relay while Kafka is down, projections while MongoDB is down.
 */
export async function retryUntilAborted<T>(
  fn: () => Promise<T>,
  options: BackoffOptions & { signal: AbortSignal; onError?: (error: unknown, attempt: number) => void },
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    if (options.signal.aborted) throw new AbortedError();
    try {
      return await fn();
    } catch (error) {
      if (options.signal.aborted) throw new AbortedError();
      options.onError?.(error, attempt);
      await sleep(backoffDelay(attempt, options), options.signal);
    }
  }
}
