/** Who answers an introduction at a step: a broker on the path, then the person of the target company. */
export type IntroductionRole = 'broker' | 'target';

export const NOTE_MAX = 1000;
export const REASON_MAX = 500;
/** Brokers on one path: a warm path has one or two people between the requester and the target. */
export const MAX_BROKERS = 2;

/**
 * The commands of an introduction. Time (`now`) and the acting person arrive on the command; the
 * application layer has checked the path exists (ties, consents, the target's company) before
 * `RequestIntroduction`.
 */
export type IntroductionCommand =
  | {
      type: 'RequestIntroduction';
      data: {
        introductionId: string;
        requesterId: string;
        /** The people who pass the introduction on, in order from the requester. */
        brokers: string[];
        targetPersonId: string;
        targetCompanyId: string;
        /** The need it is for, when the requester names one of their company's needs. */
        needId?: string;
        note?: string;
        /** The path's strength when it was asked (product of its ties' strengths, 0..1). */
        strength: number;
        now: string;
      };
    }
  | { type: 'AcceptIntroduction'; data: { personId: string; now: string } }
  | { type: 'DeclineIntroduction'; data: { personId: string; reason?: string; now: string } }
  | { type: 'WithdrawIntroduction'; data: { personId: string; now: string } }
  /** Identity erased a party: a pending introduction ends (what they wrote is shredded with their key). */
  | { type: 'EraseParty'; data: { personId: string; now: string } }
  /** The platform: a pending introduction nobody answered for `afterDays` since its last step expires. */
  | { type: 'ExpireIntroduction'; data: { afterDays: number; now: string } };
