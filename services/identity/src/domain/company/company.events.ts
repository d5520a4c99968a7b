import { DomainEvent, SizeBand } from '@opn/kernel';
import { Address, Coordinates } from '../shared/address';
import { CompanyRole } from '../shared/roles';

/** The public profile of a company, normalised. */
export interface CompanyProfile {
  legalName: string;
  /** 9 digits, no spaces. */
  siren: string;
  /** 14 digits, no spaces; starts with the SIREN. */
  siret?: string;
  /** NAF rev. 2, "62.01Z". */
  nafCode: string;
  sizeBand: SizeBand;
  address: Address;
  coordinates?: Coordinates;
  description: string;
  capabilities: string[];
  offers: string[];
}

/** Profile fields an admin may edit (the SIREN is the company's identity and is not editable). */
export type EditableProfileField =
  | 'legalName'
  | 'siret'
  | 'nafCode'
  | 'sizeBand'
  | 'address'
  | 'coordinates'
  | 'description'
  | 'capabilities'
  | 'offers';

export const EDITABLE_PROFILE_FIELDS: readonly EditableProfileField[] = [
  'legalName',
  'siret',
  'nafCode',
  'sizeBand',
  'address',
  'coordinates',
  'description',
  'capabilities',
  'offers',
];

/**
 * A set of profile changes. `siret` and `coordinates` are optional on a company: `null`
 * removes them.
 */
export interface CompanyProfileChanges {
  legalName?: string;
  siret?: string | null;
  nafCode?: string;
  sizeBand?: SizeBand;
  address?: Address;
  coordinates?: Coordinates | null;
  description?: string;
  capabilities?: string[];
  offers?: string[];
}

export type CompanyRegistered = DomainEvent<
  'CompanyRegistered',
  CompanyProfile & { companyId: string; registeredBy: string; registeredAt: string }
>;

export type MemberJoined = DomainEvent<
  'MemberJoined',
  {
    companyId: string;
    personId: string;
    role: CompanyRole;
    via: 'registration' | 'invitation';
    /** Set when via is 'invitation'. */
    invitationId?: string;
    joinedAt: string;
  }
>;

export type CompanyProfileUpdated = DomainEvent<
  'CompanyProfileUpdated',
  { companyId: string; changes: CompanyProfileChanges; updatedBy: string; updatedAt: string }
>;

export type PersonInvited = DomainEvent<
  'PersonInvited',
  {
    companyId: string;
    invitationId: string;
    /** Normalised (trimmed, lowercase). */
    email: string;
    role: CompanyRole;
    /** Hash of the secret token sent by email; the token itself is never stored. */
    tokenHash: string;
    expiresAt: string;
    invitedBy: string;
    invitedAt: string;
  }
>;

export type InvitationRevoked = DomainEvent<
  'InvitationRevoked',
  { companyId: string; invitationId: string; revokedBy: string; revokedAt: string }
>;

export type InvitationAccepted = DomainEvent<
  'InvitationAccepted',
  { companyId: string; invitationId: string; personId: string; acceptedAt: string }
>;

export type MemberRoleChanged = DomainEvent<
  'MemberRoleChanged',
  { companyId: string; personId: string; from: CompanyRole; to: CompanyRole; changedBy: string; changedAt: string }
>;

export type MemberRemoved = DomainEvent<
  'MemberRemoved',
  {
    companyId: string;
    personId: string;
    role: CompanyRole;
    /** 'left' when the member removed themself. */
    reason: 'left' | 'removed';
    removedBy: string;
    removedAt: string;
  }
>;

export type CompanyEvent =
  | CompanyRegistered
  | MemberJoined
  | CompanyProfileUpdated
  | PersonInvited
  | InvitationRevoked
  | InvitationAccepted
  | MemberRoleChanged
  | MemberRemoved;

export type CompanyEventType = CompanyEvent['type'];
