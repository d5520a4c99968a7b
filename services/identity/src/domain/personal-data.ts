import { definePersonalDataPolicy } from '@opn/kernel';
import type { IdentityEvent } from './index';

/** The data subject of an invitation's email until (and after) it is accepted. */
export const invitationSubject = (invitationId: string): string => `invitation-${invitationId}`;

/**
 * Identity's personal data (docs/adr/0009-crypto-shredding.md): these fields are stored sealed
 * under their subject's key and read as `ERASED` once the key is destroyed. The subject of a
 * person's fields is the person; an invitation's email belongs to the invitee, who has no person
 * id yet, so it gets a subject of its own, destroyed with the person who accepted it.
 * Everything else identity stores is either not personal (companies, roles, consents, instants)
 * or an opaque id.
 */
export const IDENTITY_PERSONAL_DATA = definePersonalDataPolicy<IdentityEvent>({
  PersonRegistered: { subject: (d) => d.personId, fields: ['email', 'displayName', 'passwordHash'] },
  PersonProfileUpdated: { subject: (d) => d.personId, fields: ['changes.displayName', 'changes.headline', 'changes.phone'] },
  PasswordChanged: { subject: (d) => d.personId, fields: ['passwordHash'] },
  EmailClaimed: { subject: (d) => d.personId, fields: ['email'] },
  SessionStarted: { subject: (d) => d.personId, fields: ['userAgent'] },
  PersonInvited: { subject: (d) => invitationSubject(d.invitationId), fields: ['email'] },
});
