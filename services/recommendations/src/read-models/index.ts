import type { Type } from '@nestjs/common';
import type { DocumentProjection, IntegrationProjection, MemoryReadModel } from '@opn/projections';
import type { KafkaMirror } from '@opn/service-kit';
import { IntroductionIndex, introductionsProjection } from './introductions/introductions.projection';
import { NETWORK_PROJECTIONS, NetworkIndex } from './network/network.index';
import { NetworkSnapshots } from './network/network.snapshots';
import { peopleProjection } from './people';

export { IntroductionIndex, NetworkIndex, NetworkSnapshots, introductionsProjection, peopleProjection };

/** Read models fed by recommendations' own log (read-your-writes for its commands). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const RECOMMENDATIONS_PROJECTIONS: DocumentProjection<any>[] = [introductionsProjection];

/** The introductions by party, in memory, replayed from the log at start-up (ADR 0011). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const RECOMMENDATIONS_MEMORY_READ_MODELS: Type<MemoryReadModel<any>>[] = [IntroductionIndex];

/**
 * Other services' events over Kafka: identity's people and companies, relations' relations, ties
 * and needs, collectives' alumni ties, territories' territories, coordinators and rosters.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const RECOMMENDATIONS_KAFKA_READ_MODELS: IntegrationProjection<any>[] = NETWORK_PROJECTIONS;

/** The whole network in memory, mirrored from those collections. */
export const RECOMMENDATIONS_KAFKA_MIRRORS: Type<KafkaMirror>[] = [NetworkIndex];
