import { Inject, Logger, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthGuard, TokenSigner, TokenVerifier, loadOrCreateKeys } from '@opn/auth';
import { createEventStore, EventStoreWithCheckpoints } from '@opn/event-store';
import { KafkaRelay } from '@opn/messaging';
import { LocalProjectionRunner } from '@opn/projections';
import { Logger as ServiceLogger, ObservabilityModule, SERVICE_LOGGER, ServiceMetrics, instrumentEventStore } from '@opn/service-kit';
import { join } from 'node:path';
import type { Connection } from 'mongoose';
import { IdentityConfig, identityConfig } from './config';
import { AuthController } from './features/auth/auth.controller';
import { AuthService } from './features/auth/auth.service';
import { SessionTokens } from './features/auth/session-tokens';
import { CompaniesController } from './features/companies/companies.controller';
import { CompaniesService } from './features/companies/companies.service';
import { HealthController } from './features/health/health.controller';
import { InvitationsController } from './features/invitations/invitations.controller';
import { MeController } from './features/me/me.controller';
import { MembersController } from './features/members/members.controller';
import { PeopleController } from './features/platform-roles/people.controller';
import { CommandRunner } from './infrastructure/command-runner';
import { connectMongoInBackground } from './infrastructure/mongo';
import { PasswordHasher } from './infrastructure/passwords';
import { CLOCK, CONFIG, EVENT_STORE, MONGO } from './infrastructure/tokens';
import { IDENTITY_RELAY_TOPICS, identityOutboundMapper } from './integration/outbound.mapper';
import { IDENTITY_PROJECTIONS } from './read-models';
import { CompanyDirectoryQuery } from './read-models/company-directory/company-directory.query';
import { CompanyInvitationsQuery } from './read-models/company-invitations/company-invitations.query';
import { CompanyMembersQuery } from './read-models/company-members/company-members.query';
import { PeopleQuery } from './read-models/people/people.query';

const logger = new Logger('identity');
const MONGO_HANDLE = Symbol('MongoHandle');

/** Starts the relay and the projections once the app is up; stops everything in order on shutdown. */
class IdentityLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStoreWithCheckpoints,
    @Inject(MONGO_HANDLE) private readonly mongo: { connection: Connection; stop: () => void },
    private readonly relay: KafkaRelay,
    private readonly projections: LocalProjectionRunner,
    private readonly metrics: ServiceMetrics,
  ) {}

  async onApplicationBootstrap() {
    this.metrics.watchProjections(this.projections, this.store);
    this.metrics.watchRelay('identity.relay', this.relay);
    await this.projections.start();
    await this.relay.start();
  }

  async onApplicationShutdown() {
    await this.relay.stop();
    await this.projections.stop();
    this.mongo.stop();
    await this.mongo.connection.close().catch(() => undefined);
    await this.store.close();
  }
}

@Module({
  imports: [ObservabilityModule.forRoot({ service: 'identity' })],
  controllers: [AuthController, CompaniesController, MembersController, InvitationsController, MeController, PeopleController, HealthController],
  providers: [
    { provide: CONFIG, useFactory: () => identityConfig() },
    { provide: CLOCK, useValue: () => new Date() },
    {
      provide: EVENT_STORE,
      inject: [CONFIG, ServiceMetrics, SERVICE_LOGGER],
      useFactory: (config: IdentityConfig, metrics: ServiceMetrics, log: ServiceLogger) =>
        instrumentEventStore(createEventStore({ eventStoreUrl: config.eventStoreUrl, dataDir: config.dataDir, service: 'identity' }), { metrics, logger: log }),
    },
    {
      provide: MONGO_HANDLE,
      inject: [CONFIG],
      useFactory: (config: IdentityConfig) => connectMongoInBackground(config.mongoUrl, config.mongoDb, (e) => logger.warn(`MongoDB unavailable: ${String(e)}`)),
    },
    { provide: MONGO, inject: [MONGO_HANDLE], useFactory: (h: { connection: Connection }) => h.connection },
    {
      provide: 'KEYS',
      inject: [CONFIG],
      useFactory: (config: IdentityConfig) => loadOrCreateKeys(join(config.dataDir, 'jwt-keys.json')),
    },
    { provide: TokenSigner, inject: ['KEYS', CONFIG], useFactory: (keys, config: IdentityConfig) => new TokenSigner(keys, config.accessTokenTtlSeconds) },
    { provide: TokenVerifier, inject: ['KEYS'], useFactory: (keys) => new TokenVerifier(keys.publicKey) },
    { provide: APP_GUARD, useClass: AuthGuard },
    {
      provide: LocalProjectionRunner,
      inject: [EVENT_STORE, MONGO],
      useFactory: (store: EventStoreWithCheckpoints, connection: Connection) =>
        new LocalProjectionRunner({ store, connection, projections: IDENTITY_PROJECTIONS, onError: (name, e) => logger.warn(`projection ${name}: ${String(e)}`) }),
    },
    {
      provide: KafkaRelay,
      inject: [EVENT_STORE, CONFIG, SERVICE_LOGGER],
      useFactory: (store: EventStoreWithCheckpoints, config: IdentityConfig, log: ServiceLogger) =>
        new KafkaRelay({
          name: 'identity.relay',
          store,
          checkpoints: store,
          kafka: { clientId: 'identity-relay', brokers: config.kafkaBrokers, replicationFactor: Number(process.env.KAFKA_REPLICATION_FACTOR ?? 1), partitions: Number(process.env.KAFKA_PARTITIONS ?? 3) },
          topics: IDENTITY_RELAY_TOPICS,
          map: identityOutboundMapper,
          onError: (e) => logger.warn(`relay: ${String(e)}`),
          logger: log,
        }),
    },
    IdentityLifecycle,
    CommandRunner,
    PasswordHasher,
    SessionTokens,
    AuthService,
    CompaniesService,
    CompanyDirectoryQuery,
    CompanyMembersQuery,
    CompanyInvitationsQuery,
    PeopleQuery,
  ],
})
export class IdentityModule {}
