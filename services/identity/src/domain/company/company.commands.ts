import { Actor, SizeBand } from '@opn/kernel';
import { Address, Coordinates } from '../shared/address';
import { CompanyRole } from '../shared/roles';
import { CompanyProfileChanges } from './company.events';

/** Raw input: the decider validates and normalises every field. */
export type RegisterCompany = {
  type: 'RegisterCompany';
  data: {
    companyId: string;
    actor: Actor;
    legalName: string;
    siren: string;
    siret?: string;
    nafCode: string;
    sizeBand: SizeBand;
    address: Address;
    coordinates?: Coordinates;
    description?: string;
    capabilities?: string[];
    offers?: string[];
    now: string;
  };
};

export type UpdateCompanyProfile = {
  type: 'UpdateCompanyProfile';
  data: { actor: Actor; changes: CompanyProfileChanges; now: string };
};

export type InvitePerson = {
  type: 'InvitePerson';
  data: {
    actor: Actor;
    invitationId: string;
    email: string;
    role: CompanyRole;
    /** Hash of the token mailed to the invitee (computed by the application layer). */
    tokenHash: string;
    expiresAt: string;
    now: string;
  };
};

export type RevokeInvitation = {
  type: 'RevokeInvitation';
  data: { actor: Actor; invitationId: string; now: string };
};

/** No actor role needed: knowing the token (its hash) is the proof. */
export type AcceptInvitation = {
  type: 'AcceptInvitation';
  data: { invitationId: string; tokenHash: string; personId: string; email: string; now: string };
};

export type ChangeMemberRole = {
  type: 'ChangeMemberRole';
  data: { actor: Actor; personId: string; role: CompanyRole; now: string };
};

/** A member may remove themself (leave); removing someone else takes an admin. */
export type RemoveMember = {
  type: 'RemoveMember';
  data: { actor: Actor; personId: string; now: string };
};

export type CompanyCommand =
  | RegisterCompany
  | UpdateCompanyProfile
  | InvitePerson
  | RevokeInvitation
  | AcceptInvitation
  | ChangeMemberRole
  | RemoveMember;
