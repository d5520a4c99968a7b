import type { KafkaConfig } from '@opn/messaging';
import { join } from 'node:path';
import { ConfigOf, ConfigSpec, env } from './config';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Kafka settings, read from the environment in this one place for every service, tool and test worker. */
export const kafkaSpec = () => ({
  kafkaBrokers: env.hostPorts('KAFKA_BROKERS', { default: ['127.0.0.1:9092'], description: 'Kafka bootstrap servers, host:port, comma-separated' }),
  kafkaReplicationFactor: env.int('KAFKA_REPLICATION_FACTOR', { default: 1, min: 1, max: 10, description: 'replication factor of the topics a service creates (3 on a cluster)' }),
  kafkaPartitions: env.int('KAFKA_PARTITIONS', { default: 3, min: 1, max: 1000, description: 'partitions of the topics a service creates' }),
  kafkaSessionTimeoutMs: env.int('KAFKA_SESSION_TIMEOUT_MS', {
    default: 30000,
    min: 6000,
    max: 300000,
    description: "time after which a dead consumer's partitions move to another member (broker minimum 6000)",
  }),
});

export type KafkaSettings = ConfigOf<ReturnType<typeof kafkaSpec>>;

export const kafkaConfig = (settings: KafkaSettings, clientId: string): KafkaConfig => ({
  clientId,
  brokers: settings.kafkaBrokers,
  replicationFactor: settings.kafkaReplicationFactor,
  partitions: settings.kafkaPartitions,
});

/**
 * What every service reads, named after the service where two services on one machine must
 * differ (`<NAME>_PORT`, `<NAME>_DATA_DIR`, `<NAME>_MONGODB_DB`).
 */
export const kitSpec = (service: string, defaultPort: number) => {
  const NAME = service.toUpperCase().replace(/[^A-Z0-9]/g, '_');
  return {
    port: env.port(`${NAME}_PORT`, { default: defaultPort, description: `HTTP port of ${service}` }),
    host: env.string('HOST', { default: '127.0.0.1', description: 'interface the HTTP servers listen on' }),
    dataDir: env.string(`${NAME}_DATA_DIR`, { default: join(process.cwd(), '.data', service), shownDefault: `.data/${service}`, description: `${service}'s embedded event store, key store and signing keys` }),
    eventStoreUrl: env.optionalUrl('EVENTSTORE_URL', {
      protocols: ['esdb://', 'esdb+discover://', 'kurrentdb://', 'kurrentdb+discover://', 'kurrent://', 'kurrent+discover://'],
      description: 'EventStoreDB/KurrentDB connection string; unset: embedded SQLite in the data dir',
    }),
    mongoUrl: env.url('MONGODB_URL', { default: 'mongodb://127.0.0.1:27017/', protocols: ['mongodb://', 'mongodb+srv://'], description: 'any MongoDB-wire server' }),
    mongoDb: env.string(`${NAME}_MONGODB_DB`, { default: service, pattern: /^[A-Za-z0-9_-]{1,63}$/, patternText: 'a database name (letters, digits, _ and -)', description: `${service}'s read-model database` }),
    ...kafkaSpec(),
    readYourWritesMs: env.int('READ_YOUR_WRITES_MS', { default: 2000, max: 60000, description: "longest a command waits for the service's own read models before answering" }),
    logLevel: env.oneOf('LOG_LEVEL', LOG_LEVELS, { default: 'info', description: 'pino log level' }),
  } satisfies ConfigSpec;
};

export type KitConfig = ConfigOf<ReturnType<typeof kitSpec>>;
