import { ContractRegistry, ContractViolation, IntegrationEvent } from '@opn/contracts';
import { CORRELATION_HEADER, DomainError, backoffDelay, runWithCorrelation, sleep } from '@opn/kernel';
import { Consumer, EachMessagePayload, IHeaders, Kafka, KafkaMessage, Producer } from 'kafkajs';
import { KafkaConfig, createKafka, ensureTopics } from './kafka-config';
import { MessagingLogger } from './messaging-logger';

/** Marks an error that no retry can fix: the message goes to the dead-letter topic at once. */
export class PoisonMessageError extends Error {
  constructor(message: string, override readonly cause?: unknown) {
    super(message);
    this.name = 'PoisonMessageError';
  }
}

/** Remembers which event ids a consumer group has fully handled. */
export interface ProcessedEvents {
  has(group: string, eventId: string): Promise<boolean>;
  add(group: string, eventId: string): Promise<void>;
}

export interface EventHandlerContext {
  topic: string;
  partition: number;
  offset: string;
  attempt: number;
}

export interface EventConsumerOptions {
  kafka: KafkaConfig;
  groupId: string;
  topics: string[];
  handle: (event: IntegrationEvent, context: EventHandlerContext) => Promise<void>;
  contracts?: ContractRegistry;
  processed?: ProcessedEvents;
  /** Retries after the first attempt before dead-lettering (default 5). */
  maxRetries?: number;
  backoff?: { initialMs?: number; maxMs?: number };
  /** Default `<groupId>.dlq`. */
  deadLetterTopic?: string;
  fromBeginning?: boolean;
  /** Time after which the broker gives a dead member's partitions to others (default 30 s; broker minimum 6 s). */
  sessionTimeoutMs?: number;
  onDeadLetter?: (record: DeadLetterRecord) => void;
  /** One debug line per handled event, a warning per retry, an error per dead letter. */
  logger?: MessagingLogger;
  /**
   * Errors meaning a dependency is unavailable rather than the message being bad (MongoDB down):
   * the consumer waits and retries without limit (heartbeating), never dead-letters for them.
   */
  unavailable?: (error: unknown) => boolean;
}

export interface DeadLetterRecord {
  topic: string;
  partition: number;
  offset: string;
  reason: 'poison' | 'retries_exhausted';
  error: string;
  attempts: number;
  eventId?: string;
}

export interface ConsumerStatus {
  running: boolean;
  handled: number;
  duplicates: number;
  retries: number;
  deadLettered: number;
  /** Waits on an unavailable dependency (not counted as retries). */
  stalls: number;
  lastError?: string;
}

const isRetriable = (error: unknown): boolean => {
  if (error instanceof PoisonMessageError || error instanceof ContractViolation) return false;
  if (error instanceof DomainError) return error.retriable;
  return true;
};

/**
 * Consumes integration events one message at a time per partition, so order per aggregate holds:
 * dedup by event id, bounded retries with back-off (heartbeating meanwhile), then the dead-letter
 * topic, so one poison message never stalls its partition and is never dropped silently.
 * Handler errors are caught here, never swallowed by a framework.
 */
export class EventConsumer {
  private readonly kafka: Kafka;
  private consumer?: Consumer;
  private producer?: Producer;
  private readonly dlq: string;
  private readonly state: ConsumerStatus = { running: false, handled: 0, duplicates: 0, retries: 0, deadLettered: 0, stalls: 0 };

  constructor(private readonly options: EventConsumerOptions) {
    this.kafka = createKafka(options.kafka);
    this.dlq = options.deadLetterTopic ?? `${options.groupId}.dlq`;
  }

