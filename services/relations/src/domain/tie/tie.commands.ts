import { TieKind, TieVisibility } from './tie.events';

/**
 * Raw input: the decider validates every field. `by` is the acting person, resolved by the
 * application layer from the session; `now` is the instant the command was received.
 */
export type DeclareTie = {
  type: 'DeclareTie';
  data: {
    /** `tieIdOf(by, otherPersonId)`. */
    tieId: string;
    by: string;
    otherPersonId: string;
    kinds: TieKind[];
    strength: number;
    lastContactOn?: string;
    visibility: TieVisibility;
    note?: string;
    now: string;
  };
};

/** The other person accepts the tie, with their own visibility. */
export type ConfirmTie = { type: 'ConfirmTie'; data: { by: string; visibility: TieVisibility; now: string } };

export type DeclineTie = { type: 'DeclineTie'; data: { by: string; now: string } };

export type UpdateTie = {
  type: 'UpdateTie';
  data: { by: string; kinds?: TieKind[]; strength?: number; now: string };
};

export type RecordContact = {
  type: 'RecordContact';
  data: {
    by: string;
    /** The date of the contact. */
    on: string;
    /** The service's DORMANT_AFTER_DAYS: whether the contact revives a dormant tie. */
    dormantAfterDays: number;
    now: string;
  };
};

export type ChangeTieVisibility = {
  type: 'ChangeTieVisibility';
  data: { by: string; visibility: TieVisibility; now: string };
};

/** Either person ends a confirmed tie; on a proposed tie it is a withdrawal. */
export type EndTie = { type: 'EndTie'; data: { by: string; now: string } };

/** Issued by the platform when one of the two people was erased. */
export type EraseTie = { type: 'EraseTie'; data: { erasedPersonId: string; now: string } };

export type TieCommand =
  | DeclareTie
  | ConfirmTie
  | DeclineTie
  | UpdateTie
  | RecordContact
  | ChangeTieVisibility
  | EndTie
  | EraseTie;
