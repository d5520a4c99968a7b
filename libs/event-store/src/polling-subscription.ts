import { EventStore, SubscribeOptions, Subscription } from '@opn/kernel';

export interface PollingOptions {
  pollIntervalMs: number;
  /** Registers a callback fired on local appends, returns its unregister function. */
  onAppend?: (wake: () => void) => () => void;
}

/**
 * Catch-up subscription over `readAll`: pages through the log after the given position,
 * then waits for a local append (immediate) or the poll interval (appends by other processes).
 */
export function pollingSubscription(
  store: Pick<EventStore, 'readAll'>,
  options: SubscribeOptions,
  polling: PollingOptions,
): Subscription {
  let stopped = false;
  let wake: (() => void) | undefined;
  // Set by appends that land while a page is being read, so the loop does not go to sleep on them.
  let appendedMeanwhile = false;
  const unregister = polling.onAppend?.(() => {
    appendedMeanwhile = true;
    wake?.();
  });
  const batchSize = options.batchSize ?? 500;
  if (!options.onEvent === !options.onBatch) throw new Error('subscribe with exactly one of onEvent or onBatch');

  const sleep = () =>
    new Promise<void>((resolve) => {
      if (appendedMeanwhile) return resolve();
      const timer = setTimeout(done, polling.pollIntervalMs);
      function done() {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      }
      wake = done;
    });

  const run = async () => {
    let after = options.after ?? 0;
    try {
      while (!stopped) {
        appendedMeanwhile = false;
        const page = await store.readAll({ after, maxCount: batchSize });
        if (options.onBatch && page.length > 0) {
          await options.onBatch(page);
          after = page[page.length - 1].position;
        } else {
          for (const event of page) {
            if (stopped) return;
            await options.onEvent?.(event);
            after = event.position;
          }
        }
        if (page.length < batchSize && !stopped) await sleep();
      }
    } catch (error) {
      if (!stopped) options.onError?.(error);
    } finally {
      unregister?.();
    }
  };
  const done = run();
  return {
    done,
    async stop() {
      stopped = true;
      wake?.();
      await done;
    },
  };
}
