import { integrationProjection, on } from '@opn/projections';
import { TieKind, TieVisibleV1, TieWithdrawnV1 } from '@opn/relations-contracts';

/**
 * A confirmed personal tie that both people allow beyond their companies (relations publishes
 * nothing else), kept only while they do: a withdrawal (narrowed, ended, erased) deletes it, and
 * with it everything a service derived from it (consent outranks history). Each service honours
 * `visibility`: `territory` ties only in k-anonymous aggregates, `members` ties may be shown.
 */
export interface TieDocument {
  people: [string, string];
  kinds: TieKind[];
  strength: number;
  visibility: 'territory' | 'members';
  /** When it was first published (the network on an earlier date does not have it). */
  since: string;
}

/** The visible ties read model of `service` (named `<service>.ties`, collection `ties`). */
export const visibleTies = (service: string) =>
  integrationProjection<TieDocument>({
    name: `${service}.ties`,
    collection: 'ties',
    documentId: (event) => (event.data as { tieId: string }).tieId,
    handlers: [
      on(TieVisibleV1, (doc, d) => ({ people: d.people, kinds: d.kinds, strength: d.strength, visibility: d.visibility, since: doc?.since ?? d.changedAt })),
      on(TieWithdrawnV1, (): TieDocument | null => null),
    ],
  });
