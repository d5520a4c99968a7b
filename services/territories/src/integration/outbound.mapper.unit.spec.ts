import { ContractRegistry } from '@opn/contracts';
import { DomainEvent } from '@opn/kernel';
import { decideAll, recorder } from '@opn/testing';
import { TERRITORIES_CONTRACTS } from '@opn/territories-contracts';
import { TerritoryCommand, territoryDecider } from '../domain';
import { territoriesOutboundMapper } from './outbound.mapper';

const now = '2026-11-30T10:00:00.000Z';
const T = '11111111-1111-4111-8111-111111111111';
const A = '22222222-2222-4222-8222-222222222222';
const admin = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const coordinator = 'cccccccc-cccc-4ccc-8ccc-cccccccccccc';
const firmAdmin = 'ffffffff-ffff-4fff-8fff-ffffffffffff';
const SIREN = '732829320';
const OTHER = '552100554';

const recorded = recorder(now)('territory');
const registry = new ContractRegistry(TERRITORIES_CONTRACTS);
const publish = (events: DomainEvent[]) => events.map((e) => territoriesOutboundMapper(recorded(e)));
const types = (messages: ReturnType<typeof publish>) => messages.map((m) => (m ? m.event.type : null));
const valid = (messages: ReturnType<typeof publish>) => messages.forEach((m) => m && expect(() => registry.validate(m.event)).not.toThrow());

const created: TerritoryCommand = { type: 'CreateTerritory', data: { territoryId: T, name: 'Rhône', kind: 'geographic', level: 'departement', perimeter: { departements: ['69'] }, by: admin, now } };

describe('territories outbound mapping', () => {
  it('publishes definitions whole, coordinators, and memberships that start, go on and end; never the review, questions or reasons', () => {
    const events = decideAll(territoryDecider, [
      created,
      { type: 'UpdateTerritory', data: { name: 'Rhône industriel', description: 'secret plans', by: admin, now } },
      { type: 'AppointCoordinator', data: { personId: coordinator, by: admin, now } },
      { type: 'Apply', data: { siren: SIREN, companyId: A, message: 'please let us in', by: firmAdmin, now } },
      { type: 'RequestInformation', data: { siren: SIREN, question: 'how many employees?', by: coordinator, now } },
      { type: 'ProvideInformation', data: { siren: SIREN, answer: 'forty-two', by: firmAdmin, now } },
      { type: 'Admit', data: { siren: SIREN, validUntil: '2027-12-31', groups: ['mécanique'], by: coordinator, now } },
      { type: 'Renew', data: { siren: SIREN, validUntil: '2028-12-31', by: coordinator, now } },
      { type: 'SetMemberGroups', data: { siren: SIREN, groups: ['export'], by: coordinator, now } },
      { type: 'ExitMembership', data: { siren: SIREN, reason: 'unpaid dues', initiatedBy: 'coordinator', by: coordinator, now } },
      { type: 'RemoveCoordinator', data: { personId: coordinator, by: admin, now } },
    ]);
    const messages = publish(events);
    expect(types(messages)).toEqual([
      'territories.TerritoryDefined',
      'territories.TerritoryDefined',
      'territories.CoordinatorChanged',
      null,
      null,
      null,
      'territories.MembershipChanged',
      'territories.MembershipChanged',
      'territories.MembershipChanged',
      'territories.MembershipChanged',
      'territories.CoordinatorChanged',
    ]);
    valid(messages);
    expect(messages.every((m) => !m || (m.topic === 'territories.territory' && m.event.subject === T))).toBe(true);
    expect(messages[1]!.event.data).toEqual({ territoryId: T, name: 'Rhône industriel', kind: 'geographic', level: 'departement', perimeter: { postcodes: [], communes: [], departements: ['69'], nafCodes: [] }, definedAt: now });
    expect(messages.slice(6, 10).map((m) => m!.event.data)).toEqual([
      { territoryId: T, siren: SIREN, companyId: A, status: 'admitted', validUntil: '2027-12-31', groups: ['mécanique'], changedAt: now },
      { territoryId: T, siren: SIREN, status: 'admitted', validUntil: '2028-12-31', changedAt: now },
      { territoryId: T, siren: SIREN, status: 'admitted', groups: ['export'], changedAt: now },
      { territoryId: T, siren: SIREN, status: 'ended', changedAt: now },
    ]);
    expect(JSON.stringify(messages)).not.toMatch(/secret plans|please let us in|how many employees|forty-two|unpaid dues/);
  });

  it('publishes an imported member without its contact, and an import that changes only a contact not at all', () => {
    const events = decideAll(territoryDecider, [
      created,
      { type: 'ImportMembers', data: { importId: 'i1', rows: [{ line: 2, siren: OTHER, name: 'Forges', contactEmail: 'marie@forges.fr', groups: ['fonderie'] }], by: coordinator, now } },
      { type: 'ImportMembers', data: { importId: 'i2', rows: [{ line: 2, siren: OTHER, name: 'Forges', contactEmail: 'paul@forges.fr', groups: ['fonderie'] }], by: coordinator, now } },
      { type: 'ImportMembers', data: { importId: 'i3', rows: [{ line: 2, siren: OTHER, name: 'Forges', groups: ['fonderie', 'export'] }], by: coordinator, now } },
    ]);
    const messages = publish(events);
    expect(types(messages)).toEqual(['territories.TerritoryDefined', 'territories.MembershipChanged', null, 'territories.MembershipChanged']);
    valid(messages);
    expect(messages[1]!.event.data).toEqual({ territoryId: T, siren: OTHER, status: 'admitted', groups: ['fonderie'], changedAt: now });
    expect(JSON.stringify(messages)).not.toMatch(/forges\.fr/);
  });
});
