import type { IntroductionRole } from './introduction.commands';

export type IntroductionEvent =
  | {
      type: 'IntroductionRequested';
      data: {
        introductionId: string;
        requesterId: string;
        brokers: string[];
        targetPersonId: string;
        targetCompanyId: string;
        needId?: string;
        /** Sealed under the requester's key (personal data). */
        note?: string;
        strength: number;
        at: string;
      };
    }
  /** A broker passed it on, or the target accepted it (the introduction is then made). */
  | { type: 'IntroductionAccepted'; data: { introductionId: string; personId: string; role: IntroductionRole; at: string } }
  /** With the target's acceptance: the introduction made, whole (what the service publishes). */
  | {
      type: 'IntroductionMade';
      data: { introductionId: string; requesterId: string; brokers: string[]; targetPersonId: string; targetCompanyId: string; needId?: string; at: string };
    }
  | { type: 'IntroductionDeclined'; data: { introductionId: string; personId: string; role: IntroductionRole; reason?: string; at: string } }
  | { type: 'IntroductionWithdrawn'; data: { introductionId: string; personId: string; at: string } }
  | { type: 'IntroductionCancelled'; data: { introductionId: string; reason: 'party_erased'; at: string } }
  /** Nobody answered it for the platform's expiry time since its last step. */
  | { type: 'IntroductionExpired'; data: { introductionId: string; at: string } };

export type IntroductionStatus = 'pending' | 'accepted' | 'declined' | 'withdrawn' | 'cancelled' | 'expired';
