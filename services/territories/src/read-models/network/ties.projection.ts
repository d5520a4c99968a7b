import { visibleTies } from '@opn/directory';

export type { TieDocument } from '@opn/directory';

/**
 * Relations' visible personal ties, with the date each was first published: only ever used in
 * aggregates of at least k people (TERRITORIES_MIN_PEOPLE), and deleted with everything derived
 * from them when withdrawn.
 */
export const tiesProjection = visibleTies('territories');
