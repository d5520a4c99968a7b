import { DynamicModule, Logger, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { EventStoreWithCheckpoints, createEventStore, createKeyStore } from '@opn/event-store';
import { KeyStore, PersonalDataCipher, PersonalDataEventStore, systemClock } from '@opn/kernel';
import { KafkaRelay } from '@opn/messaging';
import { LocalProjectionRunner, MemoryReadModel } from '@opn/projections';
import { kafkaConfig } from './config/kit-config';
import { Commands } from './commands/commands';
import { RequestClockInterceptor } from './commands/request-clock.interceptor';
import { HealthController } from './health/health.controller';
import { MongoHandle } from './lifecycle/mongo';
import { ServiceLifecycle } from './lifecycle/service-lifecycle';
import { Logger as ServiceLogger } from './observability/logger';
import { instrumentEventStore } from './observability/instrumented-event-store';
import { ObservabilityModule, SERVICE_LOGGER } from './observability/observability.module';
import { ServiceMetrics } from './observability/metrics';
import { isStorageUnavailable } from './domain-exception.filter';
import { IntegrationModule } from './integration/integration.module';
import { KafkaMirror, KafkaMirrors } from './integration/kafka-mirror';
import { ServiceConfig, ServiceDefinition, loadServiceConfig } from './service-definition';
import { CLOCK, EVENT_STORE, KEY_STORE, MONGO, RAW_EVENT_STORE, SERVICE_CONFIG, SERVICE_DEFINITION } from './tokens';

/**
 * The kit as one global Nest module: a service's root module imports
 * `ServiceKitModule.forService(definition)` and its feature modules inject what they need
 * (Commands, EVENT_STORE, MONGO, SERVICE_CONFIG, CLOCK) without wiring any of it.
 */
@Module({})
export class ServiceKitModule {
  static forService<D extends ServiceDefinition>(definition: D): DynamicModule {
    const logger = new Logger(definition.name);
    const relay = definition.outbound
      ? [
          {
            provide: KafkaRelay,
            // The raw store: Kafka receives personal fields sealed, never in clear.
            inject: [RAW_EVENT_STORE, SERVICE_CONFIG, SERVICE_LOGGER],
            useFactory: (store: EventStoreWithCheckpoints, config: ServiceConfig<D>, log: ServiceLogger) =>
              new KafkaRelay({
                name: `${definition.name}.relay`,
                store,
                checkpoints: store,
                kafka: kafkaConfig(config, `${definition.name}-relay`),
                topics: [...definition.outbound!.topics],
                map: definition.outbound!.map,
                onError: (e) => logger.warn(`relay: ${String(e)}`),
                logger: log.child({ component: 'relay' }),
              }),
          },
        ]
      : [];
    const memory = definition.memoryReadModels ?? [];
    const mirrors = definition.kafkaMirrors ?? [];
    const policy = definition.personalData;
    const personalData = policy
      ? [
          { provide: KEY_STORE, inject: [SERVICE_CONFIG], useFactory: (config: ServiceConfig<D>) => createKeyStore({ dataDir: config.dataDir, service: definition.name }) },
          { provide: PersonalDataCipher, inject: [KEY_STORE], useFactory: (keys: KeyStore) => new PersonalDataCipher(policy, keys) },
          {
            provide: EVENT_STORE,
            inject: [RAW_EVENT_STORE, PersonalDataCipher],
            useFactory: (raw: EventStoreWithCheckpoints, cipher: PersonalDataCipher) => new PersonalDataEventStore(raw, cipher),
          },
        ]
      : [{ provide: EVENT_STORE, useExisting: RAW_EVENT_STORE }];
    return {
      module: ServiceKitModule,
      global: true,
      imports: [
        ObservabilityModule.forRoot({ service: definition.name }),
        // Inbound events: `@OnIntegrationEvent` handlers anywhere in the app, and the Kafka-fed read models.
        IntegrationModule.forRootAsync({
          inject: [SERVICE_CONFIG, MONGO, SERVICE_LOGGER, KafkaMirrors],
          useFactory: (config: ServiceConfig<D>, connection: MongoHandle['connection'], log: ServiceLogger, kafkaMirrors: KafkaMirrors) => ({
            service: definition.name,
            kafka: kafkaConfig(config, `${definition.name}-inbound`),
            connection,
            projections: definition.kafkaReadModels ?? [],
            unavailable: isStorageUnavailable,
            sessionTimeoutMs: config.kafkaSessionTimeoutMs,
            logger: log.child({ component: 'consumer' }),
            onChange: kafkaMirrors.all.length ? (projection: string, id: string, doc: object | null) => kafkaMirrors.notify(projection, id, doc) : undefined,
            // Kafka-fed read models start once MongoDB answers (their indexes are created first), after the mirrors load.
            beforeReadModels: (stopped: () => boolean) => kafkaMirrors.load(connection, stopped),
          }),
        }),
      ],
      controllers: [HealthController],
      providers: [
        { provide: SERVICE_DEFINITION, useValue: definition },
        { provide: SERVICE_CONFIG, useFactory: () => loadServiceConfig(definition) },
        { provide: CLOCK, useValue: systemClock },
        {
          provide: RAW_EVENT_STORE,
          inject: [SERVICE_CONFIG, ServiceMetrics, SERVICE_LOGGER],
          useFactory: (config: ServiceConfig<D>, metrics: ServiceMetrics, log: ServiceLogger) =>
            instrumentEventStore(createEventStore({ eventStoreUrl: config.eventStoreUrl, dataDir: config.dataDir, service: definition.name }), { metrics, logger: log }),
        },
        ...personalData,
        {
          provide: MongoHandle,
          inject: [SERVICE_CONFIG],
          useFactory: (config: ServiceConfig<D>) => new MongoHandle(config.mongoUrl, config.mongoDb, (e) => logger.warn(`MongoDB unavailable: ${String(e)}`)),
        },
        { provide: MONGO, inject: [MongoHandle], useFactory: (h: MongoHandle) => h.connection },
        {
          provide: LocalProjectionRunner,
          // The raw store: read models keep personal fields sealed and queries open them, so a
          // destroyed key erases them too, rebuilt or not (ADR 0009).
          inject: [RAW_EVENT_STORE, MONGO, ...memory],
          useFactory: (store: EventStoreWithCheckpoints, connection: MongoHandle['connection'], ...models: MemoryReadModel<object>[]) =>
            new LocalProjectionRunner({
              store,
              connection,
              projections: definition.projections,
              memory: models,
              onError: (name, e) => logger.warn(`projection ${name}: ${String(e)}`),
            }),
        },
        ...memory,
        ...mirrors,
        { provide: KafkaMirrors, inject: mirrors, useFactory: (...all: KafkaMirror[]) => new KafkaMirrors(all) },
        ...relay,
        Commands,
        ServiceLifecycle,
        { provide: APP_INTERCEPTOR, useClass: RequestClockInterceptor },
      ],
      exports: [
        SERVICE_DEFINITION,
        SERVICE_CONFIG,
        CLOCK,
        EVENT_STORE,
        RAW_EVENT_STORE,
        MONGO,
        LocalProjectionRunner,
        ...memory,
        ...mirrors,
        KafkaMirrors,
        Commands,
        ...(definition.outbound ? [KafkaRelay] : []),
        ...(policy ? [KEY_STORE, PersonalDataCipher] : []),
      ],
    };
  }
}
