import { Actor, Decider, ForbiddenError, IllegalStateError, NotFoundError, assertNever, email, hasExpired, instant, invalid, isBefore, isPlatformAdmin, nafCode, normaliseEmail, optionalText, requiredText, requiredToken, sameJson, siren, siret, siretMatchesSiren, sizeBand, streamName, tags, validateFields } from '@opn/kernel';
import { address, coordinates } from '../shared/address';
import { CompanyRole, companyRole } from '../shared/roles';
import {
  AcceptInvitation,
  ChangeMemberRole,
  CompanyCommand,
  InvitePerson,
  RegisterCompany,
  RemoveMember,
  RevokeInvitation,
  UpdateCompanyProfile,
} from './company.commands';
import {
  CompanyEvent,
  CompanyProfile,
  CompanyProfileChanges,
  EDITABLE_PROFILE_FIELDS,
} from './company.events';

export const LEGAL_NAME_MAX = 200;
export const DESCRIPTION_MAX = 5000;

export interface Invitation {
  email: string;
  role: CompanyRole;
  tokenHash: string;
  status: 'pending' | 'accepted' | 'revoked';
  expiresAt: string;
}

export interface RegisteredCompany extends CompanyProfile {
  status: 'registered';
  id: string;
  registeredAt: string;
  updatedAt: string;
  members: Record<string, CompanyRole>;
  invitations: Record<string, Invitation>;
}

export type CompanyState = { status: 'unregistered' } | RegisteredCompany;

/** `company-<id>` */
export const companyStreamId = (companyId: string): string => streamName('company', companyId);

export const initialState = (): CompanyState => ({ status: 'unregistered' });

// ---------------------------------------------------------------------------------------------
// evolve

export function evolve(state: CompanyState, event: CompanyEvent): CompanyState {
  if (event.type === 'CompanyRegistered') {
    const { companyId, registeredBy: _by, registeredAt, ...profile } = event.data;
    return { status: 'registered', id: companyId, ...profile, registeredAt, updatedAt: registeredAt, members: {}, invitations: {} };
  }
  if (state.status !== 'registered') return state;
  switch (event.type) {
    case 'MemberJoined':
      return { ...state, members: { ...state.members, [event.data.personId]: event.data.role } };
    case 'CompanyProfileUpdated':
      return { ...applyChanges(state, event.data.changes), updatedAt: event.data.updatedAt };
    case 'PersonInvited': {
      const { invitationId, email, role, tokenHash, expiresAt } = event.data;
      return {
        ...state,
        invitations: { ...state.invitations, [invitationId]: { email, role, tokenHash, status: 'pending', expiresAt } },
      };
    }
    case 'InvitationRevoked':
      return withInvitationStatus(state, event.data.invitationId, 'revoked');
    case 'InvitationAccepted':
      return withInvitationStatus(state, event.data.invitationId, 'accepted');
    case 'MemberRoleChanged':
      return { ...state, members: { ...state.members, [event.data.personId]: event.data.to } };
    case 'MemberRemoved': {
      const { [event.data.personId]: _removed, ...members } = state.members;
      return { ...state, members };
    }
    default:
      return assertNever(event);
  }
}

function withInvitationStatus(state: RegisteredCompany, id: string, status: Invitation['status']): RegisteredCompany {
  const invitation = state.invitations[id];
  if (!invitation) return state;
  return { ...state, invitations: { ...state.invitations, [id]: { ...invitation, status } } };
}

function applyChanges(state: RegisteredCompany, changes: CompanyProfileChanges): RegisteredCompany {
  const next: RegisteredCompany = { ...state };
  for (const field of EDITABLE_PROFILE_FIELDS) {
    const value = changes[field];
    if (value === undefined) continue;
    if (value === null) delete (next as Partial<RegisteredCompany>)[field];
    else (next as unknown as Record<string, unknown>)[field] = value;
  }
  return next;
}

// ---------------------------------------------------------------------------------------------
// decide

export function decide(command: CompanyCommand, state: CompanyState): CompanyEvent[] {
  if (command.type === 'RegisterCompany') return registerCompany(command, state);
  if (state.status !== 'registered') throw new NotFoundError('company not found');
  switch (command.type) {
    case 'UpdateCompanyProfile':
      return updateProfile(command, state);
    case 'InvitePerson':
      return invitePerson(command, state);
    case 'RevokeInvitation':
      return revokeInvitation(command, state);
    case 'AcceptInvitation':
      return acceptInvitation(command, state);
    case 'ChangeMemberRole':
      return changeMemberRole(command, state);
    case 'RemoveMember':
      return removeMember(command, state);
    default:
      return assertNever(command);
  }
}

