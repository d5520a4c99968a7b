import { ContractRegistry } from '@opn/contracts';
import {
  ConsumerStatus,
  DeadLetterRecord,
  EventConsumer,
  GroupLag,
  KafkaConfig,
  ProcessedEvents,
  consumerGroupLag,
  MessagingLogger,
  resetGroupToEarliest,
} from '@opn/messaging';
import type { Connection } from 'mongoose';
import { IntegrationProjection, fromIntegrationEvent, topicsOf } from './integration-projection';
import { IntegrationProjector } from './integration-projector';
import { MongoProcessedEvents } from './processed-events';
import { Progress } from './progress';

export interface ClearableProcessedEvents extends ProcessedEvents {
  clear(group: string): Promise<void>;
}

export interface KafkaProjectionRunnerOptions {
  kafka: KafkaConfig;
  /** Consumer group, `<service>.<name>` (e.g. `relations.read-models`); its dead letters go to `<groupId>.dlq`. */
  groupId: string;
  connection: Connection;
  // Each projection has its own document type; the runner only moves them, so `any` is their erasure.
  projections: ReadonlyArray<IntegrationProjection<any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** Event ids already handled by the group (default: `MongoProcessedEvents` on the same connection); a rebuild clears the group's. */
  processed?: ClearableProcessedEvents;
  /** Retries after the first attempt before dead-lettering (default 5, at most 5). */
  maxRetries?: number;
  backoff?: { initialMs?: number; maxMs?: number };
  sessionTimeoutMs?: number;
  onDeadLetter?: (record: DeadLetterRecord) => void;
  /** Errors that mean MongoDB is unavailable: wait for it instead of dead-lettering (see EventConsumer). */
  unavailable?: (error: unknown) => boolean;
  logger?: MessagingLogger;
  /** Told every document a projection wrote (null: deleted), after the write (see `KafkaReadModelMirror`). */
  onChange?: (projection: string, id: string, document: object | null) => void;
}

export interface KafkaProjectionStatus extends ConsumerStatus {
  /** Messages settled (applied, skipped as not read by any projection, or duplicates); `duplicates` are also counted here. */
  handled: number;
  groupId: string;
  topics: string[];
  projections: string[];
  /** Messages that changed at least one document. */
  applied: number;
}

/**
 * Keeps this service's MongoDB read models in step with OTHER services' integration events on
 * Kafka. Exactly once in effect, in three layers:
 * - every document stores the last position it applied per source stream (`<source>:<subject>`),
 *   so a redelivered or replayed event changes nothing;
 * - the group remembers handled event ids (`processed`), which also covers what positions cannot
 *   decide: a document deleted by a later event, whose positions are gone with it;
 * - messages are validated against the producers' contracts: a message that breaks one goes to
 *   `<groupId>.dlq` at once; an apply that keeps failing goes there after at most 5 retries, and
 *   the partition keeps flowing (both by `EventConsumer`).
 */
export class KafkaProjectionRunner {
  private readonly projectors: IntegrationProjector<object>[];
  private readonly topics: string[];
  private consumer?: EventConsumer;
  private readonly processed: ClearableProcessedEvents;
  private applied = 0;
  private duplicates = 0;
  private lastStatus: ConsumerStatus = { running: false, handled: 0, duplicates: 0, retries: 0, deadLettered: 0, stalls: 0 };

  constructor(private readonly options: KafkaProjectionRunnerOptions) {
    if ((options.maxRetries ?? 5) > 5) throw new Error('maxRetries is at most 5');
    if (options.projections.length === 0) throw new Error('KafkaProjectionRunner needs at least one projection');
    this.projectors = options.projections.map((p) => new IntegrationProjector(options.connection, p, options.onChange && ((id, doc) => options.onChange!(p.name, id, doc))));
    this.topics = topicsOf(options.projections);
    this.processed = options.processed ?? new MongoProcessedEvents(options.connection);
  }

  get groupId(): string {
    return this.options.groupId;
  }

