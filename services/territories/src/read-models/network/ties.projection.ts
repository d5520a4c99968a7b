import { TieKind, TieVisibleV1, TieWithdrawnV1 } from '@opn/relations-contracts';
import { integrationProjection, on } from '@opn/projections';

/**
 * A confirmed personal tie that both people allow beyond their companies (relations publishes
 * nothing else), kept only while they do: a withdrawal (narrowed, ended, erased) deletes it and
 * with it everything derived, including past figures (consent outranks history). Only ever used
 * in aggregates of at least k people.
 */
export interface TieDocument {
  people: [string, string];
  kinds: TieKind[];
  strength: number;
  visibility: 'territory' | 'members';
  /** When it was first published (the network on an earlier date does not have it). */
  since: string;
}

export const tiesProjection = integrationProjection<TieDocument>({
  name: 'territories.ties',
  collection: 'ties',
  documentId: (event) => (event.data as { tieId: string }).tieId,
  handlers: [
    on(TieVisibleV1, (doc, d) => ({ people: d.people, kinds: d.kinds, strength: d.strength, visibility: d.visibility, since: doc?.since ?? d.changedAt })),
    on(TieWithdrawnV1, (): TieDocument | null => null),
  ],
});