/**
 * Tenancy rule: someone outside the company is told it does not exist (404); a member without
 * the admin role is told no (403); a platform admin may do any admin action.
 */
function requireAdmin(state: RegisteredCompany, actor: Actor): void {
  if (isPlatformAdmin(actor)) return;
  const role = state.members[actor.personId];
  if (role === undefined) throw new NotFoundError('company not found');
  if (role !== 'company_admin') throw new ForbiddenError('only a company admin may do this');
}

const adminCount = (state: RegisteredCompany): number =>
  Object.values(state.members).filter((r) => r === 'company_admin').length;

function registerCompany({ data }: RegisterCompany, state: CompanyState): CompanyEvent[] {
  if (state.status !== 'unregistered') throw new IllegalStateError('company already registered');
  const v = validateFields({
    now: () => instant(data.now, 'now'),
    legalName: () => requiredText(data.legalName, 'legalName', LEGAL_NAME_MAX),
    siren: () => siren(data.siren),
    siret: () => (data.siret === undefined ? undefined : siret(data.siret)),
    nafCode: () => nafCode(data.nafCode),
    sizeBand: () => sizeBand(data.sizeBand),
    address: () => address(data.address),
    coordinates: () => (data.coordinates === undefined ? undefined : coordinates(data.coordinates)),
    description: () => optionalText(data.description, 'description', DESCRIPTION_MAX) ?? '',
    capabilities: () => tags(data.capabilities ?? [], 'capabilities'),
    offers: () => tags(data.offers ?? [], 'offers'),
  });
  if (v.siret !== undefined && !siretMatchesSiren(v.siret, v.siren)) {
    throw invalid('siret', 'must start with the SIREN');
  }
  const profile: CompanyProfile = {
    legalName: v.legalName,
    siren: v.siren,
    ...(v.siret !== undefined ? { siret: v.siret } : {}),
    nafCode: v.nafCode,
    sizeBand: v.sizeBand,
    address: v.address,
    ...(v.coordinates !== undefined ? { coordinates: v.coordinates } : {}),
    description: v.description,
    capabilities: v.capabilities,
    offers: v.offers,
  };
  return [
    {
      type: 'CompanyRegistered',
      data: { companyId: data.companyId, ...profile, registeredBy: data.actor.personId, registeredAt: data.now },
    },
    {
      type: 'MemberJoined',
      data: {
        companyId: data.companyId,
        personId: data.actor.personId,
        role: 'company_admin',
        via: 'registration',
        joinedAt: data.now,
      },
    },
  ];
}

function updateProfile({ data }: UpdateCompanyProfile, state: RegisteredCompany): CompanyEvent[] {
  requireAdmin(state, data.actor);
  const c = data.changes ?? {};
  const v = validateFields({
    now: () => instant(data.now, 'now'),
    legalName: () => (c.legalName === undefined ? undefined : requiredText(c.legalName, 'legalName', LEGAL_NAME_MAX)),
    siret: () => {
      if (c.siret === undefined || c.siret === null) return c.siret;
      const s = siret(c.siret);
      if (!siretMatchesSiren(s, state.siren)) throw invalid('siret', 'must start with the SIREN');
      return s;
    },
    nafCode: () => (c.nafCode === undefined ? undefined : nafCode(c.nafCode)),
    sizeBand: () => (c.sizeBand === undefined ? undefined : sizeBand(c.sizeBand)),
    address: () => (c.address === undefined ? undefined : address(c.address)),
    coordinates: () => (c.coordinates === undefined || c.coordinates === null ? c.coordinates : coordinates(c.coordinates)),
    description: () => (c.description === undefined ? undefined : (optionalText(c.description ?? '', 'description', DESCRIPTION_MAX) ?? '')),
    capabilities: () => (c.capabilities === undefined ? undefined : tags(c.capabilities, 'capabilities')),
    offers: () => (c.offers === undefined ? undefined : tags(c.offers, 'offers')),
  });
  const changes: Record<string, unknown> = {};
  for (const field of EDITABLE_PROFILE_FIELDS) {
    const next = v[field];
    if (next === undefined) continue;
    const current = state[field];
    if (next === null ? current === undefined : sameJson(next, current)) continue;
    changes[field] = next;
  }
  if (Object.keys(changes).length === 0) return [];
  return [
    {
      type: 'CompanyProfileUpdated',
      data: { companyId: state.id, changes: changes as CompanyProfileChanges, updatedBy: data.actor.personId, updatedAt: data.now },
    },
  ];
}

