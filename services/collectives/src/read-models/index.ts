import type { Type } from '@nestjs/common';
import { peopleDirectory } from '@opn/directory';
import type { DocumentProjection, IntegrationProjection, MemoryReadModel } from '@opn/projections';
import { activityProjection, alumniTiesProjection, reportsProjection } from './activity/activity.projection';
import { CollectiveIndex, collectivesProjection } from './collectives/collectives.projection';
import { firmsProjection, territoriesProjection, territoryMembershipsProjection } from './directory/network.projections';

export const peopleProjection = peopleDirectory('collectives');

export { CollectiveIndex, activityProjection, alumniTiesProjection, collectivesProjection, firmsProjection, reportsProjection, territoriesProjection, territoryMembershipsProjection };

/** Read models fed by collectives' own log (read-your-writes for its commands). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const COLLECTIVES_PROJECTIONS: DocumentProjection<any>[] = [collectivesProjection, activityProjection, reportsProjection, alumniTiesProjection];

/** The collectives in memory, replayed from the log at start-up (ADR 0011): discovery and every access decision. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const COLLECTIVES_MEMORY_READ_MODELS: Type<MemoryReadModel<any>>[] = [CollectiveIndex];

/** Other services' events over Kafka: identity's people and firms, territories' territories and rosters (who is in a perimeter). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const COLLECTIVES_KAFKA_READ_MODELS: IntegrationProjection<any>[] = [peopleProjection, firmsProjection, territoriesProjection, territoryMembershipsProjection];
