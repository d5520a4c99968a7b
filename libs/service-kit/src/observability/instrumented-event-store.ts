import { ConcurrencyError, EventStore, currentCorrelationId } from '@opn/kernel';
import type { Logger } from 'pino';
import type { ServiceMetrics } from './metrics';

export interface EventStoreInstrumentation {
  metrics?: ServiceMetrics;
  /** One info line per successful append (stream, count, types, positions, correlation id). */
  logger?: Logger;
}

/**
 * The same store with its appends counted (`eventstore_appends_total{result}`,
 * `eventstore_appended_events_total`) and logged. Everything else, including what the adapter
 * adds beside the port (checkpoints, close), goes to the store untouched.
 */
export function instrumentEventStore<S extends EventStore>(store: S, { metrics, logger }: EventStoreInstrumentation): S {
  metrics?.watchEventStore(store);
  const appendToStream: EventStore['appendToStream'] = async (streamId, events, options) => {
    let result;
    try {
      result = await store.appendToStream(streamId, events, options);
    } catch (error) {
      metrics?.countAppend(error instanceof ConcurrencyError ? 'conflict' : 'error', 0);
      throw error;
    }
    metrics?.countAppend('ok', result.events.length);
    const first = result.events[0];
    if (logger && first) {
      logger.info(
        {
          streamId,
          events: result.events.length,
          eventTypes: [...new Set(result.events.map((e) => e.type))],
          fromPosition: first.position,
          toPosition: result.lastPosition,
          correlationId: first.correlationId ?? first.metadata.correlationId ?? currentCorrelationId(),
        },
        'events appended',
      );
    }
    return result;
  };
  return new Proxy(store, {
    get(target, property) {
      if (property === 'appendToStream') return appendToStream;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