function invitePerson({ data }: InvitePerson, state: RegisteredCompany): CompanyEvent[] {
  requireAdmin(state, data.actor);
  const v = validateFields({
    invitationId: () => requiredToken(data.invitationId, 'invitationId'),
    email: () => email(data.email),
    role: () => companyRole(data.role),
    tokenHash: () => requiredToken(data.tokenHash, 'tokenHash'),
    now: () => instant(data.now, 'now'),
    expiresAt: () => instant(data.expiresAt, 'expiresAt'),
  });
  if (!isBefore(v.now, v.expiresAt)) throw invalid('expiresAt', 'must be after now');
  if (state.invitations[v.invitationId]) throw new IllegalStateError('invitation id already used');
  const pendingForEmail = Object.values(state.invitations).some(
    (i) => i.email === v.email && i.status === 'pending' && !hasExpired(i.expiresAt, v.now),
  );
  if (pendingForEmail) throw new IllegalStateError('a pending invitation already exists for this email');
  return [
    {
      type: 'PersonInvited',
      data: {
        companyId: state.id,
        invitationId: v.invitationId,
        email: v.email,
        role: v.role,
        tokenHash: v.tokenHash,
        expiresAt: v.expiresAt,
        invitedBy: data.actor.personId,
        invitedAt: v.now,
      },
    },
  ];
}

function revokeInvitation({ data }: RevokeInvitation, state: RegisteredCompany): CompanyEvent[] {
  requireAdmin(state, data.actor);
  const invitation = state.invitations[data.invitationId];
  if (!invitation) throw new NotFoundError('invitation not found');
  if (invitation.status === 'revoked') return [];
  if (invitation.status === 'accepted') throw new IllegalStateError('invitation already accepted');
  instant(data.now, 'now');
  return [
    {
      type: 'InvitationRevoked',
      data: { companyId: state.id, invitationId: data.invitationId, revokedBy: data.actor.personId, revokedAt: data.now },
    },
  ];
}

function acceptInvitation({ data }: AcceptInvitation, state: RegisteredCompany): CompanyEvent[] {
  const now = instant(data.now, 'now');
  const invitation = state.invitations[data.invitationId];
  // Same answer for an unknown id, a wrong token and another person's invitation: no oracle.
  if (
    !invitation ||
    invitation.tokenHash !== data.tokenHash ||
    typeof data.email !== 'string' ||
    invitation.email !== normaliseEmail(data.email)
  ) {
    throw new NotFoundError('invitation not found');
  }
  if (invitation.status === 'accepted') throw new IllegalStateError('invitation already accepted');
  if (invitation.status === 'revoked') throw new IllegalStateError('invitation revoked');
  if (hasExpired(invitation.expiresAt, now)) throw new IllegalStateError('invitation expired');
  if (state.members[data.personId] !== undefined) throw new IllegalStateError('already a member of this company');
  return [
    {
      type: 'InvitationAccepted',
      data: { companyId: state.id, invitationId: data.invitationId, personId: data.personId, acceptedAt: now },
    },
    {
      type: 'MemberJoined',
      data: {
        companyId: state.id,
        personId: data.personId,
        role: invitation.role,
        via: 'invitation',
        invitationId: data.invitationId,
        joinedAt: now,
      },
    },
  ];
}

function changeMemberRole({ data }: ChangeMemberRole, state: RegisteredCompany): CompanyEvent[] {
  requireAdmin(state, data.actor);
  const from = state.members[data.personId];
  if (from === undefined) throw new NotFoundError('member not found');
  const v = validateFields({ role: () => companyRole(data.role), now: () => instant(data.now, 'now') });
  if (from === v.role) return [];
  if (from === 'company_admin' && adminCount(state) === 1) {
    throw new IllegalStateError('cannot demote the last company admin');
  }
  return [
    {
      type: 'MemberRoleChanged',
      data: { companyId: state.id, personId: data.personId, from, to: v.role, changedBy: data.actor.personId, changedAt: v.now },
    },
  ];
}

function removeMember({ data }: RemoveMember, state: RegisteredCompany): CompanyEvent[] {
  const leaving = data.actor.personId === data.personId && state.members[data.personId] !== undefined;
  if (!leaving) requireAdmin(state, data.actor);
  const role = state.members[data.personId];
  if (role === undefined) throw new NotFoundError('member not found');
  const now = instant(data.now, 'now');
  if (role === 'company_admin' && adminCount(state) === 1) {
    throw new IllegalStateError('cannot remove the last company admin');
  }
  return [
    {
      type: 'MemberRemoved',
      data: {
        companyId: state.id,
        personId: data.personId,
        role,
        reason: leaving ? 'left' : 'removed',
        removedBy: data.actor.personId,
        removedAt: now,
      },
    },
  ];
}

export const companyDecider: Decider<CompanyState, CompanyCommand, CompanyEvent> = {
  initialState,
  evolve,
  decide,
};
