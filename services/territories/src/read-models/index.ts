import type { Type } from '@nestjs/common';
import { peopleDirectory } from '@opn/directory';
import type { DocumentProjection, IntegrationProjection, MemoryReadModel } from '@opn/projections';
import type { KafkaMirror } from '@opn/service-kit';
import { companyRelationsProjection } from './network/company-relations.projection';
import { employmentProjection } from './network/employment.projection';
import { firmsProjection } from './network/firms.projection';
import { NetworkIndex } from './network/network.index';
import { needsProjection } from './network/needs.projection';
import { tiesProjection } from './network/ties.projection';
import { MembershipIndex, membershipsProjection } from './roster/memberships.projection';
import { TerritoryIndex, territoriesProjection } from './territories/territories.projection';

export const peopleProjection = peopleDirectory('territories');

export { MembershipIndex, NetworkIndex, TerritoryIndex, membershipsProjection, territoriesProjection };

/** Read models fed by territories' own log (read-your-writes for its commands). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const TERRITORIES_PROJECTIONS: DocumentProjection<any>[] = [territoriesProjection, membershipsProjection];

/** The territories and rosters in memory, replayed from the log at start-up (ADR 0011). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const TERRITORIES_MEMORY_READ_MODELS: Type<MemoryReadModel<any>>[] = [TerritoryIndex, MembershipIndex];

/**
 * Other services' events over Kafka: identity's people (every authorisation decision) and the
 * network facts the coordinator's figures are built from, with their dates (ADR 0013).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const TERRITORIES_KAFKA_READ_MODELS: IntegrationProjection<any>[] = [
  peopleProjection,
  firmsProjection,
  employmentProjection,
  companyRelationsProjection,
  tiesProjection,
  needsProjection,
];

/** The network facts in memory, mirrored from their collections. */
export const TERRITORIES_KAFKA_MIRRORS: Type<KafkaMirror>[] = [NetworkIndex];
