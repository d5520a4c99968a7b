import { ServiceConfig, defineService, env, tokenVerificationSpec } from '@opn/service-kit';
import { COLLECTIVES_PERSONAL_DATA } from './domain';
import { COLLECTIVES_RELAY_TOPICS, collectivesOutboundMapper } from './integration/outbound.mapper';
import { COLLECTIVES_KAFKA_READ_MODELS, COLLECTIVES_MEMORY_READ_MODELS, COLLECTIVES_PROJECTIONS } from './read-models';

/** What is specific to collectives; the kit gives it everything else (see docs/how-to-add-a-service.md). */
export const collectivesService = defineService({
  name: 'collectives',
  title: 'Collectives service',
  description:
    'Collectives formed around an event, a purpose or a pretext: their lifecycle, leaders elected or rotating from contribution, their activity and moderation, and the alumni ties they leave',
  defaultPort: 3004,
  config: {
    ...tokenVerificationSpec(),
    stewardIntervalSeconds: env.int('COLLECTIVES_STEWARD_INTERVAL_SECONDS', {
      default: 60,
      min: 1,
      max: 3600,
      description:
        'how often the platform counts the votes of elections whose voting time has ended, calls an election when the leaders’ terms have ended, passes the lead of rotating collectives and archives dissolved ones',
    }),
    termElectionDays: env.int('COLLECTIVES_TERM_ELECTION_DAYS', { default: 7, min: 1, max: 31, description: 'voting time of the election the platform calls when the leaders’ terms have ended' }),
    archiveAfterDays: env.int('COLLECTIVES_ARCHIVE_AFTER_DAYS', { default: 30, min: 1, max: 3650, description: 'a dissolving collective is archived this many days after it dissolved (its leaders may archive it sooner)' }),
  },
  projections: COLLECTIVES_PROJECTIONS,
  memoryReadModels: COLLECTIVES_MEMORY_READ_MODELS,
  kafkaReadModels: COLLECTIVES_KAFKA_READ_MODELS,
  outbound: { topics: COLLECTIVES_RELAY_TOPICS, map: collectivesOutboundMapper },
  personalData: COLLECTIVES_PERSONAL_DATA,
});

export type CollectivesConfig = ServiceConfig<typeof collectivesService>;
