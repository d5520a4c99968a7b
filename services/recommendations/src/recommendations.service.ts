import { ServiceConfig, defineService, env, tokenVerificationSpec } from '@opn/service-kit';
import { RECOMMENDATIONS_PERSONAL_DATA } from './domain';
import { RECOMMENDATIONS_RELAY_TOPICS, recommendationsOutboundMapper } from './integration/outbound.mapper';
import { RECOMMENDATIONS_KAFKA_MIRRORS, RECOMMENDATIONS_KAFKA_READ_MODELS, RECOMMENDATIONS_MEMORY_READ_MODELS, RECOMMENDATIONS_PROJECTIONS } from './read-models';

/** What is specific to recommendations; the kit gives it everything else (see docs/how-to-add-a-service.md). */
export const recommendationsService = defineService({
  name: 'recommendations',
  title: 'Recommendations service',
  description:
    'Partners for a need, companies and people to meet (accurate or bridging), warm introductions through consenting people with double opt-in, and the weaving queue of territory coordinators',
  defaultPort: 3005,
  config: {
    ...tokenVerificationSpec(),
    relearnSeconds: env.int('RECOMMENDATIONS_RELEARN_SECONDS', {
      default: 600,
      min: 0,
      max: 86_400,
      description:
        'the link models are learned again from the network at most this often (a learning takes seconds on a large network); in between, a changed network keeps the learned settings with its communities recomputed. 0: learn at every change',
    }),
    introductionExpiryDays: env.int('RECOMMENDATIONS_INTRODUCTION_EXPIRY_DAYS', {
      default: 30,
      min: 1,
      max: 365,
      description: 'a pending introduction nobody answered for this many days since it was asked or last passed on expires',
    }),
    expiryIntervalSeconds: env.int('RECOMMENDATIONS_EXPIRY_INTERVAL_SECONDS', { default: 600, min: 1, max: 86_400, description: 'how often the platform expires the introductions nobody answered' }),
  },
  projections: RECOMMENDATIONS_PROJECTIONS,
  memoryReadModels: RECOMMENDATIONS_MEMORY_READ_MODELS,
  kafkaReadModels: RECOMMENDATIONS_KAFKA_READ_MODELS,
  kafkaMirrors: RECOMMENDATIONS_KAFKA_MIRRORS,
  outbound: { topics: RECOMMENDATIONS_RELAY_TOPICS, map: recommendationsOutboundMapper },
  personalData: RECOMMENDATIONS_PERSONAL_DATA,
});

export type RecommendationsConfig = ServiceConfig<typeof recommendationsService>;
