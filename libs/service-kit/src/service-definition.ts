import type { PersonalDataPolicy } from '@opn/kernel';
import type { OutboundMapper } from '@opn/messaging';
import type { Type } from '@nestjs/common';
import type { DocumentProjection, IntegrationProjection, MemoryReadModel } from '@opn/projections';
import type { KafkaMirror } from './integration/kafka-mirror';
import { ConfigError, ConfigOf, ConfigSpec, loadConfig } from './config/config';
import { KitConfig, kitSpec } from './config/kit-config';

/**
 * Everything the kit needs to know about a service, in one declaration: the kit then gives it
 * its event store, MongoDB, relay, projections, health, errors, validation, OpenAPI, start/stop
 * order and rebuild CLI. What is left in the service is what is specific to it.
 */
export interface ServiceDefinition<Spec extends ConfigSpec = ConfigSpec> {
  /** Lowercase name: env prefix (`<NAME>_PORT`), data dir, database, checkpoint and group names. */
  name: string;
  title: string;
  description: string;
  defaultPort: number;
  /** The service's own environment variables (the kit's are added). */
  config: Spec;
  /** Read models fed by the service's own log (read-your-writes for its commands). */
  projections: DocumentProjection<any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any
  /**
   * Read models fed by OTHER services' integration events over Kafka (group `<name>.read-models`),
   * built with `integrationProjection` from the producers' contracts libs (ADR 0007). Handlers
   * that react to events are declared with `@OnIntegrationEvent` on any provider instead.
   */
  kafkaReadModels?: IntegrationProjection<any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any
  /**
   * Read models kept in memory (MemoryReadModel subclasses, registered as providers that queries
   * inject), fed by the service's own log like `projections` and replayed from it at start-up: for
   * free-text search, array membership and graph walks, which MongoDB-wire servers answer slowly.
   */
  memoryReadModels?: Type<MemoryReadModel<any>>[]; // eslint-disable-line @typescript-eslint/no-explicit-any
  /**
   * Memory indexes over Kafka-fed read models (KafkaMirror subclasses, registered as providers):
   * loaded from their MongoDB collections at start-up, then told every document the runner writes.
   */
  kafkaMirrors?: Type<KafkaMirror>[];
  /**
   * Routes (Express paths, `:param` allowed) that accept JSON bodies bigger than the default 64 kB,
   * with their limit: e.g. a member list import. Every other route keeps the default.
   */
  largeBodies?: Array<{ path: string; limit: string }>;
  /** Which stored events become public, on which topics (the relay publishes them from the log). */
  outbound?: { topics: readonly string[]; map: OutboundMapper };
  /**
   * Which fields of which stored events are personal data, and whose (crypto-shredding, ADR 0009):
   * they are sealed with the subject's key on append, so Kafka, read models and backups only hold
   * ciphertext, and destroying the key erases them everywhere.
   */
  personalData?: PersonalDataPolicy;
}

export type ServiceConfig<D extends ServiceDefinition> = KitConfig & (D extends ServiceDefinition<infer S> ? ConfigOf<S> : never);

export const defineService = <Spec extends ConfigSpec>(definition: ServiceDefinition<Spec>): ServiceDefinition<Spec> => definition;

/** The kit's variables and the service's, validated together: one ConfigError lists every problem. */
export function loadServiceConfig<D extends ServiceDefinition>(definition: D, env: NodeJS.ProcessEnv = process.env): ServiceConfig<D> {
  const problems: string[] = [];
  const read = <S extends ConfigSpec>(spec: S) => {
    try {
      return loadConfig(spec, env);
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      problems.push(...e.problems);
      return {};
    }
  };
  const kit = read(kitSpec(definition.name, definition.defaultPort));
  const own = read(definition.config);
  if (problems.length) throw new ConfigError(problems);
  return { ...kit, ...own } as ServiceConfig<D>;
}
