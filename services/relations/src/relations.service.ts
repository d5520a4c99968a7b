import { ServiceConfig, defineService, env, tokenVerificationSpec } from '@opn/service-kit';
import { RELATIONS_PERSONAL_DATA } from './domain';
import { RELATIONS_RELAY_TOPICS, relationsOutboundMapper } from './integration/outbound.mapper';
import { RELATIONS_KAFKA_READ_MODELS, RELATIONS_MEMORY_READ_MODELS, RELATIONS_PROJECTIONS } from './read-models';

/** What is specific to relations; the kit gives it everything else (see docs/how-to-add-a-service.md). */
export const relationsService = defineService({
  name: 'relations',
  title: 'Relations service',
  description: 'Company relations, consented personal ties and partnership needs of the open partner network',
  defaultPort: 3002,
  config: {
    ...tokenVerificationSpec(),
    dormantAfterDays: env.int('DORMANT_AFTER_DAYS', { default: 365, min: 1, max: 36500, description: 'a personal tie without contact for this many days is shown as dormant' }),
    reachMinPeople: env.int('REACH_MIN_PEOPLE', {
      default: 5,
      min: 2,
      max: 1000,
      description: 'k: a cell of an aggregate over personal ties (reach by kind, sector, territory) is suppressed when it counts fewer people',
    }),
    needExpiryIntervalSeconds: env.int('NEED_EXPIRY_INTERVAL_SECONDS', { default: 300, min: 1, max: 86400, description: 'how often open needs past their deadline are closed as expired' }),
  },
  projections: RELATIONS_PROJECTIONS,
  memoryReadModels: RELATIONS_MEMORY_READ_MODELS,
  kafkaReadModels: RELATIONS_KAFKA_READ_MODELS,
  outbound: { topics: RELATIONS_RELAY_TOPICS, map: relationsOutboundMapper },
  personalData: RELATIONS_PERSONAL_DATA,
});

export type RelationsConfig = ServiceConfig<typeof relationsService>;
