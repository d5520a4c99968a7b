import { Actor, PlatformRole } from '@opn/kernel';

import { ConsentPurpose, Locale, PersonProfileChanges } from './person.events';

export type RegisterPerson = {
  type: 'RegisterPerson';
  data: {
    personId: string;
    email: string;
    /** Computed by the application layer (argon2); the password never reaches the domain. */
    passwordHash: string;
    displayName: string;
    /** Default 'fr'. */
    locale?: Locale;
    now: string;
  };
};

export type UpdatePersonProfile = {
  type: 'UpdatePersonProfile';
  data: { actor: Actor; personId: string; changes: PersonProfileChanges; now: string };
};

export type ChangePassword = {
  type: 'ChangePassword';
  data: { actor: Actor; newPasswordHash: string; now: string };
};

export type GiveConsent = {
  type: 'GiveConsent';
  data: { actor: Actor; purpose: ConsentPurpose; policyVersion: string; now: string };
};

export type WithdrawConsent = {
  type: 'WithdrawConsent';
  data: { actor: Actor; purpose: ConsentPurpose; now: string };
};

/** Sent to the stream of the person who receives the role; the actor must be a platform admin. */
export type GrantPlatformRole = {
  type: 'GrantPlatformRole';
  data: { actor: Actor; role: PlatformRole; now: string };
};

export type RevokePlatformRole = {
  type: 'RevokePlatformRole';
  data: { actor: Actor; role: PlatformRole; now: string };
};

/**
 * GDPR erasure (art. 17): by the person themself (the application layer re-checks their password)
 * or by a platform admin. The application layer then destroys the person's key.
 */
export type ErasePerson = {
  type: 'ErasePerson';
  data: { actor: Actor; now: string };
};

export type PersonCommand =
  | ErasePerson
  | RegisterPerson
  | UpdatePersonProfile
  | ChangePassword
  | GiveConsent
  | WithdrawConsent
  | GrantPlatformRole
  | RevokePlatformRole;
