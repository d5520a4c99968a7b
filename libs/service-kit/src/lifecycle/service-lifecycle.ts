import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, Optional } from '@nestjs/common';
import type { KeyStore } from '@opn/kernel';
import type { EventStoreWithCheckpoints } from '@opn/event-store';
import { ConsumerLagProbe, KafkaRelay } from '@opn/messaging';
import { LocalProjectionRunner } from '@opn/projections';
import { KitConfig, kafkaConfig } from '../config/kit-config';
import type { ServiceDefinition } from '../service-definition';
import { KEY_STORE, RAW_EVENT_STORE, SERVICE_CONFIG, SERVICE_DEFINITION } from '../tokens';
import { IntegrationEventsHost } from '../integration/integration-events.host';
import { ServiceMetrics } from '../observability/metrics';
import { MongoHandle } from './mongo';

/**
 * Start order once the app is up: read models first (commands wait for them), then the relay.
 * Stop order, the reverse: the relay and projections finish the batch in flight and save their
 * checkpoints, then MongoDB closes, then the event store and the key store.
 */
@Injectable()
export class ServiceLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('lifecycle');
  /** Reads consumer lag at scrape time on one admin connection (opened on the first scrape, with a timeout). */
  private lagProbe?: ConsumerLagProbe;

  constructor(
    @Inject(RAW_EVENT_STORE) private readonly store: EventStoreWithCheckpoints,
    private readonly mongo: MongoHandle,
    private readonly projections: LocalProjectionRunner,
    private readonly metrics: ServiceMetrics,
    @Inject(SERVICE_DEFINITION) private readonly definition: ServiceDefinition,
    @Inject(SERVICE_CONFIG) private readonly config: KitConfig,
    private readonly inbound: IntegrationEventsHost,
    @Optional() private readonly relay?: KafkaRelay,
    @Optional() @Inject(KEY_STORE) private readonly keys?: KeyStore,
  ) {}

  async onApplicationBootstrap() {
    this.metrics.watchProjections(this.projections, this.store);
    if (this.relay) this.metrics.watchRelay(`${this.definition.name}.relay`, this.relay);
    // Inbound consumers (started by the IntegrationEventsHost): counters, dead letters and lag.
    for (const kind of ['handlers', 'readModels'] as const) {
      this.metrics.watchConsumer(`${this.definition.name}.${kind === 'handlers' ? 'handlers' : 'read-models'}`, { status: () => this.inbound.status()[kind] });
    }
    this.metrics.watchConsumerLag(async () => {
      // The groups exist once the host has discovered its handlers (its own bootstrap hook).
      if (!this.lagProbe) {
        const { handlers, readModels } = this.inbound.status();
        const groups = [handlers, readModels].flatMap((c) => (c ? [{ groupId: c.groupId, topics: c.topics }] : []));
        if (groups.length === 0) return [];
        this.lagProbe = new ConsumerLagProbe(kafkaConfig(this.config, `${this.definition.name}-metrics`), groups);
      }
      return this.lagProbe.lag();
    });
    await this.projections.start();
    await this.relay?.start();
  }

  async onApplicationShutdown(signal?: string) {
    if (signal) this.logger.log(`stopping on ${signal}`);
    await this.lagProbe?.close();
    await this.relay?.stop();
    await this.projections.stop();
    await this.mongo.close();
    await this.store.close();
    await this.keys?.close();
  }
}
