import { ContractRegistry } from '@opn/contracts';
import { DomainEvent } from '@opn/kernel';
import { RECOMMENDATIONS_CONTRACTS } from '@opn/recommendations-contracts';
import { decideAll, recorder } from '@opn/testing';
import { IntroductionCommand, introductionDecider } from '../domain';
import { recommendationsOutboundMapper } from './outbound.mapper';

const now = '2026-11-30T10:00:00.000Z';
const I = '11111111-1111-4111-8111-111111111111';
const [ada, bob, dan] = ['aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb', 'dddddddd-dddd-4ddd-8ddd-dddddddddddd'];
const C = '22222222-2222-4222-8222-222222222222';
const N = '33333333-3333-4333-8333-333333333333';

const recorded = recorder(now)('introduction-x');
const registry = new ContractRegistry(RECOMMENDATIONS_CONTRACTS);
const publish = (events: DomainEvent[]) => events.map((e) => recommendationsOutboundMapper(recorded(e)));
const request = (note: string): IntroductionCommand => ({
  type: 'RequestIntroduction',
  data: { introductionId: I, requesterId: ada, brokers: [bob], targetPersonId: dan, targetCompanyId: C, needId: N, note, strength: 0.5, now },
});

describe('recommendations outbound mapping', () => {
  it('publishes only the introduction made, valid against its contract, with no note or reason', () => {
    const messages = publish(decideAll(introductionDecider, [request('SECRET NOTE'), { type: 'AcceptIntroduction', data: { personId: bob, now } }, { type: 'AcceptIntroduction', data: { personId: dan, now } }]));
    expect(messages.map((m) => m && m.event.type)).toEqual([null, null, null, 'recommendations.IntroductionMade']);
    const made = messages[3]!;
    expect(() => registry.validate(made.event)).not.toThrow();
    expect(made.event.data).toEqual({ introductionId: I, requesterId: ada, brokerIds: [bob], targetPersonId: dan, targetCompanyId: C, needId: N, madeAt: now });
    expect(made.event.subject).toBe(I);
    expect(made.topic).toBe('recommendations.introduction');
  });

  it('publishes nothing of a declined, withdrawn, cancelled or expired introduction', () => {
    const declined = decideAll(introductionDecider, [request('n'), { type: 'DeclineIntroduction', data: { personId: bob, reason: 'SECRET REASON', now } }]);
    const withdrawn = decideAll(introductionDecider, [request('n'), { type: 'WithdrawIntroduction', data: { personId: ada, now } }]);
    const cancelled = decideAll(introductionDecider, [request('n'), { type: 'EraseParty', data: { personId: dan, now } }]);
    const expired = decideAll(introductionDecider, [request('n'), { type: 'ExpireIntroduction', data: { afterDays: 1, now: '2026-12-30T10:00:00.000Z' } }]);
    expect(publish([...declined, ...withdrawn, ...cancelled, ...expired]).every((m) => m === null)).toBe(true);
  });
});