  async start(): Promise<void> {
    await ensureTopics(this.kafka, [...this.options.topics, this.dlq], this.options.kafka);
    this.producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await this.producer.connect();
    this.consumer = this.kafka.consumer({
      groupId: this.options.groupId,
      sessionTimeout: this.options.sessionTimeoutMs ?? 30000,
      heartbeatInterval: Math.min(3000, Math.floor((this.options.sessionTimeoutMs ?? 30000) / 3)),
      retry: { retries: 10, initialRetryTime: 300 },
    });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: this.options.topics, fromBeginning: this.options.fromBeginning ?? true });
    await this.consumer.run({ autoCommit: true, eachMessage: (payload) => this.onMessage(payload) });
    this.state.running = true;
  }

  status(): ConsumerStatus {
    return { ...this.state };
  }

  private async onMessage({ topic, partition, message, heartbeat }: EachMessagePayload): Promise<void> {
    const where = { topic, partition, offset: message.offset };
    let event: IntegrationEvent;
    try {
      const parsed: unknown = JSON.parse(message.value?.toString('utf8') ?? 'null');
      event = this.options.contracts ? this.options.contracts.validate(parsed) : (parsed as IntegrationEvent);
      if (!event || typeof event.id !== 'string') throw new PoisonMessageError('message has no event id');
    } catch (error) {
      return this.deadLetter(message.key, message.value, message.headers, { ...where, reason: 'poison', error: describe(error), attempts: 0 });
    }

    const { processed } = this.options;
    if (processed && (await processed.has(this.options.groupId, event.id))) {
      this.state.duplicates++;
      return;
    }
    // The handler, and whatever it logs or appends, carries the correlation id of the event's cause.
    const correlationId = event.correlationId ?? headerText(message.headers?.[CORRELATION_HEADER]) ?? event.id;
    return runWithCorrelation(correlationId, () => this.handle(event, correlationId, where, message, heartbeat));
  }

  private async handle(
    event: IntegrationEvent,
    correlationId: string,
    where: { topic: string; partition: number; offset: string },
    message: KafkaMessage,
    heartbeat: () => Promise<void>,
  ): Promise<void> {
    const { processed, logger } = this.options;
    const fields = { group: this.options.groupId, ...where, eventId: event.id, eventType: event.type, correlationId };
    const maxRetries = this.options.maxRetries ?? 5;
    let outage = 0;
    for (let attempt = 0; ; attempt++) {
      try {
        await this.options.handle(event, { ...where, attempt });
        await processed?.add(this.options.groupId, event.id);
        this.state.handled++;
        logger?.debug({ ...fields, attempts: attempt + 1 }, 'event handled');
        return;
      } catch (error) {
        this.state.lastError = describe(error);
        if (this.options.unavailable?.(error)) {
          // A dependency is down (the read models' database): wait for it without spending the
          // retry budget, so an outage delays the partition instead of dead-lettering its messages.
          if (!this.state.running) throw error; // stopping: leave the message uncommitted, it is redelivered
          this.state.stalls++;
          attempt--;
          if (outage++ === 0) logger?.warn({ ...fields, error: describe(error) }, 'dependency unavailable, waiting');
          await sleep(backoffDelay(Math.min(outage, 6), { initialMs: 200, maxMs: 5000 }));
          await heartbeat();
          continue;
        }
        if (!isRetriable(error) || attempt >= maxRetries) {
          return this.deadLetter(message.key, message.value, message.headers, {
            ...where,
            reason: isRetriable(error) ? 'retries_exhausted' : 'poison',
            error: describe(error),
            attempts: attempt + 1,
            eventId: event.id,
          });
        }
        this.state.retries++;
        logger?.warn({ ...fields, attempt: attempt + 1, error: describe(error) }, 'event handler failed, retrying');
        await sleep(backoffDelay(attempt, this.options.backoff ?? { initialMs: 100, maxMs: 2000 }));
        await heartbeat();
      }
    }
  }

  /** If the dead-letter write fails, this throws: kafkajs then redelivers instead of moving on. */
  private async deadLetter(key: Buffer | null, value: Buffer | null, headers: IHeaders | undefined, record: DeadLetterRecord) {
    if (!this.producer) throw new Error('consumer not started');
    await this.producer.send({
      topic: this.dlq,
      acks: -1,
      messages: [
        {
          key,
          value,
          headers: {
            ...(headers ?? {}),
            dlq_original_topic: record.topic,
            dlq_partition: String(record.partition),
            dlq_offset: record.offset,
            dlq_reason: record.reason,
            dlq_error: record.error.slice(0, 2000),
            dlq_attempts: String(record.attempts),
            dlq_group: this.options.groupId,
          },
        },
      ],
    });
    this.state.deadLettered++;
    this.options.logger?.error({ group: this.options.groupId, deadLetterTopic: this.dlq, ...record }, 'message dead-lettered');
    this.options.onDeadLetter?.(record);
  }

  /** Finishes the message in flight, commits, leaves the group. */
  async stop(): Promise<void> {
    this.state.running = false;
    await this.consumer?.disconnect().catch(() => undefined);
    await this.producer?.disconnect().catch(() => undefined);
  }
}

const headerText = (value: Buffer | string | Array<Buffer | string> | undefined): string | undefined =>
  value === undefined ? undefined : String(Array.isArray(value) ? value[0] : value);

const describe = (error: unknown): string => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));
