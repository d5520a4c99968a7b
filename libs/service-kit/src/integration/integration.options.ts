import type { DeadLetterRecord, KafkaConfig, MessagingLogger, ProcessedEvents } from '@opn/messaging';
import type { IntegrationProjection } from '@opn/projections';
import type { Connection } from 'mongoose';

export const INTEGRATION_OPTIONS = Symbol('INTEGRATION_OPTIONS');

/** How a service consumes other services' integration events. */
export interface IntegrationOptions {
  /** The service's name: consumer groups are `<service>.handlers` and `<service>.read-models`. */
  service: string;
  kafka: KafkaConfig;
  /** The service's MongoDB: the Kafka-fed read models, and the processed event ids of both groups. */
  connection: Connection;
  /** Kafka-fed read models, run by one `KafkaProjectionRunner`. */
  // Each projection has its own document type; `any` is their common erasure.
  projections?: ReadonlyArray<IntegrationProjection<any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** Where the handlers' group remembers handled event ids (default: `MongoProcessedEvents` on `connection`). */
  processed?: ProcessedEvents;
  /** Retries after the first attempt before dead-lettering (default 5, at most 5). */
  maxRetries?: number;
  backoff?: { initialMs?: number; maxMs?: number };
  sessionTimeoutMs?: number;
  onDeadLetter?: (record: DeadLetterRecord) => void;
  /** Errors that mean MongoDB is unavailable: consumers wait for it instead of dead-lettering. */
  unavailable?: (error: unknown) => boolean;
  logger?: MessagingLogger;
}