  async start(): Promise<void> {
    if (this.consumer) return;
    for (const p of this.projectors) await p.ensureIndexes();
    const consumer = new EventConsumer({
      kafka: this.options.kafka,
      groupId: this.options.groupId,
      topics: this.topics,
      contracts: new ContractRegistry(this.options.projections.flatMap((p) => [...p.contracts])),
      maxRetries: this.options.maxRetries ?? 5,
      backoff: this.options.backoff,
      sessionTimeoutMs: this.options.sessionTimeoutMs,
      onDeadLetter: this.options.onDeadLetter,
      unavailable: this.options.unavailable,
      logger: this.options.logger,
      fromBeginning: true,
      handle: async (event) => {
        const sourced = fromIntegrationEvent(event);
        const projectors = this.projectors.filter((p) => p.handles(sourced));
        // Events no read model reads (other types on the same topics) cost no I/O at all.
        if (projectors.length === 0) return;
        if (await this.processed.has(this.options.groupId, event.id)) {
          this.duplicates++;
          return;
        }
        let changed = false;
        for (const projector of projectors) if (await projector.apply(sourced)) changed = true;
        await this.processed.add(this.options.groupId, event.id);
        if (changed) this.applied++;
      },
    });
    this.consumer = consumer;
    await consumer.start();
  }

  /** Finishes the message in flight (kafkajs waits for it), commits, leaves the group. */
  async stop(): Promise<void> {
    const consumer = this.consumer;
    this.consumer = undefined;
    if (!consumer) return;
    await consumer.stop();
    this.lastStatus = { ...consumer.status(), running: false };
  }

  status(): KafkaProjectionStatus {
    const consumer = this.consumer?.status() ?? this.lastStatus;
    return {
      ...consumer,
      groupId: this.options.groupId,
      topics: [...this.topics],
      projections: this.options.projections.map((p) => p.name),
      // EventConsumer counts every settled message as handled; duplicates are found here.
      duplicates: this.duplicates,
      applied: this.applied,
    };
  }

  /** Per topic and partition: the group's committed offset against the high watermark. */
  lag(): Promise<GroupLag> {
    return consumerGroupLag(this.options.kafka, this.options.groupId, this.topics);
  }

  /** Drops the read models and their processed ids, and rewinds the (stopped) group to the start of its topics. */
  async reset(): Promise<void> {
    if (this.consumer) throw new Error('stop the runner before resetting it');
    await resetGroupToEarliest(this.options.kafka, this.options.groupId);
    for (const p of this.projectors) await p.reset();
    await this.processed.clear(this.options.groupId);
  }
}

export interface KafkaRebuildOptions extends KafkaProjectionRunnerOptions {
  onProgress?: (progress: Progress) => void;
  /** Gives up (throws) after this long without progress (default 60 s). */
  stallTimeoutMs?: number;
  pollMs?: number;
}

/**
 * Rebuilds Kafka-fed read models with the service stopped: drops them, rewinds the service's
 * consumer group to the beginning of its topics, then consumes until the group has caught up with
 * the high watermarks seen at the start, reporting done/total messages. The group is left at that
 * point, so the service resumes from there when it starts again. If the rebuild dies midway,
 * running it again starts over (or just start the service: it continues from the committed offsets
 * to the same fold, since documents skip what they already applied).
 */
export async function rebuildKafkaProjections(options: KafkaRebuildOptions): Promise<{ messages: number; seconds: number }> {
  const runner = new KafkaProjectionRunner(options);
  await runner.reset();
  const startedAt = Date.now();
  const target = await runner.lag();
  const total = target.total;
  const high = new Map(target.partitions.map((p) => [`${p.topic}/${p.partition}`, p.high]));
  const settled = () => {
    const s = runner.status();
    return s.handled + s.deadLettered;
  };
  const report = (done: number) => options.onProgress?.({ done: Math.min(done, total), total, events: done, startedAt });
  report(0);
  await runner.start();
  const stallTimeoutMs = options.stallTimeoutMs ?? 60000;
  let lastDone = -1;
  let lastMoveAt = Date.now();
  try {
    for (;;) {
      const done = settled();
      if (done !== lastDone) {
        lastDone = done;
        lastMoveAt = Date.now();
        report(done);
      }
      // Done when the committed offsets reach the start's high watermarks (not when `done` reaches
      // `total`: a compacted topic has fewer messages than offsets).
      const lag = await runner.lag();
      if (lag.partitions.every((p) => p.committed >= (high.get(`${p.topic}/${p.partition}`) ?? 0))) break;
      if (Date.now() - lastMoveAt > stallTimeoutMs) throw new Error(`rebuild of ${options.groupId} made no progress for ${stallTimeoutMs} ms (${done}/${total})`);
      await new Promise((r) => setTimeout(r, options.pollMs ?? 500));
    }
  } finally {
    await runner.stop();
  }
  report(total);
  return { messages: settled(), seconds: (Date.now() - startedAt) / 1000 };
}
