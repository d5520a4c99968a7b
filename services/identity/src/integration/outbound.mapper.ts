import {
  CompanyMemberJoinedV1,
  CompanyMemberLeftV1,
  CompanyMemberRoleChangedV1,
  CompanyProfileUpdatedV1,
  CompanyRegisteredV1,
  ConsentChangedV1,
  IDENTITY_TOPICS,
  PersonErasedV1,
  PersonProfileUpdatedV1,
  PersonRegisteredV1,
  PlatformRoleChangedV1,
} from '@opn/identity-contracts';
import { assertNever } from '@opn/kernel';
import { OutboundMapper, publishedAs } from '@opn/messaging';
import type { IdentityEvent } from '../domain';

export const SOURCE = 'identity';

const publish = publishedAs(SOURCE);

/**
 * Stored events are private to the service; this is the one place that decides which become
 * public and in which shape. Credentials, emails, invitations, sessions and claims never leave.
 * The relay feeds it from the raw (sealed) log, so the personal fields it does publish (the
 * contracts' `sealedFields`) leave as ciphertext or as '[erased]', never in clear.
 */
export const identityOutboundMapper: OutboundMapper = (recorded) => {
  const e = { type: recorded.type, data: recorded.data } as IdentityEvent;
  switch (e.type) {
    case 'CompanyRegistered': {
      const { registeredBy: _by, ...data } = e.data;
      return publish(CompanyRegisteredV1, recorded, data.companyId, data);
    }
    case 'CompanyProfileUpdated':
      return publish(CompanyProfileUpdatedV1, recorded, e.data.companyId, {
        companyId: e.data.companyId,
        changes: e.data.changes,
        updatedAt: e.data.updatedAt,
      });
    case 'MemberJoined':
      return publish(CompanyMemberJoinedV1, recorded, e.data.companyId, {
        companyId: e.data.companyId,
        personId: e.data.personId,
        role: e.data.role,
        joinedAt: e.data.joinedAt,
      });
    case 'MemberRoleChanged':
      return publish(CompanyMemberRoleChangedV1, recorded, e.data.companyId, {
        companyId: e.data.companyId,
        personId: e.data.personId,
        role: e.data.to,
        changedAt: e.data.changedAt,
      });
    case 'MemberRemoved':
      return publish(CompanyMemberLeftV1, recorded, e.data.companyId, {
        companyId: e.data.companyId,
        personId: e.data.personId,
        reason: e.data.reason,
        leftAt: e.data.removedAt,
      });
    case 'PersonRegistered':
      return publish(PersonRegisteredV1, recorded, e.data.personId, {
        personId: e.data.personId,
        displayName: e.data.displayName,
        locale: e.data.locale,
        registeredAt: e.data.registeredAt,
      });
    case 'PersonProfileUpdated': {
      const { phone: _private, ...changes } = e.data.changes;
      if (Object.keys(changes).length === 0) return null;
      return publish(PersonProfileUpdatedV1, recorded, e.data.personId, { personId: e.data.personId, changes, updatedAt: e.data.updatedAt });
    }
    case 'PersonErased':
      return publish(PersonErasedV1, recorded, e.data.personId, { personId: e.data.personId, erasedAt: e.data.erasedAt });
    case 'ConsentGiven':
      return publish(ConsentChangedV1, recorded, e.data.personId, {
        personId: e.data.personId,
        purpose: e.data.purpose,
        granted: true,
        policyVersion: e.data.policyVersion,
        changedAt: e.data.givenAt,
      });
    case 'ConsentWithdrawn':
      return publish(ConsentChangedV1, recorded, e.data.personId, {
        personId: e.data.personId,
        purpose: e.data.purpose,
        granted: false,
        changedAt: e.data.withdrawnAt,
      });
    case 'PlatformRoleGranted':
    case 'PlatformRoleRevoked':
      return publish(PlatformRoleChangedV1, recorded, e.data.personId, {
        personId: e.data.personId,
        role: e.data.role,
        granted: e.type === 'PlatformRoleGranted',
        changedAt: e.type === 'PlatformRoleGranted' ? e.data.grantedAt : e.data.revokedAt,
      });
    case 'PersonInvited':
    case 'InvitationRevoked':
    case 'InvitationAccepted':
    case 'PasswordChanged':
    case 'EmailClaimed':
    case 'EmailReleased':
    case 'SirenClaimed':
    case 'SessionStarted':
    case 'SessionRefreshed':
    case 'SessionRevoked':
    case 'SessionEnded':
      return null;
    default:
      // A new stored event type must be declared public (mapped above) or private (listed above).
      return assertNever(e);
  }
};

export const IDENTITY_RELAY_TOPICS = Object.values(IDENTITY_TOPICS);
