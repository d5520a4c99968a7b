import { DomainEvent, PlatformRole } from '@opn/kernel';


export type Locale = 'fr' | 'en';
export const LOCALES: readonly Locale[] = ['fr', 'en'];

/** What a person may consent to, each independently given and withdrawn (GDPR art. 7). */
export type ConsentPurpose =
  | 'directory_listing'
  | 'personal_ties'
  | 'warm_introductions'
  | 'analytics'
  | 'marketing_emails';

export const CONSENT_PURPOSES: readonly ConsentPurpose[] = [
  'directory_listing',
  'personal_ties',
  'warm_introductions',
  'analytics',
  'marketing_emails',
];

/** Profile changes; `headline` and `phone` are optional: `null` removes them. */
export interface PersonProfileChanges {
  displayName?: string;
  headline?: string | null;
  phone?: string | null;
  locale?: Locale;
}

export type PersonRegistered = DomainEvent<
  'PersonRegistered',
  {
    personId: string;
    /** Normalised (trimmed, lowercase). */
    email: string;
    passwordHash: string;
    displayName: string;
    locale: Locale;
    registeredAt: string;
  }
>;

export type PersonProfileUpdated = DomainEvent<
  'PersonProfileUpdated',
  { personId: string; changes: PersonProfileChanges; updatedAt: string }
>;

export type PasswordChanged = DomainEvent<'PasswordChanged', { personId: string; passwordHash: string; changedAt: string }>;

export type ConsentGiven = DomainEvent<
  'ConsentGiven',
  { personId: string; purpose: ConsentPurpose; policyVersion: string; givenAt: string }
>;

export type ConsentWithdrawn = DomainEvent<
  'ConsentWithdrawn',
  { personId: string; purpose: ConsentPurpose; withdrawnAt: string }
>;

export type PlatformRoleGranted = DomainEvent<
  'PlatformRoleGranted',
  { personId: string; role: PlatformRole; grantedBy: string; grantedAt: string }
>;

export type PlatformRoleRevoked = DomainEvent<
  'PlatformRoleRevoked',
  { personId: string; role: PlatformRole; revokedBy: string; revokedAt: string }
>;

/**
 * The audit record of an erasure: who erased whom, when. Carries no personal data; the person's
 * key is destroyed right after, so their earlier personal fields read as erased everywhere.
 */
export type PersonErased = DomainEvent<
  'PersonErased',
  { personId: string; erasedBy: string; by: 'self' | 'platform_admin'; erasedAt: string }
>;

export type PersonEvent =
  | PersonErased
  | PersonRegistered
  | PersonProfileUpdated
  | PasswordChanged
  | ConsentGiven
  | ConsentWithdrawn
  | PlatformRoleGranted
  | PlatformRoleRevoked;

export type PersonEventType = PersonEvent['type'];
