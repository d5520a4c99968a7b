import { ContractRegistry } from '@opn/contracts';
import { DomainEvent } from '@opn/kernel';
import { decideAll, recorder } from '@opn/testing';
import { RELATIONS_CONTRACTS } from '@opn/relations-contracts';
import { needDecider, relationDecider, relationIdOf, tieDecider, tieIdOf } from '../domain';
import { relationsOutboundMapper } from './outbound.mapper';

const now = '2026-11-30T10:00:00.000Z';
const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';
const alice = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const bob = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';

const recorded = recorder(now)('s');

const registry = new ContractRegistry(RELATIONS_CONTRACTS);
const publish = (events: DomainEvent[]) => events.map((e) => relationsOutboundMapper(recorded(e)));
const types = (messages: ReturnType<typeof publish>) => messages.map((m) => (m ? `${m.topic} ${m.event.type}` : null));
const valid = (messages: ReturnType<typeof publish>) => messages.forEach((m) => m && expect(() => registry.validate(m.event)).not.toThrow());

describe('relations outbound mapping', () => {
  it('publishes a relation once it is active, never its proposal, note or reasons', () => {
    const relationId = relationIdOf(A, B, 'supplier');
    const events = decideAll(relationDecider, [
      { type: 'ProposeRelation', data: { relationId, actingCompanyId: A, partnerCompanyId: B, kind: 'supplier', note: 'secret terms', by: alice, now } },
      { type: 'ConfirmRelation', data: { actingCompanyId: B, by: bob, now } },
      { type: 'SuspendRelation', data: { actingCompanyId: B, reason: 'late payment', by: bob, now } },
      { type: 'ResumeRelation', data: { actingCompanyId: A, by: alice, now } },
      { type: 'EndRelation', data: { actingCompanyId: A, reason: 'over', by: alice, now } },
    ]);
    const messages = publish(events);
    expect(types(messages)).toEqual([
      null,
      'relations.relation relations.RelationActivated',
      'relations.relation relations.RelationStatusChanged',
      'relations.relation relations.RelationStatusChanged',
      'relations.relation relations.RelationStatusChanged',
    ]);
    valid(messages);
    expect(messages[1]!.event).toMatchObject({ subject: relationId, data: { companies: [A, B], kind: 'supplier', origin: 'confirmation' } });
    expect(JSON.stringify(messages)).not.toMatch(/secret terms|late payment|over"/);
  });

  it('publishes a tie only while both people allow territory or members, and withdraws it when that stops', () => {
    const tieId = tieIdOf(alice, bob);
    const events = decideAll(tieDecider, [
      { type: 'DeclareTie', data: { tieId, by: alice, otherPersonId: bob, kinds: ['classmates'], strength: 4, visibility: 'members', note: 'Lycée du Parc', now } },
      { type: 'ConfirmTie', data: { by: bob, visibility: 'company', now } },
      { type: 'ChangeTieVisibility', data: { by: bob, visibility: 'territory', now } },
      { type: 'UpdateTie', data: { by: alice, strength: 5, now } },
      { type: 'ChangeTieVisibility', data: { by: alice, visibility: 'private', now } },
      { type: 'ChangeTieVisibility', data: { by: alice, visibility: 'members', now } },
      { type: 'EndTie', data: { by: bob, now } },
    ]);
    const messages = publish(events);
    expect(types(messages)).toEqual([
      null, // declared: private until confirmed
      null, // confirmed, but bob chose company: aggregates inside the companies only
      'relations.tie relations.TieVisible',
      'relations.tie relations.TieVisible',
      'relations.tie relations.TieWithdrawn',
      'relations.tie relations.TieVisible',
      'relations.tie relations.TieWithdrawn',
    ]);
    valid(messages);
    expect(messages[2]!.event.data).toMatchObject({ tieId, visibility: 'territory', strength: 4, kinds: ['classmates'] });
    expect(messages[4]!.event.data).toMatchObject({ reason: 'narrowed' });
    expect(messages[6]!.event.data).toMatchObject({ reason: 'ended' });
    expect(JSON.stringify(messages)).not.toContain('Lycée');
  });

  it('publishes every step of a need with the company it concerns, and no message, note or reason', () => {
    const events = decideAll(needDecider, [
      {
        type: 'PublishNeed',
        data: { needId: 'n1', actingCompanyId: A, title: 'Usinage', description: 'Pièces', capabilities: ['usinage cnc'], territory: ['69'], deadline: '2027-01-31', budgetBand: 'lt_10k', visibility: 'members', by: alice, now },
      },
      { type: 'ExpressInterest', data: { actingCompanyId: B, message: 'private pitch', by: bob, now } },
      { type: 'Shortlist', data: { actingCompanyId: A, partnerCompanyId: B, by: alice, now } },
      { type: 'MakeIntroduction', data: { introductionId: 'i1', partnerCompanyId: B, via: 'coordinator', note: 'intro note', by: 'c1', authority: 'coordinator', now } },
      { type: 'LogMeeting', data: { meetingId: 'm1', actingCompanyId: A, partnerCompanyId: B, on: '2026-11-30', note: 'meeting note', by: alice, now } },
      { type: 'ReportContent', data: { reportId: 'r1', target: { kind: 'need' }, reason: 'spam report', by: bob, now } },
      { type: 'HideContent', data: { reportId: 'r1', target: { kind: 'need' }, reason: 'hide reason', by: 'c1', authority: 'coordinator', now } },
      { type: 'RestoreContent', data: { target: { kind: 'need' }, reason: 'restore reason', by: 'c1', authority: 'coordinator', now } },
      { type: 'RecordOutcome', data: { actingCompanyId: A, outcome: { kind: 'agreement', partnerCompanyId: B, relationKind: 'supplier' }, by: alice, now } },
    ]);
    const messages = publish(events);
    expect(types(messages).filter(Boolean)).toEqual([
      'relations.need relations.NeedPublished',
      'relations.need relations.NeedStep',
      'relations.need relations.NeedStep',
      'relations.need relations.NeedStep',
      'relations.need relations.NeedStep',
      'relations.need relations.NeedModerated',
      'relations.need relations.NeedModerated',
      'relations.need relations.NeedClosed',
    ]);
    valid(messages);
    expect(messages.filter(Boolean).map((m) => (m!.event.data as { step?: string }).step).filter(Boolean)).toEqual(['interest_expressed', 'shortlisted', 'introduced', 'meeting_logged']);
    expect(messages[messages.length - 1]!.event.data).toMatchObject({ companyId: A, outcome: 'agreement', partnerCompanyId: B, relationKind: 'supplier' });
    expect(JSON.stringify(messages)).not.toMatch(/private pitch|intro note|meeting note|spam report|hide reason|restore reason/);
  });
});
