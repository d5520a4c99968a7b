import type { ProcessedEvents } from '@opn/messaging';
import type { KafkaProjectionRunnerOptions } from '@opn/projections';

export const INTEGRATION_OPTIONS = Symbol('INTEGRATION_OPTIONS');

/**
 * How a service consumes other services' integration events: the Kafka-fed read models' runner
 * options (minus the group, which is derived) and the handlers' own processed-ids store.
 */
export interface IntegrationOptions extends Omit<KafkaProjectionRunnerOptions, 'groupId' | 'projections' | 'processed'> {
  /** The service's name: consumer groups are `<service>.handlers` and `<service>.read-models`. */
  service: string;
  /** Kafka-fed read models, run by one `KafkaProjectionRunner` (none: no read-model group). */
  projections?: KafkaProjectionRunnerOptions['projections'];
  /**
   * Run before the Kafka-fed read models start consuming (loading the memory mirrors once MongoDB is
   * up): the runner then starts in the background, so the service serves while it waits. Returns
   * false when it gave up (the service is stopping).
   */
  beforeReadModels?: (stopped: () => boolean) => Promise<boolean>;
  /** Where the handlers' group remembers handled event ids (default: `MongoProcessedEvents` on `connection`). */
  processed?: ProcessedEvents;
}
