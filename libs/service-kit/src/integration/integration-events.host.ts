import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { ContractRegistry, EventContract, IntegrationEvent, wireName } from '@opn/contracts';
import { ConsumerStatus, EventConsumer, GroupLag, consumerGroupLag } from '@opn/messaging';
import { KafkaProjectionRunner, KafkaProjectionStatus, MongoProcessedEvents } from '@opn/projections';
import { INTEGRATION_OPTIONS, IntegrationOptions } from './integration.options';
import { integrationContractsOf } from './on-integration-event.decorator';

type BoundHandler = { name: string; call: (data: unknown, event: IntegrationEvent) => Promise<void> | void };

export interface IntegrationStatus {
  handlers: (ConsumerStatus & { groupId: string; topics: string[]; events: string[] }) | null;
  readModels: KafkaProjectionStatus | null;
}

/**
 * Finds every `@OnIntegrationEvent` method of the application's providers at bootstrap and runs
 * them all with one `EventConsumer` (group `<service>.handlers`); runs the declared Kafka-fed read
 * models with one `KafkaProjectionRunner` (group `<service>.read-models`). Both stop gracefully on
 * shutdown, finishing the message in flight.
 */
@Injectable()
export class IntegrationEventsHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('IntegrationEvents');
  private readonly handlers = new Map<string, BoundHandler[]>();
  private consumer?: EventConsumer;
  private topics: string[] = [];
  readonly readModels?: KafkaProjectionRunner;
  private startingReadModels?: Promise<unknown>;
  private stopping = false;

  constructor(
    @Inject(INTEGRATION_OPTIONS) private readonly options: IntegrationOptions,
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
  ) {
    if (options.projections?.length) {
      this.readModels = new KafkaProjectionRunner({
        kafka: options.kafka,
        groupId: this.groupId('read-models'),
        connection: options.connection,
        projections: options.projections,
        maxRetries: options.maxRetries,
        backoff: options.backoff,
        sessionTimeoutMs: options.sessionTimeoutMs,
        onDeadLetter: options.onDeadLetter,
        onChange: options.onChange,
        unavailable: options.unavailable,
        logger: options.logger,
      });
    }
  }

  private groupId(name: string) {
    return `${this.options.service}.${name}`;
  }

  /** The handlers found, by wire name (for tests and the health page). */
  handledEvents(): string[] {
    return [...this.handlers.keys()].sort();
  }

  private discover(): EventContract[] {
    const contracts = new Map<string, EventContract>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const fn = (instance as Record<string, unknown>)[method];
        for (const contract of integrationContractsOf(fn)) {
          const name = wireName(contract.type, contract.version);
          contracts.set(name, contract);
          const list = this.handlers.get(name) ?? [];
          list.push({ name: `${instance.constructor.name}.${method}`, call: (data, event) => (fn as (d: unknown, e: IntegrationEvent) => Promise<void> | void).call(instance, data, event) });
          this.handlers.set(name, list);
        }
      }
    }
    return [...contracts.values()];
  }

  async onApplicationBootstrap(): Promise<void> {
    const contracts = this.discover();
    if (contracts.length > 0) {
      this.topics = [...new Set(contracts.map((c) => c.topic))];
      this.consumer = new EventConsumer({
        kafka: this.options.kafka,
        groupId: this.groupId('handlers'),
        topics: this.topics,
        contracts: new ContractRegistry(contracts),
        processed: this.options.processed ?? new MongoProcessedEvents(this.options.connection),
        maxRetries: Math.min(5, this.options.maxRetries ?? 5),
        backoff: this.options.backoff,
        sessionTimeoutMs: this.options.sessionTimeoutMs,
        onDeadLetter: this.options.onDeadLetter,
        unavailable: this.options.unavailable,
        logger: this.options.logger,
        handle: async (event) => {
          // Other types on the same topic (events this service does not handle) pass by.
          for (const handler of this.handlers.get(wireName(event.type, event.version)) ?? []) await handler.call(event.data, event);
        },
      });
      await this.consumer.start();
      this.logger.log(`${this.groupId('handlers')}: ${this.handledEvents().join(', ')}`);
    }
    const before = this.options.beforeReadModels;
    if (before && this.readModels) {
      const runner = this.readModels;
      this.startingReadModels = before(() => this.stopping)
        .then((go) => (go && !this.stopping ? runner.start() : undefined))
        .catch((e: unknown) => this.logger.error(`Kafka-fed read models did not start: ${String(e)}`));
    } else await this.readModels?.start();
  }

  /**
   * Before the application's `onApplicationShutdown` hooks, where services close their MongoDB
   * connection: the messages in flight still have it to finish on.
   */
  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  /** Finishes the messages in flight and leaves both groups; safe to call twice. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.startingReadModels;
    await Promise.all([this.consumer?.stop(), this.readModels?.stop()]);
  }

  status(): IntegrationStatus {
    return {
      handlers: this.consumer ? { ...this.consumer.status(), groupId: this.groupId('handlers'), topics: [...this.topics], events: this.handledEvents() } : null,
      readModels: this.readModels?.status() ?? null,
    };
  }

  /** Lag of both groups, per topic and partition (committed offset vs high watermark). */
  async lag(): Promise<GroupLag[]> {
    const lags: GroupLag[] = [];
    if (this.consumer) lags.push(await consumerGroupLag(this.options.kafka, this.groupId('handlers'), this.topics));
    if (this.readModels) lags.push(await this.readModels.lag());
    return lags;
  }
}
