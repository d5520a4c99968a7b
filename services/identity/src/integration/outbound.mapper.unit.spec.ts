import { ContractRegistry } from '@opn/contracts';
import { IDENTITY_CONTRACTS } from '@opn/identity-contracts';
import { randomBytes } from 'node:crypto';
import { Actor, ERASED, KeyStore, PersonalDataCipher, SubjectKey, isSealed } from '@opn/kernel';
import { decideAll, recorder } from '@opn/testing';
import { IDENTITY_PERSONAL_DATA, companyDecider, personDecider } from '../domain';
import { identityOutboundMapper } from './outbound.mapper';

const now = '2026-11-24T10:00:00.000Z';
const admin: Actor = { personId: '11111111-1111-4111-8111-111111111111', platformRoles: ['platform_admin'] };
const companyId = '22222222-2222-4222-8222-222222222222';

/** The real deciders' events, stored as the event store records them. */
const recorded = recorder(now);

describe('identity outbound mapping', () => {
  const registry = new ContractRegistry(IDENTITY_CONTRACTS);
  const companyEvents = decideAll(companyDecider, [
    {
      type: 'RegisterCompany',
      data: {
        companyId,
        actor: admin,
        legalName: 'Ateliers Dupont',
        siren: '732829320',
        siret: '73282932000074',
        nafCode: '25.62B',
        sizeBand: '10-49',
        address: { line1: '1 rue X', postalCode: '69002', city: 'Lyon', country: 'FR' },
        coordinates: { lat: 45.7, lon: 4.8 },
        capabilities: ['Usinage'],
        now,
      },
    },
    { type: 'UpdateCompanyProfile', data: { actor: admin, changes: { description: 'Précision', coordinates: null }, now } },
    {
      type: 'InvitePerson',
      data: { actor: admin, invitationId: '33333333-3333-4333-8333-333333333333', email: 'b@example.fr', role: 'member', tokenHash: 'h', expiresAt: '2026-12-24T10:00:00.000Z', now },
    },
  ]).map(recorded(`company-${companyId}`));
  const personEvents = decideAll(personDecider, [
    { type: 'RegisterPerson', data: { personId: admin.personId, email: 'ada@example.fr', passwordHash: '$argon2id$v=19$secret', displayName: 'Ada', now } },
    { type: 'UpdatePersonProfile', data: { actor: admin, personId: admin.personId, changes: { headline: 'CTO', phone: '+33612345678' }, now } },
    { type: 'UpdatePersonProfile', data: { actor: admin, personId: admin.personId, changes: { phone: '+33600000000' }, now } },
    { type: 'GiveConsent', data: { actor: admin, purpose: 'warm_introductions', policyVersion: '2026-01', now } },
    { type: 'WithdrawConsent', data: { actor: admin, purpose: 'warm_introductions', now } },
    { type: 'GrantPlatformRole', data: { actor: admin, role: 'territory_coordinator', now } },
  ]).map(recorded(`person-${admin.personId}`));

  it('publishes every public event in a shape its contract accepts', () => {
    const published = [...companyEvents, ...personEvents].map(identityOutboundMapper).filter((m) => m !== null);
    expect(published.map((m) => `${m!.topic} ${m!.event.type}`)).toEqual([
      'identity.company identity.CompanyRegistered',
      'identity.company identity.CompanyMemberJoined',
      'identity.company identity.CompanyProfileUpdated',
      'identity.person identity.PersonRegistered',
      'identity.person identity.PersonProfileUpdated',
      'identity.person identity.ConsentChanged',
      'identity.person identity.ConsentChanged',
      'identity.person identity.PlatformRoleChanged',
    ]);
    for (const m of published) expect(() => registry.validate(m!.event)).not.toThrow();
    expect(published[0]!.event.subject).toBe(companyId);
  });

  it('keeps private what must not leave the service: invitations, emails, password hashes, phone numbers', () => {
    const raw = JSON.stringify([...companyEvents, ...personEvents].map(identityOutboundMapper));
    expect(companyEvents.some((e) => e.type === 'PersonInvited')).toBe(true);
    for (const secret of ['b@example.fr', 'ada@example.fr', 'argon2id', '+336', 'tokenHash', 'registeredBy']) expect(raw).not.toContain(secret);
  });

  it('fed by the raw log, publishes the sealed fields its contracts declare sealed, never in clear, and an erasure', async () => {
    const keys = new Map<string, SubjectKey | null>();
    const keyStore: KeyStore = {
      getOrCreate: async (id) => (keys.has(id) ? (keys.get(id) ?? undefined) : (keys.set(id, randomBytes(32)), keys.get(id) ?? undefined)),
      find: async (id) => keys.get(id) ?? undefined,
      destroy: async (id) => void keys.set(id, null),
      isDestroyed: async (id) => keys.get(id) === null,
      close: async () => undefined,
    };
    const cipher = new PersonalDataCipher(IDENTITY_PERSONAL_DATA, keyStore);
    const sealed = await Promise.all([...companyEvents, ...personEvents].map(async (e) => ({ ...e, data: await cipher.seal(e.type, e.data) })));
    const erased = recorded(`person-${admin.personId}`)({ type: 'PersonErased', data: { personId: admin.personId, erasedBy: admin.personId, by: 'self', erasedAt: now } });
    const published = [...sealed, erased].map(identityOutboundMapper).filter((m) => m !== null);
    const text = JSON.stringify(published);
    for (const clear of ['Ada', 'CTO', 'b@example.fr', 'ada@example.fr', 'argon2id', '+336']) expect(text).not.toContain(clear);
    for (const m of published) {
      expect(() => registry.validate(m!.event)).not.toThrow();
      const contract = IDENTITY_CONTRACTS.find((c) => c.type === m!.event.type)!;
      for (const path of contract.sealedFields ?? []) {
        const value = path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], m!.event.data);
        if (value !== undefined && value !== null) expect(isSealed(value) || value === ERASED).toBe(true);
      }
    }
    const registered = published.find((m) => m!.event.type === 'identity.PersonRegistered')!;
    expect(await cipher.open(registered.event.data)).toMatchObject({ displayName: 'Ada' });
    expect(published[published.length - 1]!.event).toMatchObject({ type: 'identity.PersonErased', data: { personId: admin.personId, erasedAt: now } });
  });
});
