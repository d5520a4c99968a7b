import { DomainEvent } from '@opn/kernel';

/** What a tie between two people is made of; a pair's tie has one or more kinds. */
export const TIE_KINDS = [
  'family',
  'classmates',
  'home_region',
  'former_colleagues',
  'current_colleagues',
  'client',
  'supplier',
  'partner',
  'hobby',
  'association',
  'investment_club',
] as const;
export type TieKind = (typeof TIE_KINDS)[number];

/**
 * Who may see a tie, from the narrowest: the two people only; the companies of the two people
 * (aggregates only); the territory coordinators (aggregates only); every signed-in member.
 */
export const TIE_VISIBILITIES = ['private', 'company', 'territory', 'members'] as const;
export type TieVisibility = (typeof TIE_VISIBILITIES)[number];

export type TieStatus = 'proposed' | 'confirmed' | 'declined' | 'ended' | 'erased';

/**
 * The part of a tie that may leave the service once confirmed (never the note): carried by the
 * events after confirmation so the outbound mapper can publish or withdraw it without the state.
 */
export type TiePublicPart = {
  /** Sorted. */
  people: [string, string];
  /** In TIE_KINDS order. */
  kinds: TieKind[];
  strength: number;
  lastContactOn?: string;
};

export type TieDeclared = DomainEvent<
  'TieDeclared',
  {
    tieId: string;
    /** Sorted. */
    people: [string, string];
    /** The declarer. */
    by: string;
    otherPersonId: string;
    kinds: TieKind[];
    strength: number;
    lastContactOn?: string;
    /** The declarer's own visibility; the tie stays private until confirmed. */
    visibility: TieVisibility;
    /** Free text: personal data, sealed under the subject `tie-<tieId>` (ADR 0009). */
    note?: string;
    at: string;
  }
>;

export type TieConfirmed = DomainEvent<
  'TieConfirmed',
  { tieId: string; by: string; visibility: TieVisibility; effective: TieVisibility; tie: TiePublicPart; at: string }
>;

export type TieDeclined = DomainEvent<'TieDeclined', { tieId: string; by: string; at: string }>;

export type TieChanges = { kinds?: TieKind[]; strength?: number };

export type TieUpdated = DomainEvent<
  'TieUpdated',
  { tieId: string; changes: TieChanges; by: string; effective: TieVisibility; tie: TiePublicPart; at: string }
>;

export type TieContactRecorded = DomainEvent<
  'TieContactRecorded',
  {
    tieId: string;
    on: string;
    /** The tie was dormant at `at` and this contact woke it up. */
    revived: boolean;
    by: string;
    effective: TieVisibility;
    tie: TiePublicPart;
    at: string;
  }
>;

export type TieVisibilityChanged = DomainEvent<
  'TieVisibilityChanged',
  {
    tieId: string;
    by: string;
    /** The acting person's new visibility. */
    visibility: TieVisibility;
    /** The effective visibility before and after the change ('private' while proposed). */
    before: TieVisibility;
    effective: TieVisibility;
    tie: TiePublicPart;
    at: string;
  }
>;

export type TieEnded = DomainEvent<
  'TieEnded',
  {
    tieId: string;
    by: string;
    /** The effective visibility it had: what the outbound mapper must withdraw. */
    before: TieVisibility;
    at: string;
  }
>;

export type TieErased = DomainEvent<
  'TieErased',
  { tieId: string; erasedPersonId: string; before: TieVisibility; by: 'system'; at: string }
>;

export type TieEvent =
  | TieDeclared
  | TieConfirmed
  | TieDeclined
  | TieUpdated
  | TieContactRecorded
  | TieVisibilityChanged
  | TieEnded
  | TieErased;

export type TieEventType = TieEvent['type'];
