import { definePersonalDataPolicy } from '@opn/kernel';
import type { NeedEvent } from './need/need.events';
import type { RelationEvent } from './relation/relation.events';
import type { TieEvent } from './tie/tie.events';

export * from './relation/relation.commands';
export * from './relation/relation.events';
export {
  LABEL_MAX as RELATION_LABEL_MAX,
  Relation,
  RelationState,
  RelationStatus,
  canonicalRelation,
  inverseKind,
  isRelationKind,
  kindFromSide,
  relationDecider,
  relationIdOf,
  relationKind,
  relationStreamId,
  relations,
} from './relation/relation.decider';
export * from './tie/tie.commands';
export * from './tie/tie.events';
export { NOTE_MAX as TIE_NOTE_MAX, Tie, TieState, isDormant, narrowest, publicPartOf, tieDecider, tieIdOf, tieStreamId, ties } from './tie/tie.decider';
export * from './tie/tie-visibility';
// Small-cell suppression now lives in @opn/network-metrics (shared with territories).
export type { AggregateCell, ShownCell, ShownTotal } from '@opn/network-metrics';
export { suppressSmallCells } from '@opn/network-metrics';
export * from './need/need.commands';
export * from './need/need.events';
export { Interest, NeedState, PublishedNeed, Report, budgetBand, departementCode, isEngaged, needDecider, needStreamId, needVisibility, needs } from './need/need.decider';

/** Every event relations stores. */
export type RelationsEvent = RelationEvent | TieEvent | NeedEvent;

/** The data subject of a tie's free-text note: destroyed when either of its two people is erased. */
export const tieSubject = (tieId: string): string => `tie-${tieId}`;

/**
 * Relations' personal data (ADR 0009): the free-text note of a tie declaration, sealed under the
 * tie's own subject. Person ids are opaque; kinds, strength and dates of a tie stay readable for
 * the aggregates, and the tie itself is erased (TieErased) when either person is.
 */
export const RELATIONS_PERSONAL_DATA = definePersonalDataPolicy<RelationsEvent>({
  TieDeclared: { subject: (d) => tieSubject(d.tieId), fields: ['note'] },
});
