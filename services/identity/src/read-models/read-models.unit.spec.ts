import { companyDirectoryProjection } from './company-directory/company-directory.projection';
import { companyInvitationsProjection } from './company-invitations/company-invitations.projection';
import { companyMembersProjection } from './company-members/company-members.projection';
import { peopleProjection } from './people/people.projection';
import { foldDocuments as fold, projectedEvents } from '@opn/testing';

const companyId = 'c1';
const ev = projectedEvents(`company-${companyId}`);

const registered = ev('CompanyRegistered', {
  companyId,
  legalName: 'Atelier',
  siren: '732829320',
  siret: '73282932000074',
  nafCode: '25.62B',
  sizeBand: '10-49',
  address: { line1: '1', postalCode: '69002', city: 'Lyon', country: 'FR' },
  coordinates: { lat: 1, lon: 2 },
  description: '',
  capabilities: ['usinage'],
  offers: [],
  registeredBy: 'p1',
  registeredAt: '2026-11-24T10:00:00.000Z',
});
const joined = (personId: string, role = 'member') => ev('MemberJoined', { companyId, personId, role, via: 'invitation', joinedAt: '2026-11-24T11:00:00.000Z' });

describe('identity read models (pure folds)', () => {
  it('company directory: profile changes, removals by null, member count and the stream revision as ETag', () => {
    const events = [
      registered,
      joined('p1', 'company_admin'),
      ev('CompanyProfileUpdated', { companyId, changes: { description: 'Précision', coordinates: null, siret: null }, updatedBy: 'p1', updatedAt: '2026-11-24T12:00:00.000Z' }),
      ev('PersonInvited', { companyId, invitationId: 'i1', email: 'b@x.fr', role: 'member', tokenHash: 'h', expiresAt: 'x', invitedBy: 'p1', invitedAt: 'x' }),
      joined('p2'),
      ev('MemberRemoved', { companyId, personId: 'p2', role: 'member', reason: 'left', removedBy: 'p2', removedAt: 'x' }),
    ];
    const doc = fold(companyDirectoryProjection, events).get(companyId)!;
    expect(doc).toMatchObject({ companyId, legalName: 'Atelier', description: 'Précision', memberCount: 1, revision: 5, updatedAt: '2026-11-24T12:00:00.000Z' });
    expect(doc).not.toHaveProperty('coordinates');
    expect(doc).not.toHaveProperty('siret');
    expect(doc).not.toHaveProperty('registeredBy');
  });

  it('company members: one document per membership, role changes, removal deletes', () => {
    const docs = fold(companyMembersProjection, [
      joined('p1', 'company_admin'),
      joined('p2'),
      ev('MemberRoleChanged', { companyId, personId: 'p2', from: 'member', to: 'company_admin', changedBy: 'p1', changedAt: 'x' }),
      joined('p3'),
      ev('MemberRemoved', { companyId, personId: 'p3', role: 'member', reason: 'removed', removedBy: 'p1', removedAt: 'x' }),
    ]);
    expect([...docs.entries()].map(([id, d]) => [id, d.role])).toEqual([
      ['c1:p1', 'company_admin'],
      ['c1:p2', 'company_admin'],
    ]);
  });

  it('invitations: status follows the invitation, the token hash is never kept', () => {
    const docs = fold(companyInvitationsProjection, [
      ev('PersonInvited', { companyId, invitationId: 'i1', email: 'b@x.fr', role: 'member', tokenHash: 'secret-hash', expiresAt: 'x', invitedBy: 'p1', invitedAt: 'x' }),
      ev('PersonInvited', { companyId, invitationId: 'i2', email: 'c@x.fr', role: 'member', tokenHash: 'secret-hash', expiresAt: 'x', invitedBy: 'p1', invitedAt: 'x' }),
      ev('InvitationAccepted', { companyId, invitationId: 'i1', personId: 'p2', acceptedAt: 'y' }),
      ev('InvitationRevoked', { companyId, invitationId: 'i2', revokedBy: 'p1', revokedAt: 'z' }),
    ]);
    expect(docs.get('i1')).toMatchObject({ status: 'accepted', acceptedBy: 'p2', closedAt: 'y' });
    expect(docs.get('i2')).toMatchObject({ status: 'revoked', closedAt: 'z' });
    expect(JSON.stringify([...docs.values()])).not.toContain('secret-hash');
  });

  it('people: profile, consents and platform roles, never the password hash', () => {
    const p = (type: string, data: object) => ev(type, { personId: 'p1', ...data }, 'person-p1');
    const doc = fold(peopleProjection, [
      p('PersonRegistered', { email: 'a@x.fr', passwordHash: '$argon2id$secret', displayName: 'Ada', locale: 'fr', registeredAt: 't0' }),
      p('PersonProfileUpdated', { changes: { headline: 'CTO', phone: '+33600000000' }, updatedAt: 't1' }),
      p('PersonProfileUpdated', { changes: { phone: null }, updatedAt: 't2' }),
      p('ConsentGiven', { purpose: 'warm_introductions', policyVersion: 'v1', givenAt: 't3' }),
      p('ConsentWithdrawn', { purpose: 'warm_introductions', withdrawnAt: 't4' }),
      p('PlatformRoleGranted', { role: 'territory_coordinator', grantedBy: 'admin', grantedAt: 't5' }),
      p('PlatformRoleGranted', { role: 'territory_coordinator', grantedBy: 'admin', grantedAt: 't6' }),
    ]).get('p1')!;
    expect(doc).toMatchObject({ displayName: 'Ada', headline: 'CTO', platformRoles: ['territory_coordinator'], updatedAt: 't6' });
    expect(doc.consents.warm_introductions).toEqual({ granted: false, policyVersion: 'v1', at: 't4' });
    expect(doc).not.toHaveProperty('phone');
    expect(JSON.stringify(doc)).not.toContain('argon2');
  });
});
