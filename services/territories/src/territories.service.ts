import { ServiceConfig, defineService, env, tokenVerificationSpec } from '@opn/service-kit';
import { TERRITORIES_PERSONAL_DATA } from './domain';
import { TERRITORIES_RELAY_TOPICS, territoriesOutboundMapper } from './integration/outbound.mapper';
import { TERRITORIES_KAFKA_MIRRORS, TERRITORIES_KAFKA_READ_MODELS, TERRITORIES_MEMORY_READ_MODELS, TERRITORIES_PROJECTIONS } from './read-models';

/** What is specific to territories; the kit gives it everything else (see docs/how-to-add-a-service.md). */
export const territoriesService = defineService({
  name: 'territories',
  title: 'Territories service',
  description: "Territories, the onboarding of their member firms, and the coordinator's view of how open or closed the network is",
  defaultPort: 3003,
  config: {
    ...tokenVerificationSpec(),
    minPeople: env.int('TERRITORIES_MIN_PEOPLE', {
      default: 5,
      min: 2,
      max: 1000,
      description: 'k: a figure built from personal ties is shown only for groups of at least this many people; smaller cells are suppressed, never rounded',
    }),
    importMaxBytes: env.int('TERRITORIES_IMPORT_MAX_BYTES', { default: 5_000_000, min: 1000, max: 7_000_000, description: 'largest member list (CSV) an import accepts' }),
  },
  projections: TERRITORIES_PROJECTIONS,
  memoryReadModels: TERRITORIES_MEMORY_READ_MODELS,
  kafkaReadModels: TERRITORIES_KAFKA_READ_MODELS,
  kafkaMirrors: TERRITORIES_KAFKA_MIRRORS,
  // A member list of 20,000 rows is about 1.5 MB of CSV. The import checks TERRITORIES_IMPORT_MAX_BYTES (at most 7 MB) itself; 8 MB leaves room for the JSON escaping.
  largeBodies: [{ path: '/territories/:territoryId/imports', limit: '8mb' }],
  outbound: { topics: TERRITORIES_RELAY_TOPICS, map: territoriesOutboundMapper },
  personalData: TERRITORIES_PERSONAL_DATA,
});

export type TerritoriesConfig = ServiceConfig<typeof territoriesService>;
