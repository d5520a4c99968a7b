import { COLLECTIVES_CONTRACTS } from '@opn/collectives-contracts';
import { ContractRegistry } from '@opn/contracts';
import { DomainEvent } from '@opn/kernel';
import { decideAll, recorder } from '@opn/testing';
import { CollectiveCommand, collectiveDecider } from '../domain';
import { collectivesOutboundMapper } from './outbound.mapper';

const now = '2026-11-30T10:00:00.000Z';
const X = '11111111-1111-4111-8111-111111111111';
const alice = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const bob = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
const carol = 'cccccccc-cccc-4ccc-8ccc-cccccccccccc';
const A = '22222222-2222-4222-8222-222222222222';

const recorded = recorder(now)('collective-x');
const registry = new ContractRegistry(COLLECTIVES_CONTRACTS);
const publish = (events: DomainEvent[]) => events.map((e) => collectivesOutboundMapper(recorded(e)));

const life: CollectiveCommand[] = [
  {
    type: 'ProposeCollective',
    data: {
      collectiveId: X,
      name: 'Stand commun',
      purpose: 'SECRET PURPOSE',
      occasion: { kind: 'event', title: 'Salon', date: '2027-03-14' },
      rhythm: 'monthly',
      access: 'open',
      perimeter: { sectors: ['25'] },
      minMembers: 3,
      governance: { mode: 'rotation' },
      companyId: A,
      by: alice,
      now,
    },
  },
  { type: 'StartForming', data: { by: alice, now } },
  { type: 'Join', data: { by: bob, now } },
  { type: 'Join', data: { by: carol, now } },
  { type: 'RotateLeadership', data: { by: 'system', now } },
  { type: 'Activate', data: { by: alice, now } },
  { type: 'PostAnnouncement', data: { announcementId: 'n1', text: 'SECRET NOTE', by: bob, now } },
  { type: 'ReportContent', data: { reportId: 'r1', target: { kind: 'announcement', id: 'n1' }, reason: 'SECRET REASON', by: carol, now } },
  { type: 'UpdateCollective', data: { name: 'Stand commun 2027', by: alice, now } },
  { type: 'Leave', data: { by: carol, reason: 'SECRET LEAVING', now } },
  { type: 'Dissolve', data: { reason: 'SECRET END', by: alice, now } },
  { type: 'Archive', data: { by: alice, now } },
];

describe('collectives outbound mapping', () => {
  const events = decideAll(collectiveDecider, life);
  const messages = publish(events);

  it('publishes definitions, lifecycle steps, memberships and one alumni tie per pair, each valid against its contract', () => {
    expect(messages.map((m) => m && m.event.type)).toEqual([
      'collectives.CollectiveDefined',
      'collectives.CollectiveStatusChanged',
      'collectives.CollectiveMembershipChanged',
      'collectives.CollectiveMembershipChanged',
      null,
      'collectives.CollectiveStatusChanged',
      null,
      null,
      'collectives.CollectiveDefined',
      'collectives.CollectiveMembershipChanged',
      'collectives.CollectiveStatusChanged',
      'collectives.AlumniTieFormed',
      'collectives.AlumniTieFormed',
      'collectives.AlumniTieFormed',
      'collectives.CollectiveStatusChanged',
    ]);
    for (const m of messages) if (m) expect(() => registry.validate(m.event)).not.toThrow();
    expect(messages.every((m) => m === null || m.event.subject === X)).toBe(true);
    expect(messages[8]!.event.data).toMatchObject({ name: 'Stand commun 2027', perimeter: { territories: [], sectors: ['25'] }, initiatorId: alice });
    expect(messages[9]!.event.data).toEqual({ collectiveId: X, personId: carol, active: false, changedAt: now });
    const ties = messages.filter((m) => m?.event.type === 'collectives.AlumniTieFormed').map((m) => (m!.event.data as { personIds: string[] }).personIds.join('+'));
    expect(ties.sort()).toEqual([`${alice}+${bob}`, `${alice}+${carol}`, `${bob}+${carol}`].sort());
  });

  it('publishes the initiator with their company, and nothing for a change of the purpose or minimum size alone', () => {
    expect(messages[0]!.event.data).toMatchObject({ initiatorId: alice, initiatorCompanyId: A });
    const quiet = decideAll(collectiveDecider, [life[0], { type: 'UpdateCollective', data: { purpose: 'SECRET NEW PURPOSE', minMembers: 4, by: alice, now } }]);
    expect(quiet.map((e) => e.type)).toEqual(['CollectiveProposed', 'CollectiveUpdated']);
    expect(publish(quiet.slice(1))).toEqual([null]);
  });

  it('publishes an erasure as the person leaving and each of their alumni ties withdrawn', () => {
    const erased = decideAll(collectiveDecider, [...life, { type: 'ErasePerson', data: { personId: bob, by: 'system', now } }]).slice(events.length);
    const out = publish(erased);
    expect(out.map((m) => m && m.event.type)).toEqual(['collectives.CollectiveMembershipChanged', null, 'collectives.AlumniTieErased', 'collectives.AlumniTieErased']);
    for (const m of out) if (m) expect(() => registry.validate(m.event)).not.toThrow();
    expect(out[0]!.event.data).toEqual({ collectiveId: X, personId: bob, active: false, changedAt: now });
    expect(out.slice(2).map((m) => (m!.event.data as { personIds: string[] }).personIds.join('+')).sort()).toEqual([`${alice}+${bob}`, `${bob}+${carol}`]);
  });

  it('never lets a purpose, announcement, report or reason leave the service', () => {
    expect(JSON.stringify(messages)).not.toMatch(/SECRET/);
  });
});
