import type { Type } from '@nestjs/common';
import type { DocumentProjection, IntegrationProjection, MemoryReadModel } from '@opn/projections';
import { companiesProjection } from './directory/companies.projection';
import { peopleProjection } from './directory/people.projection';
import { reportsProjection } from './moderation/reports.projection';
import { NeedIndex, needsProjection } from './needs/needs.projection';
import { RelationIndex, relationsProjection } from './relations/relations.projection';
import { TieIndex, tiesProjection } from './ties/ties.projection';

export { companiesProjection, peopleProjection, relationsProjection, RelationIndex, needsProjection, NeedIndex, reportsProjection, tiesProjection, TieIndex };

/** Read models fed by relations' own log (read-your-writes for its commands). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const RELATIONS_PROJECTIONS: DocumentProjection<any>[] = [relationsProjection, tiesProjection, needsProjection, reportsProjection];

/** Lists with exact totals, kept in memory and replayed from the log at start-up (ADR 0011). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const RELATIONS_MEMORY_READ_MODELS: Type<MemoryReadModel<any>>[] = [RelationIndex, TieIndex, NeedIndex];

/** Identity's people and companies over Kafka: the source of every authorisation decision here. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const RELATIONS_KAFKA_READ_MODELS: IntegrationProjection<any>[] = [peopleProjection, companiesProjection];
