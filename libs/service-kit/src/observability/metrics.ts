import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Label of every request that matched no route: raw paths never become labels. */
export const UNMATCHED_ROUTE = 'unmatched';

export type AppendResult = 'ok' | 'conflict' | 'error';

/** What the gauges read at scrape time (structural, so any relay, runner or consumer fits). */
export interface RelayProbe {
  status(): Promise<{ head: number; position: number; published: number }>;
}
export interface ProjectionsProbe {
  status(): Array<{ name: string; position: number }>;
}
export interface HeadProbe {
  headPosition(): Promise<number>;
}
export interface ConsumerProbe {
  /** Undefined while the consumer does not exist (a service without inbound handlers): no series. */
  status(): { handled: number; retries: number; deadLettered: number } | null | undefined;
}
export interface ConsumerLag {
  group: string;
  topic: string;
  partition: number;
  lag: number;
}
export type ConsumerLagSource = () => Promise<ConsumerLag[]>;

export interface ServiceMetricsOptions {
  /** A `service` label on every series. */
  service: string;
  /** Node's default process metrics on the same registry (default true). */
  defaultMetrics?: boolean;
}

/**
 * One Prometheus registry per app (never prom-client's global one, so several apps in one process
 * do not collide). Counters and the histogram are updated as things happen; every gauge is
 * computed in its collect callback when /metrics is scraped, so nothing polls in the background.
 */
export class ServiceMetrics {
  readonly registry = new Registry();
  private readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  private readonly appends: Counter<'result'>;
  private readonly appendedEvents: Counter;
  private readonly stores: HeadProbe[] = [];
  private readonly relays = new Map<string, RelayProbe>();
  private readonly projections: Array<{ runner: ProjectionsProbe; store: HeadProbe }> = [];
  private readonly consumers = new Map<string, ConsumerProbe>();
  private readonly lagSources: ConsumerLagSource[] = [];

  constructor(options: ServiceMetricsOptions) {
    this.registry.setDefaultLabels({ service: options.service });
    const registers = [this.registry];
    this.httpDuration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP requests by method, route template (or "unmatched") and status, in seconds',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.appends = new Counter({
      name: 'eventstore_appends_total',
      help: 'Appends to the event store by result: ok, conflict (expected revision mismatch) or error',
      labelNames: ['result'],
      registers,
    });
    this.appendedEvents = new Counter({ name: 'eventstore_appended_events_total', help: 'Events appended to the event store', registers });

    const stores = this.stores;
    new Gauge({
      name: 'eventstore_head_position',
      help: 'Position of the last event in the global log',
      registers,
      async collect() {
        this.reset();
        for (const store of stores) await attempt(async () => this.set(await store.headPosition()));
      },
    });
    const relays = this.relays;
    new Gauge({
      name: 'relay_lag_events',
      help: 'Events in the log after the relay checkpoint (head minus published position)',
      labelNames: ['relay'],
      registers,
      async collect() {
        this.reset();
        for (const [relay, probe] of relays) {
          await attempt(async () => {
            const s = await probe.status();
            this.set({ relay }, Math.max(0, s.head - s.position));
          });
        }
      },
    });
    new Counter({
      name: 'relay_published_events_total',
      help: 'Events the relay published and Kafka acknowledged since start',
      labelNames: ['relay'],
      registers,
      async collect() {
        this.reset();
        for (const [relay, probe] of relays) {
          await attempt(async () => this.inc({ relay }, (await probe.status()).published));
        }
      },
    });
    const projections = this.projections;
    new Gauge({
      name: 'projection_lag_events',
      help: 'Events in the log not yet applied to each read model (head minus projection position)',
      labelNames: ['projection'],
      registers,
      async collect() {
        this.reset();
        for (const { runner, store } of projections) {
          await attempt(async () => {
            const head = await store.headPosition();
            for (const p of runner.status()) this.set({ projection: p.name }, Math.max(0, head - p.position));
          });
        }
      },
    });
    const lagSources = this.lagSources;
    new Gauge({
      name: 'consumer_lag_messages',
      help: 'Messages on each partition after the consumer group committed offset',
      labelNames: ['group', 'topic', 'partition'],
      registers,
      async collect() {
        this.reset();
        for (const source of lagSources) {
          await attempt(async () => {
            for (const l of await source()) this.set({ group: l.group, topic: l.topic, partition: String(l.partition) }, l.lag);
          });
        }
      },
    });
    const consumers = this.consumers;
    const consumerCounter = (name: string, help: string, read: (s: NonNullable<ReturnType<ConsumerProbe['status']>>) => number) =>
      new Counter({
        name,
        help,
        labelNames: ['group'],
        registers,
        collect() {
          this.reset();
          for (const [group, probe] of consumers) {
            const status = probe.status();
            if (status) this.inc({ group }, read(status));
          }
        },
      });
    consumerCounter('consumer_handled_events_total', 'Events each consumer group handled since start', (s) => s.handled);
    consumerCounter('consumer_retries_total', 'Handler retries of each consumer group since start', (s) => s.retries);
    consumerCounter('consumer_dead_letters_total', 'Messages each consumer group sent to its dead-letter topic since start', (s) => s.deadLettered);

    if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: this.registry });
  }

  observeHttp(method: string, route: string, status: number, seconds: number): void {
    this.httpDuration.observe({ method, route, status: String(status) }, seconds);
  }

  countAppend(result: AppendResult, events: number): void {
    this.appends.inc({ result });
    if (events > 0) this.appendedEvents.inc(events);
  }

  /** The store's head position as `eventstore_head_position`. */
  watchEventStore(store: HeadProbe): void {
    this.stores.push(store);
  }

  /** `relay_lag_events{relay}` and `relay_published_events_total{relay}` from `KafkaRelay.status()`. */
  watchRelay(name: string, relay: RelayProbe): void {
    this.relays.set(name, relay);
  }

  /** `projection_lag_events{projection}` from `LocalProjectionRunner.status()` and the store's head. */
  watchProjections(runner: ProjectionsProbe, store: HeadProbe): void {
    this.projections.push({ runner, store });
  }

  /** `consumer_lag_messages{group,topic,partition}` from what the Kafka consumer side reports. */
  watchConsumerLag(source: ConsumerLagSource): void {
    this.lagSources.push(source);
  }

  /** `consumer_{handled_events,retries,dead_letters}_total{group}` from `EventConsumer.status()`. */
  watchConsumer(group: string, consumer: ConsumerProbe): void {
    this.consumers.set(group, consumer);
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** The text exposition format, gauges computed now. */
  exposition(): Promise<string> {
    return this.registry.metrics();
  }
}

/** A probe that fails (store or Kafka unreachable) leaves its series out of this scrape rather than failing it. */
async function attempt(fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch {
    // The health endpoint reports why; a missing series is the metrics' way to say "unknown".
  }
}
