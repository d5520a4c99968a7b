import { EventContract, IntegrationEvent } from '@opn/contracts';
import { AbortedError, CheckpointStore, EventStore, RecordedEvent, Subscription, retryUntilAborted } from '@opn/kernel';
import { Kafka, Producer, TopicMessages } from 'kafkajs';
import { toKafkaMessage } from './kafka-message';
import { KafkaConfig, createKafka, ensureTopics } from './kafka-config';
import { MessagingLogger } from './messaging-logger';

/** Maps a stored event to its public form, or null when the event stays private. */
export type OutboundMapper = (event: RecordedEvent) => { topic: string; event: IntegrationEvent } | null;

/**
 * The message an outbound mapper returns for a stored event published under `contract`: the
 * envelope keeps the stored event's id (consumers deduplicate on it), position, time and
 * correlation, and takes type, version and topic from the contract.
 */
export const publishedAs =
  (source: string) =>
  <D>(contract: EventContract<string, D>, recorded: RecordedEvent, subject: string, data: D): { topic: string; event: IntegrationEvent<string, D> } => ({
    topic: contract.topic,
    event: {
      id: recorded.id,
      type: contract.type,
      version: contract.version,
      source,
      subject,
      position: recorded.position,
      occurredAt: recorded.occurredAt.toISOString(),
      correlationId: recorded.correlationId,
      causationId: recorded.causationId,
      data,
    },
  });

export interface KafkaRelayOptions {
  /** Checkpoint name, e.g. `identity.relay`. */
  name: string;
  store: EventStore;
  checkpoints: CheckpointStore;
  kafka: KafkaConfig;
  map: OutboundMapper;
  /** Topics to create up front. */
  topics: string[];
  batchSize?: number;
  /** Test hook: called before each send, may throw to simulate a failed send. */
  beforeSend?: (batch: TopicMessages[]) => void;
  onError?: (error: unknown) => void;
  /** One debug line per published event (with its correlation id), one info line per acknowledged batch. */
  logger?: MessagingLogger;
}

export interface RelayStatus {
  running: boolean;
  /** Position of the last event Kafka acknowledged. */
  position: number;
  head: number;
  published: number;
  failures: number;
  lastError?: string;
  lastErrorAt?: string;
}

/**
 * The event store is the outbox: the relay reads the global log after its checkpoint, publishes
 * mapped events to Kafka (key = aggregate id, acks = all, idempotent producer) and moves the
 * checkpoint only after the acknowledgement. A crash between the two republishes a few events;
 * consumers deduplicate by event id, so no event is lost and none has a duplicated effect.
 */
export class KafkaRelay {
  private readonly kafka: Kafka;
  private producer?: Producer;
  private subscription?: Subscription;
  private abort = new AbortController();
  private readonly state: RelayStatus = { running: false, position: 0, head: 0, published: 0, failures: 0 };

  constructor(private readonly options: KafkaRelayOptions) {
    this.kafka = createKafka(options.kafka);
    this.checkpointName = options.name;
  }

  async start(): Promise<void> {
    if (this.state.running) return;
    this.abort = new AbortController();
    this.state.running = true;
    const signal = this.abort.signal;
    // Kafka may be down at start: keep trying in the background, commands go on meanwhile.
    void retryUntilAborted(() => this.connect(), { signal, maxMs: 5000, onError: (e) => this.fail(e) })
      .then(async () => {
        const after = (await this.options.checkpoints.load(this.checkpointName)) ?? 0;
        this.state.position = after;
        this.subscription = this.options.store.subscribeToAll({
          after,
          batchSize: this.options.batchSize ?? 500,
          onBatch: (events) => retryUntilAborted(() => this.publish(events), { signal, maxMs: 5000, onError: (e) => this.fail(e) }),
          onError: (e) => {
            if (!(e instanceof AbortedError)) this.fail(e);
          },
        });
      })
      .catch((e) => {
        if (!(e instanceof AbortedError)) this.fail(e);
      });
  }

  /**
   * The checkpoint is a position relative to one Kafka cluster: pointed at a new cluster (a fresh
   * local broker, a migration), the relay publishes the log again from the start.
   */
  private checkpointName: string;

  private async connect() {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const { clusterId } = await admin.describeCluster();
      this.checkpointName = `${this.options.name}@${clusterId}`;
    } finally {
      await admin.disconnect();
    }
    await ensureTopics(this.kafka, this.options.topics, this.options.kafka);
    await this.connectProducer();
  }

  private async connectProducer() {
    const producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
    await producer.connect();
    this.producer = producer;
  }

  private async publish(events: RecordedEvent[]): Promise<void> {
    const byTopic = new Map<string, TopicMessages>();
    const published: Array<{ topic: string; event: IntegrationEvent }> = [];
    for (const e of events) {
      const mapped = this.options.map(e);
      if (!mapped) continue;
      published.push(mapped);
      let t = byTopic.get(mapped.topic);
      if (!t) byTopic.set(mapped.topic, (t = { topic: mapped.topic, messages: [] }));
      t.messages.push(toKafkaMessage(mapped.event));
    }
    const topicMessages = [...byTopic.values()];
    if (topicMessages.length) {
      this.options.beforeSend?.(topicMessages);
      if (!this.producer) await this.connectProducer();
      try {
        await this.producer!.sendBatch({ topicMessages, acks: -1 });
      } catch (error) {
        // After a failed send (a broker died mid-request) an idempotent producer's sequence numbers
        // may no longer match the broker's: start over with a new producer id. The batch is sent
        // again; consumers deduplicate what had already landed.
        const broken = this.producer;
        this.producer = undefined;
        await broken?.disconnect().catch(() => undefined);
        throw error;
      }
      this.state.published += topicMessages.reduce((n, t) => n + t.messages.length, 0);
    }
    const last = events[events.length - 1].position;
    const { logger } = this.options;
    if (logger && published.length) {
      for (const { topic, event } of published) {
        logger.debug(
          { relay: this.options.name, topic, eventId: event.id, eventType: event.type, position: event.position, correlationId: event.correlationId },
          'event published',
        );
      }
      // A batch mixes many requests' events: it has no correlation id of its own.
      logger.info({ relay: this.options.name, events: published.length, fromPosition: events[0].position, toPosition: last, correlationId: undefined }, 'events published');
    }
    await this.options.checkpoints.save(this.checkpointName, last);
    this.state.position = last;
  }

  private fail(error: unknown) {
    this.state.failures++;
    this.state.lastError = error instanceof Error ? error.message : String(error);
    this.state.lastErrorAt = new Date().toISOString();
    this.options.onError?.(error);
  }

  async status(): Promise<RelayStatus> {
    return { ...this.state, head: await this.options.store.headPosition() };
  }

  async stop(): Promise<void> {
    if (!this.state.running) return;
    this.state.running = false;
    this.abort.abort();
    await this.subscription?.stop();
    await this.producer?.disconnect().catch(() => undefined);
    this.producer = undefined;
  }
}
